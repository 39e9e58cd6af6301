/**
 * The embedded mock of the Graph beta eSIM API. In-process: createMockHandlers(options).handlers with msw's
 * getResponse or setupServer. Over HTTP: startMockServer(options) on 127.0.0.1, or `npm run mock -- --port N`.
 * Both call the same request pipeline (createMockPipeline).
 */
export { createMockHandlers, type MockHandlers, type MockOptions } from './handlers.js';
export { createMockPipeline, type MockPipeline } from './pipeline.js';
export { MockReply } from './graph-protocol.js';
export type { MockRequest } from './request-gate.js';
export { startMockServer, type MockServer, type MockServerOptions } from './http-server.js';
export { TenantStore, Tenant, MonotonicClock, type StoredEntity } from './tenant-store.js';
export { FAULT_HEADER, parseFaults, FaultSpecError, type Fault, type FaultKind } from './faults.js';
export { TENANT_HEADER, DEFAULT_BODY_LIMIT } from './request-gate.js';
export { GRAPH_JSON_CONTENT_TYPE, ERROR_CODES } from './graph-protocol.js';
export { typeFactsOf, type TypeFacts, type PropertyFacts } from './type-facts.js';
