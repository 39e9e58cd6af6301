/**
 * The sweeper: lists every top-level collection the contracts document (a list operation without path parameters
 * whose items have a delete operation), and deletes the objects whose displayName starts with the run-tag prefix
 * `conformance-` (or one run's `conformance-<runId>-`). Dry run by default: it only says what it would delete.
 * Objects without the prefix are never deleted, whatever else they look like.
 */
import type { OperationContract } from '../../contracts/model.js';
import type { RawSend } from './cleanup.js';
import { operationForPath } from './cleanup.js';
import { RUN_TAG_PREFIX, tagFor } from './run-tag.js';

export interface SweepOptions {
  /** Delete (else only report). */
  yes: boolean;
  /** Only this run's objects. */
  runId?: string;
  log: (line: string) => void;
  /** Pages per collection at most. Default 100. */
  maxPages?: number;
}

export interface SweepItem {
  path: string;
  id: string;
  displayName: string;
  collection: string;
}

export interface SweepResult {
  prefix: string;
  /** Collections listed. */
  collections: string[];
  /** Objects carrying the prefix. */
  found: SweepItem[];
  /** Objects listed without the prefix (left alone). */
  untouched: number;
  deleted: string[];
  failed: { path: string; reason: string }[];
}

export class SweepError extends Error {
  override name = 'SweepError';
}

/** List operations without path parameters whose items can be deleted. */
export function sweepableCollections(operations: readonly OperationContract[]): { list: OperationContract; del: OperationContract }[] {
  const out: { list: OperationContract; del: OperationContract }[] = [];
  for (const list of operations) {
    if (list.kind !== 'list' || list.pathParameters.length !== 0) continue;
    const del = operationForPath(operations, 'delete', `${list.path}/x`);
    if (del) out.push({ list, del });
  }
  return out;
}

async function listAll(send: RawSend, list: OperationContract, maxPages: number): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let next: string | null = list.path;
  for (let page = 0; next && page < maxPages; page++) {
    const res = await send('GET', next, list.id);
    const text = await res.text();
    if (!res.ok) throw new SweepError(`${list.id} (GET ${list.path}) answered ${res.status}: ${text.slice(0, 300)}`);
    let body: { value?: unknown; '@odata.nextLink'?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new SweepError(`${list.id} (GET ${list.path}) answered a body that is not JSON: ${text.slice(0, 200)}`);
    }
    if (Array.isArray(body.value)) items.push(...(body.value as Record<string, unknown>[]));
    next = typeof body['@odata.nextLink'] === 'string' ? body['@odata.nextLink'] : null;
  }
  return items;
}

export async function sweep(send: RawSend, operations: readonly OperationContract[], opts: SweepOptions): Promise<SweepResult> {
  const prefix = opts.runId ? tagFor(opts.runId) : RUN_TAG_PREFIX;
  const result: SweepResult = { prefix, collections: [], found: [], untouched: 0, deleted: [], failed: [] };
  const pools = sweepableCollections(operations);
  if (!pools.length) throw new SweepError('The contracts document no top-level list operation with a delete: nothing to sweep.');
  for (const { list, del } of pools) {
    result.collections.push(list.path);
    for (const item of await listAll(send, list, opts.maxPages ?? 100)) {
      const name = item.displayName;
      if (typeof name !== 'string' || !name.startsWith(prefix) || typeof item.id !== 'string') {
        result.untouched++;
        continue;
      }
      result.found.push({ path: `${list.path}/${encodeURIComponent(item.id)}`, id: item.id, displayName: name, collection: list.path });
    }
    for (const item of result.found.filter((f) => f.collection === list.path)) {
      if (!opts.yes) {
        opts.log(`would delete ${item.path}  "${item.displayName}"`);
        continue;
      }
      try {
        const res = await send('DELETE', item.path, del.id);
        const text = await res.text();
        if (res.ok || res.status === 404) {
          result.deleted.push(item.path);
          opts.log(`deleted ${item.path}  "${item.displayName}"`);
        } else {
          result.failed.push({ path: item.path, reason: `DELETE answered ${res.status}: ${text.slice(0, 200)}` });
          opts.log(`could not delete ${item.path}: DELETE answered ${res.status}`);
        }
      } catch (e) {
        result.failed.push({ path: item.path, reason: (e as Error).message });
        opts.log(`could not delete ${item.path}: ${(e as Error).message}`);
      }
    }
  }
  const verb = opts.yes ? `deleted ${result.deleted.length}` : `would delete ${result.found.length} (dry run: add --yes to delete)`;
  opts.log(
    `sweep of ${result.collections.join(', ')}: ${result.found.length} object(s) named ${prefix}…, ${verb}; ${result.untouched} other object(s) left alone${result.failed.length ? `; ${result.failed.length} failed` : ''}.`,
  );
  return result;
}
