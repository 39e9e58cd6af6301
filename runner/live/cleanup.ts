/**
 * Deleting what a run made, from its journal: at the end of a worker (its own objects), at the end of the run (the
 * whole run's), and when the process is interrupted (SIGINT, SIGTERM). Children before parents; a child whose
 * parent is deleted too is left to the parent's delete. 404 counts as gone.
 */
import { randomUUID } from 'node:crypto';
import type { Transport } from '../graph-client.js';
import type { Journal, JournalEntry } from './journal.js';
import type { OperationContract } from '../../contracts/model.js';

/** Sends one request below the version root through the live transport, with a token and a fresh client-request-id. */
export type RawSend = (method: string, path: string, operation: string) => Promise<Response>;

export function rawSender(baseUrl: string, transport: Transport, token: () => Promise<string>): RawSend {
  const root = baseUrl.replace(/\/+$/, '');
  return async (method, path, operation) => {
    const url = /^https?:\/\//.test(path) ? path : `${root}${path}`;
    const headers = { accept: 'application/json', 'client-request-id': randomUUID(), authorization: `Bearer ${await token()}` };
    return transport(url, { method, headers }, { operation, method });
  };
}

/** The operation of `kind` whose path template matches a concrete path, e.g. the delete of `/a/123`. */
export function operationForPath(
  operations: readonly OperationContract[],
  kind: OperationContract['kind'],
  path: string,
): OperationContract | null {
  const clean = path.split('?')[0] ?? path;
  return (
    operations.find((o) => {
      if (o.kind !== kind) return false;
      const re = new RegExp(`^${o.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
      return re.test(clean);
    }) ?? null
  );
}

export interface CleanupResult {
  deleted: string[];
  left: { path: string; status: number; reason: string }[];
}

export async function cleanupFromJournal(opts: {
  journal: Journal;
  send: RawSend;
  operations: readonly OperationContract[];
  pid?: number;
}): Promise<CleanupResult> {
  const result: CleanupResult = { deleted: [], left: [] };
  await findAttempted(opts, result);
  const pending = opts.journal.pending(opts.pid === undefined ? {} : { pid: opts.pid });
  const paths = [...new Set(pending.map((e: JournalEntry) => e.path as string))];
  const depth = (p: string): number => p.split('/').length;
  for (const path of paths.sort((a, b) => depth(b) - depth(a))) {
    if (paths.some((p) => p !== path && path.startsWith(`${p}/`))) continue; // its parent's delete takes it
    const op = operationForPath(opts.operations, 'delete', path);
    if (!op) {
      result.left.push({ path, status: 0, reason: 'no documented delete operation for this path' });
      continue;
    }
    try {
      const res = await opts.send('DELETE', path, op.id);
      await res.body?.cancel().catch(() => {});
      if (res.ok || res.status === 404) result.deleted.push(path);
      else result.left.push({ path, status: res.status, reason: `DELETE answered ${res.status}` });
    } catch (e) {
      result.left.push({ path, status: 0, reason: (e as Error).message });
    }
  }
  return result;
}

/** Pages of a collection read when looking for an attempt's object (a bound: lists are paged). */
const MAX_LIST_PAGES = 20;

/**
 * Creates that were in flight when the process stopped (journaled, never answered): their object may exist. Each is
 * looked for in its collection by the run-tagged displayName it was sent with; what is found is journaled as
 * created (so the deletes below take it) and the attempt settled. An attempt without a name cannot be matched and is
 * reported as left.
 */
async function findAttempted(
  opts: { journal: Journal; send: RawSend; operations: readonly OperationContract[]; pid?: number },
  result: CleanupResult,
): Promise<void> {
  for (const a of opts.journal.unsettledAttempts(opts.pid === undefined ? {} : { pid: opts.pid })) {
    const collection = a.path as string;
    const list = operationForPath(opts.operations, 'list', collection);
    if (!a.displayName || !list) {
      result.left.push({ path: collection, status: 0, reason: 'a create was in flight and cannot be looked up (no name or no list)' });
      opts.journal.settleAttempt(a.attempt as string);
      continue;
    }
    try {
      let url: string | undefined = collection;
      for (let page = 0; url && page < MAX_LIST_PAGES; page++) {
        const res = await opts.send('GET', url, list.id);
        if (!res.ok) throw new Error(`listing ${collection} answered ${res.status}`);
        const body = (await res.json()) as { value?: { id?: unknown; displayName?: unknown }[]; '@odata.nextLink'?: unknown };
        for (const item of body.value ?? []) {
          if (item.displayName === a.displayName && typeof item.id === 'string')
            opts.journal.recordCreated({
              path: `${collection}/${encodeURIComponent(item.id)}`,
              id: item.id,
              displayName: a.displayName,
              attempt: a.attempt as string,
            });
        }
        url = typeof body['@odata.nextLink'] === 'string' ? body['@odata.nextLink'] : undefined;
      }
      opts.journal.settleAttempt(a.attempt as string);
    } catch (e) {
      result.left.push({
        path: collection,
        status: 0,
        reason: `a create was in flight and could not be looked up: ${(e as Error).message}`,
      });
    }
  }
}

const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * On SIGINT or SIGTERM: run `cleanup` (at most `limitMs`), then exit with 128 + the signal number. Returns the
 * function that removes the handlers.
 */
export function installSignalCleanup(
  cleanup: () => Promise<void>,
  opts: { limitMs?: number; log?: (line: string) => void; exit?: (code: number) => void } = {},
): () => void {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  let running = false;
  const handler = (signal: 'SIGINT' | 'SIGTERM'): void => {
    if (running) return;
    running = true;
    log(`${signal}: deleting what this run created before stopping (see the live journal)…`);
    const limit = new Promise<void>((resolve) => setTimeout(resolve, opts.limitMs ?? 60_000).unref());
    void Promise.race([
      cleanup().catch((e: unknown) => log(`cleanup failed: ${(e as Error).message}; run \`npm run sweep -- --yes\``)),
      limit,
    ]).finally(() => exit(SIGNAL_EXIT[signal]));
  };
  const onInt = (): void => handler('SIGINT');
  const onTerm = (): void => handler('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return () => {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  };
}
