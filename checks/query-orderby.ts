/**
 * query_orderby: the items of a list answer to `$orderby=<property> [asc|desc]` come in that order, across the pages
 * of a walk (the earlier pages' items first). Strings may be ordered code unit by code unit or without regard to
 * letter case (services collate either way); the check fires only when the items are in neither order. Date-times
 * compare as instants, numbers as numbers; items without the property (deselected) are not judged. Only the first
 * clause is judged: ties under it may come in any order.
 */
import { pageItems, priorPages, queryOf } from './odata-request.js';
import type { Check } from './types.js';

const INSTANT = /^\d{4}-\d{2}-\d{2}T/;

type Compare = (a: unknown, b: unknown) => number;

function comparer(fold: boolean): Compare {
  return (a, b) => {
    if (a === b) return 0;
    if (a === null || a === undefined) return -1;
    if (b === null || b === undefined) return 1;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    if (typeof a === 'string' && typeof b === 'string' && INSTANT.test(a) && INSTANT.test(b)) return Date.parse(a) - Date.parse(b);
    const x = fold ? String(a).toLowerCase() : String(a);
    const y = fold ? String(b).toLowerCase() : String(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/** Index of the first item out of order, or -1. */
function firstOutOfOrder(values: unknown[], cmp: Compare, descending: boolean): number {
  for (let i = 1; i < values.length; i++) {
    const d = cmp(values[i - 1], values[i]);
    if (descending ? d < 0 : d > 0) return i;
  }
  return -1;
}

export const queryOrderby: Check = {
  name: 'query_orderby',
  description: 'the items of a list answer to $orderby come in that order (asc or desc), across the pages of a walk',
  run(exchange, op, ctx) {
    if (op.kind !== 'list') return [];
    const raw = queryOf(exchange, ctx).get('$orderby');
    const m = raw === undefined ? null : /^\s*([A-Za-z_]\w*)(?:\s+(asc|desc))?\s*(?:,|$)/i.exec(raw);
    if (!m) return [];
    const property = m[1] ?? '';
    const descending = m[2]?.toLowerCase() === 'desc';
    const earlier = priorPages(exchange, ctx).flatMap(pageItems);
    const own = pageItems(exchange);
    const judged = [...earlier, ...own].filter((i) => property in i);
    const values = judged.map((i) => i[property]);
    const ordinal = firstOutOfOrder(values, comparer(false), descending);
    if (ordinal < 0 || firstOutOfOrder(values, comparer(true), descending) < 0) return [];
    const at = judged[ordinal] as Record<string, unknown>;
    const index = own.indexOf(at);
    return [
      {
        pointer: index >= 0 ? `/value/${index}/${property}` : '/value',
        expected: `items ordered by ${property} ${descending ? 'desc' : 'asc'}`,
        observed: `${JSON.stringify(values[ordinal - 1])} before ${JSON.stringify(values[ordinal])}`,
        message: `$orderby=${raw} was sent, but ${JSON.stringify(values[ordinal - 1])} comes before ${JSON.stringify(values[ordinal])}`,
        stableKey: `out-of-order:${descending ? 'desc' : 'asc'}`,
      },
    ];
  },
};
