/**
 * Reads the claims of an access token without verifying it: the suite only needs to know what the token says about
 * itself (tenant, roles or scopes, expiry). An opaque token (not a JWT) gives null: unknown, so nothing is skipped.
 */
export interface TokenClaims {
  /** Tenant id. */
  tid?: string;
  /** Application permissions (app-only tokens). */
  roles?: string[];
  /** Delegated permissions, space separated. */
  scp?: string;
  /** Expiry, seconds since epoch. */
  exp?: number;
  appid?: string;
  azp?: string;
  aud?: string;
  [claim: string]: unknown;
}

export function decodeJwtClaims(token: string): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const json: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return json && typeof json === 'object' && !Array.isArray(json) ? (json as TokenClaims) : null;
  } catch {
    return null;
  }
}

/** The bearer token of an Authorization header value, or null. */
export function bearerOf(authorization: string | null | undefined): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  return m?.[1] ?? null;
}
