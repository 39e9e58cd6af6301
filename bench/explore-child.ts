/**
 * The exploration's cost (npm run bench, part `explore`): the default mock exploration (EXPLORE_CASES cases per
 * operation with a body, every strategy, the shared checks) run in-process against the embedded mock on 127.0.0.1,
 * after one untimed warm-up run; reported per case and against a run with no exploration. Generation alone (the
 * strategies' bodies, no requests) is timed separately.
 */
import { loadContracts } from '../contracts/load.js';
import { selectChecks } from '../checks/registry.js';
import { exploreCases } from '../generators/payloads/strategies/index.js';
import { validBody } from '../generators/payloads/valid.js';
import { explore } from '../runner/explore/explore-run.js';
import { EXPLORE_DEFAULTS, readExploreSettings } from '../runner/explore/settings.js';
import { ResourceTracker } from '../runner/resources.js';
import { startMockTarget } from '../runner/target.js';
import { emitResult } from './child-process.js';

export interface ExploreBenchResult {
  casesPerOperation: number;
  operations: number;
  cases: number;
  exchanges: number;
  objects: number;
  findings: number;
  runMs: number;
  msPerCase: number;
  generationMs: number;
  generationMsPerCase: number;
}

async function main(): Promise<void> {
  const contracts = loadContracts();
  const checks = selectChecks({ exclude: [] });
  const ops = contracts.operations.filter((o) => o.request !== null);
  const settings = { ...readExploreSettings('mock', {}), database: null, cases: EXPLORE_DEFAULTS.mock.cases };
  const once = async (tenant: string) => {
    const target = await startMockTarget({ tenant });
    const tracker = new ResourceTracker(target.client, contracts, (opId) => validBody(opId, { seed: 1, contracts }));
    try {
      const t = performance.now();
      const report = await explore(
        ops,
        { client: target.client, contracts, tracker, checks, target: 'mock', runTag: '', seed: 20240801, isNew: () => true },
        settings,
      );
      return { report, ms: performance.now() - t };
    } finally {
      await tracker.cleanup();
      await target.close();
    }
  };
  await once('bench-explore-warmup');
  const { report, ms } = await once('bench-explore');
  const g = performance.now();
  let generated = 0;
  for (const op of ops) generated += exploreCases(op.id, { seed: 7, count: settings.cases, contracts }).length;
  const generationMs = performance.now() - g;
  const result: ExploreBenchResult = {
    casesPerOperation: settings.cases,
    operations: ops.length,
    cases: report.casesRun,
    exchanges: report.results.reduce((n, r) => n + r.exchanges.length, 0),
    objects: report.objectsMade,
    findings: report.results.reduce((n, r) => n + r.findings.length, 0),
    runMs: ms,
    msPerCase: ms / report.casesRun,
    generationMs,
    generationMsPerCase: generationMs / generated,
  };
  emitResult(result);
}

main().catch((e: unknown) => {
  console.error(`explore: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
