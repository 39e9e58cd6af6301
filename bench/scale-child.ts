/**
 * Child process of the bench: wall time and memory for N exchanges of runner/run-all.ts, against the embedded mock in
 * this process with the `patch-204` fault, so that every update gives a finding and there are findings to stream.
 *   --mode stream   streamAll: passes of 5 generated bodies per operation until N exchanges, findings to a JSONL file
 *   --mode runall   runAll with a callback: one pass sized to N exchanges (bench/pass-size.ts), results counted
 * Neither keeps the results; the heap after the run says whether anything else does.
 * `node --expose-gc --import tsx bench/scale-child.ts --mode stream --exchanges N [--warmup W] [--out FILE]`
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { selectChecks } from '../checks/registry.js';
import { loadContracts } from '../contracts/load.js';
import { payloadSource } from '../runner/payload-source.js';
import { runAll, streamAll, type RunAllEnv } from '../runner/run-all.js';
import { startMockTarget } from '../runner/target.js';
import { emitResult } from './child-process.js';
import { flagNumber, flagString } from './cli-flags.js';
import { exchangesPerPass, validCountFor } from './pass-size.js';

export interface ScaleResult {
  mode: 'stream' | 'runall';
  target: number;
  /** Exchanges made first, untimed, to warm up (validators compiled on first use, JIT). */
  warmup: number;
  exchanges: number;
  cases: number;
  findings: number;
  loopMs: number;
  /** Peak resident memory of the process (resourceUsage().maxRSS). */
  maxRssMb: number;
  /** Heap in use after a full GC before the loop (everything loaded) and after it (what the run still holds). */
  heapBeforeMb: number;
  heapAfterMb: number;
  /** runall: the validCount that sized the pass. */
  validCount: number | null;
  /** Why this row did not run (runall cannot make fewer exchanges than one pass with no generated bodies). */
  skipped: string | null;
}

const SEED = 20240801;
const mb = (bytes: number): number => bytes / (1024 * 1024);

/** Heap in use after full collections, with turns of the event loop between them so finalizers run too. */
async function heapAfterGc(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc: the scale rows measure the heap after a full collection');
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
  return mb(process.memoryUsage().heapUsed);
}

async function main(argv: string[]): Promise<void> {
  const mode = flagString(argv, '--mode');
  if (mode !== 'stream' && mode !== 'runall') throw new Error(`--mode must be stream or runall; got "${mode ?? ''}"`);
  const target = flagNumber(argv, '--exchanges', 1000);
  const out = flagString(argv, '--out') ?? '/dev/null';
  const warmup = flagNumber(argv, '--warmup', 300);
  const contracts = loadContracts();
  const payloads = payloadSource(contracts, '');
  const checks = selectChecks();
  const server = await startMockTarget({ tenant: 'bench-scale', mock: { faults: 'patch-204' } });
  const base: Omit<ScaleResult, 'exchanges' | 'cases' | 'findings' | 'loopMs' | 'maxRssMb' | 'heapAfterMb'> = {
    mode,
    target,
    warmup,
    heapBeforeMb: 0,
    validCount: null,
    skipped: null,
  };
  try {
    // Warm up (validators compiled on first use, JIT) so the timed part is the steady state; its results are dropped.
    const env = (validCount: number): RunAllEnv => ({
      client: server.client,
      contracts,
      checks,
      payloads,
      settings: { seed: SEED, validCount },
    });
    if (warmup > 0) await runAll(env(5), () => {}, { passes: Infinity, maxExchanges: warmup });
    let exchanges = 0;
    let cases = 0;
    let findings = 0;
    let loopMs = 0;
    let heapAfterMb = 0;
    if (mode === 'stream') {
      const sink = createWriteStream(out);
      base.heapBeforeMb = await heapAfterGc();
      const t0 = performance.now();
      for await (const result of streamAll(env(5), { passes: Infinity, maxExchanges: target })) {
        exchanges += result.exchanges.length;
        cases++;
        for (const f of result.findings) {
          findings++;
          if (!sink.write(`${JSON.stringify(f)}\n`)) await once(sink, 'drain');
        }
      }
      loopMs = performance.now() - t0;
      sink.end();
      await once(sink, 'finish');
      heapAfterMb = await heapAfterGc();
    } else {
      const sized = validCountFor(target, (v) => exchangesPerPass(contracts, payloads.invalid, v, SEED));
      if (!sized) {
        const min = exchangesPerPass(contracts, payloads.invalid, 0, SEED);
        emitResult({
          ...base,
          exchanges: 0,
          cases: 0,
          findings: 0,
          loopMs: 0,
          maxRssMb: 0,
          heapAfterMb: 0,
          skipped: `one runAll pass makes at least ${min} exchanges`,
        } satisfies ScaleResult);
        return;
      }
      base.validCount = sized.validCount;
      base.heapBeforeMb = await heapAfterGc();
      const t0 = performance.now();
      const summary = await runAll(env(sized.validCount), (result) => {
        exchanges += result.exchanges.length;
        cases += 1;
        findings += result.findings.length;
      });
      loopMs = performance.now() - t0;
      heapAfterMb = await heapAfterGc();
      if (summary.exchanges !== exchanges) throw new Error(`runAll counted ${summary.exchanges} exchanges, its callback ${exchanges}`);
    }
    emitResult({
      ...base,
      exchanges,
      cases,
      findings,
      loopMs,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      heapAfterMb,
    } satisfies ScaleResult);
  } finally {
    await server.close();
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(`scale: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
