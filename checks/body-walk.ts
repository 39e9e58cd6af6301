/**
 * Walks a response body along the contract's type schemas: which objects of which Graph type it holds (the body, the
 * items of a collection, nested complex values such as activation codes and assignment targets), and which of their
 * properties are undocumented or writeOnly. A polymorphic value (the assignment-target family, a `oneOf` of types) is
 * read as the variant its `@odata.type` names.
 *
 * Instance and property annotations (any name with `@`: `@odata.context`, `@odata.type`, `value@odata.nextLink`) are
 * protocol, never properties.
 */
import type { BodySpec } from '../contracts/model.js';
import { parseRef, typeProperties } from '../generators/contracts/schema-walk.js';
import { joinPointer } from '../lib/json-pointer.js';

type Schema = Record<string, unknown>;
export type Schemas = Map<string, Schema>;

export interface WalkedObject {
  pointer: string;
  /** The type read: the variant a family's `@odata.type` names, else the family itself. */
  type: string;
  value: Record<string, unknown>;
  /** Documented properties of `type` (own and inherited) with their schemas. */
  properties: Record<string, Schema>;
  /** The body itself, or an item of a collection body (not a nested value). */
  topLevel: boolean;
}

export interface WalkedProperty {
  /** Pointer to the property itself. */
  pointer: string;
  name: string;
  /** Type of the object holding it (`(collection)` for the `{ "value": [...] }` wrapper). */
  owner: string;
  value: unknown;
}

export interface Polymorph {
  pointer: string;
  family: string;
  variants: string[];
  /** The variant named by `@odata.type`, or null when it names none of them (or is absent). */
  variant: string | null;
}

export interface BodyWalk {
  objects: WalkedObject[];
  undocumented: WalkedProperty[];
  writeOnly: WalkedProperty[];
  polymorphs: Polymorph[];
}

export const COLLECTION_OWNER = '(collection)';

export const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export const isAnnotation = (name: string): boolean => name.includes('@');

/** The Graph type a schema refers to by `$ref` (directly or as the one `$ref` of an anyOf/oneOf/allOf). */
function refType(s: Schema): string | null {
  if (typeof s.$ref === 'string') {
    const ref = parseRef(s.$ref);
    return ref && ref.fragment === '' ? ref.type : null;
  }
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) {
    const parts = s[k];
    if (!Array.isArray(parts)) continue;
    const types = parts
      .filter(isObject)
      .map(refType)
      .filter((t): t is string => t !== null);
    if (types.length === 1) return types[0] ?? null;
  }
  return null;
}

/** For a family type (a `oneOf` of `$ref`s to types): its variants; else null. */
export function familyVariants(schemas: Schemas, typeName: string): string[] | null {
  const oneOf = schemas.get(typeName)?.oneOf;
  if (!Array.isArray(oneOf)) return null;
  const variants = oneOf
    .filter(isObject)
    .map(refType)
    .filter((t): t is string => t !== null);
  return variants.length > 0 ? variants : null;
}

/** `#microsoft.graph.groupAssignmentTarget` -> `groupAssignmentTarget`. */
export function typeNameFromODataType(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const name = value.replace(/^#/, '');
  return name.startsWith('microsoft.graph.') ? name.slice('microsoft.graph.'.length) : name;
}

function isObjectType(schemas: Schemas, typeName: string): boolean {
  const s = schemas.get(typeName);
  return s !== undefined && (s.type === 'object' || isObject(s.$defs) || Array.isArray(s.oneOf));
}

function walkObject(
  schemas: Schemas,
  typeName: string,
  value: Record<string, unknown>,
  pointer: string,
  topLevel: boolean,
  out: BodyWalk,
): void {
  let type = typeName;
  let properties: Record<string, Schema>;
  const variants = familyVariants(schemas, typeName);
  if (variants) {
    const named = typeNameFromODataType(value['@odata.type']);
    const variant = named !== null && variants.includes(named) ? named : null;
    out.polymorphs.push({ pointer, family: typeName, variants, variant });
    if (variant) {
      type = variant;
      properties = typeProperties(schemas, variant);
    } else {
      // Unknown variant: accept any variant's property here; response_schema reports the @odata.type itself.
      properties = Object.assign({}, ...variants.map((v) => typeProperties(schemas, v))) as Record<string, Schema>;
    }
  } else {
    properties = typeProperties(schemas, typeName);
  }
  out.objects.push({ pointer, type, value, properties, topLevel });

  for (const [name, v] of Object.entries(value)) {
    if (isAnnotation(name)) continue;
    const at = joinPointer(pointer, name);
    const schema = properties[name];
    if (!schema) {
      out.undocumented.push({ pointer: at, name, owner: type, value: v });
      continue;
    }
    if (schema.writeOnly === true) out.writeOnly.push({ pointer: at, name, owner: type, value: v });
    walkProperty(schemas, schema, v, at, out);
  }
}

function walkProperty(schemas: Schemas, schema: Schema, value: unknown, pointer: string, out: BodyWalk): void {
  const direct = refType(schema);
  if (direct !== null) {
    if (isObject(value) && isObjectType(schemas, direct)) walkObject(schemas, direct, value, pointer, false, out);
    return;
  }
  const items = isObject(schema.items) ? refType(schema.items) : null;
  if (items !== null && Array.isArray(value) && isObjectType(schemas, items)) {
    value.forEach((item, i) => {
      if (isObject(item)) walkObject(schemas, items, item, joinPointer(pointer, i), false, out);
    });
  }
}

/** Walks one value read as `typeName` (an object; anything else yields an empty walk). */
export function walkTyped(schemas: Schemas, typeName: string, value: unknown, pointer = '', topLevel = true): BodyWalk {
  const out: BodyWalk = { objects: [], undocumented: [], writeOnly: [], polymorphs: [] };
  if (isObject(value)) walkObject(schemas, typeName, value, pointer, topLevel, out);
  return out;
}

/**
 * Walks a response body as its BodySpec documents it: one object of `spec.type`, or a `{ "value": [...] }`
 * collection of them (the wrapper admits only `value` and annotations).
 */
export function walkBody(schemas: Schemas, spec: BodySpec, body: unknown): BodyWalk {
  if (!spec.collection) return walkTyped(schemas, spec.type, body);
  const out: BodyWalk = { objects: [], undocumented: [], writeOnly: [], polymorphs: [] };
  if (!isObject(body)) return out;
  for (const [name, v] of Object.entries(body)) {
    if (isAnnotation(name)) continue;
    if (name !== 'value') {
      out.undocumented.push({ pointer: joinPointer('', name), name, owner: COLLECTION_OWNER, value: v });
      continue;
    }
    if (!Array.isArray(v)) continue;
    v.forEach((item, i) => {
      if (isObject(item)) walkObject(schemas, spec.type, item, joinPointer('/value', i), true, out);
    });
  }
  return out;
}
