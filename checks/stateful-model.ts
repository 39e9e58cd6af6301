/**
 * What the docs promise about state, as a model that replays a sequence of exchanges: which objects exist (by
 * concrete path), and so what each next request must be answered. The promises: a created object exists until it is
 * deleted; deleting a pool deletes its assignments and device states; `assign` replaces the pool's assignments with
 * the ones it returns; an operation on an object (or under a parent) that does not exist is answered 404, a second
 * delete too; a list shows the objects that exist (exactly, for a collection under a pool this sequence made).
 *
 * The model follows what the service did where it can (an object a create answered 2xx with an id exists, even
 * when the model expected 404), so one deviation gives one finding, not a cascade.
 */
import type { LoadedContracts } from '../contracts/load.js';
import type { OperationContract } from '../contracts/model.js';
import { isObject } from './body-walk.js';
import { isSuccess } from './response-body.js';
import type { Exchange } from './types.js';

export interface Expectation {
  /** The status the docs promise for this request in this state. */
  status: number;
  /** Why, for messages and fingerprints: `exists`, `deleted`, `parent-deleted`, `never-made`, `collection`. */
  because: 'exists' | 'deleted' | 'parent-deleted' | 'never-made' | 'collection';
  /** For a list: the ids that must be listed, and whether no others may be (a collection this sequence owns). */
  listed?: { ids: string[]; exact: boolean; gone: string[] };
}

/** The request path below the version root, lower-cased, without query. */
export function pathOf(exchange: Exchange): string {
  const root = new URL(exchange.target.baseUrl).pathname.replace(/\/$/, '');
  const path = new URL(exchange.request.url).pathname;
  const below = path.startsWith(root) ? path.slice(root.length) : path;
  try {
    return decodeURIComponent(below).toLowerCase();
  } catch {
    return below.toLowerCase();
  }
}

/** The concrete item paths of the objects a path goes through: one per `{param}` of the template, outermost first. */
function itemPaths(template: string, path: string): string[] {
  const t = template.split('/');
  const p = path.split('/');
  const out: string[] = [];
  t.forEach((segment, i) => {
    if (segment.startsWith('{')) out.push(p.slice(0, i + 1).join('/'));
  });
  return out;
}

export class StateModel {
  /** Item paths that exist now. */
  private readonly alive = new Set<string>();
  /** Item paths that existed in this sequence and were deleted. */
  private readonly gone = new Set<string>();

  constructor(private readonly contracts: LoadedContracts) {}

  private op(exchange: Exchange): OperationContract | null {
    try {
      return this.contracts.operation(exchange.operation);
    } catch {
      return null;
    }
  }

  private state(item: string): 'exists' | 'deleted' | 'never-made' {
    return this.alive.has(item) ? 'exists' : this.gone.has(item) ? 'deleted' : 'never-made';
  }

  /** What the docs promise for this exchange's request, given the state so far (null: not an operation we model). */
  expect(exchange: Exchange): Expectation | null {
    const op = this.op(exchange);
    if (!op) return null;
    const path = pathOf(exchange);
    const items = itemPaths(op.path, path);
    const own = op.kind === 'get' || op.kind === 'update' || op.kind === 'delete';
    const parents = own ? items.slice(0, -1) : items;
    for (const parent of parents) {
      const s = this.state(parent);
      if (s !== 'exists') return { status: 404, because: s === 'deleted' ? 'parent-deleted' : 'never-made' };
    }
    if (own) {
      const s = this.state(items[items.length - 1] ?? path);
      if (s !== 'exists') return { status: 404, because: s };
    }
    if (op.kind === 'list') {
      const under = (p: string): boolean => p.startsWith(`${path}/`) && !p.slice(path.length + 1).includes('/');
      return {
        status: op.response.status,
        because: 'collection',
        listed: { ids: [...this.alive].filter(under).map(last), exact: parents.length > 0, gone: [...this.gone].filter(under).map(last) },
      };
    }
    return { status: op.response.status, because: own ? 'exists' : 'collection' };
  }

  /** Moves the model on by what the service did. */
  apply(exchange: Exchange): void {
    const op = this.op(exchange);
    if (!op || !isSuccess(exchange.response.status)) return;
    const path = pathOf(exchange);
    const body = exchange.response.body;
    if (op.kind === 'create' && isObject(body) && typeof body.id === 'string') this.add(`${path}/${body.id.toLowerCase()}`);
    if (op.kind === 'delete') this.remove(path);
    if (op.kind === 'action') {
      const parent = path.slice(0, path.lastIndexOf('/'));
      // The child collection an action replaces is the one its body sends a list of (`assign`: assignments).
      const sent = exchange.request.body;
      const name = (isObject(sent) ? Object.keys(sent).find((k) => Array.isArray(sent[k])) : undefined) ?? 'assignments';
      const collection = `${parent}/${name.toLowerCase()}`;
      for (const p of [...this.alive]) if (p.startsWith(`${collection}/`)) this.remove(p);
      const value = isObject(body) && Array.isArray(body.value) ? body.value : [];
      for (const item of value) if (isObject(item) && typeof item.id === 'string') this.add(`${collection}/${item.id.toLowerCase()}`);
    }
  }

  private add(item: string): void {
    this.alive.add(item);
    this.gone.delete(item);
  }

  private remove(item: string): void {
    for (const p of [...this.alive]) {
      if (p === item || p.startsWith(`${item}/`)) {
        this.alive.delete(p);
        this.gone.add(p);
      }
    }
  }
}

const last = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
