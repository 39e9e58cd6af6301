/**
 * query_filter: every item of a list answer to a `$filter` matches it. The check judges the two forms Graph's
 * Intune collections are documented to take on strings, `<property> eq '<text>'` and
 * `startswith(<property>,'<text>')`, comparing without regard to letter case (a service may compare either way;
 * an item that does not match even so is wrong). Other expressions, and items without the property (a $select that
 * left it out), are not judged.
 */
import { joinPointer } from '../lib/json-pointer.js';
import { queryOf, topObjects } from './odata-request.js';
import type { Check, FindingDraft } from './types.js';

type Test = { property: string; holds: (v: string) => boolean };

const unquote = (s: string): string => s.replace(/''/g, "'").toLowerCase();

function readFilter(text: string): Test | null {
  const eq = /^\s*([A-Za-z_]\w*)\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(text);
  if (eq) {
    const want = unquote(eq[2] ?? '');
    return { property: eq[1] ?? '', holds: (v) => v.toLowerCase() === want };
  }
  const sw = /^\s*startswith\(\s*([A-Za-z_]\w*)\s*,\s*'((?:[^']|'')*)'\s*\)\s*$/i.exec(text);
  if (sw) {
    const prefix = unquote(sw[2] ?? '');
    return { property: sw[1] ?? '', holds: (v) => v.toLowerCase().startsWith(prefix) };
  }
  return null;
}

export const queryFilter: Check = {
  name: 'query_filter',
  description: 'every item of a list answer to $filter (eq or startswith on a string property) matches it',
  run(exchange, op, ctx) {
    if (op.kind !== 'list') return [];
    const text = queryOf(exchange, ctx).get('$filter');
    const test = text === undefined ? null : readFilter(text);
    if (!test) return [];
    const drafts: FindingDraft[] = [];
    for (const { pointer, value } of topObjects(exchange)) {
      if (!(test.property in value)) continue;
      const v = value[test.property];
      if (typeof v === 'string' && test.holds(v)) continue;
      drafts.push({
        pointer: joinPointer(pointer, test.property),
        expected: `a value matching $filter=${text}`,
        observed: v,
        message: `$filter=${text} was sent, but the item at ${pointer} has ${test.property} ${JSON.stringify(v)}`,
        stableKey: 'not-matching',
      });
    }
    return drafts;
  },
};
