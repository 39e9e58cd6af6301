/**
 * The mock as msw request handlers, derived from the operation contracts: one `http.<method>` handler per operation
 * (route from method + path, behaviour from kind + resource), then per path a 405 for undocumented methods, then a
 * 400 for unknown paths under the version root. State lives in a TenantStore outside the handlers.
 *
 * Use them in-process with msw's `getResponse(handlers, request)` or `setupServer(...handlers)`, or over HTTP with
 * startMockServer (mocks/http-server.ts).
 */
import { http, type HttpHandler } from 'msw';
import { loadContracts, type LoadedContracts } from '../contracts/load.js';
import { FaultPlan, type Fault } from './faults.js';
import { errorResponse, requestContext, type RequestContext } from './graph-protocol.js';
import { buildMockModel, type MockModel, type OperationRoute } from './mock-model.js';
import { perform } from './operations.js';
import { admit, applyFaults, DEFAULT_BODY_LIMIT, readBody, realSleep, type Sleep } from './request-gate.js';
import { mswPattern, parsePath, resolvePath, templateOf, type Segment } from './routes.js';
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
}

export interface MockHandlers {
  handlers: HttpHandler[];
  store: TenantStore;
  model: MockModel;
  basePath: string;
  bodyLimit: number;
}

function resolveContracts(c: MockOptions['contracts']): LoadedContracts {
  return typeof c === 'object' ? c : loadContracts(c);
}

/** Runs a resolver so that any bug becomes a Graph 500, never a dropped connection. */
async function guarded(request: Request, basePath: string, run: (ctx: RequestContext) => Promise<Response>): Promise<Response> {
  const ctx = requestContext(request, basePath);
  try {
    return await run(ctx);
  } catch (e) {
    return errorResponse(ctx, 'internal', `The mock failed on this request: ${(e as Error).message}`);
  }
}

function notFoundMessage(model: MockModel, route: OperationRoute, collection: string, id: string): string {
  const type = model.collectionType(templateOf(collection, route.segments)) ?? 'entity';
  return `No ${type} with id '${id}' (at ${collection}).`;
}

/** The first segment of a path that no documented template accepts there, as Graph names it in its 400. */
function firstUnknownSegment(rest: string[], templates: Segment[][]): string {
  let candidates = templates;
  for (const [i, seg] of rest.entries()) {
    candidates = candidates.filter((t) => {
      const s = t[i];
      return s !== undefined && (s.param !== undefined || s.literal.toLowerCase() === seg.toLowerCase());
    });
    if (candidates.length === 0) return seg;
  }
  return rest[rest.length - 1] ?? '';
}

export function createMockHandlers(options: MockOptions = {}): MockHandlers {
  const contracts = resolveContracts(options.contracts);
  const basePath = options.basePath ?? '/beta';
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const store = options.store ?? new TenantStore();
  const plan = new FaultPlan(options.faults ?? []);
  const model = buildMockModel(contracts, basePath);

  const operationHandler = (route: OperationRoute): HttpHandler => {
    const method = route.op.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
    return http[method](route.pattern, ({ request, params }) =>
      guarded(request, basePath, async (ctx) => {
        const admitted = await admit(request, ctx, bodyLimit);
        if (admitted instanceof Response) return admitted;
        const faults = await applyFaults(request, ctx, plan, options.sleep ?? realSleep, route.op.id);
        if (faults instanceof Response) return faults;
        let body: Record<string, unknown> | null = null;
        if (route.op.request !== null) {
          const read = readBody(request, admitted.text, ctx, route.op, contracts);
          if (read instanceof Response) return read;
          body = read.body;
        }
        // From here to the answer nothing awaits: the store's read-modify-write is atomic.
        const tenant = store.tenant(admitted.tenantKey);
        const stringParams = Object.fromEntries(
          Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? '') : (v ?? '')]),
        );
        const resolved = resolvePath(route.segments, stringParams, tenant);
        if (!resolved.ok) {
          return errorResponse(ctx, 'notFound', notFoundMessage(model, route, resolved.collection, resolved.id));
        }
        return perform({
          route,
          model,
          tenant,
          clock: store.clock,
          ctx,
          path: resolved.path,
          body,
          patch204: faults.patch204,
        });
      }),
    );
  };

  const methodNotAllowed = ([path, methods]: [string, string[]]): HttpHandler =>
    http.all(mswPattern(basePath, path), ({ request }) =>
      guarded(request, basePath, async (ctx) => {
        const admitted = await admit(request, ctx, bodyLimit);
        if (admitted instanceof Response) return admitted;
        return errorResponse(
          ctx,
          'methodNotAllowed',
          `${request.method} is not supported on ${path}; allowed: ${methods.join(', ')}.`,
          { allow: methods.join(', ') },
        );
      }),
    );

  const templates = [...model.methodsByPath.keys()].map(parsePath);
  const unknownPath = http.all(`*${basePath}/*`, ({ request }) =>
    guarded(request, basePath, async (ctx) => {
      const admitted = await admit(request, ctx, bodyLimit);
      if (admitted instanceof Response) return admitted;
      const rest = new URL(request.url).pathname.slice(basePath.length).split('/').filter((s) => s !== '');
      return errorResponse(ctx, 'badRequest', `Resource not found for the segment '${decodeURIComponent(firstUnknownSegment(rest, templates))}'.`);
    }),
  );

  return {
    handlers: [...model.routes.map(operationHandler), ...[...model.methodsByPath].map(methodNotAllowed), unknownPath],
    store,
    model,
    basePath,
    bodyLimit,
  };
}
