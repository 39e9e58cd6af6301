/**
 * Reads the project's doc-derived JSON Schemas (2020-12, one per Graph type, `$id` = schemaId(type)) the way the
 * metadata check needs: a type's properties including those reached through `allOf` / `$ref` (also into another
 * schema's `$defs`), and each property's JSON type reduced to a small comparable shape.
 */
import { SCHEMA_BASE } from '../../contracts/model.js';

export type JsonSchemaObject = Record<string, unknown>;

export type ShapeKind = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'ref' | 'union' | 'any';

/** What a subschema says a value is. */
export interface DocShape {
  kind: ShapeKind;
  /** JSON Schema format (`date-time`, ...) for strings. */
  format?: string;
  /** Graph type name of a `$ref`. */
  ref?: string;
  /** Items of an array. */
  items?: DocShape;
  /** Alternatives of a union (`type: [a, b]`, `anyOf`/`oneOf` with more than one non-null branch). */
  branches?: DocShape[];
  /** Inline `enum` values. */
  enum?: unknown[];
  /** The schema admits null. */
  nullable: boolean;
}

export function isRecord(v: unknown): v is JsonSchemaObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Resolves `$ref`s among the doc schemas (by `$id`, or by the schemaId naming). */
export class SchemaSet {
  private readonly byId = new Map<string, JsonSchemaObject>();

  constructor(readonly schemas: Map<string, JsonSchemaObject>) {
    for (const [name, s] of schemas) {
      this.byId.set(typeof s.$id === 'string' ? s.$id : `${SCHEMA_BASE}${name}.schema.json`, s);
    }
  }

  /** Graph type name a `$ref` points to (`…/schemas/x.schema.json#/$defs/base` -> `x`), or null. */
  static typeNameOf(ref: string): string | null {
    const base = ref.split('#')[0] ?? '';
    const m = /([^/]+)\.schema\.json$/.exec(base);
    return m?.[1] ?? null;
  }

  /** The subschema a `$ref` points to; `from` resolves fragment-only refs. */
  resolve(ref: string, from: JsonSchemaObject): JsonSchemaObject | null {
    const hash = ref.indexOf('#');
    const base = hash === -1 ? ref : ref.slice(0, hash);
    const fragment = hash === -1 ? '' : ref.slice(hash + 1);
    let doc: JsonSchemaObject | undefined = from;
    if (base) {
      doc = this.byId.get(base);
      const name = SchemaSet.typeNameOf(base);
      if (!doc && name !== null) doc = this.schemas.get(name);
    }
    if (!doc) return null;
    let node: unknown = doc;
    for (const raw of fragment.split('/').slice(1)) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      node = isRecord(node) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined;
    }
    return isRecord(node) ? node : null;
  }

  /**
   * Properties of an object schema: its own, then those of its `$ref` and `allOf` members (resolved), first one
   * found wins. Graph annotations (names with `@`, such as `@odata.type`) are left out.
   */
  propertiesOf(schema: JsonSchemaObject, root: JsonSchemaObject = schema): Map<string, JsonSchemaObject> {
    const out = new Map<string, JsonSchemaObject>();
    const seen = new Set<JsonSchemaObject>();
    const visit = (s: JsonSchemaObject, root: JsonSchemaObject): void => {
      if (seen.has(s)) return;
      seen.add(s);
      if (isRecord(s.properties)) {
        for (const [name, sub] of Object.entries(s.properties)) {
          if (!name.includes('@') && !out.has(name)) out.set(name, isRecord(sub) ? sub : {});
        }
      }
      const parts = [...(typeof s.$ref === 'string' ? [{ $ref: s.$ref }] : []), ...(Array.isArray(s.allOf) ? s.allOf : [])];
      for (const part of parts) {
        if (!isRecord(part)) continue;
        if (typeof part.$ref === 'string') {
          const target = this.resolve(part.$ref, root);
          const base = part.$ref.split('#')[0];
          const targetRoot = base ? (this.byId.get(base) ?? this.schemas.get(SchemaSet.typeNameOf(base) ?? '') ?? root) : root;
          if (target) visit(target, targetRoot);
        } else {
          visit(part, root);
        }
      }
    };
    visit(schema, root);
    return out;
  }

  /** Graph types whose schemas this one builds on through `allOf` / `$ref` (transitively), nearest first. */
  basesOf(schema: JsonSchemaObject): string[] {
    const out: string[] = [];
    const walk = (s: JsonSchemaObject, depth: number): void => {
      if (depth > 32) return;
      const parts = [...(typeof s.$ref === 'string' ? [{ $ref: s.$ref }] : []), ...(Array.isArray(s.allOf) ? s.allOf : [])];
      for (const part of parts) {
        if (!isRecord(part)) continue;
        if (typeof part.$ref !== 'string') {
          walk(part, depth + 1);
          continue;
        }
        const name = SchemaSet.typeNameOf(part.$ref);
        if (name === null || out.includes(name) || name === schema.title) continue;
        out.push(name);
        const target = this.resolve(part.$ref, s);
        if (target) walk(target, depth + 1);
      }
    };
    walk(schema, 0);
    return out;
  }

  /**
   * The members of a family schema (`oneOf`/`anyOf` of `$ref`s) that point into the family schema itself, e.g.
   * `{ "$ref": "#/$defs/base" }`: the family's own type admitted as a value. Resolved subschemas.
   */
  ownFamilyMembers(family: JsonSchemaObject): JsonSchemaObject[] {
    const members = Array.isArray(family.oneOf) ? family.oneOf : Array.isArray(family.anyOf) ? family.anyOf : [];
    const out: JsonSchemaObject[] = [];
    for (const m of members) {
      if (!isRecord(m) || typeof m.$ref !== 'string') continue;
      const base = m.$ref.split('#')[0] ?? '';
      const own = base === '' || base === family.$id || (typeof family.title === 'string' && SchemaSet.typeNameOf(base) === family.title);
      const target = own ? this.resolve(m.$ref, family) : null;
      if (target && target !== family) out.push(target);
    }
    return out;
  }
}

/** The shape of a property subschema. */
export function shapeOf(s: JsonSchemaObject): DocShape {
  if (typeof s.$ref === 'string') {
    return { kind: 'ref', ref: SchemaSet.typeNameOf(s.$ref) ?? s.$ref, nullable: allowsNullType(s) };
  }
  const alternatives = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : null;
  if (alternatives && s.type === undefined) {
    const isNull = (b: unknown): boolean => isRecord(b) && b.type === 'null';
    const rest = alternatives.filter((b) => !isNull(b)).map((b) => shapeOf(isRecord(b) ? b : {}));
    const nullable = alternatives.some(isNull) || rest.some((r) => r.nullable);
    if (rest.length === 1 && rest[0]) return { ...rest[0], nullable };
    return { kind: 'union', branches: rest, nullable };
  }
  if (Array.isArray(s.allOf) && s.type === undefined && s.allOf.length === 1 && isRecord(s.allOf[0])) {
    return shapeOf(s.allOf[0]);
  }
  const types = typeof s.type === 'string' ? [s.type] : Array.isArray(s.type) ? s.type.filter((t) => typeof t === 'string') : [];
  const enumValues = Array.isArray(s.enum) ? s.enum : undefined;
  const nullable = types.includes('null') || (enumValues?.includes(null) ?? false);
  const kinds = types.filter((t) => t !== 'null') as ShapeKind[];
  const one = (kind: ShapeKind): DocShape => {
    const shape: DocShape = { kind, nullable };
    if (kind === 'string' && typeof s.format === 'string') shape.format = s.format;
    if (kind === 'array') shape.items = shapeOf(isRecord(s.items) ? s.items : {});
    if (enumValues) shape.enum = enumValues.filter((v) => v !== null);
    return shape;
  };
  if (kinds.length === 0) {
    if (enumValues) return one('string');
    return { kind: 'any', nullable };
  }
  if (kinds.length === 1 && kinds[0]) return one(kinds[0]);
  return { kind: 'union', branches: kinds.map((k) => ({ ...one(k), nullable: false })), nullable };
}

function allowsNullType(s: JsonSchemaObject): boolean {
  return Array.isArray(s.type) && s.type.includes('null');
}

/** Short text for a shape, e.g. `string (date-time)`, `array of $ref x`, `integer or null`. */
export function describeShape(shape: DocShape): string {
  let text: string;
  switch (shape.kind) {
    case 'ref':
      text = `$ref ${shape.ref ?? '?'}`;
      break;
    case 'array':
      text = `array of ${shape.items ? describeShape(shape.items) : 'anything'}`;
      break;
    case 'union':
      text = (shape.branches ?? []).map(describeShape).join(' | ');
      break;
    case 'any':
      text = 'no type';
      break;
    default:
      text = shape.format ? `${shape.kind} (${shape.format})` : shape.kind;
  }
  if (shape.enum) text += ` enum [${shape.enum.map((v) => JSON.stringify(v)).join(', ')}]`;
  return shape.nullable ? `${text} or null` : text;
}
