/**
 * Reading the project's own type schemas: a type's properties including inherited ones, and `$ref` resolution by the
 * `$id` naming of contracts/model.ts.
 */
import { SCHEMA_BASE } from '../../contracts/model.js';
import { valueAt } from '../../lib/json-pointer.js';
import type { JsonSchema } from './graph-types.js';

/** `https://…/schemas/x.schema.json#/$defs/base` -> { type: 'x', fragment: '/$defs/base' } */
export function parseRef(ref: string): { type: string; fragment: string } | null {
  if (!ref.startsWith(SCHEMA_BASE)) return null;
  const [file, fragment = ''] = ref.slice(SCHEMA_BASE.length).split('#');
  if (!file?.endsWith('.schema.json')) return null;
  return { type: file.slice(0, -'.schema.json'.length), fragment };
}

export function resolvePointer(schema: JsonSchema, fragment: string): JsonSchema | null {
  const node = valueAt(schema, fragment);
  return node !== null && typeof node === 'object' ? (node as JsonSchema) : null;
}

/**
 * Every property of a type, own and inherited, with its subschema. Follows `$defs/base` and the `allOf` chain;
 * a family (abstract, `oneOf`) gives the base's properties.
 */
export function typeProperties(schemas: Map<string, JsonSchema>, typeName: string): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  const seen = new Set<string>();
  const visit = (node: JsonSchema | null | undefined, key: string): void => {
    if (!node || seen.has(key)) return;
    seen.add(key);
    for (const part of (node.allOf as JsonSchema[] | undefined) ?? []) {
      const ref = typeof part.$ref === 'string' ? parseRef(part.$ref) : null;
      if (ref) visit(resolvePointer(schemas.get(ref.type) ?? {}, ref.fragment), `${ref.type}#${ref.fragment}`);
    }
    for (const [name, s] of Object.entries((node.properties as Record<string, JsonSchema> | undefined) ?? {})) {
      if (!name.startsWith('@')) out[name] = s;
    }
  };
  const root = schemas.get(typeName);
  if (root) visit(resolvePointer(root, '/$defs/base'), `${typeName}#/$defs/base`);
  return out;
}

/** Every `$ref` in a schema tree. */
export function refsIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) refsIn(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}
