/**
 * Runs a planned sequence (plan.ts) against a target: binds each handle to the id the service gave it, sends each
 * step (case kind `stateful`), and runs the checks with the whole sequence so far as context, so stateful_oracle
 * compares every answer with the model and update_applied / read_only_ignored / server_generated see the object's
 * history. Every object a step makes (expected or not) is recorded in the tracker at once and forgotten when the
 * sequence deletes it, so cleanup removes exactly what is left.
 */
import type { LoadedContracts } from '../../contracts/load.js';
import { runChecks } from '../../checks/findings.js';
import type { Check, Exchange, Finding } from '../../checks/types.js';
import type { PayloadSource } from '../cases.js';
import type { CaseResult } from '../execute.js';
import type { GraphClient } from '../graph-client.js';
import { fillPath, type ResourceTracker } from '../resources.js';
import { familiesOf, type Family } from './families.js';
import { planSequence, type PlannedObject, type PlannedStep } from './plan.js';
import type { StatefulSettings } from './settings.js';

export interface StatefulEnv {
  client: GraphClient;
  contracts: LoadedContracts;
  checks: Check[];
  payloads: PayloadSource;
  tracker: ResourceTracker;
}

/** The id a handle gets when the service never made its object: no object has it, so the model expects 404. */
export const UNMADE_ID = '00000000-0000-4000-8000-0000000057a7';

/** The seed of sequence `index` (0-based) of a run whose base seed is `base`. */
export const sequenceSeed = (base: number, index: number): number => (base + index) >>> 0;

export function replayHint(seed: number, settings: Pick<StatefulSettings, 'steps' | 'maxObjects'>): string {
  return `FAKER_SEED=${seed} STATEFUL_SEQUENCES=1 STATEFUL_STEPS=${settings.steps} STATEFUL_OBJECTS=${settings.maxObjects} npm run conformance -- -g "stateful sequence"`;
}

export function sequenceName(index: number, seed: number, settings: Pick<StatefulSettings, 'steps' | 'maxObjects'>): string {
  return `stateful sequence #${index + 1} (seed ${seed}; replay: ${replayHint(seed, settings)})`;
}

const idOf = (ex: Exchange): string | null => {
  const id = (ex.response.body as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : null;
};
const succeeded = (ex: Exchange): boolean => ex.response.status >= 200 && ex.response.status < 300;

/** Path parameter values for an object and its ancestors. */
function paramsOf(object: PlannedObject | null, ids: Map<PlannedObject, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (let o = object; o; o = o.parent) {
    const name = /\{([^}]+)\}$/.exec(o.family.item)?.[1];
    if (name) out[name] = ids.get(o) ?? UNMADE_ID;
  }
  return out;
}

export async function runSequence(
  env: StatefulEnv,
  index: number,
  seed: number,
  settings: Pick<StatefulSettings, 'steps' | 'maxObjects'>,
): Promise<CaseResult> {
  const families = familiesOf(env.contracts);
  const steps = planSequence(families, env.payloads, { seed, steps: settings.steps, maxObjects: settings.maxObjects });
  const name = sequenceName(index, seed, settings);
  const ids = new Map<PlannedObject, string>();
  const recorded = new Set<string>();
  const exchanges: Exchange[] = [];
  const findings: Finding[] = [];

  const record = (path: string, id: string, exchange: Exchange, family: Family | undefined): void => {
    recorded.add(path);
    env.tracker.adopt({ path, id, exchange, deleteOp: family?.delete ?? null });
  };

  for (const [k, step] of steps.entries()) {
    const addressed = step.object ?? step.parent;
    const path = fillPath(step.op.path, paramsOf(addressed, ids));
    const exchange = await env.client.send({
      operation: step.op.id,
      caseKind: 'stateful',
      caseName: `${name}, step ${k + 1}/${steps.length}`,
      step: step.text,
      method: step.op.method,
      path,
      ...(step.body !== undefined ? { body: step.body } : {}),
    });
    findings.push(...runChecks(env.checks, exchange, step.op, { contracts: env.contracts, prior: [...exchanges] }));
    exchanges.push(exchange);
    if (!succeeded(exchange)) continue;
    bind(step, exchange, path, ids, record, families);
    if (step.op.kind === 'delete') {
      for (const p of [...recorded]) {
        if (p === path || p.startsWith(`${path}/`)) {
          recorded.delete(p);
          env.tracker.forget(p);
        }
      }
    }
  }
  return { plan: { kind: 'stateful', name, seed }, exchanges, findings };
}

/** After a successful step: the ids of what it made, recorded for cleanup (also what a faulty service made). */
function bind(
  step: PlannedStep,
  exchange: Exchange,
  path: string,
  ids: Map<PlannedObject, string>,
  record: (path: string, id: string, exchange: Exchange, family: Family | undefined) => void,
  families: Family[],
): void {
  if (step.op.kind === 'create') {
    const id = idOf(exchange);
    if (id === null) return;
    const made = step.makes[0];
    if (made) ids.set(made, id);
    record(
      `${path}/${encodeURIComponent(id)}`,
      id,
      exchange,
      families.find((f) => f.create === step.op),
    );
  }
  if (step.op.kind === 'action') {
    const value = (exchange.response.body as { value?: unknown } | undefined)?.value;
    const items = Array.isArray(value) ? value : [];
    const parent = path.slice(0, path.lastIndexOf('/'));
    const body = step.body as Record<string, unknown> | undefined;
    const name = body ? Object.keys(body).find((key) => Array.isArray(body[key])) : undefined;
    const family = families.find((f) => name !== undefined && f.collection.endsWith(`/${name}`));
    items.forEach((item, i) => {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id !== 'string') return;
      const made = step.makes[i];
      if (made) ids.set(made, id);
      record(`${parent}/${name ?? 'items'}/${encodeURIComponent(id)}`, id, exchange, family);
    });
  }
}
