/**
 * What every answer of the mock carries, the way Microsoft Graph sends it: request-id / client-request-id / Date
 * headers, the OData JSON content type, @odata.context URLs and the Graph error body
 * `{ "error": { "code", "message", "innerError": { "date", "request-id", "client-request-id" } } }`.
 */
import { randomUUID } from 'node:crypto';

export const GRAPH_JSON_CONTENT_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** Graph error codes the mock answers with, by status. */
export const ERROR_CODES = {
  badRequest: { status: 400, code: 'BadRequest' },
  unauthorized: { status: 401, code: 'InvalidAuthenticationToken' },
  notFound: { status: 404, code: 'ResourceNotFound' },
  methodNotAllowed: { status: 405, code: 'MethodNotAllowed' },
  tooLarge: { status: 413, code: 'RequestEntityTooLarge' },
  unsupportedMediaType: { status: 415, code: 'UnsupportedMediaType' },
  throttled: { status: 429, code: 'TooManyRequests' },
  internal: { status: 500, code: 'InternalServerError' },
  notImplemented: { status: 501, code: 'NotImplemented' },
  unavailable: { status: 503, code: 'ServiceUnavailable' },
} as const;

export type ErrorKind = keyof typeof ERROR_CODES;

/**
 * An answer of the mock, independent of the transport: the HTTP server writes it straight to the socket, the msw
 * handler turns it into a fetch Response. Header names are lower-case.
 */
export class MockReply {
  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    /** The body text; null for none. */
    readonly body: string | null,
  ) {}

  /** As a fetch Response (for msw). */
  toResponse(): Response {
    return new Response(this.body, { status: this.status, headers: this.headers });
  }
}

/** What the protocol needs to know of a request before routing it. */
export interface RequestHead {
  /** `http://127.0.0.1:4010` (the mock's own origin as the client addressed it). */
  origin: string;
  /** A request header by lower-case name, or null. */
  header(name: string): string | null;
}

/** Per-request protocol facts, fixed when the request arrives. */
export interface RequestContext {
  requestId: string;
  clientRequestId: string;
  /** When the request arrived (used for the Date header and innerError.date). */
  received: Date;
  /** The mock's own version root as the client sees it, e.g. `http://127.0.0.1:4010/beta`. */
  serviceRoot: string;
}

/** `basePath` is the version root path the mock serves, e.g. `/beta`. */
export function requestContext(request: RequestHead, basePath: string): RequestContext {
  const requestId = randomUUID();
  const sent = request.header('client-request-id');
  return {
    requestId,
    // Graph echoes the caller's client-request-id; without one it reports its own request id there.
    clientRequestId: sent !== null && sent.trim() !== '' ? sent.trim() : requestId,
    received: new Date(),
    serviceRoot: `${request.origin}${basePath}`,
  };
}

const DIAGNOSTIC = JSON.stringify({
  ServerInfo: { DataCenter: 'Mock', Slice: 'E', Ring: '0', ScaleUnit: '000', RoleInstance: 'graph-esim-mock' },
});

function protocolHeaders(ctx: RequestContext, extra: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {
    'request-id': ctx.requestId,
    'client-request-id': ctx.clientRequestId,
    date: ctx.received.toUTCString(),
    'odata-version': '4.0',
    'cache-control': 'no-cache',
    'x-ms-ags-diagnostic': DIAGNOSTIC,
  };
  for (const [name, value] of Object.entries(extra)) headers[name.toLowerCase()] = value;
  return headers;
}

export function jsonResponse(ctx: RequestContext, status: number, body: unknown, extra: Record<string, string> = {}): MockReply {
  return new MockReply(status, protocolHeaders(ctx, { 'content-type': GRAPH_JSON_CONTENT_TYPE, ...extra }), JSON.stringify(body));
}

/** An answer without a body: 204 unless the contract documents another status without a body. */
export function noContentResponse(ctx: RequestContext, status = 204, extra: Record<string, string> = {}): MockReply {
  return new MockReply(status, protocolHeaders(ctx, extra), null);
}

/** The Graph error body. innerError.date is UTC to the second without an offset, as Graph writes it. */
export function errorBody(ctx: RequestContext, code: string, message: string): Record<string, unknown> {
  return {
    error: {
      code,
      message,
      innerError: {
        date: ctx.received.toISOString().slice(0, 19),
        'request-id': ctx.requestId,
        'client-request-id': ctx.clientRequestId,
      },
    },
  };
}

export function errorResponse(ctx: RequestContext, kind: ErrorKind, message: string, extra: Record<string, string> = {}): MockReply {
  const { status, code } = ERROR_CODES[kind];
  return jsonResponse(ctx, status, errorBody(ctx, code, message), extra);
}

/** A path relative to the version root, with parent keys in OData key syntax: `pools('id')/assignments`. */
export function odataPath(segments: { name: string; key?: string }[]): string {
  return segments.map((s) => (s.key === undefined ? s.name : `${s.name}('${s.key}')`)).join('/');
}

export function contextUrl(ctx: RequestContext, fragment: string): string {
  return `${ctx.serviceRoot}/$metadata#${fragment}`;
}
