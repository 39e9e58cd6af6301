/**
 * What the query checks read from an exchange: the OData system query options the request sent, the earlier pages of
 * the same paging walk (ctx.prior entries with step `page` of the same operation), and the top-level objects of the
 * answer (the body of a get, the items of a list).
 */
import { isObject } from './body-walk.js';
import { isSuccess } from './response-body.js';
import type { CheckContext, Exchange } from './types.js';

/** Step name of every request of a paging walk (the first page and each @odata.nextLink followed). */
export const PAGE_STEP = 'page';

/** The `$`-options of a request URL, names lower-cased; null when the URL cannot be read. */
export function optionsOf(url: string): Map<string, string> | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const out = new Map<string, string>();
  for (const [name, value] of parsed.searchParams)
    if (name.startsWith('$') && !out.has(name.toLowerCase())) out.set(name.toLowerCase(), value);
  return out;
}

/** Earlier pages of this exchange's walk, oldest first (empty for a first page or a lone request). */
export function priorPages(exchange: Exchange, ctx: CheckContext): Exchange[] {
  if (exchange.step !== PAGE_STEP) return [];
  return ctx.prior.filter((e) => e.step === PAGE_STEP && e.operation === exchange.operation);
}

/**
 * The options in force for this exchange: those of the walk's first request, then this request's own. A nextLink
 * normally repeats the options; where it does not, the walk still asked for them.
 */
export function queryOf(exchange: Exchange, ctx: CheckContext): Map<string, string> {
  const first = priorPages(exchange, ctx)[0];
  const merged = new Map(first ? (optionsOf(first.request.url) ?? []) : []);
  for (const [k, v] of optionsOf(exchange.request.url) ?? []) merged.set(k, v);
  return merged;
}

/** A successful JSON object body, or null. */
export function successBody(exchange: Exchange): Record<string, unknown> | null {
  if (!isSuccess(exchange.response.status) || !isObject(exchange.response.body)) return null;
  return exchange.response.body;
}

/** The top-level objects of an answer with their pointers: the items of `value`, or the body itself. */
export function topObjects(exchange: Exchange): { pointer: string; value: Record<string, unknown> }[] {
  const body = successBody(exchange);
  if (!body) return [];
  if (!Array.isArray(body.value)) return [{ pointer: '', value: body }];
  return body.value.flatMap((v, i) => (isObject(v) ? [{ pointer: `/value/${i}`, value: v }] : []));
}

/** The items of a collection answer (empty when the answer is not one). */
export function pageItems(exchange: Exchange): Record<string, unknown>[] {
  const body = successBody(exchange);
  return body && Array.isArray(body.value) ? body.value.filter(isObject) : [];
}
