/**
 * Stopping a real live run: `npm run conformance -- --project=live` against a fake tenant on 127.0.0.1 (the embedded
 * mock behind a proxy that counts what is made), started in a process group of its own. Once it has made objects,
 * SIGTERM (or SIGINT) goes to the npm process alone, as `timeout`, systemd or a CI cancel send it. Every process of
 * the run (npm, tsx, the conformance cli, the Playwright runner, its worker) must be gone within 30 s, and the
 * tenant must hold nothing the run made. Processes are found by the run id in their environment (/proc, Linux).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, test } from '@playwright/test';
import { startCountingFake } from '../support/counting-proxy.js';
import { REPO_ROOT } from '../support/shared.js';

/** Pids of live processes whose environment holds `marker` (GRAPH_RUN_ID=<id>). */
function processesWith(marker: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, 'latin1').split('\0').includes(marker)) out.push(Number(name));
    } catch {
      // gone, or not ours to read
    }
  }
  return out;
}

/** The pid of the run's process whose command line matches `what` (the Playwright runner, a worker), or null. */
function processOf(marker: string, what: RegExp): number | null {
  for (const pid of processesWith(marker)) {
    try {
      if (what.test(readFileSync(`/proc/${pid}/cmdline`, 'latin1').replace(/\0/g, ' '))) return pid;
    } catch {
      // gone
    }
  }
  return null;
}

const TARGETS = {
  npm: null,
  'Playwright runner': /@playwright\/test\/cli\.js test/,
  worker: /workerProcessEntry/,
} as const;

/** Polls `ok` every 200 ms until it holds or `ms` passed; returns whether it held. */
async function waitFor(ok: () => boolean, ms: number): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 200) {
    if (ok()) return true;
    await sleep(200);
  }
  return ok();
}

const CASES = [
  { signal: 'SIGTERM', to: 'npm' },
  { signal: 'SIGINT', to: 'npm' },
  { signal: 'SIGTERM', to: 'Playwright runner' },
  { signal: 'SIGTERM', to: 'worker' },
] as const;

for (const { signal, to } of CASES) {
  test(`${signal} to the ${to} process of a live run stops every process of the run and leaves the tenant empty`, async () => {
    test.skip(!existsSync('/proc/self/environ'), 'needs /proc to find the processes of the run');
    test.setTimeout(150_000);
    const fake = await startCountingFake();
    const work = mkdtempSync(join(tmpdir(), 'live-stop-'));
    const runId = `stop-${signal.toLowerCase()}-${to.split(' ').pop()}-${process.pid}-${Date.now()}`;
    const marker = `GRAPH_RUN_ID=${runId}`;
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        GRAPH_BASE_URL: fake.url,
        GRAPH_ACCESS_TOKEN: 'stop-run-token',
        GRAPH_RUN_ID: runId,
        REPORTS_DIR: join(work, 'reports'),
        GITHUB_STEP_SUMMARY: '',
      };
      for (const k of [
        'GRAPH_WRITE_BUDGET',
        'GRAPH_JOURNAL',
        'GRAPH_REPORTS_DIR',
        'GRAPH_RUN_LEADER_PID',
        'TEST_WORKER_INDEX',
        'TEST_PARALLEL_INDEX',
      ])
        delete env[k];
      const npm = spawn('npm', ['run', 'conformance', '--', '--project=live', `--output=${join(work, 'test-results')}`], {
        cwd: REPO_ROOT,
        env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      npm.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
      npm.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
      const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
      expect(await waitFor(() => fake.made.length >= 3, 60_000), `the run made nothing to stop:\n${out.slice(-2000)}`).toBe(true);
      expect(processesWith(marker).length, 'npm, tsx, the cli, the runner and a worker').toBeGreaterThanOrEqual(4);
      const pattern = TARGETS[to];
      const pid = pattern ? processOf(marker, pattern) : (npm.pid as number);
      expect(pid, `no ${to} process found`).not.toBeNull();
      process.kill(pid as number, signal);
      const gone = await waitFor(() => processesWith(marker).length === 0, 30_000);
      const left = processesWith(marker);
      for (const pid of left) process.kill(pid, 'SIGKILL');
      expect(gone, `processes of the run still there 30 s after ${signal}: ${left.join(', ')}\n${out.slice(-3000)}`).toBe(true);
      expect(await exited).not.toBe(0);
      expect(fake.alive(), `objects left in the tenant\n${out.slice(-3000)}`).toEqual([]);
      expect(fake.made.length).toBeGreaterThanOrEqual(3);
    } finally {
      for (const pid of processesWith(marker)) process.kill(pid, 'SIGKILL');
      await fake.close();
      rmSync(work, { recursive: true, force: true });
    }
  });
}
