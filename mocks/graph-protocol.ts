/**
 * What every answer of the mock carries, the way Microsoft Graph sends it: request-id / client-request-id / Date
 * headers, the OData JSON content type, @odata.context URLs and the Graph error body
 * `{ "error": { "code", "message", "innerError": { "date", "request-id", "client-request-id" } } }`.
 */
import { randomUUID } from 'node:crypto';

export const GRAPH_JSON_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

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
export function requestContext(request: Request, basePath: string): RequestContext {
  const requestId = randomUUID();
  const sent = request.headers.get('client-request-id');
  return {
    requestId,
    // Graph echoes the caller's client-request-id; without one it reports its own request id there.
    clientRequestId: sent !== null && sent.trim() !== '' ? sent.trim() : requestId,
    received: new Date(),
    serviceRoot: `${new URL(request.url).origin}${basePath}`,
  };
}

function protocolHeaders(ctx: RequestContext, extra: Record<string, string>): Headers {
  const headers = new Headers({
    'request-id': ctx.requestId,
    'client-request-id': ctx.clientRequestId,
    date: ctx.received.toUTCString(),
    'odata-version': '4.0',
    'cache-control': 'no-cache',
    'x-ms-ags-diagnostic': JSON.stringify({
      ServerInfo: { DataCenter: 'Mock', Slice: 'E', Ring: '0', ScaleUnit: '000', RoleInstance: 'graph-esim-mock' },
    }),
  });
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return headers;
}

export function jsonResponse(
  ctx: RequestContext,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): Response {
  const headers = protocolHeaders(ctx, { 'content-type': GRAPH_JSON_CONTENT_TYPE, ...extra });
  return new Response(JSON.stringify(body), { status, headers });
}

/** An answer without a body: 204 unless the contract documents another status without a body. */
export function noContentResponse(ctx: RequestContext, status = 204, extra: Record<string, string> = {}): Response {
  return new Response(null, { status, headers: protocolHeaders(ctx, extra) });
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

export function errorResponse(
  ctx: RequestContext,
  kind: ErrorKind,
  message: string,
  extra: Record<string, string> = {},
): Response {
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
