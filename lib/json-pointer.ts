/**
 * JSON pointers (RFC 6901) over plain JSON values: building them, reading, replacing and removing what they name.
 * One implementation for the extractor, the payload generators and the checks.
 */

/** One pointer token: `~` -> `~0`, `/` -> `~1`. */
export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `joinPointer('/value/0', 'id')` -> `/value/0/id`. */
export function joinPointer(pointer: string, token: string | number): string {
  return `${pointer}/${escapeToken(String(token))}`;
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`JSON pointer ${JSON.stringify(pointer)} must be '' or start with '/'`);
  return pointer.slice(1).split('/').map(unescapeToken);
}

/** True when `pointer` is `base` itself or lies below it. */
export function isWithin(pointer: string, base: string): boolean {
  return pointer === base || pointer.startsWith(`${base}/`);
}

/** The value at a pointer, or undefined when the path does not exist (own members only). `''` is the whole value. */
export function valueAt(document: unknown, pointer: string): unknown {
  let node: unknown = document;
  for (const token of splitPointer(pointer)) {
    if (Array.isArray(node)) {
      if (!/^\d+$/.test(token)) return undefined;
      node = node[Number(token)];
    } else if (node !== null && typeof node === 'object') {
      if (!Object.hasOwn(node, token)) return undefined;
      node = (node as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return node;
}

/** The parent container of what `pointer` names, and the last token; throws when the parent is missing. */
function parentOf(root: unknown, pointer: string): { parent: Record<string, unknown> | unknown[]; key: string } {
  const tokens = splitPointer(pointer);
  const key = tokens.pop();
  if (key === undefined) throw new Error('The root has no parent: replace the whole value instead');
  const parent = valueAt(root, tokens.map((t) => `/${escapeToken(t)}`).join(''));
  if (parent === null || typeof parent !== 'object') throw new Error(`No container for ${pointer}`);
  return { parent: parent as Record<string, unknown> | unknown[], key };
}

/** Sets the value `pointer` names (adding an object member when absent). Mutates `root`. */
export function setAt(root: unknown, pointer: string, value: unknown): void {
  const { parent, key } = parentOf(root, pointer);
  if (Array.isArray(parent)) parent[Number(key)] = value;
  // defineProperty: a member named `__proto__` becomes an own member, never the object's prototype.
  else Object.defineProperty(parent, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Removes the object member `pointer` names. Mutates `root`. */
export function removeAt(root: unknown, pointer: string): void {
  const { parent, key } = parentOf(root, pointer);
  if (Array.isArray(parent)) throw new Error(`removeAt: ${pointer} names an array item; only object members are removed`);
  delete parent[key];
}
