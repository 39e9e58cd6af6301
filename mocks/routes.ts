/**
 * Routes derived from the operation contracts: each operation's path template is parsed into segments (matched to
 * requests by mocks/router.ts), and at request time a concrete path is resolved segment by segment against the
 * tenant, so that a child of an unknown parent is a 404 and a parent's collection path (with its canonical id)
 * addresses its children.
 */
import type { OperationContract } from '../contracts/model.js';
import type { StoredEntity, Tenant } from './tenant-store.js';

export type Segment = { literal: string; param?: undefined } | { param: string; literal?: undefined };

export function parsePath(path: string): Segment[] {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      const m = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(s);
      return m?.[1] ? { param: m[1] } : { literal: s };
    });
}

/** The template path of the collection an operation works on (for get/update/delete: without the item id). */
export function collectionTemplate(op: OperationContract): string | null {
  const segments = parsePath(op.path);
  const last = segments[segments.length - 1];
  switch (op.kind) {
    case 'list':
    case 'create':
      return last?.literal !== undefined ? op.path : null;
    case 'get':
    case 'update':
    case 'delete':
      return last?.param !== undefined ? `/${segments.slice(0, -1).map(show).join('/')}` : null;
    case 'action':
      return null;
  }
}

const show = (s: Segment): string => (s.param !== undefined ? `{${s.param}}` : s.literal);

/** Why an operation's path does not fit its kind, or null when it does. */
export function pathProblem(op: OperationContract): string | null {
  const segments = parsePath(op.path);
  const last = segments[segments.length - 1];
  const beforeLast = segments[segments.length - 2];
  if (op.kind === 'action') {
    return last?.literal !== undefined && beforeLast?.param !== undefined ? null : 'an action path must end in `/{id}/<actionName>`';
  }
  if (collectionTemplate(op) === null) {
    return op.kind === 'list' || op.kind === 'create'
      ? `a ${op.kind} path must end in a collection name, not a {parameter}`
      : `a ${op.kind} path must end in an {id} parameter`;
  }
  const declared = segments.filter((s) => s.param !== undefined).map((s) => s.param);
  if (declared.join(',') !== op.pathParameters.join(',')) {
    return `its path parameters ${JSON.stringify(declared)} differ from pathParameters ${JSON.stringify(op.pathParameters)}`;
  }
  return null;
}

export interface ResolvedPath {
  /** The entity each `{param}` of the template named, in order. */
  entities: StoredEntity[];
  /** The concrete store path of every segment so far (ids in their canonical spelling). */
  concrete: string[];
  /** The same path in OData form for @odata.context: `pools('id')/assignments`. */
  odata: { name: string; key?: string }[];
}

export type Resolution = { ok: true; path: ResolvedPath } | { ok: false; collection: string; id: string; isTarget: boolean };

/**
 * Walks a template against the tenant. Every `{param}` must name an existing entity of the collection before it;
 * the first one that does not is reported (with whether it was the last parameter, i.e. the operation's target).
 */
export function resolvePath(segments: Segment[], params: Record<string, string>, tenant: Tenant): Resolution {
  const path: ResolvedPath = { entities: [], concrete: [], odata: [] };
  const paramCount = segments.filter((s) => s.param !== undefined).length;
  for (const s of segments) {
    if (s.param === undefined) {
      path.concrete.push(s.literal);
      path.odata.push({ name: s.literal });
      continue;
    }
    const collection = path.concrete.join('/');
    const id = params[s.param] ?? '';
    const entity = tenant.get(collection, id);
    if (!entity) return { ok: false, collection, id, isTarget: path.entities.length === paramCount - 1 };
    path.entities.push(entity);
    path.concrete.push(entity.id);
    const prev = path.odata[path.odata.length - 1];
    if (prev) prev.key = entity.id;
  }
  return { ok: true, path };
}

/** The concrete template path of a collection (`a/{x}/b`) for a concrete store path (`a/<id>/b`). */
export function templateOf(concreteCollection: string, segments: Segment[]): string {
  const parts = concreteCollection.split('/');
  return `/${segments.slice(0, parts.length).map(show).join('/')}`;
}
