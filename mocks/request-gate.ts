/**
 * The checks every request passes before an operation runs, in the order Graph's front door applies them:
 * body size (413), bearer token (401), injected faults (429 / 503 / delay), then, for operations that take a body,
 * Content-Type (415), JSON syntax (400) and the documented schema (400 naming the property).
 */
import { createHash } from 'node:crypto';
import type { LoadedContracts } from '../contracts/load.js';
import type { OperationContract } from '../contracts/model.js';
import { FAULT_HEADER, FaultSpecError, parseFaults, type FaultOutcome, type FaultPlan } from './faults.js';
import { errorResponse, type MockReply, type RequestContext, type RequestHead } from './graph-protocol.js';
import { bodyProblemMessage, focusOneOf } from './validation-message.js';

export const TENANT_HEADER = 'x-mock-tenant';
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** A request as the pipeline sees it, whichever way it arrived (node:http or an msw fetch Request). */
export interface MockRequest extends RequestHead {
  /** Upper-case. */
  method: string;
  /** The URL's path, percent-encoded as sent (no query). */
  pathname: string;
  /** The body as UTF-8 text (a leading BOM dropped, as fetch's text() does). Read only for POST, PUT and PATCH. */
  text(): Promise<string>;
}

export interface Admitted {
  /** Which tenant the request belongs to: `header:<x-mock-tenant>` or `token:<hash of the token>`. */
  tenantKey: string;
  /** The raw body text (empty for methods without one). */
  text: string;
}

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The bearer token, or an explanation of what is wrong with the Authorization header. */
function bearer(request: MockRequest): { token: string } | { problem: string } {
  const header = request.header('authorization');
  if (header === null || header.trim() === '') return { problem: 'Access token is empty.' };
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header.trim());
  if (!m?.[1]) {
    return { problem: 'Access token validation failure: the Authorization header must be "Bearer <token>".' };
  }
  return { token: m[1] };
}

/** Size and auth, for every request under the version root. Returns the refusal, or what was admitted. */
export async function admit(request: MockRequest, ctx: RequestContext, bodyLimit: number): Promise<MockReply | Admitted> {
  const declared = Number(request.header('content-length') ?? '0');
  const tooLarge = (): MockReply =>
    errorResponse(ctx, 'tooLarge', `The request body is larger than the mock's limit of ${bodyLimit} bytes.`);
  if (Number.isFinite(declared) && declared > bodyLimit) return tooLarge();
  const text = METHODS_WITH_BODY.has(request.method) ? await request.text() : '';
  if (Buffer.byteLength(text, 'utf8') > bodyLimit) return tooLarge();

  const auth = bearer(request);
  if ('problem' in auth) return errorResponse(ctx, 'unauthorized', auth.problem);
  const named = request.header(TENANT_HEADER)?.trim();
  return { tenantKey: named ? `header:${named}` : tokenTenant(auth.token), text };
}

/** Tenant keys of recent tokens: a client sends the same token on every request, so hash it once. */
const tokenTenants = new Map<string, string>();

function tokenTenant(token: string): string {
  let key = tokenTenants.get(token);
  if (key === undefined) {
    key = `token:${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
    if (tokenTenants.size >= 1000) tokenTenants.clear();
    tokenTenants.set(token, key);
  }
  return key;
}

/** Applies the server's and the request's faults: waits, or answers 429 / 503. */
export async function applyFaults(
  request: MockRequest,
  ctx: RequestContext,
  plan: FaultPlan,
  sleep: Sleep,
  operation: string,
): Promise<MockReply | FaultOutcome> {
  let headerFaults;
  try {
    headerFaults = parseFaults(request.header(FAULT_HEADER) ?? '', `${FAULT_HEADER} header`);
  } catch (e) {
    if (e instanceof FaultSpecError) return errorResponse(ctx, 'badRequest', e.message);
    throw e;
  }
  const outcome = plan.outcome(request.method, operation, headerFaults);
  if (outcome.delayMs > 0) await sleep(outcome.delayMs);
  const reject = outcome.reject;
  if (reject?.kind === 'throttle') {
    return errorResponse(ctx, 'throttled', 'Too many requests: the mock was asked to throttle this request (fault injection).', {
      'retry-after': String(reject.retryAfter ?? 1),
    });
  }
  if (reject?.kind === 'unavailable') {
    return errorResponse(
      ctx,
      'unavailable',
      'The service is temporarily unavailable: the mock was asked to fail this request (fault injection).',
      reject.retryAfter === null ? {} : { 'retry-after': String(reject.retryAfter) },
    );
  }
  return outcome;
}

function isJsonMediaType(contentType: string | null): boolean {
  const media = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  return media === 'application/json';
}

/** Content-Type, JSON syntax and schema of the body of an operation that documents one. */
export function readBody(
  request: MockRequest,
  text: string,
  ctx: RequestContext,
  op: OperationContract,
  contracts: LoadedContracts,
): MockReply | { body: Record<string, unknown> } {
  const contentType = request.header('content-type');
  if (text.trim() === '' && contentType === null) {
    return errorResponse(ctx, 'badRequest', `${op.method} ${op.id} requires a JSON request body; none was sent.`);
  }
  if (!isJsonMediaType(contentType)) {
    return errorResponse(
      ctx,
      'unsupportedMediaType',
      `Content-Type "${contentType ?? '(none)'}" is not supported; send the body as application/json.`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    return errorResponse(ctx, 'badRequest', `Invalid JSON in the request body: ${(e as Error).message}`);
  }
  const result = contracts.validateRequest(op.id, body);
  if (!result.valid) {
    const errors = focusOneOf(result.errors, body, contracts.validateType, new Set(contracts.schemas.keys()));
    return errorResponse(ctx, 'badRequest', bodyProblemMessage(errors));
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return errorResponse(ctx, 'badRequest', 'The request body must be a JSON object.');
  }
  return { body: body as Record<string, unknown> };
}
