/**
 * Member names that no Graph type documents but every JavaScript object answers to: `__proto__`, `constructor`,
 * `toString`, `hasOwnProperty`, ... (the names of Object.prototype). JSON.parse keeps them as plain own members, but
 * they slip past Ajv's `unevaluatedProperties` (its bookkeeping of evaluated names is a plain object, where these
 * names are always "present"), and a `__proto__` member copied with `out[name] = value` replaces the prototype of the
 * copy. contracts/load.ts reports them as unevaluated properties; the mock's store never copies them.
 */
import { joinPointer } from './json-pointer.js';

/** True for a member name Object.prototype answers to. */
export function isPrototypeKey(name: string): boolean {
  return Object.hasOwn(Object.prototype, name);
}

export interface PrototypeKey {
  /** JSON pointer of the object holding the member ('' for the top). */
  parent: string;
  key: string;
}

/**
 * Every member, at any depth, whose name is a prototype key, in document order. Walks at most `limit` values, so a
 * huge body costs a bounded amount of work.
 */
export function prototypeKeys(value: unknown, limit = 100_000): PrototypeKey[] {
  const found: PrototypeKey[] = [];
  const queue: { value: unknown; pointer: string }[] = [{ value, pointer: '' }];
  for (let i = 0; i < queue.length && i < limit; i++) {
    const { value: v, pointer } = queue[i] as { value: unknown; pointer: string };
    if (Array.isArray(v)) {
      v.forEach((item, n) => queue.push({ value: item, pointer: joinPointer(pointer, n) }));
    } else if (typeof v === 'object' && v !== null) {
      for (const key of Object.keys(v)) {
        if (isPrototypeKey(key)) found.push({ parent: pointer, key });
        else queue.push({ value: (v as Record<string, unknown>)[key], pointer: joinPointer(pointer, key) });
      }
    }
  }
  return found;
}
