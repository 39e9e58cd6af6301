/**
 * One object across the exchanges of a case or lifecycle: which earlier exchanges were about the same object (same
 * Graph type, same id), and what each said about it. server_generated compares timestamps with an earlier state;
 * computed_property finds the activation codes the client last sent.
 */
import type { OperationContract, OperationKind } from '../contracts/model.js';
import { isObject } from './body-walk.js';
import { objectIdOf } from './identifiers.js';
import { isSuccess } from './response-body.js';
import type { CheckContext, Exchange } from './types.js';

/** Operations whose URL ends in the id of the object they are about. */
const ADDRESSED: ReadonlySet<OperationKind> = new Set<OperationKind>(['get', 'update', 'delete']);

export interface Step {
  exchange: Exchange;
  op: OperationContract;
}

/** The id of the one object an exchange is about (lower-cased), or null (lists, actions, bodies without id). */
export function subjectId(exchange: Exchange, op: OperationContract): string | null {
  if (op.kind === 'list' || op.kind === 'action') return null;
  return objectIdOf(exchange, ADDRESSED.has(op.kind));
}

function operationOf(ctx: CheckContext, id: string): OperationContract | null {
  try {
    return ctx.contracts.operation(id);
  } catch {
    return null;
  }
}

/** Earlier successful exchanges about the object `id` of type `resource`, oldest first. */
export function historyOf(ctx: CheckContext, resource: string, id: string): Step[] {
  const steps: Step[] = [];
  for (const exchange of ctx.prior) {
    const op = operationOf(ctx, exchange.operation);
    if (!op || op.resource !== resource || !isSuccess(exchange.response.status)) continue;
    if (subjectId(exchange, op) === id) steps.push({ exchange, op });
  }
  return steps;
}

/** A step's response body when it shows the whole object (create, get, update answered with a body). */
export function snapshotOf(step: Step): Record<string, unknown> | null {
  if (step.op.kind !== 'create' && step.op.kind !== 'get' && step.op.kind !== 'update') return null;
  const body = step.exchange.response.body;
  return isObject(body) ? body : null;
}
