/**
 * Layers that decline to send: read-only mode (only GETs leave the process), the write budget (at most N objects
 * created per run, counted across processes in the journal), and permissions (an operation the token's roles or
 * scopes do not cover). Each throws a LiveRefusal before anything is sent; tests turn it into a skip.
 */
import { LiveRefusal } from './errors.js';
import type { Journal } from './journal.js';
import { bearerOf, decodeJwtClaims } from './jwt.js';
import { permissionGap } from './permissions.js';
import type { LiveStats } from './stats.js';
import { headerOf, type OperationLookup, type TransportLayer } from './transport-types.js';

export function readOnlyGuard(stats: LiveStats): TransportLayer {
  return (next) => (url, init, meta) => {
    const method = (init.method ?? meta.method).toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      stats.refused.readOnly++;
      return Promise.reject(
        new LiveRefusal(
          'read-only',
          `read-only mode (GRAPH_READ_ONLY=1): ${meta.operation} would send ${method}, and only GET requests are sent. Unset GRAPH_READ_ONLY to run writes.`,
        ),
      );
    }
    return next(url, init, meta);
  };
}

/**
 * Caps the objects one run creates: each request of a `create` operation that carries a token takes one unit of
 * `budget` (one sent without a token cannot create anything), and gives it back when the service answers 4xx (it made
 * nothing: an invalid body, a missing parent). What counts is objects made and attempts that may have made one.
 */
export function writeBudgetGuard(opts: { budget: number; journal: Journal; lookup: OperationLookup; stats: LiveStats }): TransportLayer {
  return (next) => async (url, init, meta) => {
    if (opts.lookup(meta.operation)?.kind === 'create' && headerOf(init, 'authorization')) {
      const { allowed, position, reservation } = opts.journal.reserveCreate(opts.budget);
      if (!allowed) {
        opts.journal.releaseCreate(reservation);
        opts.stats.refused.writeBudget++;
        return Promise.reject(
          new LiveRefusal(
            'write-budget',
            `write budget spent: this run may create ${opts.budget} objects (GRAPH_WRITE_BUDGET) and ${meta.operation} would be number ${position}. Raise GRAPH_WRITE_BUDGET to create more.`,
          ),
        );
      }
      const res = await next(url, init, meta);
      if (res.status >= 400 && res.status < 500 && res.status !== 408) opts.journal.releaseCreate(reservation);
      return res;
    }
    return next(url, init, meta);
  };
}

/**
 * Declines operations the token cannot call, judged from the request's own bearer token. Requests without a token
 * (the no-token cases) and opaque tokens go through.
 */
export function permissionGuard(opts: { lookup: OperationLookup; stats: LiveStats }): TransportLayer {
  return (next) => (url, init, meta) => {
    const op = opts.lookup(meta.operation);
    const token = bearerOf(headerOf(init, 'authorization'));
    if (op && token) {
      const gap = permissionGap(op, decodeJwtClaims(token));
      if (gap) {
        opts.stats.refused.permission++;
        return Promise.reject(new LiveRefusal('permission', `missing permission: ${gap}`));
      }
    }
    return next(url, init, meta);
  };
}
