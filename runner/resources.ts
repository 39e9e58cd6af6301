/**
 * Objects a run needs and makes: a pool before its assignments can be read, a fresh object for each update or
 * delete. Every object created is recorded at creation and deleted at the end, children before parents, even when
 * the test failed (the fixture calls cleanup in its teardown). Records are indexed by path and by collection path,
 * so lookups cost the same however many objects a run made, and cleanup grows with n log n.
 */
import type { LoadedContracts } from '../contracts/load.js';
import type { OperationContract } from '../contracts/model.js';
import type { Exchange } from '../checks/types.js';
import type { GraphClient } from './graph-client.js';
import { redactLiveText } from './live/secrets.js';

export interface Created {
  /** Concrete path of the object, e.g. `/deviceManagement/embeddedSIMActivationCodePools/<id>`. */
  path: string;
  id: string;
  /** The create exchange (a check's `prior` for later reads and updates). */
  exchange: Exchange;
  /** Writes that succeeded on the object since (updates, actions): with `exchange`, its history for the checks. */
  writes?: Exchange[];
  deleteOp: OperationContract | null;
}

export class SetupError extends Error {}

/** Writes one object takes before the next case gets a new one (a run's default cases stay far below it). */
export const MAX_WRITES = 32;

/** `/a/{aId}/b/{bId}` with { aId: 1, bId: 2 } -> `/a/1/b/2`. */
export function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`no value for path parameter {${name}} of ${template}`);
    return encodeURIComponent(v);
  });
}

/** The collection path and the parameter of each `{param}` of a template, outermost first. */
function parameterScopes(template: string): { param: string; collection: string; item: string }[] {
  const out: { param: string; collection: string; item: string }[] = [];
  for (const m of template.matchAll(/\/\{([^}]+)\}/g)) {
    const end = (m.index ?? 0) + m[0].length;
    out.push({ param: m[1] ?? '', collection: template.slice(0, m.index), item: template.slice(0, end) });
  }
  return out;
}

/** `/a/1/b/2` -> `/a/1/b`. */
const collectionOf = (path: string): string => path.slice(0, path.lastIndexOf('/'));

export class ResourceTracker {
  /** Every record by its path, in the order made. */
  private readonly byPath = new Map<string, Created>();
  /** Records by collection path, in the order made (the first is the one reused as a parent). */
  private readonly byCollection = new Map<string, Map<string, Created>>();
  /** The body bodyFor gave for each create operation (asked once; each object is made from a copy). */
  private readonly setupBodies = new Map<string, unknown>();

  constructor(
    private readonly client: GraphClient,
    private readonly contracts: LoadedContracts,
    /**
     * A valid create body for an operation id (generated, seeded, run-tagged). Asked once per operation and tracker:
     * a run makes many objects of one kind (a fresh one for each update or delete case), all from the same body.
     */
    private readonly bodyFor: (createOpId: string) => unknown,
    /**
     * Where objects that a test only needs to exist come from (parents, the object a read addresses): a worker's
     * tracker, shared by its tests and cleaned up when the worker ends. Without it, this tracker makes them itself.
     */
    private readonly shared: ResourceTracker | null = null,
  ) {}

  private setupBody(createOpId: string): unknown {
    if (!this.setupBodies.has(createOpId)) this.setupBodies.set(createOpId, this.bodyFor(createOpId));
    return structuredClone(this.setupBodies.get(createOpId));
  }

  /** What is recorded now, in the order it was made. */
  get all(): readonly Created[] {
    return [...this.byPath.values()];
  }

  private opWhere(kind: OperationContract['kind'], path: string): OperationContract | null {
    return this.contracts.operations.find((o) => o.kind === kind && o.path === path) ?? null;
  }

  private record(made: Created): void {
    this.forget(made.path);
    this.byPath.set(made.path, made);
    const collection = collectionOf(made.path);
    let items = this.byCollection.get(collection);
    if (!items) {
      items = new Map();
      this.byCollection.set(collection, items);
    }
    items.set(made.path, made);
  }

  /** Creates an object in the collection `collectionTemplate` (filled with `params`) and records it. */
  async create(collectionTemplate: string, params: Record<string, string>, itemTemplate: string): Promise<Created> {
    const createOp = this.opWhere('create', collectionTemplate);
    if (!createOp)
      throw new SetupError(`no create operation documents POST ${collectionTemplate}: cannot make an object for ${itemTemplate}`);
    const exchange = await this.client.send({
      operation: createOp.id,
      caseKind: 'valid',
      caseName: 'setup',
      method: 'POST',
      path: fillPath(collectionTemplate, params),
      body: this.setupBody(createOp.id),
      step: 'setup',
    });
    const id = (exchange.response.body as { id?: unknown } | undefined)?.id;
    if (exchange.response.status >= 300 || typeof id !== 'string') {
      throw new SetupError(
        `setup: ${createOp.id} answered ${exchange.response.status} without an id, so the objects this case needs could not be made: ${redactLiveText(exchange.response.bodyText.slice(0, 300))}`,
      );
    }
    const path = `${fillPath(collectionTemplate, params)}/${encodeURIComponent(id)}`;
    const made: Created = { path, id, exchange, deleteOp: this.opWhere('delete', itemTemplate) };
    this.record(made);
    return made;
  }

  /**
   * Values for every path parameter of `op`. Parents, and the object a non-`fresh` case addresses, only need to exist:
   * they come from the shared tracker (made once per worker) when there is one. The object a `fresh` case addresses
   * (an update, a delete, an action: what the test is about) is this tracker's own, made once and reused by the
   * test's later cases until one deletes it.
   */
  async paramsFor(
    op: OperationContract,
    opts: { fresh?: boolean; unknownLast?: string } = {},
  ): Promise<{ params: Record<string, string>; target: Created | null }> {
    const params: Record<string, string> = {};
    let target: Created | null = null;
    const scopes = parameterScopes(op.path);
    for (const [i, scope] of scopes.entries()) {
      const last = i === scopes.length - 1;
      if (last && opts.unknownLast) {
        params[scope.param] = opts.unknownLast;
        break;
      }
      const collection = fillPath(scope.collection, params);
      const owner = last && opts.fresh ? this : (this.shared ?? this);
      const reusable = owner.reusableIn(collection);
      const made = reusable ?? (await owner.create(scope.collection, params, scope.item));
      params[scope.param] = made.id;
      if (last) target = made;
    }
    return { params, target };
  }

  /**
   * The first object of a collection that can serve another case: one that has had fewer than MAX_WRITES writes (its
   * history, which the checks read for every case, stays bounded however many cases a run plans).
   */
  private reusableIn(collection: string): Created | undefined {
    for (const c of this.byCollection.get(collection)?.values() ?? []) if ((c.writes?.length ?? 0) < MAX_WRITES) return c;
    return undefined;
  }

  /** Record an object a test created itself, so cleanup deletes it. */
  adopt(made: Created): void {
    this.record(made);
  }

  /** Forget an object the test deleted itself. */
  forget(path: string): void {
    if (!this.byPath.delete(path)) return;
    const collection = collectionOf(path);
    const items = this.byCollection.get(collection);
    items?.delete(path);
    if (items?.size === 0) this.byCollection.delete(collection);
  }

  /** Deletes everything recorded, deepest paths first; 404 counts as gone. Returns what could not be deleted. */
  async cleanup(): Promise<{ path: string; status: number }[]> {
    const leftovers: { path: string; status: number }[] = [];
    const depth = (c: Created): number => c.path.split('/').length;
    const order = [...this.byPath.values()].sort((a, b) => depth(b) - depth(a));
    const deletable = new Set(order.filter((c) => c.deleteOp).map((c) => c.path));
    /** Whether an ancestor of `path` (`/a/1` of `/a/1/b/2`) is recorded with a delete operation. */
    const parentDeleted = (path: string): boolean => {
      for (let end = path.lastIndexOf('/'); end > 0; end = path.lastIndexOf('/', end - 1)) {
        if (deletable.has(path.slice(0, end))) return true;
      }
      return false;
    };
    for (const c of order) {
      if (!c.deleteOp) {
        leftovers.push({ path: c.path, status: 0 });
        continue;
      }
      // A parent's delete removes its children: skip children whose parent is also being deleted.
      if (parentDeleted(c.path)) continue;
      try {
        const ex = await this.client.send({
          operation: c.deleteOp.id,
          caseKind: 'lifecycle',
          caseName: 'cleanup',
          method: 'DELETE',
          path: c.path,
          step: 'cleanup',
        });
        if (ex.response.status >= 300 && ex.response.status !== 404) leftovers.push({ path: c.path, status: ex.response.status });
      } catch {
        leftovers.push({ path: c.path, status: 0 });
      }
    }
    this.byPath.clear();
    this.byCollection.clear();
    return leftovers;
  }
}
