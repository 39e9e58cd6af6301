/**
 * `npm run bench [-- options]`: measures, in one run on this machine, the suite's overhead against a bare loop
 * (in-process runner and the real Playwright run), our mock's throughput against Stoplight Prism, validation
 * throughput, time and memory from 100 to 10,000 exchanges, and CPU profiles. Prints the table of ratios and writes
 * reports/bench.md. Bounded: each child process has a time limit, each load row a duration and a request cap.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { loadContracts } from '../contracts/load.js';
import { validBody } from '../generators/payloads/index.js';
import { buildOpenApi } from '../generators/openapi/document.js';
import { openApiProblems } from '../generators/openapi/validate.js';
import { REPO, runNode, tsArgs, childFailure } from './child-process.js';
import { FlagError, flagNumber, flagNumbers, flagSet, flagString, unknownFlags } from './cli-flags.js';
import { loadAverage, machine } from './machine.js';
import { cleanEnv, measureInProcess, measurePlaywright } from './overhead.js';
import { ensurePrism } from './prism.js';
import { measureProfiles } from './profile.js';
import { renderBenchMarkdown } from './report-md.js';
import { attempt, type BenchResults } from './results.js';
import { measureScale } from './scale.js';
import { summaryRows, textTable } from './summary-table.js';
import { measureThroughput, requestFor } from './throughput.js';
import type { ValidationResult } from './validation-child.js';
import type { ExploreBenchResult } from './explore-child.js';

export const PARTS = ['overhead', 'playwright', 'throughput', 'validation', 'scale', 'profile', 'explore'] as const;
export type Part = (typeof PARTS)[number];

const USAGE = `Usage: npm run bench -- [options]

Measures the suite on this machine and writes reports/bench.md (see README, "Benchmarks").

Options:
  --only LIST         parts to run, comma-separated: ${PARTS.join(', ')} (default: all)
  --skip LIST         parts to leave out
  --valid N           VALID_CASES for the overhead runs (default 120: over 1,000 exchanges)
  --rounds N          back-to-back suite/bare pairs for the in-process runner (default 3)
  --pw-rounds N       the same for the Playwright run (default 2)
  --connections N     concurrent keep-alive connections of the load generator (default 8)
  --duration MS       measured time per server and throughput row, in 3 interleaved rounds, after a warm-up of a
                      sixth of it (default 3000)
  --scale LIST        exchange counts for the scale rows (default 100,1000,10000)
  --no-marginal       leave out the Playwright run at twice VALID_CASES (the marginal cost per exchange)
  --quick             a short run for trying the bench: --rounds 1 --pw-rounds 1 --duration 1000 --scale 100,1000
  --out FILE          the report (default reports/bench.md)
  --keep              keep the work folder (recordings, profiles) and print where it is
  --help              this text

Prism (@stoplight/prism-cli 5.14.2) is installed on first use into node_modules/.cache/bench-prism (BENCH_PRISM_DIR to
change); it is not a dependency of the project. If the install fails, the Prism rows are skipped with the reason.`;

function parts(argv: readonly string[]): Set<Part> {
  const list = (name: string): Part[] | undefined => {
    const v = flagString(argv, name);
    if (v === undefined) return undefined;
    const items = v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = items.filter((i) => !(PARTS as readonly string[]).includes(i));
    if (bad.length)
      throw new FlagError(`${name}: unknown part${bad.length > 1 ? 's' : ''} ${bad.join(', ')}; the parts are ${PARTS.join(', ')}.`);
    return items as Part[];
  };
  const only = list('--only');
  const skip = list('--skip') ?? [];
  return new Set((only ?? [...PARTS]).filter((p) => !skip.includes(p)));
}

export async function main(argv: string[]): Promise<number> {
  if (flagSet(argv, '--help') || flagSet(argv, '-h')) {
    console.log(USAGE);
    return 0;
  }
  const unknown = unknownFlags(
    argv,
    ['--quick', '--keep', '--no-marginal', '--help', '-h'],
    ['--only', '--skip', '--valid', '--rounds', '--pw-rounds', '--connections', '--duration', '--scale', '--out'],
  );
  if (unknown.length) throw new FlagError(`unknown argument${unknown.length > 1 ? 's' : ''} ${unknown.join(' ')}`);
  const quick = flagSet(argv, '--quick');
  const selected = parts(argv);
  const settings = {
    validCases: flagNumber(argv, '--valid', 120, 10_000),
    marginal: !flagSet(argv, '--no-marginal'),
    rounds: Math.max(1, flagNumber(argv, '--rounds', quick ? 1 : 3, 20)),
    playwrightRounds: Math.max(1, flagNumber(argv, '--pw-rounds', quick ? 1 : 2, 20)),
    connections: Math.max(1, flagNumber(argv, '--connections', 8, 256)),
    durationMs: Math.max(200, flagNumber(argv, '--duration', quick ? 1000 : 3000, 60_000)),
    scalePoints: flagNumbers(argv, '--scale', quick ? [100, 1000] : [100, 1000, 10_000]),
  };
  const out = flagString(argv, '--out') ?? join(REPO, 'reports', 'bench.md');
  const workDir = mkdtempSync(join(tmpdir(), 'graph-esim-bench-'));
  const log = (line: string): void => console.error(`[bench] ${line}`);
  const t0 = performance.now();
  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    durationMs: 0,
    machine: machine(),
    loadBefore: loadAverage(),
    loadAfter: [],
    settings,
  };
  log(`work folder ${workDir}; load average ${results.loadBefore.join(', ')} on ${results.machine.nproc} cores`);
  const contracts = loadContracts();
  try {
    if (selected.has('overhead'))
      results.inProcess = await attempt(() => measureInProcess({ validCases: settings.validCases, rounds: settings.rounds, workDir, log }));
    if (selected.has('playwright'))
      results.playwright = await attempt(() =>
        measurePlaywright({
          validCases: settings.validCases,
          rounds: settings.playwrightRounds,
          workDir,
          log,
          marginal: settings.marginal,
        }),
      );
    if (selected.has('throughput')) {
      const openapiFile = join(workDir, 'openapi.json');
      results.openapi = await attempt(async () => {
        const doc = buildOpenApi(contracts);
        const problems = openApiProblems(doc);
        if (problems.length)
          throw new Error(
            `the OpenAPI export is not valid: ${problems
              .slice(0, 3)
              .map((p) => `${p.pointer}: ${p.message}`)
              .join('; ')}`,
          );
        writeFileSync(openapiFile, JSON.stringify(doc));
        return {
          file: 'the OpenAPI export of contracts/',
          operations: contracts.operations.length,
          schemas: Object.keys((doc.components as { schemas: object }).schemas).length,
        };
      });
      const prism = await ensurePrism(undefined, log);
      if ('skipped' in prism) log(`Prism rows skipped: ${prism.skipped}`);
      results.throughput = await attempt(() =>
        measureThroughput({
          contracts,
          openapiFile,
          prism,
          connections: settings.connections,
          durationMs: settings.durationMs,
          warmupMs: Math.round(settings.durationMs / 6),
          maxRequests: 500_000,
          rounds: quick ? 1 : 3,
          log,
        }),
      );
    }
    if (selected.has('validation')) {
      log('validation: recording one pass and re-checking it in a loop...');
      results.validation = await attempt(async () => {
        const run = await runNode<ValidationResult>(
          tsArgs('bench/validation-child.ts', ['--valid', String(settings.validCases), '--ms', String(quick ? 1000 : 2000)]),
          { env: cleanEnv(), timeoutMs: 10 * 60_000 },
        );
        if (run.code !== 0 || !run.result) throw new Error(childFailure('the validation child', run));
        return run.result;
      });
    }
    if (selected.has('explore')) {
      log('explore: the default mock exploration, in-process...');
      results.explore = await attempt(async () => {
        const run = await runNode<ExploreBenchResult>(tsArgs('bench/explore-child.ts'), { env: cleanEnv(), timeoutMs: 10 * 60_000 });
        if (run.code !== 0 || !run.result) throw new Error(childFailure('the explore child', run));
        return run.result;
      });
    }
    if (selected.has('scale'))
      results.scale = await attempt(() => measureScale({ points: settings.scalePoints, warmup: 300, workDir, log }));
    if (selected.has('profile')) {
      const bodies = Array.from({ length: 64 }, (_, i) =>
        JSON.stringify(validBody('createEmbeddedSIMActivationCodePool', { seed: 1000 + i, contracts })),
      );
      results.profiles = await attempt(() =>
        measureProfiles({
          workDir,
          validCases: settings.validCases,
          top: 15,
          mockRequests: (base) => requestFor('create', contracts, base, bodies, 'unused', 'bench-profile'),
          mockDurationMs: Math.min(settings.durationMs, 3000),
          playwright: true,
          log,
        }),
      );
    }
  } finally {
    results.loadAfter = loadAverage();
    results.durationMs = performance.now() - t0;
    if (flagSet(argv, '--keep')) log(`kept ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, renderBenchMarkdown(results));
  console.log(textTable(summaryRows(results)));
  console.log(`\n${relative(process.cwd(), out) || out} written (${(results.durationMs / 1000).toFixed(0)} s).`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof FlagError ? `bench: ${e.message}\n\n${USAGE}` : `bench: ${(e as Error).stack ?? String(e)}`);
    process.exitCode = e instanceof FlagError ? 2 : 1;
  },
);
