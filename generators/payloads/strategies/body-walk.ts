/**
 * A body walked together with its shape: each member, array item and scalar with the shape that governs it, so a
 * strategy can replace exactly the values a JSON Schema keyword speaks about (every nullable property, every enum,
 * every free-text string, every collection) and leave the rest as generated.
 */
import type { ObjectShape, Shape } from '../shape.js';
import { odataTypeValue } from '../valid.js';

export interface Site {
  value: unknown;
  shape: Shape;
  /** The member name (null for an array item or the body itself). */
  name: string | null;
  /** JSON pointer of the value in the body. */
  pointer: string;
  /** Whether the enclosing object requires this member (true for items and the body). */
  required: boolean;
}

/** Returned by a visitor: walk into the value's members or items instead of replacing it. */
export const DESCEND = Symbol('descend');
/** Returned by a visitor: drop this member (only meaningful for object members). */
export const REMOVE = Symbol('remove');

export type Visitor = (site: Site) => unknown;

const esc = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** The variant of a union an object names with `@odata.type` (with or without `#`), or null. */
export function variantOf(shape: Shape, value: unknown): ObjectShape | null {
  if (shape.kind === 'object') return shape;
  if (shape.kind !== 'union' || typeof value !== 'object' || value === null) return null;
  const named = (value as Record<string, unknown>)['@odata.type'];
  return (
    shape.variants.find(
      (v) => v.typeName !== null && (named === odataTypeValue(v.typeName) || named === odataTypeValue(v.typeName).slice(1)),
    ) ?? null
  );
}

/** A copy of `value` with every site the visitor replaced (depth first; the visitor sees a site before its children). */
export function mapBody(
  value: unknown,
  shape: Shape,
  visit: Visitor,
  site: Omit<Site, 'value' | 'shape'> = { name: null, pointer: '', required: true },
): unknown {
  const out = visit({ ...site, value, shape });
  if (out !== DESCEND) return out;
  if (Array.isArray(value) && shape.kind === 'array') {
    return value.map((item, i) => mapBody(item, shape.items, visit, { name: null, pointer: `${site.pointer}/${i}`, required: true }));
  }
  const object = variantOf(shape, value);
  if (object && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const result: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(value)) {
      const prop = object.properties.find((p) => p.name === name);
      const mapped = prop
        ? mapBody(member, prop.shape, visit, { name, pointer: `${site.pointer}/${esc(name)}`, required: object.required.includes(name) })
        : member;
      // defineProperty: an own `__proto__` member (the prototype-keys strategy sends one) stays a member.
      if (mapped !== REMOVE) Object.defineProperty(result, name, { value: mapped, enumerable: true, writable: true, configurable: true });
    }
    return result;
  }
  return value;
}

/** Every site of a body, in walk order (for tests and for choosing what to change). */
export function sitesOf(value: unknown, shape: Shape): Site[] {
  const sites: Site[] = [];
  mapBody(value, shape, (s) => {
    sites.push(s);
    return DESCEND;
  });
  return sites;
}
