/**
 * The token a live run sends: asked of an @azure/identity credential once, cached, and renewed before it expires
 * (at its refresh-after time, or a margin before expiry: five minutes, or half the lifetime of a short-lived token),
 * so a run longer than a token's lifetime keeps working. Concurrent callers share one request. Every token is
 * registered as a secret (never written anywhere).
 */
import type { AccessToken, TokenCredential } from '@azure/identity';
import { decodeJwtClaims, type TokenClaims } from './jwt.js';
import { registerSecret } from './secrets.js';

export interface TokenSourceOptions {
  /** Clock (ms since epoch); tests move it forward. */
  now?: () => number;
  /** Renew this long before expiry at most. Default 5 minutes. */
  renewBeforeMs?: number;
  /** Describes the credential in errors, e.g. `client secret (AZURE_CLIENT_SECRET)`. */
  label?: string;
}

export class TokenAcquisitionError extends Error {
  override name = 'TokenAcquisitionError';
}

export class CachingTokenSource {
  private current: { token: string; renewAt: number; expiresAt: number; claims: TokenClaims | null } | null = null;
  private pending: Promise<string> | null = null;
  private readonly now: () => number;
  private readonly renewBeforeMs: number;
  /** How many tokens were obtained (1 + renewals). */
  acquired = 0;

  constructor(
    private readonly credential: TokenCredential,
    readonly scope: string,
    private readonly opts: TokenSourceOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.renewBeforeMs = opts.renewBeforeMs ?? 5 * 60_000;
  }

  /** The TokenSource GraphClient takes. */
  readonly get = (): Promise<string> => {
    const cur = this.current;
    if (cur && this.now() < cur.renewAt) return Promise.resolve(cur.token);
    this.pending ??= this.acquire().finally(() => {
      this.pending = null;
    });
    return this.pending;
  };

  /**
   * Starts from a token obtained elsewhere (the run's preflight signed in once and handed it down): no sign-in until
   * it is due for renewal, then the credential as usual. Registered as a secret.
   */
  seed(token: string, expiresOnTimestamp: number): void {
    registerSecret(token);
    const now = this.now();
    const margin = Math.min(this.renewBeforeMs, Math.max(0, expiresOnTimestamp - now) / 2);
    this.current = { token, renewAt: expiresOnTimestamp - margin, expiresAt: expiresOnTimestamp, claims: decodeJwtClaims(token) };
  }

  /** When the current token expires (ms since epoch); null before the first get. */
  get expiresAt(): number | null {
    return this.current?.expiresAt ?? null;
  }

  /** Forget the cached token (the service called it expired or invalid); the next get asks the credential. */
  invalidate(): void {
    this.current = null;
  }

  /** Claims of the current token (null before the first get, or for an opaque token). */
  get claims(): TokenClaims | null {
    return this.current?.claims ?? null;
  }

  private async acquire(): Promise<string> {
    const acquiredAt = this.now();
    let result: AccessToken | null;
    try {
      result = await this.credential.getToken(this.scope);
    } catch (e) {
      throw new TokenAcquisitionError(
        `Could not get a token for ${this.scope} with ${this.opts.label ?? 'the configured credential'}: ${(e as Error).message}`,
        { cause: e },
      );
    }
    if (!result?.token) throw new TokenAcquisitionError(`${this.opts.label ?? 'The credential'} returned no token for ${this.scope}.`);
    registerSecret(result.token);
    const lifetime = Math.max(0, result.expiresOnTimestamp - acquiredAt);
    const margin = Math.min(this.renewBeforeMs, lifetime / 2);
    const renewAt = Math.min(result.expiresOnTimestamp - margin, result.refreshAfterTimestamp ?? Number.POSITIVE_INFINITY);
    this.current = { token: result.token, renewAt, expiresAt: result.expiresOnTimestamp, claims: decodeJwtClaims(result.token) };
    this.acquired++;
    return result.token;
  }
}

/**
 * A credential for a token given directly (GRAPH_ACCESS_TOKEN). It cannot be renewed: once its `exp` claim has
 * passed, getToken fails with what to do.
 */
export function staticTokenCredential(token: string, now: () => number = Date.now): TokenCredential {
  const exp = decodeJwtClaims(token)?.exp;
  const expiresOnTimestamp = typeof exp === 'number' ? exp * 1000 : now() + 365 * 24 * 3600_000;
  return {
    getToken: async () => {
      if (now() >= expiresOnTimestamp) {
        throw new TokenAcquisitionError(
          `GRAPH_ACCESS_TOKEN expired at ${new Date(expiresOnTimestamp).toISOString()} and a token given directly cannot be renewed. ` +
            `Get a fresh one, or let the suite sign in (GRAPH_AUTH=env|workload|managed|cli|devicecode) so it renews tokens itself.`,
        );
      }
      return { token, expiresOnTimestamp };
    },
  };
}
