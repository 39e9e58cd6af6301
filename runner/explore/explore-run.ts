/**
 * An exploration run over the operations that take a body: the failure database's cases first, then the strategies'
 * cases (generators/payloads/strategies) round by round across the operations (so a small budget reaches every
 * operation), actions last (an action such as assign replaces children other cases address). Each case goes through
 * the same runner and checks as every other case; a case with a new finding is shrunk to the smallest body with the
 * same fingerprint, and that body is what is reported.
 */
import type { OperationContract } from '../../contracts/model.js';
import type { Finding } from '../../checks/types.js';
import { isWithin } from '../../lib/json-pointer.js';
import { shrinkCandidates } from '../../generators/payloads/shrink.js';
import { resolveBody } from '../../generators/payloads/source.js';
import { exploreCases, strategyCase, type ExploreCase } from '../../generators/payloads/strategies/index.js';
import type { CasePlan } from '../cases.js';
import { runCase, type CaseResult, type RunEnv } from '../execute.js';
import type { FailureEntry } from './failure-db.js';
import type { ExploreSettings } from './settings.js';
import { shrink, type ShrinkOutcome } from './shrink.js';

export interface ExploreEnv extends RunEnv {
  target: 'mock' | 'live';
  runTag: string;
  seed: number;
  /** The findings that fail a run (not in the ledger). */
  isNew: (f: Finding) => boolean;
}

export interface ShrinkSummary {
  operation: string;
  case: string;
  /** The first failing body again: `npm run payloads -- <operation> --strategy <strategy> --seed <seed> --round <round>`. */
  strategy: string;
  seed: number;
  round: number;
  fingerprint: string;
  originalBytes: number;
  minimalBytes: number;
  attempts: number;
  stopped: ShrinkOutcome<unknown>['stopped'];
  minimalBody: unknown;
}

export interface ExploreReport {
  results: CaseResult[];
  shrunk: ShrinkSummary[];
  failures: FailureEntry[];
  /** Cases planned but not run, and why (time or object budget). */
  notRun: { count: number; reason: string } | null;
  casesRun: number;
  objectsMade: number;
}

interface Planned {
  op: OperationContract;
  c: ExploreCase;
  replay: boolean;
}

const bytes = (v: unknown): number => Buffer.byteLength(JSON.stringify(v) ?? '');

function planOf(p: Planned): CasePlan {
  return {
    kind: p.c.kind,
    name: `${p.replay ? 'replay of ' : ''}${p.c.name}: ${p.c.note}`,
    // Not FAKER_SEED's to replay (strategy and round matter too): the failure text names `npm run payloads -- … --strategy`.
    seed: null,
    body: p.c.body,
    ...(p.c.mutation ? { mutation: p.c.mutation } : {}),
  };
}

/** Where an Ajv error points: the instance, plus the member it names (unknown or missing property). */
function errorPointer(e: { instancePath: string; params: unknown }): string {
  const p = e.params as Record<string, unknown>;
  const named = p.unevaluatedProperty ?? p.additionalProperty;
  return typeof named === 'string' ? `${e.instancePath}/${named.replace(/~/g, '~0').replace(/\//g, '~1')}` : e.instancePath;
}

/** Whether a shrink candidate still is the kind of case it shrinks: schema-valid, or breaking only the named rule. */
function keepsKind(env: ExploreEnv, op: OperationContract, c: ExploreCase, candidate: unknown): boolean {
  const v = env.contracts.validateRequest(op.id, candidate);
  if (c.kind === 'valid') return v.valid;
  const at = c.mutation?.pointer ?? '';
  const summary = new Set(['oneOf', 'anyOf', 'allOf']);
  return !v.valid && v.errors.every((e) => isWithin(errorPointer(e), at) || (summary.has(e.keyword) && isWithin(at, e.instancePath)));
}

function planned(ops: OperationContract[], settings: ExploreSettings, env: ExploreEnv, replays: FailureEntry[]): Planned[] {
  const opts = { contracts: env.contracts, runTag: env.runTag, largeItems: settings.largeItems };
  const out: Planned[] = [];
  for (const r of replays) {
    const op = ops.find((o) => o.id === r.operation);
    const c = op && strategyCase(op.id, r.strategy, { ...opts, seed: r.seed, round: r.round });
    if (op && c) out.push({ op, c, replay: true });
  }
  const perOp = new Map(ops.map((op) => [op.id, exploreCases(op.id, { ...opts, seed: env.seed, count: settings.cases })]));
  const ordered = [...ops.filter((o) => o.kind !== 'action'), ...ops.filter((o) => o.kind === 'action')];
  const actions = ordered.filter((o) => o.kind === 'action');
  for (let i = 0; i < settings.cases; i++) {
    for (const op of ordered.filter((o) => o.kind !== 'action')) {
      const c = perOp.get(op.id)?.[i];
      if (c) out.push({ op, c, replay: false });
    }
  }
  for (const op of actions) for (const c of perOp.get(op.id) ?? []) out.push({ op, c, replay: false });
  return out;
}

export async function explore(
  ops: OperationContract[],
  env: ExploreEnv,
  settings: ExploreSettings,
  replays: FailureEntry[] = [],
): Promise<ExploreReport> {
  const withBody = ops.filter((o) => o.request !== null);
  const queue = planned(
    withBody,
    settings,
    env,
    replays.filter((r) => r.target === env.target),
  );
  const deadline = settings.seconds === null ? null : Date.now() + settings.seconds * 1000;
  const objects = (): number => env.tracker.all.length;
  const report: ExploreReport = { results: [], shrunk: [], failures: [], notRun: null, casesRun: 0, objectsMade: 0 };
  for (const [index, p] of queue.entries()) {
    const overTime = deadline !== null && Date.now() >= deadline;
    const overObjects = settings.objects !== null && objects() >= settings.objects;
    if (overTime || overObjects) {
      const reason = overTime ? `EXPLORE_SECONDS=${settings.seconds} reached` : `EXPLORE_OBJECTS=${settings.objects} objects made`;
      report.notRun = { count: queue.length - index, reason };
      break;
    }
    const plan = planOf(p);
    let result = await runCase(p.op, plan, env);
    report.casesRun++;
    const first = result.findings.find(env.isNew);
    if (first) {
      const shape = resolveBody(p.op.id, env.contracts).shape;
      const outcome = await shrink(
        plan.body,
        result,
        (body) => {
          const all = shrinkCandidates(body, shape, { keepPrefix: env.runTag, ...(p.c.mutation ? { protect: p.c.mutation.pointer } : {}) });
          return (function* () {
            for (const c of all) if (keepsKind(env, p.op, p.c, c)) yield c;
          })();
        },
        async (candidate) => {
          const r = await runCase(p.op, { ...plan, name: `${p.replay ? 'replay of ' : ''}${p.c.name}, shrunk`, body: candidate }, env);
          return r.findings.some((f) => f.fingerprint === first.fingerprint) ? r : null;
        },
        {
          maxAttempts: settings.shrinkAttempts,
          canAttempt: () => settings.objects === null || p.op.kind !== 'create' || objects() < settings.objects,
        },
      );
      const note = `shrunk from ${bytes(plan.body)} to ${bytes(outcome.body)} bytes in ${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'} (${outcome.stopped})`;
      result = { ...outcome.result, plan: { ...outcome.result.plan, name: `${plan.name} [${note}]` } };
      report.shrunk.push({
        operation: p.op.id,
        case: plan.name,
        strategy: p.c.strategy,
        seed: p.c.seed,
        round: p.c.round,
        fingerprint: first.fingerprint,
        originalBytes: bytes(plan.body),
        minimalBytes: bytes(outcome.body),
        attempts: outcome.attempts,
        stopped: outcome.stopped,
        minimalBody: outcome.body,
      });
      report.failures.push({
        target: env.target,
        operation: p.op.id,
        strategy: p.c.strategy,
        seed: p.c.seed,
        round: p.c.round,
        fingerprint: first.fingerprint,
        check: first.check,
      });
    }
    report.results.push(result);
  }
  report.objectsMade = objects();
  return report;
}
