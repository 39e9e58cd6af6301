/**
 * A whole pool lifecycle through a validating proxy (Prism `proxy --errors` in front of the embedded mock): create,
 * get, list, update, assignments (create, list, get, update), assign, device states (create, list, get, update,
 * delete), delete, and a read after the delete. Each step records the status and the violations Prism reported
 * (its `sl-violations` header, or a problem+json body of type VIOLATIONS / UNPROCESSABLE_ENTITY). Used by the
 * Prism proxy test and by the bench.
 */
import type { LoadedContracts } from '../contracts/load.js';
import { validBody } from '../generators/payloads/index.js';

export interface LifecycleStep {
  step: string;
  method: string;
  path: string;
  status: number;
  expected: number;
  violations: string[];
}

export interface LifecycleResult {
  steps: LifecycleStep[];
  violations: number;
  /** Steps whose status was not the expected one (violations aside). */
  unexpected: number;
}

const SEED = 20240801;

/** Prism's verdict on one answer: the messages of its violations, none when it let the answer through. */
export function prismViolations(headers: Headers, body: string): string[] {
  const messages: string[] = [];
  const header = headers.get('sl-violations');
  const read = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const v of list as { location?: unknown; message?: unknown }[])
      messages.push(`${Array.isArray(v.location) ? v.location.join('.') : '?'}: ${String(v.message)}`);
  };
  if (header) {
    try {
      read(JSON.parse(header));
    } catch {
      messages.push(`sl-violations: ${header.slice(0, 200)}`);
    }
  }
  if (messages.length === 0 && /application\/problem\+json/.test(headers.get('content-type') ?? '')) {
    try {
      const problem = JSON.parse(body) as { type?: string; validation?: unknown; detail?: string };
      if (/VIOLATIONS|UNPROCESSABLE_ENTITY/.test(problem.type ?? '')) {
        read(problem.validation);
        if (messages.length === 0) messages.push(`${problem.type}: ${problem.detail ?? ''}`);
      }
    } catch {
      messages.push(`unreadable problem+json: ${body.slice(0, 200)}`);
    }
  }
  return messages;
}

export async function runProxyLifecycle(origin: string, contracts: LoadedContracts, token = 'prism-lifecycle'): Promise<LifecycleResult> {
  const steps: LifecycleStep[] = [];
  const path = (opId: string, ids: Record<string, string> = {}): string =>
    contracts.operation(opId).path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(ids[name] ?? 'missing'));
  const call = async (step: string, opId: string, ids: Record<string, string>, body?: unknown): Promise<unknown> => {
    const op = contracts.operation(opId);
    const p = path(opId, ids);
    const res = await fetch(`${origin}${p}`, {
      method: op.method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const expected = step === 'get after delete' ? 404 : op.response.status;
    steps.push({ step, method: op.method, path: p, status: res.status, expected, violations: prismViolations(res.headers, text) });
    try {
      return text ? JSON.parse(text) : null;
    } catch {
      return null;
    }
  };
  const idOf = (v: unknown): string =>
    v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string' ? (v as { id: string }).id : 'none';
  const body = (opId: string, extra: object = {}): unknown => validBody(opId, { seed: SEED, contracts, ...extra });

  const pool = idOf(await call('create pool', 'createEmbeddedSIMActivationCodePool', {}, body('createEmbeddedSIMActivationCodePool')));
  const P = { embeddedSIMActivationCodePoolId: pool };
  await call('get pool', 'getEmbeddedSIMActivationCodePool', P);
  await call('list pools', 'listEmbeddedSIMActivationCodePools', {});
  await call('update pool', 'updateEmbeddedSIMActivationCodePool', P, body('updateEmbeddedSIMActivationCodePool'));
  const prefer = { prefer: ['groupAssignmentTarget'] };
  const assignment = idOf(
    await call(
      'create assignment',
      'createEmbeddedSIMActivationCodePoolAssignment',
      P,
      body('createEmbeddedSIMActivationCodePoolAssignment', prefer),
    ),
  );
  const A = { ...P, embeddedSIMActivationCodePoolAssignmentId: assignment };
  await call('list assignments', 'listEmbeddedSIMActivationCodePoolAssignments', P);
  await call('get assignment', 'getEmbeddedSIMActivationCodePoolAssignment', A);
  await call(
    'update assignment',
    'updateEmbeddedSIMActivationCodePoolAssignment',
    A,
    body('updateEmbeddedSIMActivationCodePoolAssignment', prefer),
  );
  await call('delete assignment', 'deleteEmbeddedSIMActivationCodePoolAssignment', A);
  await call('assign', 'assignEmbeddedSIMActivationCodePool', P, body('assignEmbeddedSIMActivationCodePool', prefer));
  await call('list assignments after assign', 'listEmbeddedSIMActivationCodePoolAssignments', P);
  const state = idOf(await call('create device state', 'createEmbeddedSIMDeviceState', P, body('createEmbeddedSIMDeviceState')));
  const D = { ...P, embeddedSIMDeviceStateId: state };
  await call('list device states', 'listEmbeddedSIMDeviceStates', P);
  await call('get device state', 'getEmbeddedSIMDeviceState', D);
  await call('update device state', 'updateEmbeddedSIMDeviceState', D, body('updateEmbeddedSIMDeviceState'));
  await call('delete device state', 'deleteEmbeddedSIMDeviceState', D);
  await call('delete pool', 'deleteEmbeddedSIMActivationCodePool', P);
  await call('get after delete', 'getEmbeddedSIMActivationCodePool', P);

  return {
    steps,
    violations: steps.reduce((n, s) => n + s.violations.length, 0),
    unexpected: steps.filter((s) => s.violations.length === 0 && s.status !== s.expected).length,
  };
}
