import { escapeToken } from '../../lib/json-pointer.js';

/** The first place two JSON values differ, as a JSON pointer, for messages that say exactly what is stale. */
export interface JsonDifference {
  pointer: string;
  committed: unknown;
  regenerated: unknown;
}

export function firstDifference(committed: unknown, regenerated: unknown, pointer = ''): JsonDifference | null {
  if (Object.is(committed, regenerated)) return null;
  const bothObjects =
    committed !== null &&
    regenerated !== null &&
    typeof committed === 'object' &&
    typeof regenerated === 'object' &&
    Array.isArray(committed) === Array.isArray(regenerated);
  if (!bothObjects) return { pointer: pointer || '/', committed, regenerated };
  const a = committed as Record<string, unknown>;
  const b = regenerated as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const k of keys) {
    if (!(k in a) || !(k in b)) return { pointer: `${pointer}/${escapeToken(k)}`, committed: a[k], regenerated: b[k] };
    const d = firstDifference(a[k], b[k], `${pointer}/${escapeToken(k)}`);
    if (d) return d;
  }
  // Same keys and values but another order: the text differs only in layout.
  return Object.keys(a).join() === Object.keys(b).join()
    ? null
    : { pointer: pointer || '/', committed: Object.keys(a), regenerated: Object.keys(b) };
}
