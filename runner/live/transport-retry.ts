/**
 * Retries what the service asks to be retried: 429, 503 and 504, waiting as long as Retry-After says (seconds,
 * fractional seconds or an HTTP date), else exponential backoff with jitter; a failed connection or a timeout is
 * retried the same way for requests that are safe to repeat. Attempts are bounded.
 *
 * A POST is not safe to repeat: when one fails without telling whether it took effect (no answer, a timeout, a
 * 5xx), the collection is listed first and searched for the run-tagged displayName the POST sent (ignoring objects
 * the run already knows). Found: the object is answered as the create's result (status 201, header
 * `x-conformance-recovered: ambiguous-post`) and not sent again; for an answer that is not retried anyway (500,
 * 502), the found object is reported through onOrphan so cleanup deletes it and the 5xx stays the answer. Not found:
 * the POST is sent again (429/503/504, lost answers) or the 5xx is the answer. A POST without a run-tagged
 * displayName is never resent after an ambiguous failure.
 */
import { RUN_TAG_PREFIX } from './run-tag.js';
import type { LiveStats } from './stats.js';
import { addWait } from './stats.js';
import { backoffDelay, parseRetryAfter, type Timing } from './timing.js';
import { jsonBodyOf, type TransportLayer, type TransportMeta } from './transport-types.js';
import type { Transport } from '../graph-client.js';

export const RETRIED_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);

export interface RetryOptions {
  /** Attempts per request, first included. Default 5. */
  maxAttempts?: number;
  /** Backoff of the first retry; doubles each time. Default 1 s. */
  baseDelayMs?: number;
  /** Longest backoff. Default 30 s. */
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the 429/503 is the answer. Default 120 s. */
  maxRetryAfterMs?: number;
  /** Each attempt is abandoned after this long (an ambiguous failure for a POST). Default 60 s. */
  timeoutMs?: number;
  timing: Timing;
  stats: LiveStats;
  /** Ids of objects the run already recorded (the journal): a lookup never mistakes one for the lost create. */
  knownIds?: () => Set<string>;
  /** A POST answered 500/502 did create this object (found by the lookup): record it for cleanup. */
  onOrphan?: (made: { collectionUrl: string; object: Record<string, unknown>; operation: string }) => void;
}

type Attempt = { kind: 'response'; res: Response } | { kind: 'error'; error: Error };

const RECOVERED_HEADER = 'x-conformance-recovered';
const MAX_LOOKUP_PAGES = 20;

function taggedDisplayName(init: RequestInit): string | null {
  const name = (jsonBodyOf(init) as { displayName?: unknown } | undefined)?.displayName;
  return typeof name === 'string' && name.startsWith(RUN_TAG_PREFIX) ? name : null;
}

async function attempt(next: Transport, url: string, init: RequestInit, meta: TransportMeta, timeoutMs: number): Promise<Attempt> {
  const signal = init.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
  try {
    return { kind: 'response', res: await next(url, { ...init, signal }, meta) };
  } catch (e) {
    return { kind: 'error', error: e as Error };
  }
}

/** Lists the collection (following nextLink) for an object named `displayName` that the run does not know yet. */
async function lookUp(
  next: Transport,
  collectionUrl: string,
  init: RequestInit,
  meta: TransportMeta,
  displayName: string,
  known: Set<string>,
  timeoutMs: number,
): Promise<{ object: Record<string, unknown>; res: Response } | null | 'unknown'> {
  const headers = new Headers(init.headers);
  headers.delete('content-type');
  let url: string | null = collectionUrl;
  for (let page = 0; url && page < MAX_LOOKUP_PAGES; page++) {
    const got = await attempt(next, url, { method: 'GET', headers }, { operation: `${meta.operation}:lookup`, method: 'GET' }, timeoutMs);
    if (got.kind === 'error' || !got.res.ok) return 'unknown';
    let body: { value?: unknown; '@odata.nextLink'?: unknown };
    try {
      body = (await got.res.clone().json()) as typeof body;
    } catch {
      return 'unknown';
    }
    const items = Array.isArray(body.value) ? (body.value as Record<string, unknown>[]) : [];
    const hit = items.find((o) => o && o.displayName === displayName && typeof o.id === 'string' && !known.has(o.id));
    if (hit) return { object: hit, res: got.res };
    url = typeof body['@odata.nextLink'] === 'string' ? body['@odata.nextLink'] : null;
  }
  return null;
}

function recovered(object: Record<string, unknown>, from: Response): Response {
  const headers = new Headers({ 'content-type': 'application/json', [RECOVERED_HEADER]: 'ambiguous-post' });
  for (const name of ['request-id', 'client-request-id', 'date', 'x-ms-ags-diagnostic']) {
    const v = from.headers.get(name);
    if (v) headers.set(name, v);
  }
  return new Response(JSON.stringify(object), { status: 201, headers });
}

export function retrying(opts: RetryOptions): TransportLayer {
  const maxAttempts = opts.maxAttempts ?? 5;
  const base = opts.baseDelayMs ?? 1000;
  const maxDelay = opts.maxDelayMs ?? 30_000;
  const maxRetryAfter = opts.maxRetryAfterMs ?? 120_000;
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const { timing, stats } = opts;

  return (next) => async (url, init, meta) => {
    const method = (init.method ?? meta.method).toUpperCase();
    const isPost = method === 'POST';
    for (let n = 1; ; n++) {
      const got = await attempt(next, url, init, meta, timeoutMs);
      const status = got.kind === 'response' ? got.res.status : null;
      if (status !== null && RETRIED_STATUSES.has(status)) stats.throttledResponses++;
      const retryable = got.kind === 'error' || (status !== null && RETRIED_STATUSES.has(status));
      // 429 means the request was not processed; anything else that failed may have created the object.
      const ambiguous = isPost && (got.kind === 'error' || (status !== null && status >= 500));
      if (!retryable && !ambiguous) return (got as { res: Response }).res;

      // How long to wait before the next attempt (and before a lookup, which the service may throttle too).
      const retryAfter = got.kind === 'response' ? parseRetryAfter(got.res.headers.get('retry-after'), timing.now()) : null;
      const tooLong = retryAfter !== null && retryAfter > maxRetryAfter;
      const lastAttempt = n >= maxAttempts || tooLong;

      if (ambiguous) {
        stats.ambiguousPosts++;
        const name = taggedDisplayName(init);
        if (name === null) return finish(got); // cannot tell whether it was made: never resend
        if (retryAfter !== null && !tooLong) {
          addWait(stats, 'retryAfter', retryAfter);
          await timing.sleep(retryAfter);
        }
        const found = await lookUp(next, url, init, meta, name, opts.knownIds?.() ?? new Set(), timeoutMs);
        if (found === 'unknown') return finish(got);
        if (found) {
          stats.recoveredPosts++;
          if (retryable) return recovered(found.object, found.res);
          opts.onOrphan?.({ collectionUrl: url, object: found.object, operation: meta.operation });
          return finish(got);
        }
        if (!retryable || lastAttempt) return finish(got);
        await discard(got);
        stats.retries++;
        if (retryAfter === null) await wait('backoff', backoffDelay(n, base, maxDelay, timing.random));
        continue;
      }

      if (lastAttempt) return finish(got);
      await discard(got);
      stats.retries++;
      if (retryAfter !== null) await wait('retryAfter', retryAfter);
      else await wait('backoff', backoffDelay(n, base, maxDelay, timing.random));
    }

    async function wait(kind: 'retryAfter' | 'backoff', ms: number): Promise<void> {
      addWait(stats, kind, ms);
      await timing.sleep(ms);
    }
  };
}

/** Frees the connection of an answer that is not passed on. */
async function discard(got: Attempt): Promise<void> {
  if (got.kind === 'response') await got.res.body?.cancel().catch(() => {});
}

function finish(got: Attempt): Response {
  if (got.kind === 'error') throw got.error;
  return got.res;
}
