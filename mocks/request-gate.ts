/**
 * The checks every request passes before an operation runs, in the order Graph's front door applies them:
 * body size (413), bearer token (401), injected faults (429 / 503 / delay), then, for operations that take a body,
 * Content-Type (415), JSON syntax (400) and the documented schema (400 naming the property).
 */
import { createHash } from 'node:crypto';
import type { LoadedContracts } from '../contracts/load.js';
import type { OperationContract } from '../contracts/model.js';
import { FAULT_HEADER, FaultSpecError, parseFaults, type FaultOutcome, type FaultPlan } from './faults.js';
import { errorResponse, type RequestContext } from './graph-protocol.js';
import { bodyProblemMessage, focusOneOf } from './validation-message.js';

export const TENANT_HEADER = 'x-mock-tenant';
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

export interface Admitted {
  /** Which tenant the request belongs to: `header:<x-mock-tenant>` or `token:<hash of the token>`. */
  tenantKey: string;
  /** The raw body text (empty for methods without one). */
  text: string;
}

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The bearer token, or an explanation of what is wrong with the Authorization header. */
function bearer(request: Request): { token: string } | { problem: string } {
  const header = request.headers.get('authorization');
  if (header === null || header.trim() === '') return { problem: 'Access token is empty.' };
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header.trim());
  if (!m?.[1]) {
    return { problem: 'Access token validation failure: the Authorization header must be "Bearer <token>".' };
  }
  return { token: m[1] };
}

/** Size and auth, for every request under the version root. Returns the refusal, or what was admitted. */
export async function admit(request: Request, ctx: RequestContext, bodyLimit: number): Promise<Response | Admitted> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  const tooLarge = (): Response =>
    errorResponse(ctx, 'tooLarge', `The request body is larger than the mock's limit of ${bodyLimit} bytes.`);
  if (Number.isFinite(declared) && declared > bodyLimit) return tooLarge();
  const text = METHODS_WITH_BODY.has(request.method) ? await request.text() : '';
  if (Buffer.byteLength(text, 'utf8') > bodyLimit) return tooLarge();

  const auth = bearer(request);
  if ('problem' in auth) return errorResponse(ctx, 'unauthorized', auth.problem);
  const named = request.headers.get(TENANT_HEADER)?.trim();
  const tenantKey = named
    ? `header:${named}`
    : `token:${createHash('sha256').update(auth.token).digest('hex').slice(0, 16)}`;
  return { tenantKey, text };
}

/** Applies the server's and the request's faults: waits, or answers 429 / 503. */
export async function applyFaults(
  request: Request,
  ctx: RequestContext,
  plan: FaultPlan,
  sleep: Sleep,
  operation: string,
): Promise<Response | FaultOutcome> {
  let headerFaults;
  try {
    headerFaults = parseFaults(request.headers.get(FAULT_HEADER) ?? '', `${FAULT_HEADER} header`);
  } catch (e) {
    if (e instanceof FaultSpecError) return errorResponse(ctx, 'badRequest', e.message);
    throw e;
  }
  const outcome = plan.outcome(request.method, operation, headerFaults);
  if (outcome.delayMs > 0) await sleep(outcome.delayMs);
  const reject = outcome.reject;
  if (reject?.kind === 'throttle') {
    return errorResponse(
      ctx,
      'throttled',
      'Too many requests: the mock was asked to throttle this request (fault injection).',
      { 'retry-after': String(reject.retryAfter ?? 1) },
    );
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
  request: Request,
  text: string,
  ctx: RequestContext,
  op: OperationContract,
  contracts: LoadedContracts,
): Response | { body: Record<string, unknown> } {
  const contentType = request.headers.get('content-type');
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
