/**
 * Conformance passes as a stream: the same pieces as runner/run-all.ts (every operation x case group, then the pool
 * lifecycle), one case result at a time, repeated pass after pass until a number of exchanges is reached. Nothing is
 * kept: each pass has its own resource tracker, cleaned up when the pass ends (as each Playwright test cleans up its
 * own), and each result is handed to the caller and forgotten. This is what the scale rows measure; runAll, which
 * returns every result in one array, is measured beside it.
 */
import type { LoadedContracts } from '../contracts/load.js';
import type { Check } from '../checks/types.js';
import { casesFor, type PayloadSource } from '../runner/cases.js';
import { runCase, type CaseResult } from '../runner/execute.js';
import type { GraphClient } from '../runner/graph-client.js';
import { runPoolLifecycle } from '../runner/lifecycle.js';
import { ResourceTracker } from '../runner/resources.js';
import { CASE_GROUPS } from '../runner/run-all.js';

export interface StreamEnv {
  client: GraphClient;
  contracts: LoadedContracts;
  checks: Check[];
  payloads: PayloadSource;
  seed: number;
  /** Generated valid bodies per operation in each pass. */
  validCount: number;
}

/** Case results until `limit` exchanges have been made (the last case may go one or two over). */
export async function* streamCases(env: StreamEnv, limit: number): AsyncGenerator<CaseResult> {
  let exchanges = 0;
  while (exchanges < limit) {
    const tracker = new ResourceTracker(env.client, env.contracts, (opId) => env.payloads.valid(opId, env.seed));
    try {
      for (const op of env.contracts.operations) {
        for (const group of CASE_GROUPS) {
          for (const plan of casesFor(op, group, env.contracts, env.payloads, { seed: env.seed, validCount: env.validCount })) {
            const result = await runCase(op, plan, { client: env.client, contracts: env.contracts, tracker, checks: env.checks });
            exchanges += result.exchanges.length;
            yield result;
            if (exchanges >= limit) return;
          }
        }
      }
      const { results } = await runPoolLifecycle({ ...env, tracker });
      for (const result of results) {
        exchanges += result.exchanges.length;
        yield result;
        if (exchanges >= limit) return;
      }
    } finally {
      await tracker.cleanup();
    }
  }
}

/**
 * How many exchanges one runAll pass makes with `validCount` generated bodies per operation, counted from the case
 * plans without sending anything: one per case, one more for each successful delete (the read that follows it), and
 * the lifecycle's steps (the invalid cases depend on the seed). Used to size runAll for a target number of exchanges.
 */
export function exchangesPerPass(contracts: LoadedContracts, invalid: PayloadSource['invalid'], validCount: number, seed: number, lifecycleSteps = 11): number {
  const payloads: PayloadSource = { valid: () => ({}), invalid };
  let n = lifecycleSteps;
  for (const op of contracts.operations) {
    for (const group of CASE_GROUPS) {
      for (const plan of casesFor(op, group, contracts, payloads, { seed, validCount })) {
        n += 1;
        if (op.kind === 'delete' && (plan.kind === 'valid' || plan.kind === 'example')) n += 1;
      }
    }
  }
  return n;
}

/** The smallest validCount whose pass makes at least `target` exchanges, or null when even 0 makes more. */
export function validCountFor(target: number, perPass: (validCount: number) => number): { validCount: number; exchanges: number } | null {
  const base = perPass(0);
  if (base > target) return null;
  const slope = perPass(1) - base;
  if (slope <= 0) return { validCount: 0, exchanges: base };
  const validCount = Math.ceil((target - base) / slope);
  return { validCount, exchanges: perPass(validCount) };
}
