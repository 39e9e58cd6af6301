/**
 * Runs one case: makes the objects it needs, sends the request, follows a delete with a read of the deleted object
 * and a successful update (or a `readBack` create) with a read of the object, and turns every exchange into
 * findings through the selected checks.
 */
import type { LoadedContracts } from '../contracts/load.js';
import type { OperationContract } from '../contracts/model.js';
import { checksExercised } from '../checks/exercised.js';
import { runChecks } from '../checks/findings.js';
import type { Check, Exchange, Finding } from '../checks/types.js';
import { UNKNOWN_OBJECT_ID, type CasePlan } from './cases.js';
import type { GraphClient } from './graph-client.js';
import { fillPath, type ResourceTracker } from './resources.js';

export interface RunEnv {
  client: GraphClient;
  contracts: LoadedContracts;
  tracker: ResourceTracker;
  checks: Check[];
}

export interface CaseResult {
  plan: CasePlan;
  exchanges: Exchange[];
  findings: Finding[];
  /** Per exchange's operation, the checks that had something to look at (checks/exercised.ts). */
  exercised?: { operation: string; checks: string[] }[];
}

function succeeded(ex: Exchange): boolean {
  return ex.response.status >= 200 && ex.response.status < 300;
}

/** The get of the object a create makes (one level below its collection) or an update addresses (its own path). */
function itemGet(contracts: LoadedContracts, op: OperationContract): OperationContract | null {
  const depth = op.path.split('/').length + (op.kind === 'create' ? 1 : 0);
  const prefix = op.kind === 'create' ? `${op.path}/{` : op.path;
  return contracts.operations.find((o) => o.kind === 'get' && o.path.startsWith(prefix) && o.path.split('/').length === depth) ?? null;
}

export async function runCase(op: OperationContract, plan: CasePlan, env: RunEnv): Promise<CaseResult> {
  // A delete or an action (assign replaces a pool's assignments) would take objects from other tests: with a token, it
  // always addresses the test's own object, whatever the case plan says.
  const destructive = (op.kind === 'delete' || op.kind === 'action') && !plan.noToken;
  const { params, target } = await env.tracker.paramsFor(op, {
    fresh: (plan.fresh ?? false) || destructive,
    ...(plan.unknownId ? { unknownLast: UNKNOWN_OBJECT_ID } : {}),
  });
  const path = fillPath(op.path, params);
  // The object's history (its create, then the writes earlier cases made), so checks compare against its last state.
  const prior: Exchange[] = target ? [target.exchange, ...(target.writes ?? [])] : [];
  const exchange = await env.client.send({
    operation: op.id,
    caseKind: plan.kind,
    caseName: plan.name,
    method: op.method,
    path,
    ...(plan.body !== undefined ? { body: plan.body } : {}),
    ...(plan.rawBody !== undefined ? { rawBody: plan.rawBody } : {}),
    ...(plan.headers ? { headers: plan.headers } : {}),
    ...(plan.noToken ? { noToken: true } : {}),
    ...(plan.mutation ? { mutation: plan.mutation } : {}),
  });
  const exchanges = [exchange];
  const findings = runChecks(env.checks, exchange, op, { contracts: env.contracts, prior });
  const names = env.checks.map((c) => c.name);
  const exercised = [{ operation: op.id, checks: checksExercised(names, exchange, op, { contracts: env.contracts, prior }) }];

  if (target && succeeded(exchange) && (op.kind === 'update' || op.kind === 'action')) (target.writes ??= []).push(exchange);

  let createdPath: string | null = null;
  if (op.kind === 'create' && succeeded(exchange)) {
    const id = (exchange.response.body as { id?: unknown } | undefined)?.id;
    const deleteOp =
      env.contracts.operations.find(
        (o) => o.kind === 'delete' && o.path.startsWith(`${op.path}/{`) && o.path.split('/').length === op.path.split('/').length + 1,
      ) ?? null;
    if (typeof id === 'string') {
      createdPath = `${path}/${encodeURIComponent(id)}`;
      env.tracker.adopt({ path: createdPath, id, exchange, deleteOp });
    }
  }
  // Does the write show? update_applied and read_only_ignored judge the read with the writes as context.
  const readPath = op.kind === 'update' && succeeded(exchange) && plan.kind !== 'unknown-id' ? path : plan.readBack ? createdPath : null;
  const getOp = readPath ? itemGet(env.contracts, op) : null;
  if (readPath && getOp) {
    const after = await env.client.send({
      operation: getOp.id,
      caseKind: 'after-update',
      caseName: `${plan.name}, then read`,
      method: 'GET',
      path: readPath,
      step: 'after-update',
    });
    exchanges.push(after);
    findings.push(...runChecks(env.checks, after, getOp, { contracts: env.contracts, prior: [...prior, exchange] }));
  }
  if (op.kind === 'delete' && succeeded(exchange) && plan.kind !== 'unknown-id') {
    env.tracker.forget(path);
    const getOp = env.contracts.operations.find((o) => o.kind === 'get' && o.path === op.path);
    if (getOp) {
      const after = await env.client.send({
        operation: getOp.id,
        caseKind: 'after-delete',
        caseName: `${plan.name}, then read`,
        method: 'GET',
        path,
        step: 'after-delete',
      });
      exchanges.push(after);
      findings.push(...runChecks(env.checks, after, getOp, { contracts: env.contracts, prior: [exchange] }));
      exercised.push({
        operation: getOp.id,
        checks: checksExercised(names, after, getOp, { contracts: env.contracts, prior: [exchange] }),
      });
    }
  }
  return { plan, exchanges, findings, exercised };
}
