/**
 * What the contract says each property of a type is for, as the semantic checks (read_only_ignored, update_applied)
 * need it: readOnly (the server's to set), server-maintained (readOnly and "Updated service side": it may change on
 * any update), computed (a count of another property), writeOnly (never readable). And how a value the client sent
 * is compared with a value read back: timestamps as instants, objects as "every property sent is there with that
 * value" (a service may fill in defaults the client left out, such as a target's filter type), the rest exactly.
 */
import { typeProperties } from '../generators/contracts/schema-walk.js';
import { isAnnotation, isObject, typeNameFromODataType, type Schemas } from './body-walk.js';
import { compareInstants } from './instants.js';
import type { CheckContext } from './types.js';

type Schema = Record<string, unknown>;

export interface PropertyRole {
  name: string;
  schema: Schema;
  readOnly: boolean;
  writeOnly: boolean;
  /** readOnly and documented as updated by the service ("Updated service side"), e.g. modifiedDateTime. */
  serverMaintained: boolean;
  /** For a computed count (`$comment: "computed: count of X"`): X. */
  countOf: string | null;
}

const COMPUTED_COUNT = /^computed:\s*count of\s+([A-Za-z_][A-Za-z0-9_]*)/i;
const UPDATED_BY_SERVICE = /updated service side/i;
/** Timestamps Graph maintains on every update even where a doc forgets to say so. */
const MODIFIED_NAMES = new Set(['modifiedDateTime', 'lastModifiedDateTime']);

/** The documented properties of a Graph type with their roles. */
export function propertyRoles(ctx: CheckContext, typeName: string): PropertyRole[] {
  return Object.entries(typeProperties(ctx.contracts.schemas as Schemas, typeName)).map(([name, schema]) => {
    const comment = typeof schema.$comment === 'string' ? schema.$comment : '';
    const readOnly = schema.readOnly === true;
    return {
      name,
      schema,
      readOnly,
      writeOnly: schema.writeOnly === true,
      serverMaintained: readOnly && (UPDATED_BY_SERVICE.test(comment) || MODIFIED_NAMES.has(name)),
      countOf: COMPUTED_COUNT.exec(comment)?.[1] ?? null,
    };
  });
}

/** The JSON a value shows, for messages (short). */
export function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Whether a value read back shows what the client sent: timestamps as the same instant, arrays item by item,
 * objects when every (non-annotation) property sent is present with a matching value, anything else exactly.
 */
export function shows(read: unknown, sent: unknown): boolean {
  const instants = compareInstants(read, sent);
  if (instants !== null) return instants === 0;
  if (Array.isArray(sent)) return Array.isArray(read) && read.length === sent.length && sent.every((s, i) => shows(read[i], s));
  if (isObject(sent)) {
    if (!isObject(read)) return false;
    return Object.entries(sent).every(([k, v]) => {
      if (k === '@odata.type') return typeNameFromODataType(read[k]) === typeNameFromODataType(v);
      return isAnnotation(k) || shows(read[k], v);
    });
  }
  return read === sent;
}

/** Two reads of one property hold the same value (timestamps as instants, the rest as canonical JSON). */
export function sameRead(a: unknown, b: unknown): boolean {
  const instants = compareInstants(a, b);
  if (instants !== null) return instants === 0;
  return shows(a, b) && shows(b, a);
}
