/**
 * The mock's one request pipeline, shared by both ways it is served (mocks/http-server.ts calls it for every HTTP
 * request; the msw handler of mocks/handlers.ts for every fetch Request): route (mocks/router.ts), then size and
 * bearer token (413 / 401), then per route: the operation's faults (429 / 503 / delay), Content-Type, JSON and schema
 * (415 / 400), the path's entities (404) and the operation itself; or 405 with Allow; or 400 naming the unknown
 * segment. HEAD is answered as GET, without the body. A bug anywhere in it is answered as a Graph 500, never a dropped
 * connection.
 */
import { loadContracts, type LoadedContracts } from '../contracts/load.js';
import { FaultPlan, type Fault } from './faults.js';
import { errorResponse, MockReply, requestContext, type RequestContext, type RequestHead } from './graph-protocol.js';
import { DEFAULT_PAGE_SIZE } from './list-page.js';
import { buildMockModel, type MockModel, type OperationRoute } from './mock-model.js';
import { QueryError, readODataQuery, type ODataQuery } from './odata-query.js';
import { perform } from './operations.js';
import { admit, applyFaults, DEFAULT_BODY_LIMIT, readBody, realSleep, type MockRequest, type Sleep } from './request-gate.js';
import { RouteIndex } from './router.js';
import { resolvePath, templateOf } from './routes.js';
import { SkipTokens } from './skip-token.js';
import { TenantStore } from './tenant-store.js';

export interface MockOptions {
  /** The contracts to serve: loaded, or a contracts folder. Default: the repository's contracts/. */
  contracts?: LoadedContracts | string;
  /** The store to keep state in; pass one to inspect or share it. Default: a new, empty store. */
  store?: TenantStore;
  /** Version root the Graph paths live under. Default `/beta`. */
  basePath?: string;
  /** Standing faults for every request (see mocks/faults.ts), as a spec string or parsed. Default: none. */
  faults?: string | Fault[];
  /** Largest accepted request body, in bytes. Default 1 MiB. */
  bodyLimit?: number;
  /** How the `slow` fault waits. Default: a real timer. Tests pass a recorder instead. */
  sleep?: Sleep;
  /** Server-driven paging: the most items one list page holds before @odata.nextLink. Default 1000. */
  pageSize?: number;
}

export interface MockPipeline {
  store: TenantStore;
  model: MockModel;
  basePath: string;
  bodyLimit: number;
  /** The answer to a request, or null when its path is not under the version root (not the mock's to answer). */
  respond(request: MockRequest): Promise<MockReply | null>;
  /** 413 for a request whose body went over bodyLimit (the HTTP server stops reading it and answers this). */
  tooLarge(request: RequestHead): MockReply;
  /** 404 for a path outside the version root (what the HTTP server answers when respond gives null). */
  outside(request: RequestHead): MockReply;
  /** 400 for a request target that is not a URL path (`GET //[`). */
  badTarget(request: RequestHead, target: string): MockReply;
  /** 500 as a Graph error, for a failure outside the pipeline (the HTTP bridge). */
  failed(request: RequestHead, error: unknown): MockReply;
}

function notFoundMessage(model: MockModel, route: OperationRoute, collection: string, id: string): string {
  const type = model.collectionType(templateOf(collection, route.segments)) ?? 'entity';
  return `No ${type} with id '${id}' (at ${collection}).`;
}

export function createMockPipeline(options: MockOptions = {}): MockPipeline {
  const contracts = typeof options.contracts === 'object' ? options.contracts : loadContracts(options.contracts);
  const basePath = options.basePath ?? '/beta';
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const store = options.store ?? new TenantStore();
  const plan = new FaultPlan(options.faults ?? []);
  const sleep = options.sleep ?? realSleep;
  const model = buildMockModel(contracts, basePath);
  const router = new RouteIndex(model);
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new Error(`Mock pageSize must be a positive integer (items per list page); got ${String(options.pageSize)}.`);
  }
  const paging = { pageSize, tokens: new SkipTokens() };

  async function operate(
    request: MockRequest,
    ctx: RequestContext,
    route: OperationRoute,
    params: Record<string, string>,
    text: string,
    tenantKey: string,
  ): Promise<MockReply> {
    const faults = await applyFaults(request, ctx, plan, sleep, route.op.id);
    if (faults instanceof MockReply) return faults;
    let query: ODataQuery | null;
    try {
      query = request.method === 'GET' ? readODataQuery(request.search ?? '', route.op.kind, model.facts(route.op.resource)) : null;
    } catch (e) {
      if (e instanceof QueryError) return errorResponse(ctx, 'badRequest', e.message);
      throw e;
    }
    let body: Record<string, unknown> | null = null;
    if (route.op.request !== null) {
      const read = readBody(request, text, ctx, route.op, contracts);
      if (read instanceof MockReply) return read;
      body = read.body;
    }
    // From here to the answer nothing awaits: the store's read-modify-write is atomic.
    const tenant = store.tenant(tenantKey);
    const resolved = resolvePath(route.segments, params, tenant);
    if (!resolved.ok) return errorResponse(ctx, 'notFound', notFoundMessage(model, route, resolved.collection, resolved.id));
    try {
      return perform({
        route,
        model,
        tenant,
        clock: store.clock,
        ctx,
        path: resolved.path,
        body,
        patch204: faults.patch204,
        query,
        paging,
      });
    } catch (e) {
      if (e instanceof QueryError) return errorResponse(ctx, 'badRequest', e.message);
      throw e;
    }
  }

  /** HEAD is answered as GET would be, without the body (RFC 9110 9.3.2): same status and headers. */
  async function respond(request: MockRequest): Promise<MockReply | null> {
    if (request.method !== 'HEAD') return answerRequest(request);
    const reply = await answerRequest({ ...request, method: 'GET' });
    return reply && new MockReply(reply.status, reply.headers, null);
  }

  async function answerRequest(request: MockRequest): Promise<MockReply | null> {
    const match = router.match(request.method, request.pathname);
    if (match.kind === 'outside') return null;
    const ctx = requestContext(request, basePath);
    try {
      const admitted = await admit(request, ctx, bodyLimit);
      if (admitted instanceof MockReply) return admitted;
      switch (match.kind) {
        case 'operation':
          return await operate(request, ctx, match.route, match.params, admitted.text, admitted.tenantKey);
        case 'methodNotAllowed':
          return errorResponse(
            ctx,
            'methodNotAllowed',
            `${request.method} is not supported on ${match.path}; allowed: ${match.methods.join(', ')}.`,
            {
              allow: match.methods.join(', '),
            },
          );
        case 'unknownPath':
          return errorResponse(ctx, 'badRequest', `Resource not found for the segment '${match.segment}'.`);
      }
    } catch (e) {
      return errorResponse(ctx, 'internal', `The mock failed on this request: ${(e as Error).message}`);
    }
  }

  return {
    store,
    model,
    basePath,
    bodyLimit,
    respond,
    tooLarge: (request) =>
      errorResponse(
        requestContext(request, basePath),
        'tooLarge',
        `The request body is larger than the mock's limit of ${bodyLimit} bytes.`,
      ),
    outside: (request) => errorResponse(requestContext(request, basePath), 'notFound', `The mock serves Graph paths under ${basePath}/.`),
    badTarget: (request, target) =>
      errorResponse(
        requestContext(request, basePath),
        'badRequest',
        `The request target ${JSON.stringify(target.slice(0, 200))} is not a valid URL path.`,
      ),
    failed: (request, error) =>
      errorResponse(
        requestContext(request, basePath),
        'internal',
        `The mock failed on this request: ${(error as Error)?.message ?? String(error)}`,
      ),
  };
}
