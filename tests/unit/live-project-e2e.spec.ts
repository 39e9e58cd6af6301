/**
 * The `live` project end to end against a Graph-like server on 127.0.0.1 (the embedded mock started on its own, as
 * any server a user could point GRAPH_BASE_URL at): the conformance run goes through, writes its reports, finds no
 * drift, and no file it writes holds the token.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startMockServer } from '../../mocks/index.js';
import { REPO_ROOT } from '../support/shared.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

function runChild(
  cmd: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGTERM'), 170_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

test('npm run conformance -- --project=live against a Graph-like server', async () => {
  test.setTimeout(180_000);
  const server = await startMockServer({ port: 0 });
  const work = mkdtempSync(join(tmpdir(), 'live-e2e-'));
  const token = 'planted-live-token-5f1c2e9a7b3d';
  try {
    const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
    // Async: the server answers from this process's event loop while the child runs.
    // The lifecycle and one operation's groups: enough to prove the path, few enough writes that the Intune pace
    // limit (90 writes per 20 s) never makes the run wait.
    const args = [
      cli,
      'test',
      '--project=live',
      '--grep',
      'pool lifecycle|createEmbeddedSIMActivationCodePool ',
      `--output=${join(work, 'test-results')}`,
    ];
    const run = await runChild(process.execPath, args, {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        GRAPH_BASE_URL: server.url,
        GRAPH_ACCESS_TOKEN: token,
        REPORTS_DIR: join(work, 'reports'),
        VALID_CASES: '1',
        GITHUB_STEP_SUMMARY: '',
      },
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, output.slice(-3000)).toBe(0);
    const drift = JSON.parse(readFileSync(join(work, 'reports', 'drift.json'), 'utf8'));
    expect(drift.run).toMatchObject({ target: 'live', baseUrl: server.url, verdict: 'pass' });
    expect(drift.run.exchanges).toBeGreaterThan(30);
    expect(drift.findings.filter((f: { status: string }) => f.status === 'new')).toEqual([]);
    for (const file of filesUnder(work)) expect(readFileSync(file, 'latin1'), file).not.toContain(token);
    expect(output).not.toContain(token);
  } finally {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
});
