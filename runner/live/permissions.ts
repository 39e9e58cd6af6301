/**
 * Permission awareness: what the token holds (roles for application tokens, scp for delegated ones) against what an
 * operation's docs require (contracts' `permissions`). An operation the token cannot call is skipped with the reason,
 * not failed: a 403 there says nothing about the API.
 */
import type { OperationContract } from '../../contracts/model.js';
import type { TokenClaims } from './jwt.js';

export type TokenKind = 'application' | 'delegated';

export interface Granted {
  kind: TokenKind;
  permissions: string[];
}

/** What the claims grant, or null when they say neither roles nor scp (unknown: nothing is skipped). */
export function grantedBy(claims: TokenClaims | null): Granted | null {
  if (!claims) return null;
  if (typeof claims.scp === 'string' && claims.scp.trim()) return { kind: 'delegated', permissions: claims.scp.trim().split(/\s+/) };
  if (Array.isArray(claims.roles))
    return { kind: 'application', permissions: claims.roles.filter((r): r is string => typeof r === 'string') };
  return null;
}

/** `X.ReadWrite.All` holds everything `X.Read.All` allows; otherwise a permission satisfies only itself. */
function satisfies(held: string, required: string): boolean {
  const h = held.toLowerCase();
  const r = required.toLowerCase();
  return h === r || (r.includes('.read.') && h === r.replace('.read.', '.readwrite.'));
}

/**
 * Null when the token may call the operation (or when it cannot be told: opaque token, no roles/scp claim);
 * otherwise the reason to skip, naming what the token has and what the docs require.
 */
export function permissionGap(op: Pick<OperationContract, 'id' | 'permissions'>, claims: TokenClaims | null): string | null {
  const granted = grantedBy(claims);
  if (!granted) return null;
  const required = granted.kind === 'delegated' ? op.permissions.delegatedWork : op.permissions.application;
  const label = granted.kind === 'delegated' ? 'delegated (work or school account)' : 'application';
  const held = granted.permissions.length ? granted.permissions.join(', ') : 'none';
  if (required === null) {
    const other = granted.kind === 'delegated' ? op.permissions.application : op.permissions.delegatedWork;
    const hint = other
      ? ` Use a ${granted.kind === 'delegated' ? 'app-only token (client credentials)' : 'delegated token (GRAPH_AUTH=devicecode)'} with one of: ${other.join(', ')}.`
      : '';
    return `${op.id}: the docs say ${label} permissions are not supported; this token is ${granted.kind} (${held}).${hint}`;
  }
  if (required.length === 0) return null;
  if (granted.permissions.some((h) => required.some((r) => satisfies(h, r)))) return null;
  return `${op.id}: the token's ${granted.kind === 'delegated' ? 'scp' : 'roles'} (${held}) hold none of the ${label} permissions the docs require (one of: ${required.join(', ')}). Grant one and consent, or run with a token that has it.`;
}
