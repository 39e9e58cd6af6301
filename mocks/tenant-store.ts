/**
 * The mock's state, kept outside the request handlers: one in-memory tenant per token (or `x-mock-tenant` header),
 * each a set of collections addressed by their concrete path (`deviceManagement/embeddedSIMActivationCodePools`,
 * `deviceManagement/embeddedSIMActivationCodePools/<poolId>/assignments`, ...).
 *
 * Every method is synchronous: a handler reads, changes and writes within one turn of the event loop, so concurrent
 * requests never interleave inside a read-modify-write.
 */

export interface StoredEntity {
  id: string;
  /** Graph type name, e.g. `embeddedSIMActivationCodePool`. */
  type: string;
  /** What the client sent (readOnly values removed), plus server-set values. Includes writeOnly values. */
  data: Record<string, unknown>;
}

/** Wall-clock time that never repeats or goes back: each reading is at least 1 ms after the previous one. */
export class MonotonicClock {
  private last = 0;

  constructor(private readonly source: () => number = Date.now) {}

  next(): Date {
    this.last = Math.max(this.source(), this.last + 1);
    return new Date(this.last);
  }
}

const key = (id: string): string => id.toLowerCase();

export class Tenant {
  private readonly collections = new Map<string, Map<string, StoredEntity>>();

  list(collection: string): StoredEntity[] {
    return [...(this.collections.get(collection)?.values() ?? [])];
  }

  /** The collection's entities in the order they were stored, walked in place (no copy). */
  entries(collection: string): IterableIterator<StoredEntity> {
    return (this.collections.get(collection) ?? new Map<string, StoredEntity>()).values();
  }

  /** How many entities the collection holds. */
  count(collection: string): number {
    return this.collections.get(collection)?.size ?? 0;
  }

  get(collection: string, id: string): StoredEntity | undefined {
    return this.collections.get(collection)?.get(key(id));
  }

  has(collection: string, id: string): boolean {
    return this.get(collection, id) !== undefined;
  }

  put(collection: string, entity: StoredEntity): void {
    let items = this.collections.get(collection);
    if (!items) {
      items = new Map();
      this.collections.set(collection, items);
    }
    items.set(key(entity.id), entity);
  }

  /** Removes the entity and everything under it (its child collections, recursively). False when it was absent. */
  remove(collection: string, id: string): boolean {
    const items = this.collections.get(collection);
    const found = items?.get(key(id));
    if (!items || !found) return false;
    items.delete(key(id));
    this.dropDescendants(`${collection}/${found.id}`);
    return true;
  }

  /** Replaces a whole collection (and drops what lived under its old members). */
  replace(collection: string, entities: StoredEntity[]): void {
    for (const old of this.list(collection)) this.dropDescendants(`${collection}/${old.id}`);
    this.collections.set(collection, new Map(entities.map((e) => [key(e.id), e])));
  }

  /** Number of stored entities in all collections (for tests and diagnostics). */
  size(): number {
    let n = 0;
    for (const items of this.collections.values()) n += items.size;
    return n;
  }

  private dropDescendants(entityPath: string): void {
    const prefix = `${entityPath.toLowerCase()}/`;
    for (const name of [...this.collections.keys()]) {
      if (name.toLowerCase().startsWith(prefix)) this.collections.delete(name);
    }
  }
}

export class TenantStore {
  private readonly tenants = new Map<string, Tenant>();

  constructor(readonly clock: MonotonicClock = new MonotonicClock()) {}

  /** The tenant with this key, created empty on first use. */
  tenant(tenantKey: string): Tenant {
    let t = this.tenants.get(tenantKey);
    if (!t) {
      t = new Tenant();
      this.tenants.set(tenantKey, t);
    }
    return t;
  }

  tenantKeys(): string[] {
    return [...this.tenants.keys()];
  }

  /** Forgets every tenant. */
  clear(): void {
    this.tenants.clear();
  }
}
