/**
 * Child process of the bench: one whole in-process conformance pass (runner/run-all.ts: every operation x case group,
 * then the pool lifecycle, every check) against the embedded mock in this process.
 * `node --import tsx bench/suite-child.ts --valid N`
 * Also counts the TCP connections the client opened (connection reuse) via undici's diagnostics channel.
 */
import { subscribe } from 'node:diagnostics_channel';
import { selectChecks } from '../checks/registry.js';
import { loadContracts } from '../contracts/load.js';
import { payloadSource } from '../runner/payload-source.js';
import { runAll } from '../runner/run-all.js';
import { startMockTarget } from '../runner/target.js';
import { emitResult } from './child-process.js';
import { flagNumber } from './cli-flags.js';

export interface SuiteResult {
  loopMs: number;
  startupMs: number;
  cases: number;
  exchanges: number;
  findings: number;
  connections: number;
  maxRssKb: number;
}

async function main(argv: string[]): Promise<void> {
  const validCount = flagNumber(argv, '--valid', 5);
  const seed = flagNumber(argv, '--seed', 20240801);
  let connections = 0;
  subscribe('undici:client:connected', () => {
    connections++;
  });
  const contracts = loadContracts();
  const target = await startMockTarget({ tenant: 'bench' });
  try {
    const startupMs = performance.now();
    const t0 = performance.now();
    const summary = await runAll(
      { client: target.client, contracts, checks: selectChecks(), payloads: payloadSource(contracts, ''), settings: { seed, validCount } },
      () => {},
    );
    const loopMs = performance.now() - t0;
    const out: SuiteResult = {
      loopMs,
      startupMs,
      cases: summary.cases,
      exchanges: summary.exchanges,
      findings: summary.findings,
      connections,
      maxRssKb: process.resourceUsage().maxRSS,
    };
    emitResult(out);
  } finally {
    await target.close();
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(`suite: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
