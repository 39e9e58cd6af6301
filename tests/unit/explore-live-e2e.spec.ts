/**
 * Exploration end to end in the `live` project, with default settings, against a Graph-like service on 127.0.0.1
 * that is wrong only for non-ASCII display names (tests/support/non-ascii-fake.ts): the run fails on the new finding,
 * shows the shrunk body and its replay command, keeps within the exploration's object budget, records the failure in
 * the failure database, and never writes the token.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { EXPLORE_DEFAULTS } from '../../runner/explore/settings.js';
import { REPO_ROOT } from '../support/shared.js';
import { startNonAsciiFake } from '../support/non-ascii-fake.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGTERM'), 170_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

test('a default live exploration catches a non-ASCII bug and shows the shrunk body', async () => {
  test.setTimeout(180_000);
  const fake = await startNonAsciiFake();
  const work = mkdtempSync(join(tmpdir(), 'explore-e2e-'));
  const token = 'planted-explore-token-7a3e91c2';
  try {
    const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
    const { status, output } = await run([cli, 'test', '--project=live', '--grep', 'explore', `--output=${join(work, 'test-results')}`], {
      ...process.env,
      GRAPH_BASE_URL: fake.url,
      GRAPH_ACCESS_TOKEN: token,
      REPORTS_DIR: join(work, 'reports'),
      GITHUB_STEP_SUMMARY: '',
      EXPLORE_CASES: '',
      EXPLORE_OBJECTS: '',
      EXPLORE_SHRINK: '',
    });
    expect(status, output.slice(-3000)).toBe(1);
    expect(fake.counts.failed).toBeGreaterThan(0);
    // The failure text: the case, the shrink, and a replay command whose body is the minimal one.
    const shrunkLine = /explore unicode-text #1 \(seed \d+\): .*\[shrunk from (\d+) to (\d+) bytes in (\d+) attempts?/.exec(output);
    expect(shrunkLine, output.slice(-4000)).not.toBeNull();
    expect(Number(shrunkLine?.[2])).toBeLessThan(Number(shrunkLine?.[1]));
    expect(Number(shrunkLine?.[3])).toBeLessThanOrEqual(EXPLORE_DEFAULTS.live.shrinkAttempts);
    const replay = /replay: curl -i -X POST \S+ .*--data-raw '(\{"displayName":"conformance-[^']*)'/.exec(output);
    expect(replay, output.slice(-4000)).not.toBeNull();
    const minimal = JSON.parse(replay?.[1] as string) as { displayName: string; activationCodes: unknown[] };
    expect(minimal.activationCodes).toEqual([]);
    expect(minimal.displayName).toMatch(/[^\x00-\x7f]/);
    // Within the exploration's object budget (the run's setup objects included).
    expect(fake.counts.created).toBeLessThanOrEqual(EXPLORE_DEFAULTS.live.objects);
    const drift = JSON.parse(readFileSync(join(work, 'reports', 'drift.json'), 'utf8'));
    const found = drift.findings.filter((f: { check: string; status: string }) => f.check === 'not_a_server_error' && f.status === 'new');
    expect(found.map((f: { operation: string }) => f.operation)).toContain('createEmbeddedSIMActivationCodePool');
    const db = JSON.parse(readFileSync(join(work, 'reports', 'explore-failures.json'), 'utf8'));
    expect(db.failures).toContainEqual(
      expect.objectContaining({ target: 'live', operation: 'createEmbeddedSIMActivationCodePool', strategy: 'unicode-text' }),
    );
    expect(output).not.toContain(token);
    // Nor any activation code it sent (ICCIDs, matching identifiers), in the output or any report it wrote.
    expect(fake.codes.size).toBeGreaterThan(3);
    const written = [output, ...filesUnder(join(work, 'reports')).map((f) => readFileSync(f, 'utf8'))].join('\n');
    for (const code of fake.codes) expect(written.includes(code), `activation code ${code.slice(0, 4)}… written out`).toBe(false);
  } finally {
    await fake.close();
    rmSync(work, { recursive: true, force: true });
  }
});
