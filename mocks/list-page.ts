/**
 * One page of a collection as Graph serves it: $filter, $orderby, $skip, then a page of at most $top (or the server's
 * page size, whichever is smaller) items, presented and narrowed to $select, with @odata.count when $count=true and
 * @odata.nextLink (same host and path, the same options, and an opaque $skiptoken) when more remain.
 *
 * Cost: a list without $filter or $orderby walks the store's collection in place and presents only the page (the
 * skipped part is stepped over, never copied or presented); $filter and $orderby keep references to the matching
 * entities, never presented copies. So a page costs its own size plus a walk, not a serialised tenant.
 */
import type { ODataQuery } from './odata-query.js';
import { QueryError } from './odata-query.js';
import { present, type Json } from './entity-shape.js';
import type { SkipTokens } from './skip-token.js';
import type { StoredEntity } from './tenant-store.js';
import type { TypeFacts } from './type-facts.js';

/** Page size when the server is not told otherwise: Intune's deviceManagement collections answer up to 1000 a page. */
export const DEFAULT_PAGE_SIZE = 1000;

export interface PageSource {
  /** The collection's entities in store order, walked lazily. */
  entities(): IterableIterator<StoredEntity>;
  size: number;
}

export interface PageRequest {
  query: ODataQuery;
  facts: TypeFacts;
  pageSize: number;
  tokens: SkipTokens;
  /** The collection's URL without query, e.g. `http://127.0.0.1:4010/beta/deviceManagement/embeddedSIMActivationCodePools`. */
  url: string;
  /** The @odata.context URL without a $select suffix. */
  context: string;
}

/** The options a nextLink repeats, canonical: what a $skiptoken is bound to. */
function scopeOf(query: ODataQuery): string {
  return query.carried.map(([n, v]) => `${n}=${v}`).join('&');
}

function sortKey(e: StoredEntity, property: string, facts: TypeFacts): unknown {
  if (property === 'id') return e.id;
  const countOf = facts.property(property)?.countOf;
  if (countOf) {
    const items = e.data[countOf];
    return Array.isArray(items) ? items.length : 0;
  }
  return e.data[property] ?? null;
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1; // nulls first in ascending order, as OData sorts them
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** $select applied to a presented entity: the selected properties and every annotation (`@odata.type`, ...). */
export function selectProperties(item: Json, select: string[] | null): Json {
  if (select === null) return item;
  const out: Json = {};
  for (const [name, value] of Object.entries(item)) if (name.startsWith('@') || select.includes(name)) out[name] = value;
  return out;
}

/** `#path(a,b)` for a $select, as Graph writes the context of a projection. */
export function selectContext(context: string, select: string[] | null): string {
  return select === null ? context : `${context}(${select.join(',')})`;
}

export function listPage(source: PageSource, req: PageRequest): Json {
  const { query, facts } = req;
  const scope = scopeOf(query);
  let offset = 0;
  if (query.skipToken !== null) {
    const read = req.tokens.read(query.skipToken, scope);
    if (read === null) {
      throw new QueryError('The $skiptoken is not valid for this request: use the @odata.nextLink of the previous page as it was given.');
    }
    offset = read;
  }
  const size = query.top === 0 ? 0 : Math.min(query.top ?? req.pageSize, req.pageSize);
  const start = query.skip + offset;

  let total: number;
  let page: StoredEntity[];
  if (query.filter === null && query.orderBy.length === 0) {
    total = source.size;
    page = [];
    let i = 0;
    for (const e of source.entities()) {
      if (i >= start + size) break;
      if (i >= start) page.push(e);
      i++;
    }
  } else {
    const predicate = query.filter?.predicate;
    const matches: StoredEntity[] = [];
    for (const e of source.entities()) if (!predicate || predicate(e.data)) matches.push(e);
    if (query.orderBy.length > 0) {
      const clauses = query.orderBy;
      matches.sort((a, b) => {
        for (const c of clauses) {
          const d = compareValues(sortKey(a, c.property, facts), sortKey(b, c.property, facts));
          if (d !== 0) return c.descending ? -d : d;
        }
        return 0; // Array.prototype.sort is stable: ties keep store order
      });
    }
    total = matches.length;
    page = matches.slice(start, start + size);
  }

  const body: Json = { '@odata.context': selectContext(req.context, query.select) };
  // OData counts every matching item, whatever $top and $skip say.
  if (query.count) body['@odata.count'] = total;
  body.value = page.map((e) => selectProperties(present(e, facts, null), query.select));
  const next = start + size;
  if (size > 0 && next < total) {
    const carried = query.carried.map(([n, v]) => `${n}=${encodeURIComponent(v)}`);
    carried.push(`$skiptoken=${req.tokens.issue(offset + size, scope)}`);
    body['@odata.nextLink'] = `${req.url}?${carried.join('&')}`;
  }
  return body;
}
