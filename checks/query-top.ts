/** query_top: a list answer to `$top=N` holds at most N items. */
import { pageItems, queryOf, successBody } from './odata-request.js';
import type { Check } from './types.js';

export const queryTop: Check = {
  name: 'query_top',
  description: 'a list answer to $top=N holds at most N items',
  run(exchange, op, ctx) {
    if (op.kind !== 'list' || !successBody(exchange)) return [];
    const raw = queryOf(exchange, ctx).get('$top');
    if (raw === undefined || !/^[0-9]+$/.test(raw.trim())) return [];
    const top = Number(raw);
    const n = pageItems(exchange).length;
    if (n <= top) return [];
    return [
      {
        pointer: '/value',
        expected: `at most ${top} items`,
        observed: `${n} items`,
        message: `$top=${top} was sent, but the page holds ${n} items`,
        stableKey: 'over-top',
      },
    ];
  },
};
