/**
 * Suite overhead: the whole mock conformance run against the bare loop that sends the same requests with plain fetch
 * to the same mock (bench/bare-loop.ts), both in fresh processes, in back-to-back pairs.
 *  - in-process: runner/run-all.ts (bench/suite-child.ts); compared on the loop alone and on the whole process;
 *  - Playwright: `playwright test --project=mock --workers=1` as a user runs it, exchanges counted from the
 *    drift.json it writes; compared on the whole process (what a user waits for) and on CPU time.
 * Each side's requests are recorded once (bench/record-fetch.mjs) in a run that is not timed; the timed runs are
 * made without the recorder. The replay's statuses are compared with the recorded ones.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BareResult } from './bare-child.js';
import { childFailure, PLAYWRIGHT_CLI, REPO, runNode, tsArgs, type ChildRun } from './child-process.js';
import { RECORD_DIR_VARIABLE, RECORDER, readRecordings } from './recording.js';
import { median, pairedRatio } from './stats.js';
import type { SuiteResult } from './suite-child.js';

export interface OverheadOptions {
  validCases: number;
  rounds: number;
  workDir: string;
  log: (line: string) => void;
}

export interface Sample {
  wallMs: number;
  cpuMs: number | null;
  /** The loop alone (in-process runs and the bare loop), else null. */
  loopMs: number | null;
}

export interface OverheadResult {
  name: string;
  exchanges: number;
  requests: number;
  suite: Sample[];
  bare: Sample[];
  /** Median of per-pair ratios suite / bare. */
  ratioWall: number;
  ratioCpu: number | null;
  ratioLoop: number | null;
  mismatches: number;
  notes: string[];
}

/** Environment for the children: the defaults a plain run has (no fault profile, no check selection, no CI). */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of [
    'MOCK_FAULTS',
    'CHECKS',
    'SKIP_CHECKS',
    'FAKER_SEED',
    'VALID_CASES',
    'GITHUB_STEP_SUMMARY',
    'DRIFT_LEDGER',
    'CI',
    RECORD_DIR_VARIABLE,
  ])
    delete env[k];
  return { ...env, ...extra };
}

function sample(run: ChildRun<{ loopMs?: number }>): Sample {
  return { wallMs: run.wallMs, cpuMs: run.cpuMs, loopMs: run.result?.loopMs ?? null };
}

function must<T>(name: string, run: ChildRun<T>): T {
  if (run.code !== 0 || run.result === null) throw new Error(childFailure(name, run));
  return run.result;
}

function ratios(
  name: string,
  exchanges: number,
  requests: number,
  suite: Sample[],
  bare: Sample[],
  mismatches: number,
  notes: string[],
): OverheadResult {
  const cpu = suite.every((s) => s.cpuMs !== null) && bare.every((b) => b.cpuMs !== null);
  const loop = suite.every((s) => s.loopMs !== null) && bare.every((b) => b.loopMs !== null);
  return {
    name,
    exchanges,
    requests,
    suite,
    bare,
    ratioWall: pairedRatio(
      suite.map((s) => s.wallMs),
      bare.map((b) => b.wallMs),
    ),
    ratioCpu: cpu
      ? pairedRatio(
          suite.map((s) => s.cpuMs ?? 0),
          bare.map((b) => b.cpuMs ?? 0),
        )
      : null,
    ratioLoop: loop
      ? pairedRatio(
          suite.map((s) => s.loopMs ?? 0),
          bare.map((b) => b.loopMs ?? 0),
        )
      : null,
    mismatches,
    notes,
  };
}

const TIMEOUT = 10 * 60_000;

function bareArgs(files: string[]): string[] {
  return tsArgs('bench/bare-child.ts', files);
}

/** Records the requests of one in-process pass (untimed); returns the pass's result and the recording file. */
export async function recordInProcess(workDir: string, validCases: number): Promise<{ result: SuiteResult; file: string }> {
  mkdirSync(workDir, { recursive: true });
  const dir = mkdtempSync(join(workDir, `record-inprocess-${validCases}-`));
  const result = must(
    'the recording run',
    await runNode<SuiteResult>(suiteArgs(validCases), {
      nodeFlags: ['--import', RECORDER],
      env: cleanEnv({ [RECORD_DIR_VARIABLE]: dir }),
      timeoutMs: TIMEOUT,
    }),
  );
  const files = readRecordings(dir).map((r) => r.file);
  if (files.length !== 1 || !files[0]) throw new Error(`the in-process run should leave one recording in ${dir}; found ${files.length}`);
  return { result, file: files[0] };
}

function suiteArgs(validCases: number): string[] {
  return tsArgs('bench/suite-child.ts', ['--valid', String(validCases)]);
}

/** One suite run and one bare replay, back to back (which goes first alternates with `round`). */
async function pair(
  round: number,
  validCases: number,
  files: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ suite: SuiteResult; suiteRun: Sample; bare: BareResult; bareRun: Sample }> {
  const runSuite = async (): Promise<{ r: SuiteResult; s: Sample }> => {
    const run = await runNode<SuiteResult>(suiteArgs(validCases), { env, timeoutMs: TIMEOUT });
    return { r: must('the in-process suite', run), s: sample(run) };
  };
  const runBare = async (): Promise<{ r: BareResult; s: Sample }> => {
    const run = await runNode<BareResult>(bareArgs(files), { env, timeoutMs: TIMEOUT });
    return { r: must('the bare loop', run), s: sample(run) };
  };
  // Alternate which side goes first, so a trend in background load does not favour one side.
  if (round % 2 === 0) {
    const a = await runSuite();
    const b = await runBare();
    return { suite: a.r, suiteRun: a.s, bare: b.r, bareRun: b.s };
  }
  const b = await runBare();
  const a = await runSuite();
  return { suite: a.r, suiteRun: a.s, bare: b.r, bareRun: b.s };
}

export interface InProcessOverhead {
  result: OverheadResult;
}

/** In-process runner vs bare loop. */
export async function measureInProcess(opts: OverheadOptions): Promise<InProcessOverhead> {
  opts.log(`overhead (in-process): recording the requests of one pass (VALID_CASES=${opts.validCases})...`);
  const recorded = await recordInProcess(opts.workDir, opts.validCases);
  const files = [recorded.file];
  const suite: Sample[] = [];
  const bare: Sample[] = [];
  let mismatches = 0;
  let requests = 0;
  const notes: string[] = [];
  for (let round = 0; round < opts.rounds; round++) {
    opts.log(`overhead (in-process): round ${round + 1}/${opts.rounds}`);
    const p = await pair(round, opts.validCases, files, cleanEnv());
    if (p.suite.exchanges !== recorded.result.exchanges)
      notes.push(`round ${round + 1}: the suite made ${p.suite.exchanges} exchanges, the recorded run ${recorded.result.exchanges}`);
    if (round === 0)
      notes.push(
        `the suite client opened ${p.suite.connections} TCP connection(s) for the whole pass (keep-alive reuse); ${p.suite.findings} findings`,
      );
    mismatches = Math.max(mismatches, p.bare.mismatchCount);
    requests = p.bare.requests;
    suite.push(p.suiteRun);
    bare.push(p.bareRun);
  }
  return { result: ratios('in-process runner (runner/run-all.ts)', recorded.result.exchanges, requests, suite, bare, mismatches, notes) };
}

/** drift.json's exchange count (run.exchanges, or totals.exchanges in the older layout). */
export function driftExchanges(file: string): number {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: cannot read the drift report (${(e as Error).message}); did the Playwright run write it?`);
  }
  const j = json as { run?: { exchanges?: unknown }; totals?: { exchanges?: unknown } };
  const n = j.run?.exchanges ?? j.totals?.exchanges;
  if (typeof n !== 'number') throw new Error(`${file}: no exchange count at run.exchanges or totals.exchanges.`);
  return n;
}

export interface PlaywrightRun {
  run: ChildRun<unknown>;
  exchanges: number;
  summary: string;
}

/**
 * One `playwright test --project=mock` in `cwd`, as a user runs it but with its reports in <cwd>/reports and its test
 * output in <cwd>/results (so the checkout's reports/ and test-results/ are left alone).
 */
export async function playwrightRun(
  cwd: string,
  validCases: number,
  workers: number,
  extraEnv: Record<string, string>,
  nodeOptions: string[] = [],
): Promise<PlaywrightRun> {
  mkdirSync(cwd, { recursive: true });
  const env = cleanEnv({ VALID_CASES: String(validCases), ...extraEnv });
  if (nodeOptions.length > 0) env.NODE_OPTIONS = [env.NODE_OPTIONS ?? '', ...nodeOptions].join(' ').trim();
  const run = await runNode<unknown>(
    [
      PLAYWRIGHT_CLI,
      'test',
      '--config',
      join(REPO, 'playwright.config.ts'),
      '--project=mock',
      `--workers=${workers}`,
      '--output',
      join(cwd, 'results'),
    ],
    { cwd, env, timeoutMs: TIMEOUT },
  );
  const summary = /(\d+ passed, \d+ failed, \d+ skipped)/.exec(run.stdout)?.[1] ?? `exit ${run.code}`;
  let exchanges = 0;
  try {
    exchanges = driftExchanges(join(cwd, 'reports', 'drift.json'));
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${childFailure('playwright test', run)}`);
  }
  return { run, exchanges, summary };
}

export interface PlaywrightSize {
  validCases: number;
  exchanges: number;
  requests: number;
  suite: Sample[];
  bare: Sample[];
  mismatches: number;
  notes: string[];
}

/** Records one Playwright run at `validCases`, then times `rounds` pairs of Playwright run and bare replay. */
async function playwrightSize(opts: OverheadOptions, validCases: number): Promise<PlaywrightSize> {
  const dir = join(opts.workDir, `record-playwright-${validCases}`);
  opts.log(`overhead (Playwright): recording the requests of one run (VALID_CASES=${validCases}, 1 worker)...`);
  const recorded = await playwrightRun(join(opts.workDir, `pw-record-${validCases}`), validCases, 1, { [RECORD_DIR_VARIABLE]: dir }, [
    `--import=${RECORDER}`,
  ]);
  const files = readRecordings(dir).map((r) => r.file);
  if (files.length === 0)
    throw new Error(`the Playwright run left no recording in ${dir}:\n${childFailure('playwright test', recorded.run)}`);
  const notes: string[] = [`VALID_CASES=${validCases}, recorded run: ${recorded.summary}`];
  if (files.length > 1)
    notes.push(
      `${files.length} worker processes sent requests (a failed test restarts the worker); replayed one after the other, each against a fresh mock`,
    );
  const out: PlaywrightSize = { validCases, exchanges: recorded.exchanges, requests: 0, suite: [], bare: [], mismatches: 0, notes };
  for (let round = 0; round < opts.rounds; round++) {
    opts.log(`overhead (Playwright, VALID_CASES=${validCases}): round ${round + 1}/${opts.rounds}`);
    const runSuite = async (): Promise<void> => {
      const pw = await playwrightRun(join(opts.workDir, `pw-${validCases}-${round}`), validCases, 1, {});
      if (pw.exchanges !== recorded.exchanges)
        notes.push(`round ${round + 1}: ${pw.exchanges} exchanges, the recorded run ${recorded.exchanges}`);
      if (round === 0) notes.push(`VALID_CASES=${validCases}, timed run: ${pw.summary}`);
      out.suite.push({ wallMs: pw.run.wallMs, cpuMs: pw.run.cpuMs, loopMs: null });
    };
    const runBare = async (): Promise<void> => {
      const run = await runNode<BareResult>(bareArgs(files), { env: cleanEnv(), timeoutMs: TIMEOUT });
      const r = must('the bare loop', run);
      out.mismatches = Math.max(out.mismatches, r.mismatchCount);
      out.requests = r.requests;
      out.bare.push(sample(run));
    };
    if (round % 2 === 0) {
      await runSuite();
      await runBare();
    } else {
      await runBare();
      await runSuite();
    }
  }
  return out;
}

export interface PlaywrightOverhead {
  result: OverheadResult;
  /**
   * Per exchange beyond the fixed costs (process starts, module loading, contracts): the difference between a run
   * at twice the VALID_CASES and the first, divided by the difference in exchanges, for each side.
   */
  marginal: {
    validCases: number;
    exchanges: number;
    suiteMsPerExchange: number;
    bareMsPerExchange: number;
    ratio: number;
    /** The same from CPU time (less disturbed by other processes on the machine), when /proc gives it. */
    suiteCpuMsPerExchange: number | null;
    bareCpuMsPerExchange: number | null;
    cpuRatio: number | null;
  } | null;
  twoWorkers: { wallMs: number; cpuMs: number | null; summary: string } | null;
}

/** Playwright run vs bare loop, at VALID_CASES and twice that (marginal cost), plus one run with two workers. */
export async function measurePlaywright(opts: OverheadOptions & { marginal: boolean }): Promise<PlaywrightOverhead> {
  const first = await playwrightSize(opts, opts.validCases);
  const notes = [...first.notes];
  let marginal: PlaywrightOverhead['marginal'] = null;
  if (opts.marginal) {
    const second = await playwrightSize(opts, opts.validCases * 2);
    notes.push(...second.notes.filter((n) => !n.startsWith(`VALID_CASES=${second.validCases}, recorded`)));
    const dE = second.exchanges - first.exchanges;
    const dS = median(second.suite.map((s) => s.wallMs)) - median(first.suite.map((s) => s.wallMs));
    const dB = median(second.bare.map((s) => s.wallMs)) - median(first.bare.map((s) => s.wallMs));
    const cpu = (xs: Sample[]): number => median(xs.map((x) => x.cpuMs ?? Number.NaN));
    const dSc = cpu(second.suite) - cpu(first.suite);
    const dBc = cpu(second.bare) - cpu(first.bare);
    const cpuOk = Number.isFinite(dSc) && Number.isFinite(dBc) && dBc > 0;
    if (dE > 0 && dB > 0) {
      marginal = {
        validCases: second.validCases,
        exchanges: second.exchanges,
        suiteMsPerExchange: dS / dE,
        bareMsPerExchange: dB / dE,
        ratio: dS / dB,
        suiteCpuMsPerExchange: cpuOk ? dSc / dE : null,
        bareCpuMsPerExchange: cpuOk ? dBc / dE : null,
        cpuRatio: cpuOk ? dSc / dBc : null,
      };
    }
    if (second.mismatches > 0)
      notes.push(`VALID_CASES=${second.validCases}: ${second.mismatches} replayed answers differed from the recorded ones`);
  }
  opts.log('overhead (Playwright): one run with 2 workers...');
  let twoWorkers: PlaywrightOverhead['twoWorkers'] = null;
  try {
    const two = await playwrightRun(join(opts.workDir, 'pw-2w'), opts.validCases, 2, {});
    twoWorkers = { wallMs: two.run.wallMs, cpuMs: two.run.cpuMs, summary: two.summary };
  } catch (e) {
    notes.push(`the 2-worker run failed: ${(e as Error).message.split('\n')[0] ?? ''}`);
  }
  const result = ratios(
    'Playwright run (`playwright test --project=mock --workers=1`)',
    first.exchanges,
    first.requests,
    first.suite,
    first.bare,
    first.mismatches,
    notes,
  );
  return { result, marginal, twoWorkers };
}
