/**
 * The error answers the docs and the Graph protocol imply, as reusable responses: 400 (a body or query the service
 * rejects), 401 (no or bad token), 403 (a token without the permission), 404 (an id that does not exist: only on
 * paths with ids), 429 (throttled, with Retry-After) and 503 (unavailable, Retry-After when the service gives one).
 * Each carries the Graph error body. `default` stays for everything else (405, 413, 415, 5xx...).
 */
import type { OperationContract } from '../../contracts/model.js';
import { componentRef, type JsonObject } from './schema-refs.js';

export const ERROR_RESPONSE = 'graphError';
const ERROR_TYPE = 'graphError';

interface ErrorAnswer {
  status: number;
  name: string;
  code: string;
  why: string;
  retryAfter?: 'required' | 'optional';
}

export const ERROR_ANSWERS: readonly ErrorAnswer[] = [
  { status: 400, name: 'badRequest', code: 'BadRequest', why: 'The request body or query is malformed or breaks the documented schema.' },
  { status: 401, name: 'unauthorized', code: 'InvalidAuthenticationToken', why: 'No bearer token, or one that is malformed or expired.' },
  { status: 403, name: 'forbidden', code: 'Forbidden', why: 'The token lacks every documented permission of the operation.' },
  { status: 404, name: 'notFound', code: 'ResourceNotFound', why: 'No object with that id (or a child of a pool that does not exist).' },
  {
    status: 429,
    name: 'tooManyRequests',
    code: 'TooManyRequests',
    why: 'Throttled (Intune: 100 writes per 20 s per app per tenant). Wait Retry-After seconds, then retry.',
    retryAfter: 'required',
  },
  {
    status: 503,
    name: 'serviceUnavailable',
    code: 'ServiceUnavailable',
    why: 'The service is unavailable for now; retry after Retry-After seconds when given, else back off.',
    retryAfter: 'optional',
  },
];

/** The error statuses an operation documents: 404 only where the path names an object. */
export function errorStatusesOf(op: OperationContract): ErrorAnswer[] {
  return ERROR_ANSWERS.filter((a) => a.status !== 404 || op.pathParameters.length > 0);
}

function errorSchema(known: ReadonlySet<string>): JsonObject {
  return known.has(ERROR_TYPE)
    ? { $ref: componentRef(ERROR_TYPE) }
    : { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code', 'message'] } } };
}

function errorExample(a: ErrorAnswer): JsonObject {
  return {
    error: {
      code: a.code,
      message: a.why,
      innerError: {
        date: '2024-08-01T00:00:00',
        'request-id': '00000000-0000-4000-8000-000000000000',
        'client-request-id': '00000000-0000-4000-8000-000000000000',
      },
    },
  };
}

/** components/responses: the default Graph error and one response per error status. */
export function errorResponseComponents(known: ReadonlySet<string>, headers: () => JsonObject): JsonObject {
  const out: JsonObject = {
    [ERROR_RESPONSE]: {
      description:
        'A Microsoft Graph error (any 4xx or 5xx status): `{ "error": { "code", "message", "innerError": { "date", "request-id" } } }`.',
      headers: headers(),
      content: { 'application/json': { schema: errorSchema(known) } },
    },
  };
  for (const a of ERROR_ANSWERS) {
    const retry = a.retryAfter
      ? { 'Retry-After': { $ref: `#/components/headers/${a.retryAfter === 'required' ? 'Retry-After' : 'Retry-After-optional'}` } }
      : {};
    out[a.name] = {
      description: `${a.status}: ${a.why}`,
      headers: { ...headers(), ...retry },
      content: { 'application/json': { schema: errorSchema(known), examples: { graph: { summary: a.code, value: errorExample(a) } } } },
    };
  }
  return out;
}

const RETRY_AFTER_SCHEMA = {
  type: 'string',
  pattern: '^(\\d+(\\.\\d+)?|[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT)$',
};

/** components/headers for Retry-After (seconds, fractions allowed, or an HTTP date). */
export function retryAfterHeaders(): JsonObject {
  return {
    'Retry-After': { description: 'Seconds to wait (fractions allowed) or an HTTP date.', required: true, schema: RETRY_AFTER_SCHEMA },
    'Retry-After-optional': { description: 'Seconds to wait or an HTTP date, when the service gives one.', schema: RETRY_AFTER_SCHEMA },
  };
}

/** The `responses` entries of an operation's errors. */
export function operationErrorResponses(op: OperationContract): JsonObject {
  return Object.fromEntries(errorStatusesOf(op).map((a) => [String(a.status), { $ref: `#/components/responses/${a.name}` }]));
}
