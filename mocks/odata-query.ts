/**
 * The OData system query options of a GET, read from the request's query string and checked before the operation
 * runs: $select (get and list), and on lists $filter, $orderby, $top, $skip, $count and $skiptoken. A query option
 * the mock does not know ($foo), one given twice, or a bad value ($top=-1, $top=abc, $count=maybe, a $select of an
 * unknown property) is a QueryError whose message is Graph's 400 text. Parameters without a `$` are not OData
 * options and are ignored, as Graph ignores them.
 */
import type { OperationKind } from '../contracts/model.js';
import { FilterError, parseFilter, type Predicate } from './odata-filter.js';
import type { TypeFacts } from './type-facts.js';

export class QueryError extends Error {
  override name = 'QueryError';
}

export interface OrderBy {
  property: string;
  descending: boolean;
}

export interface ODataQuery {
  select: string[] | null;
  filter: { text: string; predicate: Predicate } | null;
  orderBy: OrderBy[];
  top: number | null;
  skip: number;
  count: boolean;
  skipToken: string | null;
  /** The options as sent, in order, without $skiptoken: what a nextLink repeats. */
  carried: [string, string][];
}

const LIST_OPTIONS = ['$select', '$filter', '$orderby', '$top', '$skip', '$count', '$skiptoken'];
const GET_OPTIONS = ['$select'];
/** Options Graph knows that the mock does not implement: a 400 that says so, not "unknown". */
const NOT_IMPLEMENTED = ['$expand', '$search', '$format', '$compute', '$apply', '$levels', '$deltatoken', '$index'];
/** Properties $filter may use: Graph's Intune collections filter on their display name. */
const FILTERABLE = ['displayName'];

/** The query string's name/value pairs, `+` as space, percent-escapes decoded (a malformed escape is a 400). */
function pairs(search: string): [string, string][] {
  const text = search.startsWith('?') ? search.slice(1) : search;
  if (text === '') return [];
  const out: [string, string][] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    try {
      out.push([decodeURIComponent(rawName.replace(/\+/g, ' ')), decodeURIComponent(rawValue.replace(/\+/g, ' '))]);
    } catch {
      throw new QueryError(`The query string has a malformed percent-escape in '${part.slice(0, 100)}'.`);
    }
  }
  return out;
}

function integer(name: string, value: string): number {
  if (!/^[0-9]{1,9}$/.test(value.trim())) {
    throw new QueryError(`Invalid value '${value.slice(0, 100)}' for query option '${name}': expected a non-negative integer.`);
  }
  return Number(value.trim());
}

function propertyOf(name: string, raw: string, facts: TypeFacts, orderable: boolean): string {
  const prop = raw.trim();
  const known = prop === 'id' || facts.property(prop) !== undefined;
  if (!known) {
    throw new QueryError(`Could not find a property named '${prop.slice(0, 100)}' on type 'microsoft.graph.${facts.type}' (in ${name}).`);
  }
  if (orderable && facts.property(prop)?.array) {
    throw new QueryError(`The property '${prop}' of 'microsoft.graph.${facts.type}' is a collection and cannot be used in $orderby.`);
  }
  return prop;
}

/**
 * The query options of a GET on a list or get operation; null for other kinds (their query string is not read).
 * Throws QueryError for anything Graph would answer 400.
 */
export function readODataQuery(search: string, kind: OperationKind, facts: TypeFacts): ODataQuery | null {
  if (kind !== 'list' && kind !== 'get') return null;
  const allowed = kind === 'list' ? LIST_OPTIONS : GET_OPTIONS;
  const query: ODataQuery = { select: null, filter: null, orderBy: [], top: null, skip: 0, count: false, skipToken: null, carried: [] };
  const seen = new Set<string>();
  for (const [rawName, value] of pairs(search)) {
    if (!rawName.startsWith('$')) continue;
    const name = rawName.toLowerCase();
    if (seen.has(name)) throw new QueryError(`Query option '${name}' was specified more than once, but it must be specified at most once.`);
    seen.add(name);
    if (NOT_IMPLEMENTED.includes(name)) {
      throw new QueryError(`The query option '${name}' is not supported by the mock (it implements ${allowed.join(', ')} here).`);
    }
    if (!allowed.includes(name)) {
      throw new QueryError(
        LIST_OPTIONS.includes(name)
          ? `The query option '${name}' is not allowed on a single entity; only ${GET_OPTIONS.join(', ')} is.`
          : `The query parameter '${rawName.slice(0, 100)}' is not supported.`,
      );
    }
    if (name !== '$skiptoken') query.carried.push([name, value]);
    switch (name) {
      case '$select': {
        const names = value.split(',').map((p) => p.trim());
        if (names.some((p) => p === '')) throw new QueryError(`Invalid $select '${value.slice(0, 100)}': an empty property name.`);
        query.select = names.includes('*') ? null : names.map((p) => propertyOf('$select', p, facts, false));
        break;
      }
      case '$filter':
        try {
          query.filter = { text: value, predicate: parseFilter(value, FILTERABLE, facts.type) };
        } catch (e) {
          if (e instanceof FilterError) throw new QueryError(e.message);
          throw e;
        }
        break;
      case '$orderby':
        query.orderBy = value.split(',').map((clause) => {
          const m = /^\s*(\S+)(?:\s+(asc|desc))?\s*$/i.exec(clause);
          if (!m) throw new QueryError(`Invalid $orderby clause '${clause.slice(0, 100)}': expected '<property> [asc|desc]'.`);
          return { property: propertyOf('$orderby', m[1] ?? '', facts, true), descending: m[2]?.toLowerCase() === 'desc' };
        });
        break;
      case '$top':
        query.top = integer('$top', value);
        break;
      case '$skip':
        query.skip = integer('$skip', value);
        break;
      case '$count': {
        const v = value.trim().toLowerCase();
        if (v !== 'true' && v !== 'false')
          throw new QueryError(`Invalid value '${value.slice(0, 100)}' for $count: expected true or false.`);
        query.count = v === 'true';
        break;
      }
      case '$skiptoken':
        query.skipToken = value;
        break;
    }
  }
  return query;
}
