/**
 * Graph type expressions as the docs write them (`String`, `Int32`, `DateTimeOffset`, `embeddedSIMActivationCode
 * collection`, ...) turned into JSON Schema fragments.
 */
import { schemaId } from '../../contracts/model.js';

export type JsonSchema = Record<string, unknown>;

const INT32 = { type: 'integer', minimum: -2147483648, maximum: 2147483647 } as const;

/** Doc primitive -> schema. Keys are lower-cased. */
const PRIMITIVES: Record<string, JsonSchema> = {
  string: { type: 'string' },
  int32: { ...INT32 },
  int16: { type: 'integer', minimum: -32768, maximum: 32767 },
  int64: { type: 'integer' },
  byte: { type: 'integer', minimum: 0, maximum: 255 },
  boolean: { type: 'boolean' },
  double: { type: 'number' },
  single: { type: 'number' },
  decimal: { type: 'number' },
  datetimeoffset: { type: 'string', format: 'date-time' },
  date: { type: 'string', format: 'date' },
  timeofday: { type: 'string', format: 'time' },
  duration: { type: 'string', format: 'duration' },
  guid: { type: 'string', format: 'uuid' },
  binary: { type: 'string', contentEncoding: 'base64' },
};

export interface ParsedTypeExpression {
  /** `String`, `Int32`, or a Graph type name such as `embeddedSIMActivationCode`. */
  name: string;
  collection: boolean;
  primitive: boolean;
}

/** Parses `X`, `X collection`, `Collection(X)`, `microsoft.graph.X`. Returns null for text that is no type. */
export function parseTypeExpression(text: string): ParsedTypeExpression | null {
  let t = text.trim();
  let collection = false;
  const coll = /^Collection\((.+)\)$/i.exec(t);
  if (coll?.[1]) {
    t = coll[1];
    collection = true;
  } else if (/\s+collection$/i.test(t)) {
    t = t.replace(/\s+collection$/i, '');
    collection = true;
  }
  t = t.replace(/^(microsoft\.graph\.|graph\.|Edm\.)/, '');
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(t)) return null;
  return { name: t, collection, primitive: t.toLowerCase() in PRIMITIVES };
}

/** The schema of one value of a parsed type (items for collections are wrapped by the caller). */
export function schemaForTypeName(name: string): JsonSchema {
  const p = PRIMITIVES[name.toLowerCase()];
  return p ? { ...p } : { $ref: schemaId(name) };
}

export function schemaForExpression(expr: ParsedTypeExpression): JsonSchema {
  const item = schemaForTypeName(expr.name);
  return expr.collection ? { type: 'array', items: item } : item;
}

/** `createdDateTime` -> ['created', 'date', 'time'] */
export function camelWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
}

export function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
