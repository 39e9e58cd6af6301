/**
 * The stateful lifecycle of a pool: create -> get -> list -> update -> get -> create assignment -> list assignments
 * -> assign -> list assignments -> delete -> get (404). The update always sends a readable property (see
 * visibleUpdateBody), so its visibility is always checked. Every step's exchange goes through the checks with the
 * earlier steps about the same object as context, so timestamps are compared across steps. What the steps show
 * about consistency (the new pool is listed, the update is visible, assign replaces) is returned as `expectations`
 * for the test to assert.
 */
import type { LoadedContracts } from '../contracts/load.js';
import { checksExercised } from '../checks/exercised.js';
import { runChecks } from '../checks/findings.js';
import { propertyRoles, shows } from '../checks/property-roles.js';
import type { CaseKind, Check, Exchange } from '../checks/types.js';
import type { PayloadSource } from './cases.js';
import type { CaseResult } from './execute.js';
import type { GraphClient } from './graph-client.js';
import type { ResourceTracker } from './resources.js';

export interface LifecycleEnv {
  client: GraphClient;
  contracts: LoadedContracts;
  checks: Check[];
  payloads: PayloadSource;
  tracker: ResourceTracker;
  seed: number;
}

export interface Expectation {
  what: string;
  expected: unknown;
  observed: unknown;
}

export interface LifecycleResult {
  results: CaseResult[];
  expectations: Expectation[];
}

const POOL_PARAM = '{embeddedSIMActivationCodePoolId}';

/** The writable, readable (not readOnly, not writeOnly) documented properties a body of `opId` sends. */
function readableProperties(env: LifecycleEnv, opId: string, sent: unknown): string[] {
  const type = env.contracts.operation(opId).request?.type;
  if (!type || sent === null || typeof sent !== 'object') return [];
  const roles = propertyRoles({ contracts: env.contracts, prior: [] }, type);
  return roles.filter((r) => !r.readOnly && !r.writeOnly && r.name in sent).map((r) => r.name);
}

/**
 * The update body: the first of seeds seed+1, seed+2, ... (up to 32 tries) whose generated body sends a property
 * that can be read back, so the update's visibility is always checked whatever the seed (a body of activation codes
 * alone, which are writeOnly, would show nothing).
 */
function visibleUpdateBody(env: LifecycleEnv, opId: string): { body: unknown; seed: number } {
  let first: { body: unknown; seed: number } | null = null;
  for (let i = 1; i <= 32; i++) {
    const seed = (env.seed + i) >>> 0;
    const body = env.payloads.valid(opId, seed);
    first ??= { body, seed };
    if (readableProperties(env, opId, body).length > 0) return { body, seed };
  }
  return first as { body: unknown; seed: number };
}

export async function runPoolLifecycle(env: LifecycleEnv): Promise<LifecycleResult> {
  const { contracts } = env;
  const results: CaseResult[] = [];
  const expectations: Expectation[] = [];
  const history: Exchange[] = [];

  async function step(
    opId: string,
    name: string,
    path: string,
    body?: unknown,
    prior: Exchange[] = history,
    kind: CaseKind = 'lifecycle',
  ): Promise<Exchange> {
    const op = contracts.operation(opId);
    const exchange = await env.client.send({
      operation: opId,
      caseKind: kind,
      caseName: `lifecycle: ${name}`,
      step: name,
      method: op.method,
      path,
      ...(body !== undefined ? { body } : {}),
    });
    results.push({
      plan: { kind, name: `lifecycle: ${name}`, seed: env.seed },
      exchanges: [exchange],
      findings: runChecks(env.checks, exchange, op, { contracts, prior: [...prior] }),
      exercised: [
        {
          operation: opId,
          checks: checksExercised(
            env.checks.map((c) => c.name),
            exchange,
            op,
            { contracts, prior: [...prior] },
          ),
        },
      ],
    });
    return exchange;
  }
  const idOf = (ex: Exchange): string => String((ex.response.body as { id?: unknown } | undefined)?.id ?? '');
  const listIds = (ex: Exchange): string[] =>
    ((ex.response.body as { value?: { id?: string }[] } | undefined)?.value ?? []).map((v) => String(v.id)).sort();
  const body = (ex: Exchange): Record<string, unknown> => (ex.response.body ?? {}) as Record<string, unknown>;

  const pools = contracts.operation('createEmbeddedSIMActivationCodePool').path;
  const create = await step(
    'createEmbeddedSIMActivationCodePool',
    'create pool',
    pools,
    env.payloads.valid('createEmbeddedSIMActivationCodePool', env.seed),
    [],
  );
  const poolId = idOf(create);
  if (create.response.status >= 300 || !poolId) {
    expectations.push({
      what: 'the pool is created',
      expected: contracts.operation('createEmbeddedSIMActivationCodePool').response.status,
      observed: create.response.status,
    });
    return { results, expectations };
  }
  const poolPath = `${pools}/${encodeURIComponent(poolId)}`;
  env.tracker.adopt({ path: poolPath, id: poolId, exchange: create, deleteOp: contracts.operation('deleteEmbeddedSIMActivationCodePool') });
  history.push(create);

  await step('getEmbeddedSIMActivationCodePool', 'get pool', poolPath);
  const list = await step('listEmbeddedSIMActivationCodePools', 'list pools', pools);
  expectations.push({ what: 'the new pool is listed', expected: true, observed: listIds(list).includes(poolId) });

  const { body: updateBody, seed: updateSeed } = visibleUpdateBody(env, 'updateEmbeddedSIMActivationCodePool');
  const update = await step('updateEmbeddedSIMActivationCodePool', `update pool (seed ${updateSeed})`, poolPath, updateBody);
  history.push(update);
  const after = await step('getEmbeddedSIMActivationCodePool', 'get pool after update', poolPath);
  // Always judged: the body sent has at least one readable property (update_applied also judges this read).
  const readable = readableProperties(env, 'updateEmbeddedSIMActivationCodePool', updateBody);
  expectations.push({ what: 'the update body names a readable property', expected: true, observed: readable.length > 0 });
  if (update.response.status < 300)
    expectations.push({
      what: 'the update is visible: every readable property sent reads back (the names of those that do not)',
      expected: [],
      observed: readable.filter((name) => !shows(body(after)[name], (updateBody as Record<string, unknown>)[name])),
    });

  const under = (opId: string): string => contracts.operation(opId).path.replace(POOL_PARAM, encodeURIComponent(poolId));
  const assignments = under('createEmbeddedSIMActivationCodePoolAssignment');
  const created = await step(
    'createEmbeddedSIMActivationCodePoolAssignment',
    'create assignment',
    assignments,
    env.payloads.valid('createEmbeddedSIMActivationCodePoolAssignment', (env.seed + 2) >>> 0),
    [],
  );
  const listed = await step('listEmbeddedSIMActivationCodePoolAssignments', 'list assignments', assignments);
  expectations.push({ what: 'the new assignment is listed', expected: true, observed: listIds(listed).includes(idOf(created)) });

  const assigned = await step(
    'assignEmbeddedSIMActivationCodePool',
    'assign',
    under('assignEmbeddedSIMActivationCodePool'),
    env.payloads.valid('assignEmbeddedSIMActivationCodePool', (env.seed + 3) >>> 0),
    [],
  );
  const relisted = await step('listEmbeddedSIMActivationCodePoolAssignments', 'list assignments after assign', assignments);
  if (assigned.response.status < 300)
    expectations.push({ what: 'assign replaces the assignments', expected: listIds(assigned), observed: listIds(relisted) });

  const deleted = await step('deleteEmbeddedSIMActivationCodePool', 'delete pool', poolPath);
  if (deleted.response.status < 300) env.tracker.forget(poolPath);
  await step('getEmbeddedSIMActivationCodePool', 'get pool after delete', poolPath, undefined, [deleted], 'after-delete');
  return { results, expectations };
}
