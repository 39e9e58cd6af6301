/**
 * paging_complete: server-driven paging by @odata.nextLink delivers every item once. On each page of a walk: the
 * nextLink is an absolute URL on the same host and path as the request (a client follows it with its token, so it
 * must not lead elsewhere); no item id repeats one already delivered (on this page or an earlier one); and on the
 * last page, when the walk's first page gave @odata.count and no $skip was sent, the walk delivered that many items.
 */
import { PAGE_STEP, pageItems, priorPages, queryOf, successBody } from './odata-request.js';
import type { Check, FindingDraft } from './types.js';

function sameTarget(link: string, request: string): 'ok' | 'not-a-url' | 'other-host' | 'other-path' {
  let next: URL;
  let sent: URL;
  try {
    next = new URL(link);
    sent = new URL(request);
  } catch {
    return 'not-a-url';
  }
  if (next.protocol !== sent.protocol || next.host.toLowerCase() !== sent.host.toLowerCase()) return 'other-host';
  return next.pathname.toLowerCase() === sent.pathname.toLowerCase() ? 'ok' : 'other-path';
}

export const pagingComplete: Check = {
  name: 'paging_complete',
  description: 'paging by @odata.nextLink stays on the same host and path and delivers every item once (no repeat, no loss)',
  run(exchange, op, ctx) {
    if (op.kind !== 'list') return [];
    const body = successBody(exchange);
    if (!body) return [];
    const drafts: FindingDraft[] = [];
    const link = body['@odata.nextLink'];
    if (link !== undefined) {
      const verdict = typeof link === 'string' ? sameTarget(link, exchange.request.url) : 'not-a-url';
      if (verdict !== 'ok') {
        drafts.push({
          pointer: '/@odata.nextLink',
          expected: 'an absolute URL on the host and path of the request',
          observed: verdict,
          message: `@odata.nextLink ${verdict === 'not-a-url' ? 'is not an absolute URL' : `leads to ${verdict === 'other-host' ? 'another host' : 'another path'}`} than the request's: ${String(link).slice(0, 200)}`,
          stableKey: `next-link:${verdict}`,
        });
      }
    }
    // Repeats and losses are judged on the pages of a walk (step `page`); the nextLink of any list answer above.
    if (exchange.step !== PAGE_STEP) return drafts;
    const earlier = priorPages(exchange, ctx);
    const delivered = new Set<string>();
    // Items without an id (a $select that left it out) cannot be told apart: they are counted, not compared.
    let anonymous = 0;
    for (const p of earlier) {
      for (const item of pageItems(p)) {
        if (typeof item.id === 'string') delivered.add(item.id.toLowerCase());
        else anonymous++;
      }
    }
    pageItems(exchange).forEach((item, i) => {
      if (typeof item.id !== 'string') {
        anonymous++;
        return;
      }
      const id = item.id.toLowerCase();
      if (delivered.has(id)) {
        drafts.push({
          pointer: `/value/${i}/id`,
          expected: 'an item not delivered before in this walk',
          observed: 'repeated',
          message: `item ${item.id} was already delivered ${earlier.length > 0 ? 'on an earlier page' : 'on this page'} of the walk`,
          stableKey: 'duplicate',
        });
      }
      delivered.add(id);
    });
    const first = earlier[0] ?? exchange;
    const count = successBody(first)?.['@odata.count'];
    if (link === undefined && typeof count === 'number' && !queryOf(exchange, ctx).has('$skip') && delivered.size + anonymous < count) {
      drafts.push({
        pointer: '/value',
        expected: `${count} items over the walk (@odata.count of its first page)`,
        observed: `${delivered.size + anonymous} distinct items`,
        message: `the walk ended after ${earlier.length + 1} page(s) with ${delivered.size + anonymous} distinct items, but @odata.count said ${count}`,
        stableKey: 'lost',
      });
    }
    return drafts;
  },
};
