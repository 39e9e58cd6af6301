/**
 * A whole conformance pass in one process, without Playwright: every operation, every case group, then the pool
 * lifecycle. The Playwright specs run the same pieces one group per test; this is for tests of the runner itself
 * and for the benchmark.
 */
import type { LoadedContracts } from '../contracts/load.js';
import type { Check } from '../checks/types.js';
import { casesFor, type CaseGroup, type PayloadSource } from './cases.js';
import { runCase, type CaseResult } from './execute.js';
import type { GraphClient } from './graph-client.js';
import { runPoolLifecycle } from './lifecycle.js';
import { ResourceTracker } from './resources.js';
import type { RunSettings } from './settings.js';

export const CASE_GROUPS: CaseGroup[] = ['example', 'valid', 'invalid', 'unknown-id', 'no-token'];

export async function runAll(env: { client: GraphClient; contracts: LoadedContracts; checks: Check[]; payloads: PayloadSource; settings: Pick<RunSettings, 'seed' | 'validCount'> }): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  const tracker = new ResourceTracker(env.client, env.contracts, (opId) => env.payloads.valid(opId, env.settings.seed));
  try {
    for (const op of env.contracts.operations) {
      for (const group of CASE_GROUPS) {
        for (const plan of casesFor(op, group, env.contracts, env.payloads, env.settings)) {
          results.push(await runCase(op, plan, { client: env.client, contracts: env.contracts, tracker, checks: env.checks }));
        }
      }
    }
    const lifecycle = await runPoolLifecycle({ ...env, tracker, seed: env.settings.seed });
    results.push(...lifecycle.results);
  } finally {
    await tracker.cleanup();
  }
  return results;
}
