/**
 * Server-driven paging tokens: opaque to clients, tied to the query they continue. A token carries the offset of the
 * next page and is signed (HMAC-SHA256, a key made per pipeline) over that offset and the query options the nextLink
 * repeats, so a token edited by hand, made up, or sent with other options is refused with a 400 rather than read.
 */
import { createHmac, randomBytes } from 'node:crypto';

export class SkipTokens {
  private readonly key = randomBytes(32);

  private sign(payload: string, scope: string): string {
    return createHmac('sha256', this.key).update(payload).update('\n').update(scope).digest('base64url').slice(0, 22);
  }

  /** A token for the page starting at `offset` of the query `scope` (its options, canonical). */
  issue(offset: number, scope: string): string {
    const payload = Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
    return `${payload}.${this.sign(payload, scope)}`;
  }

  /** The offset a token names, or null when it is not one this server issued for `scope`. */
  read(token: string, scope: string): number | null {
    const m = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{22})$/.exec(token);
    if (!m || this.sign(m[1] as string, scope) !== m[2]) return null;
    try {
      const o = (JSON.parse(Buffer.from(m[1] as string, 'base64url').toString('utf8')) as { o?: unknown }).o;
      return typeof o === 'number' && Number.isInteger(o) && o >= 0 ? o : null;
    } catch {
      return null;
    }
  }
}
