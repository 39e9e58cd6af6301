/**
 * Member names that no Graph type documents but every JavaScript object answers to: `__proto__`, `constructor`,
 * `toString`, `hasOwnProperty`, ... (the names of Object.prototype). JSON.parse keeps them as plain own members, but
 * they slip past Ajv's `unevaluatedProperties` (its bookkeeping of evaluated names is a plain object, where these
 * names are always "present"), and a `__proto__` member copied with `out[name] = value` replaces the prototype of the
 * copy. The mock refuses them as unknown properties (400, as Graph answers any undocumented member) before the schema
 * runs, and its store never copies them (entity-shape.ts).
 */

/** True for a member name Object.prototype answers to. */
export function isPrototypeKey(name: string): boolean {
  return Object.hasOwn(Object.prototype, name);
}

/**
 * The dotted path of the first member, at any depth, whose name is a prototype key (`activationCodes[0].__proto__`),
 * or null. Walks at most `limit` values so a huge body costs a bounded amount of work before the schema sees it.
 */
export function firstPrototypeKey(body: unknown, limit = 100_000): string | null {
  const stack: { value: unknown; path: string }[] = [{ value: body, path: '' }];
  let seen = 0;
  while (stack.length > 0 && seen < limit) {
    const { value, path } = stack.pop() as { value: unknown; path: string };
    seen++;
    if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: `${path}[${i}]` }));
    } else if (typeof value === 'object' && value !== null) {
      for (const name of Object.keys(value)) {
        const at = path === '' ? name : `${path}.${name}`;
        if (isPrototypeKey(name)) return at;
        stack.push({ value: (value as Record<string, unknown>)[name], path: at });
      }
    }
  }
  return null;
}
