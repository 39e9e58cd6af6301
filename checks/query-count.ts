/**
 * query_count: a list answer to `$count=true` carries `@odata.count`, a non-negative integer no smaller than the
 * items seen so far in the walk, and the same on every page of it. (Whether the walk delivered that many items is
 * paging_complete's question.)
 */
import { pageItems, priorPages, queryOf, successBody } from './odata-request.js';
import type { Check, FindingDraft } from './types.js';

export const queryCount: Check = {
  name: 'query_count',
  description: 'a list answer to $count=true has @odata.count, an integer >= the items seen, the same on every page',
  run(exchange, op, ctx) {
    if (op.kind !== 'list') return [];
    const body = successBody(exchange);
    if (!body || queryOf(exchange, ctx).get('$count')?.trim().toLowerCase() !== 'true') return [];
    const count = body['@odata.count'];
    const finding = (expected: unknown, observed: unknown, message: string, stableKey: string): FindingDraft[] => [
      { pointer: '/@odata.count', expected, observed, message, stableKey },
    ];
    if (count === undefined) return finding('present', '(absent)', '$count=true was sent, but the answer has no @odata.count', 'absent');
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
      return finding(
        'a non-negative integer',
        count,
        `@odata.count is ${JSON.stringify(count)}, not a non-negative integer`,
        'not-integer',
      );
    }
    const earlier = priorPages(exchange, ctx);
    const seen = earlier.reduce((n, p) => n + pageItems(p).length, 0) + pageItems(exchange).length;
    if (count < seen) {
      return finding(
        `at least ${seen} (items seen)`,
        count,
        `@odata.count is ${count}, but the walk has shown ${seen} items`,
        'below-seen',
      );
    }
    const firstCount = earlier.length > 0 ? successBody(earlier[0] as typeof exchange)?.['@odata.count'] : undefined;
    if (typeof firstCount === 'number' && firstCount !== count) {
      return finding(firstCount, count, `@odata.count changed between pages of one walk (${firstCount} -> ${count})`, 'changed');
    }
    return [];
  },
};
