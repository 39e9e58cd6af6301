/**
 * Simpler versions of a body, for shrinking a failure to its smallest form (runner/explore/shrink.ts tries them):
 * collections cut to one item, to none and to their first half, optional members dropped, strings cut to either half,
 * to nothing and (when short) by one code point, numbers toward 0, booleans to false, enums to their first
 * value. Each candidate differs from the body in one place and serialises shorter than it; the caller keeps the
 * ones that still satisfy what it needs (the request schema, or the one rule an invalid case breaks).
 */
import { DESCEND, mapBody, REMOVE, sitesOf, type Site } from './strategies/body-walk.js';
import type { Shape } from './shape.js';

export interface ShrinkCandidateOptions {
  /** A prefix strings keep (the live run tag in display names): shrinking cuts what follows it. */
  keepPrefix?: string;
  /** A pointer whose value and ancestors are left alone (an invalid case's broken member). */
  protect?: string;
}

/** Strings cut one code point at a time only up to this length (longer ones are halved first). */
const ONE_BY_ONE = 16;

const size = (v: unknown): number => JSON.stringify(v)?.length ?? 0;

function replaceAt(body: unknown, shape: Shape, pointer: string, value: unknown): unknown {
  return mapBody(body, shape, (s) => (s.pointer === pointer ? value : DESCEND));
}

function stringCandidates(value: string, prefix: string): string[] {
  const head = value.startsWith(prefix) ? prefix : '';
  const rest = [...value.slice(head.length)];
  if (rest.length === 0) return [];
  const half = Math.ceil(rest.length / 2);
  // Halves first: on a tight budget they close in fastest; then nothing, then one code point less.
  const out = [head + rest.slice(0, half).join(''), head + rest.slice(half).join(''), head];
  if (rest.length <= ONE_BY_ONE) rest.forEach((_, i) => out.push(head + [...rest.slice(0, i), ...rest.slice(i + 1)].join('')));
  if (rest.some((c) => c !== 'a')) out.push(head + 'a'.repeat(Math.min(rest.length, 1)));
  return out;
}

function valueCandidates(site: Site, keepPrefix: string): unknown[] {
  const { value, shape } = site;
  const out: unknown[] = [];
  if (Array.isArray(value) && value.length > 0) {
    if (value.length > 1) out.push(value.slice(0, 1));
    out.push([]);
    if (value.length > 3) out.push(value.slice(0, Math.ceil(value.length / 2)));
  } else if (typeof value === 'string') {
    out.push(...stringCandidates(value, site.name === 'displayName' ? keepPrefix : ''));
    if (shape.kind === 'string' && shape.enum?.[0] !== undefined && shape.enum[0] !== value) out.push(shape.enum[0]);
  } else if (typeof value === 'number') {
    if (value !== 0) out.push(0);
    if (shape.kind === 'integer' || shape.kind === 'number') {
      if (shape.minimum !== null && value !== shape.minimum) out.push(shape.minimum);
      if (shape.enum?.[0] !== undefined && shape.enum[0] !== value) out.push(shape.enum[0]);
    }
    if (Math.abs(value) > 1) out.push(Math.trunc(value / 2));
  } else if (value === true) {
    out.push(false);
  }
  return out;
}

const touches = (pointer: string, protect: string | undefined): boolean =>
  protect !== undefined && (pointer === protect || protect.startsWith(`${pointer}/`) || pointer.startsWith(`${protect}/`));

/** Simpler bodies, most promising first (cutting collections, then dropping members, then shortening values), lazily. */
export function* shrinkCandidates(body: unknown, shape: Shape, options: ShrinkCandidateOptions = {}): Generator<unknown> {
  const sites = sitesOf(body, shape).filter((s) => s.pointer !== '' && !touches(s.pointer, options.protect));
  const before = size(body);
  const emit = function* (candidate: unknown): Generator<unknown> {
    if (size(candidate) < before) yield candidate;
  };
  for (const s of sites)
    if (Array.isArray(s.value))
      for (const v of valueCandidates(s, options.keepPrefix ?? '')) yield* emit(replaceAt(body, shape, s.pointer, v));
  for (const s of sites) {
    if (s.name !== null && !s.required && s.name !== '@odata.type')
      yield* emit(mapBody(body, shape, (x) => (x.pointer === s.pointer ? REMOVE : DESCEND)));
  }
  for (const s of sites) {
    if (Array.isArray(s.value) || s.name === '@odata.type') continue;
    for (const v of valueCandidates(s, options.keepPrefix ?? '')) yield* emit(replaceAt(body, shape, s.pointer, v));
  }
}
