/** JSON pointers (RFC 6901) over plain JSON values: building them, reading, replacing and removing what they name. */

export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function joinPointer(pointer: string, token: string | number): string {
  return `${pointer}/${escapeToken(String(token))}`;
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`JSON pointer ${JSON.stringify(pointer)} must be '' or start with '/'`);
  return pointer.slice(1).split('/').map(unescapeToken);
}

/** True when `path` is `pointer` itself or lies below it. */
export function isAtOrUnder(path: string, pointer: string): boolean {
  return path === pointer || path.startsWith(`${pointer}/`);
}

/** The parent container of what `pointer` names, and the last token; throws when the parent is missing. */
function parentOf(root: unknown, pointer: string): { parent: Record<string, unknown> | unknown[]; key: string } {
  const tokens = splitPointer(pointer);
  const key = tokens.pop();
  if (key === undefined) throw new Error('The root has no parent: replace the whole value instead');
  let node: unknown = root;
  for (const t of tokens) {
    if (node === null || typeof node !== 'object') throw new Error(`No value at ${pointer} (stopped at "${t}")`);
    node = (node as Record<string, unknown>)[t];
  }
  if (node === null || typeof node !== 'object') throw new Error(`No container for ${pointer}`);
  return { parent: node as Record<string, unknown> | unknown[], key };
}

export function getAt(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const t of splitPointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[t];
  }
  return node;
}

/** Sets the value `pointer` names (adding an object member when absent). Mutates `root`. */
export function setAt(root: unknown, pointer: string, value: unknown): void {
  const { parent, key } = parentOf(root, pointer);
  if (Array.isArray(parent)) parent[Number(key)] = value;
  else parent[key] = value;
}

/** Removes the object member `pointer` names. Mutates `root`. */
export function removeAt(root: unknown, pointer: string): void {
  const { parent, key } = parentOf(root, pointer);
  if (Array.isArray(parent)) throw new Error(`removeAt: ${pointer} names an array item; only object members are removed`);
  delete parent[key];
}
