/**
 * A token the service calls invalid mid-run (it expired early, the clock is off) is renewed once: on a 401 to a
 * request that carried a token, the cached token is dropped, a fresh one asked for, and the request sent again with
 * it if it differs. Requests sent without a token (the no-token cases) keep their 401.
 */
import { bearerOf } from './jwt.js';
import type { CachingTokenSource } from './token-source.js';
import { headerOf, withHeader, type TransportLayer } from './transport-types.js';

export function renewingAuth(tokens: Pick<CachingTokenSource, 'get' | 'invalidate'>): TransportLayer {
  return (next) => async (url, init, meta) => {
    const res = await next(url, init, meta);
    const sent = bearerOf(headerOf(init, 'authorization'));
    if (res.status !== 401 || !sent) return res;
    tokens.invalidate();
    let fresh: string;
    try {
      fresh = await tokens.get();
    } catch {
      return res; // the 401 stands; the next request reports why no token could be had
    }
    if (fresh === sent) return res;
    await res.body?.cancel().catch(() => {});
    return next(url, withHeader(init, 'authorization', `Bearer ${fresh}`), meta);
  };
}
