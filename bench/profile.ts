/**
 * Where the time goes, as CPU profiles summarised by bench/cpu-profile.ts:
 *  - the in-process pass (`node --cpu-prof bench/suite-child.ts`) and the bare loop replaying its requests: their
 *    difference by area is what the suite spends beyond sending and serving the requests;
 *  - the Playwright worker of a `playwright test --project=mock` run (profiled by bench/cpu-prof-preload.mjs, as
 *    Node refuses --cpu-prof in NODE_OPTIONS);
 *  - `npm run mock` under the throughput load.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { childFailure, REPO, runNode, tsArgs } from './child-process.js';
import { areaDifference, readProfile, summarizeProfile, type AreaDifference, type ProfileSummary } from './cpu-profile.js';
import { generateLoad, type LoadRequest } from './load-generator.js';
import { cleanEnv, playwrightRun, recordInProcess } from './overhead.js';
import { startOurMock } from './servers.js';

export const CPU_PROF_PRELOAD = join(REPO, 'bench', 'cpu-prof-preload.mjs');

export interface ProfileReport {
  /** What was profiled. */
  subject: string;
  summary: ProfileSummary;
}

export interface Profiles {
  suite: ProfileReport;
  bare: ProfileReport;
  /** Suite minus bare loop, by area. */
  difference: AreaDifference[];
  playwrightWorker: ProfileReport | null;
  mock: ProfileReport;
  notes: string[];
}

/** The summaries of the profiles in `dir`, busiest first. */
function summaries(dir: string, top: number): ProfileSummary[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.cpuprofile'))
    .map((n) => summarizeProfile(readProfile(join(dir, n)), REPO, top))
    .sort((a, b) => b.busyMs - a.busyMs);
}

function busiest(dir: string, top: number, what: string): ProfileSummary {
  const s = summaries(dir, top)[0];
  if (!s) throw new Error(`${what} wrote no CPU profile into ${dir}`);
  return s;
}

async function profiled(name: string, args: string[], dir: string, top: number): Promise<ProfileSummary> {
  mkdirSync(dir, { recursive: true });
  const run = await runNode(args, { nodeFlags: ['--cpu-prof', '--cpu-prof-dir', dir], env: cleanEnv(), timeoutMs: 10 * 60_000 });
  if (run.code !== 0) throw new Error(childFailure(name, run));
  return busiest(dir, top, name);
}

/** Profiles `npm run mock` serving `requests` for `durationMs` with the bench's load generator. */
async function profileMock(
  dir: string,
  requests: (basePath: string) => (i: number) => LoadRequest,
  durationMs: number,
  top: number,
): Promise<ProfileSummary> {
  mkdirSync(dir, { recursive: true });
  const server = await startOurMock(20_000, ['--cpu-prof', '--cpu-prof-dir', dir]);
  try {
    await generateLoad({ origin: server.origin, next: requests(server.basePath), connections: 8, durationMs, maxRequests: 1_000_000 });
  } finally {
    await server.stop();
  }
  return busiest(dir, top, 'the mock (it must exit normally on SIGTERM)');
}

export async function measureProfiles(opts: {
  workDir: string;
  validCases: number;
  top: number;
  mockRequests: (basePath: string) => (i: number) => LoadRequest;
  mockDurationMs: number;
  playwright: boolean;
  log: (line: string) => void;
}): Promise<Profiles> {
  const base = join(opts.workDir, 'profiles');
  const notes: string[] = [];
  opts.log('profile: the in-process pass...');
  const suite = await profiled(
    'the profiled in-process pass',
    tsArgs('bench/suite-child.ts', ['--valid', String(opts.validCases)]),
    join(base, 'suite'),
    opts.top,
  );
  opts.log('profile: the bare loop replaying it...');
  const { file } = await recordInProcess(opts.workDir, opts.validCases);
  const bare = await profiled('the profiled bare loop', tsArgs('bench/bare-child.ts', [file]), join(base, 'bare'), opts.top);
  let playwrightWorker: ProfileReport | null = null;
  if (opts.playwright) {
    opts.log('profile: a Playwright run...');
    const dir = join(base, 'playwright');
    try {
      await playwrightRun(join(opts.workDir, 'pw-profile'), opts.validCases, 1, { BENCH_CPU_PROF_DIR: dir }, [
        `--import=${CPU_PROF_PRELOAD}`,
      ]);
      const [worker, runner] = summaries(dir, opts.top);
      if (worker)
        playwrightWorker = {
          subject: `Playwright worker, VALID_CASES=${opts.validCases} (the process that runs the tests and serves the mock)`,
          summary: worker,
        };
      if (runner)
        notes.push(
          `the Playwright runner process was busy ${Math.round(runner.busyMs)} ms (loading config and tests, reporters) besides the worker's ${Math.round(worker?.busyMs ?? 0)} ms`,
        );
    } catch (e) {
      notes.push(`the Playwright profile failed: ${(e as Error).message.split('\n')[0] ?? ''}`);
    }
  }
  opts.log('profile: npm run mock under load...');
  const mock = await profileMock(join(base, 'mock'), opts.mockRequests, opts.mockDurationMs, opts.top);
  return {
    suite: {
      subject: `in-process pass, VALID_CASES=${opts.validCases} (node --cpu-prof bench/suite-child.ts; the mock runs in the same process)`,
      summary: suite,
    },
    bare: {
      subject: 'bare loop replaying the same requests (node --cpu-prof bench/bare-child.ts; same mock, same process layout)',
      summary: bare,
    },
    difference: areaDifference(suite, bare),
    playwrightWorker,
    mock: { subject: `npm run mock under the throughput load (create, ${opts.mockDurationMs} ms, 8 connections)`, summary: mock },
    notes,
  };
}
