/**
 * JSON pointers (RFC 6901) as findings use them: built from property names, read back against a body, and
 * normalised for fingerprints so that array positions and GUIDs (which differ from run to run) drop out.
 */

/** One pointer segment: `~` -> `~0`, `/` -> `~1`. */
export function escapeSegment(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `joinPointer('/value/0', 'id')` -> `/value/0/id`. */
export function joinPointer(base: string, name: string | number): string {
  return `${base}/${typeof name === 'number' ? String(name) : escapeSegment(name)}`;
}

const GUID_ANYWHERE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * The pointer with array indexes as `*` and GUIDs as `{id}` (`/value/3/target` gives `/value/` + `*` + `/target`).
 * What a fingerprint hashes instead of the pointer itself.
 */
export function normalisePointer(pointer: string): string {
  return pointer
    .split('/')
    .map((segment, i) => (i > 0 && /^\d+$/.test(segment) ? '*' : segment.replace(GUID_ANYWHERE, '{id}')))
    .join('/');
}

/** The value at a pointer, or undefined when the path does not exist. `''` is the whole document. */
export function valueAt(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let node: unknown = document;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      if (!/^\d+$/.test(segment)) return undefined;
      node = node[Number(segment)];
    } else if (node !== null && typeof node === 'object') {
      if (!Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
      node = (node as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
  }
  return node;
}

/** Whether `pointer` is `base` itself or lies under it. */
export function isWithin(pointer: string, base: string): boolean {
  return pointer === base || pointer.startsWith(`${base}/`);
}
