/**
 * What each kind of operation does to the tenant, and the answer it gives. All synchronous: the read-modify-write of
 * the store happens within one call, so concurrent requests cannot interleave inside it.
 */
import { randomUUID } from 'node:crypto';
import {
  contextUrl,
  errorResponse,
  jsonResponse,
  noContentResponse,
  odataPath,
  type MockReply,
  type RequestContext,
} from './graph-protocol.js';
import { newEntity, patchEntity, present, writablePart, type Json } from './entity-shape.js';
import { listPage, selectContext, selectProperties } from './list-page.js';
import type { ODataQuery } from './odata-query.js';
import type { SkipTokens } from './skip-token.js';
import type { MockModel, OperationRoute } from './mock-model.js';
import type { ResolvedPath } from './routes.js';
import type { MonotonicClock, StoredEntity, Tenant } from './tenant-store.js';

export interface OperationInput {
  route: OperationRoute;
  model: MockModel;
  tenant: Tenant;
  clock: MonotonicClock;
  ctx: RequestContext;
  path: ResolvedPath;
  /** The validated request body, for operations that take one. */
  body: Json | null;
  /** The `patch-204` fault: answer a successful PATCH with 204 and no body. */
  patch204: boolean;
  /** The OData query options of a list or get (mocks/odata-query.ts); null for other kinds. */
  query?: ODataQuery | null;
  /** Server-driven paging: the most items a list page holds, and the signer of its $skiptokens. */
  paging?: { pageSize: number; tokens: SkipTokens };
}

type Segments = ResolvedPath['odata'];

/** Context fragment for one entity of a collection: `a('p')/b/$entity` (the entity's own key is not shown). */
function entityFragment(odata: Segments): string {
  const withoutOwnKey = odata.map((s, i) => (i === odata.length - 1 ? { name: s.name } : s));
  return `${odataPath(withoutOwnKey)}/$entity`;
}

function answer(input: OperationInput, body: () => unknown): MockReply {
  const { route, ctx } = input;
  const status = route.op.response.status;
  if (status === 204 || route.op.response.body === null) return noContentResponse(ctx, status);
  return jsonResponse(ctx, status, body());
}

function list(input: OperationInput): MockReply {
  const { tenant, path, model, route, ctx } = input;
  const facts = model.facts(route.op.resource);
  const collection = path.concrete.join('/');
  const context = contextUrl(ctx, odataPath(path.odata));
  const query = input.query;
  const paging = input.paging;
  if (!query || !paging) {
    const items = [...tenant.entries(collection)].map((e) => present(e, facts, null));
    return answer(input, () => ({ '@odata.context': context, value: items }));
  }
  const url = `${ctx.serviceRoot}/${path.concrete.map(encodeURIComponent).join('/')}`;
  const body = listPage(
    { entities: () => tenant.entries(collection), size: tenant.count(collection) },
    { query, facts, pageSize: paging.pageSize, tokens: paging.tokens, url, context },
  );
  return answer(input, () => body);
}

function get(input: OperationInput): MockReply {
  const { path, model, route, ctx } = input;
  const entity = path.entities[path.entities.length - 1] as StoredEntity;
  const select = input.query?.select ?? null;
  return answer(input, () => {
    const item = present(entity, model.facts(route.op.resource), selectContext(contextUrl(ctx, entityFragment(path.odata)), select));
    return selectProperties(item, select);
  });
}

function create(input: OperationInput): MockReply {
  const { tenant, path, model, route, ctx, clock } = input;
  const facts = model.facts(route.op.resource);
  const entity = newEntity(randomUUID(), input.body ?? {}, facts, clock);
  tenant.put(path.concrete.join('/'), entity);
  return answer(input, () => present(entity, facts, contextUrl(ctx, `${odataPath(path.odata)}/$entity`)));
}

function update(input: OperationInput): MockReply {
  const { path, model, route, ctx, clock } = input;
  const facts = model.facts(route.op.resource);
  const entity = path.entities[path.entities.length - 1] as StoredEntity;
  patchEntity(entity, input.body ?? {}, facts, clock);
  if (input.patch204) return noContentResponse(ctx);
  return answer(input, () => present(entity, facts, contextUrl(ctx, entityFragment(path.odata))));
}

function remove(input: OperationInput): MockReply {
  const { tenant, path } = input;
  const entity = path.entities[path.entities.length - 1] as StoredEntity;
  tenant.remove(path.concrete.slice(0, -1).join('/'), entity.id);
  return answer(input, () => null);
}

function action(input: OperationInput): MockReply {
  const { tenant, path, model, route, ctx, clock } = input;
  const name = route.replaces;
  if (name === null) {
    return errorResponse(
      ctx,
      'notImplemented',
      `The mock does not know what action ${route.op.id} does: its request body names no child collection of the entity.`,
    );
  }
  const entityPath = path.concrete.slice(0, -1).join('/');
  const childTemplate = `${route.op.path.slice(0, route.op.path.lastIndexOf('/'))}/${name}`;
  const childType = model.collectionType(childTemplate) as string;
  const facts = model.facts(childType);
  const sent = input.body?.[name];
  const used = new Set<string>();
  const items = (Array.isArray(sent) ? sent : []).map((raw) => {
    const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Json;
    // A client-chosen id is kept when the type lets clients write it (the docs' assign example sends one).
    const wanted = item.id;
    const id =
      typeof wanted === 'string' && wanted !== '' && !facts.property('id')?.readOnly && !used.has(wanted.toLowerCase())
        ? wanted
        : randomUUID();
    used.add(id.toLowerCase());
    return newEntity(id, writablePart(item, facts), facts, clock);
  });
  tenant.replace(`${entityPath}/${name}`, items);
  return answer(input, () => ({
    '@odata.context': contextUrl(ctx, `Collection(microsoft.graph.${childType})`),
    value: items.map((e) => present(e, facts, null)),
  }));
}

export function perform(input: OperationInput): MockReply {
  switch (input.route.op.kind) {
    case 'list':
      return list(input);
    case 'get':
      return get(input);
    case 'create':
      return create(input);
    case 'update':
      return update(input);
    case 'delete':
      return remove(input);
    case 'action':
      return action(input);
  }
}
