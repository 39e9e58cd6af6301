/**
 * Whole conformance passes in one process, without Playwright: every operation, every case group, the read-only
 * cases, the pool lifecycle, then the stateful sequences. The Playwright specs run the same pieces one group per test; this is for tests of the runner itself and
 * for the benchmark.
 *
 * Results stream: each case result is handed on as soon as it is checked and nothing here keeps it, so memory does
 * not grow with the number of cases. Each pass has its own ResourceTracker, cleaned up when the pass ends (as each
 * Playwright test cleans up its own), so what a pass made is gone before the next one starts.
 *
 *   for await (const result of streamAll(env, { passes: 3 })) ...
 *   const summary = await runAll(env, (result) => { ... });
 */
import type { LoadedContracts } from '../contracts/load.js';
import type { Check } from '../checks/types.js';
import { casesFor, type CaseGroup, type PayloadSource } from './cases.js';
import { runCase, type CaseResult } from './execute.js';
import type { GraphClient } from './graph-client.js';
import { runPoolLifecycle } from './lifecycle.js';
import { readOnlyCases, readOnlyOperations } from './read-only-cases.js';
import { ResourceTracker } from './resources.js';
import type { RunSettings } from './settings.js';
import { runSequence, sequenceSeed } from './stateful/run.js';
import { STATEFUL_DEFAULTS, type StatefulSettings } from './stateful/settings.js';

export const CASE_GROUPS: CaseGroup[] = ['example', 'valid', 'invalid', 'unknown-id', 'no-token'];

export interface RunAllEnv {
  client: GraphClient;
  contracts: LoadedContracts;
  checks: Check[];
  payloads: PayloadSource;
  settings: Pick<RunSettings, 'seed' | 'validCount'>;
  /** Stateful sequences per pass and their bounds (default STATEFUL_DEFAULTS). */
  stateful?: StatefulSettings;
}

export interface RunLimits {
  /** How many passes to make (default 1; Infinity with maxExchanges to run until a number of exchanges). */
  passes?: number;
  /** Stop after the case that brings the exchanges to at least this many (a case may make two: a delete and its read). */
  maxExchanges?: number;
}

export interface RunSummary {
  /** Passes started (the last one may have stopped early at maxExchanges). */
  passes: number;
  cases: number;
  exchanges: number;
  findings: number;
  /** What a pass's cleanup could not delete (status 0: no delete operation, or no answer). */
  leftovers: { path: string; status: number }[];
}

/**
 * One pass, case by case, the way the Playwright tests run it: each group of cases (a test) has a tracker of its own
 * over the pass's shared one (the caller's, which it cleans up), and cleans up what it made when the group ends;
 * what a cleanup could not delete goes to `leftovers` (the run's summary).
 */
async function* onePass(env: RunAllEnv, shared: ResourceTracker, leftovers: RunSummary['leftovers']): AsyncGenerator<CaseResult> {
  const { client, contracts, checks, settings } = env;
  async function* inTest(run: (tracker: ResourceTracker) => AsyncGenerator<CaseResult>): AsyncGenerator<CaseResult> {
    const tracker = new ResourceTracker(client, contracts, (opId) => env.payloads.valid(opId, settings.seed), shared);
    try {
      yield* run(tracker);
    } finally {
      leftovers.push(...(await tracker.cleanup()));
    }
  }
  for (const op of contracts.operations) {
    for (const group of CASE_GROUPS) {
      yield* inTest(async function* (tracker) {
        for (const plan of casesFor(op, group, contracts, env.payloads, settings)) {
          yield await runCase(op, plan, { client, contracts, tracker, checks });
        }
      });
    }
  }
  for (const op of readOnlyOperations(contracts)) {
    yield* inTest(async function* (tracker) {
      for (const plan of readOnlyCases(op, contracts, env.payloads, settings.seed)) {
        yield await runCase(op, plan, { client, contracts, tracker, checks });
      }
    });
  }
  yield* inTest(async function* (tracker) {
    const lifecycle = await runPoolLifecycle({ client, contracts, checks, payloads: env.payloads, tracker, seed: settings.seed });
    yield* lifecycle.results;
  });
  const stateful = env.stateful ?? STATEFUL_DEFAULTS;
  for (let i = 0; i < stateful.sequences; i++) {
    yield* inTest(async function* (tracker) {
      yield await runSequence({ client, contracts, checks, payloads: env.payloads, tracker }, i, sequenceSeed(settings.seed, i), stateful);
    });
  }
}

/**
 * Case results one at a time, pass after pass, until `limits` are reached. When the generator returns it gives the
 * summary; stopping early (break) still cleans up the current pass.
 */
export async function* streamAll(env: RunAllEnv, limits: RunLimits = {}): AsyncGenerator<CaseResult, RunSummary> {
  const passes = limits.passes ?? 1;
  const maxExchanges = limits.maxExchanges ?? Infinity;
  if (!(passes >= 1) || !(maxExchanges >= 1)) {
    throw new Error(`runAll: passes (${passes}) and maxExchanges (${maxExchanges}) must be at least 1.`);
  }
  if (passes === Infinity && maxExchanges === Infinity) throw new Error('runAll: endless passes need maxExchanges to stop at.');
  const summary: RunSummary = { passes: 0, cases: 0, exchanges: 0, findings: 0, leftovers: [] };
  while (summary.passes < passes && summary.exchanges < maxExchanges) {
    summary.passes += 1;
    const tracker = new ResourceTracker(env.client, env.contracts, (opId) => env.payloads.valid(opId, env.settings.seed));
    try {
      for await (const result of onePass(env, tracker, summary.leftovers)) {
        summary.cases += 1;
        summary.exchanges += result.exchanges.length;
        summary.findings += result.findings.length;
        yield result;
        if (summary.exchanges >= maxExchanges) break;
      }
    } finally {
      summary.leftovers.push(...(await tracker.cleanup()));
    }
  }
  return summary;
}

/**
 * Runs the passes, handing each case result to `onResult` (awaited) as it comes; returns the counts. When onResult
 * throws, the current pass is cleaned up and the error passed on.
 */
export async function runAll(
  env: RunAllEnv,
  onResult: (result: CaseResult) => void | Promise<void>,
  limits: RunLimits = {},
): Promise<RunSummary> {
  const stream = streamAll(env, limits);
  let finished = false;
  try {
    for (;;) {
      const next = await stream.next();
      if (next.done) {
        finished = true;
        return next.value;
      }
      await onResult(next.value);
    }
  } finally {
    if (!finished) await stream.return({ passes: 0, cases: 0, exchanges: 0, findings: 0, leftovers: [] });
  }
}
