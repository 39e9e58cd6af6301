/**
 * When a check has a documented response body to read: a 2xx answer of an operation that documents a body, whose
 * body parsed as JSON. A 204 without a body (a PATCH answered the way Intune does) has nothing to read, so the checks
 * that read bodies stay silent on it and only status_code speaks.
 */
import type { BodySpec, OperationContract } from '../contracts/model.js';
import { walkBody, type BodyWalk, type Schemas } from './body-walk.js';
import type { CheckContext, Exchange } from './types.js';

export const isSuccess = (status: number): boolean => status >= 200 && status <= 299;

export interface DocumentedBody {
  spec: BodySpec;
  body: unknown;
}

/** The body to hold against the contract, or null when there is none to read (see above). */
export function documentedBody(exchange: Exchange, op: OperationContract): DocumentedBody | null {
  const spec = op.response.body;
  if (!spec || !isSuccess(exchange.response.status)) return null;
  if (exchange.response.body === undefined) return null;
  return { spec, body: exchange.response.body };
}

/** The walk of the documented body, or null when there is none to read. */
export function walkResponse(exchange: Exchange, op: OperationContract, ctx: CheckContext): BodyWalk | null {
  const doc = documentedBody(exchange, op);
  return doc ? walkBody(ctx.contracts.schemas as Schemas, doc.spec, doc.body) : null;
}
