/**
 * Layers that remember what a request did: every object a create made goes into the journal the moment the answer
 * arrives (and every delete that succeeded, or found it gone), and every activation code a body carries is
 * registered as a secret before it is sent.
 */
import type { Journal } from './journal.js';
import { registerActivationCodes } from './secrets.js';
import { jsonBodyOf, type OperationLookup, type TransportLayer } from './transport-types.js';

/** The path of `url` below the version root `baseUrl`, e.g. `/deviceManagement/x/1`. */
export function pathBelow(baseUrl: string, url: string): string {
  const root = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const path = new URL(url).pathname;
  return path.startsWith(`${root}/`) ? path.slice(root.length) : path;
}

export function journaling(opts: { journal: Journal; baseUrl: string; lookup: OperationLookup }): TransportLayer {
  return (next) => async (url, init, meta) => {
    const method = (init.method ?? meta.method).toUpperCase();
    const kind = opts.lookup(meta.operation)?.kind;
    // A create is journaled before it is sent and settled on the answer: one in flight when the run stops is found.
    const sentName = (jsonBodyOf(init) as { displayName?: unknown } | undefined)?.displayName;
    const attempt =
      method === 'POST' && kind === 'create'
        ? opts.journal.recordAttempt({
            path: pathBelow(opts.baseUrl, url),
            operation: meta.operation,
            ...(typeof sentName === 'string' ? { displayName: sentName } : {}),
          })
        : undefined;
    const res = await next(url, init, meta);
    let recorded = false;
    if (method === 'POST' && res.ok && (kind === 'create' || (kind === undefined && res.status === 201))) {
      let body: { id?: unknown; displayName?: unknown } | undefined;
      try {
        body = (await res.clone().json()) as typeof body;
      } catch {
        body = undefined;
      }
      if (typeof body?.id === 'string') {
        const displayName = typeof body.displayName === 'string' ? body.displayName : typeof sentName === 'string' ? sentName : undefined;
        opts.journal.recordCreated({
          path: `${pathBelow(opts.baseUrl, url)}/${encodeURIComponent(body.id)}`,
          id: body.id,
          operation: meta.operation,
          ...(displayName ? { displayName } : {}),
          ...(attempt ? { attempt } : {}),
        });
        recorded = true;
      }
    }
    // A definite answer that made nothing settles the attempt; a 5xx or 408 may have made one: cleanup looks for it.
    if (attempt && !recorded && res.status < 500 && res.status !== 408) opts.journal.settleAttempt(attempt);
    if (method === 'DELETE' && (res.ok || res.status === 404)) opts.journal.recordDeleted(pathBelow(opts.baseUrl, url));
    return res;
  };
}

export function registeringCodes(): TransportLayer {
  return (next) => (url, init, meta) => {
    registerActivationCodes(init.body);
    return next(url, init, meta);
  };
}
