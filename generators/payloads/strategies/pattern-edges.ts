/**
 * Values at the edges of the documented patterns, by property name: the shortest and longest ICCID, an empty or
 * all-dash matching identifier (the CSDL's `^[a-zA-Z0-9\-]*$` admits both), SM-DP+ hosts with one label, many labels,
 * upper case, 63-character labels. Reserved names only (`*.example`, `*.example.com`, `*.test`). Each is checked
 * against the schema where it is used; one that no longer fits is left out, never sent as "valid".
 */
import { withLuhn } from '../identifiers.js';

export const PATTERN_EDGES: Readonly<Record<string, readonly string[]>> = {
  integratedCircuitCardIdentifier: [
    withLuhn('890126000000000000'),
    withLuhn('8901260000000000000'),
    '0000000000000000000',
    '99999999999999999999',
  ],
  matchingIdentifier: ['', '-', 'A', '---', 'z'.repeat(255), 'Ab-9-'],
  smdpPlusServerAddress: [
    'a.example',
    'SMDP.EXAMPLE.COM',
    'x-1.y-2-z.example.com',
    `${'a'.repeat(63)}.example.com`,
    'a.b.c.d.e.f.g.h.example.com',
    'rsp.test',
  ],
};

/** ASCII letters and digits as their fullwidth forms (`A` -> `Ａ`, `9` -> `９`): look alike, match no ASCII class. */
export function fullwidth(s: string): string {
  return s.replace(/[A-Za-z0-9]/g, (c) => String.fromCodePoint((c.codePointAt(0) as number) + 0xfee0));
}
