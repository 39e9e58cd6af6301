/**
 * The mock as msw request handlers, for in-process use with msw's `getResponse(handlers, request)` or
 * `setupServer(...handlers)`. The list holds one handler that hands every request to the mock's request pipeline
 * (mocks/pipeline.ts), the same one startMockServer (mocks/http-server.ts) serves over HTTP, so both answer alike.
 * Requests whose path is not under the version root get no answer from it (msw treats them as unhandled).
 * State lives in a TenantStore outside the handlers.
 */
import { http, type HttpHandler } from 'msw';
import type { MockModel } from './mock-model.js';
import { createMockPipeline, type MockOptions, type MockPipeline } from './pipeline.js';
import type { MockRequest } from './request-gate.js';
import type { TenantStore } from './tenant-store.js';

export type { MockOptions } from './pipeline.js';

export interface MockHandlers {
  handlers: HttpHandler[];
  store: TenantStore;
  model: MockModel;
  basePath: string;
  bodyLimit: number;
  /** The request pipeline the handlers call (startMockServer serves the same one over HTTP). */
  pipeline: MockPipeline;
}

/** A fetch Request as the pipeline reads it (the pipeline reads the body only of POST, PUT and PATCH). */
export function fromFetchRequest(request: Request): MockRequest {
  const url = new URL(request.url);
  return {
    method: request.method.toUpperCase(),
    origin: url.origin,
    pathname: url.pathname,
    search: url.search,
    header: (name) => request.headers.get(name),
    text: () => request.text(),
  };
}

/**
 * Any origin, a path under the version root. A RegExp without capturing groups: msw then decodes no path parameters
 * (a malformed escape would make it throw), routing is the pipeline's.
 */
function underBase(basePath: string): RegExp {
  return new RegExp(`^[^:/?#]+://[^/?#]*${basePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`, 'i');
}

export function createMockHandlers(options: MockOptions = {}): MockHandlers {
  const pipeline = createMockPipeline(options);
  const handler = http.all(underBase(pipeline.basePath), async ({ request }) =>
    (await pipeline.respond(fromFetchRequest(request)))?.toResponse(),
  );
  return {
    handlers: [handler],
    store: pipeline.store,
    model: pipeline.model,
    basePath: pipeline.basePath,
    bodyLimit: pipeline.bodyLimit,
    pipeline,
  };
}
