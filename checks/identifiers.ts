/** GUIDs, and which object an exchange is about (its id), for checks that compare one object across exchanges. */
import type { Exchange } from './types.js';

/** A GUID's text, unanchored (checks/pointer.ts finds GUIDs inside pointers with it). */
export const GUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const GUID = new RegExp(`^${GUID_SOURCE}$`, 'i');

export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The last path segment of a request URL, decoded; OData key syntax `pools('x')` gives `x`. */
export function lastPathSegment(url: string): string | null {
  let path: string;
  try {
    path = new URL(url, 'http://relative.invalid').pathname;
  } catch {
    return null;
  }
  const last = path.split('/').filter(Boolean).pop();
  if (last === undefined) return null;
  let segment: string;
  try {
    segment = decodeURIComponent(last);
  } catch {
    segment = last;
  }
  const key = /\('([^']*)'\)$/.exec(segment);
  return key?.[1] ?? segment;
}

/**
 * The id of the one object an exchange's response is about: the `id` of its body, else (for requests addressed to an
 * object, like PATCH /pools/{id} answered 204) the last segment of the URL when `addressed` says the URL ends in an id.
 * Lower-cased: Graph ids are GUIDs, compared without case.
 */
export function objectIdOf(exchange: Exchange, addressed: boolean): string | null {
  const body = exchange.response.body;
  if (isObject(body) && typeof body.id === 'string') return body.id.toLowerCase();
  if (!addressed) return null;
  return lastPathSegment(exchange.request.url)?.toLowerCase() ?? null;
}
