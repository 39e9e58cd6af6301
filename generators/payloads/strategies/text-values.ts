/**
 * Strings at the edges of what a schema allows: across Unicode (non-ASCII letters, combining marks, right-to-left
 * scripts, astral code points, zero-width characters, CJK), empty, whitespace-only and very long, each fitted to the
 * schema's minLength / maxLength (counted in code points, as JSON Schema counts them).
 */
import type { ScalarShape } from '../shape.js';

/** Text in many scripts and encodings' hard cases. Each sample is ordinary for someone. */
export const UNICODE_SAMPLES: readonly string[] = [
  'Pool Ünïcödé ñ façade',
  'e\u0301te\u0301 combine\u0301 a\u0308\u0323',
  'مجموعة شرائح \u200Fإلكترونية',
  'מאגר eSIM עברית',
  '𝒫𝑜𝑜𝑙 🚀📶 🇫🇷',
  'zero\u200Bwidth\u200Cjoin\u200D\uFEFFbom',
  '東京 eSIM プール 池',
  'Ελληνικά Пул Ōsaka',
  'tab\tand\nnewline',
  'ﬁ ligature Ⅻ ½ ™',
];

/** The length of a long string when the schema sets no maxLength. */
export const LONG_TEXT = 2048;

/** Code points, as JSON Schema's minLength / maxLength count them. */
export const codePoints = (s: string): number => [...s].length;

function repeatTo(unit: string, length: number): string {
  const chars = [...unit];
  return Array.from({ length }, (_, i) => chars[i % chars.length]).join('');
}

/** The edge strings for a string shape: empty, whitespace, one character, long, at minLength and at maxLength. */
export function edgeStrings(shape: ScalarShape): string[] {
  const min = shape.minLength ?? 0;
  const max = shape.maxLength;
  const candidates = ['', ' ', ' \t  ', 'x', repeatTo('Long text ', max ?? LONG_TEXT), repeatTo('é', Math.min(max ?? 300, 300))];
  if (min > 0) candidates.push(repeatTo('m', min));
  if (max !== null) candidates.push(repeatTo('M', max), repeatTo('😀', max));
  return [...new Set(candidates)].filter((s) => codePoints(s) >= min && (max === null || codePoints(s) <= max));
}

/** `prefix` + `text`, cut or padded (in code points) so the whole fits the shape's length limits. */
export function fitText(prefix: string, text: string, shape: ScalarShape): string {
  let s = prefix + text;
  const max = shape.maxLength;
  if (max !== null && codePoints(s) > max) s = [...s].slice(0, max).join('');
  const min = shape.minLength ?? 0;
  if (codePoints(s) < min) s += repeatTo('x', min - codePoints(s));
  return s;
}
