/**
 * A full live run with default settings (`npm run conformance -- --project=live`, through the CLI and its preflight)
 * against a Graph-like server on 127.0.0.1 that implements all 16 documented operations (the embedded mock behind a
 * proxy that counts what the service made). The run is complete and light: every test runs (none skipped for the
 * write budget), the service made at most 60 objects, the report says how many and how long the run waited for the
 * write pace, the verdict is pass, and the tenant is empty afterwards.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { cleanLiveEnv, runChild } from '../support/child-run.js';
import { startCountingFake } from '../support/counting-proxy.js';
import { REPO_ROOT } from '../support/shared.js';

const POOLS = '/deviceManagement/embeddedSIMActivationCodePools';

test('a full default live run against a tenant with every operation: every test runs, at most 60 objects, pass, nothing left', async () => {
  test.setTimeout(300_000);
  const proxy = await startCountingFake();
  const work = mkdtempSync(join(tmpdir(), 'live-full-'));
  try {
    const token = 'live-full-run-token';
    const env = cleanLiveEnv({
      GRAPH_BASE_URL: proxy.url,
      GRAPH_ACCESS_TOKEN: token,
      REPORTS_DIR: join(work, 'reports'),
      GITHUB_STEP_SUMMARY: '',
    });
    for (const name of ['VALID_CASES', 'FAKER_SEED', 'EXPLORE_CASES', 'STATEFUL_SEQUENCES', 'STATEFUL_STEPS', 'STATEFUL_OBJECTS'])
      delete env[name];
    const run = await runChild(
      process.execPath,
      ['--import', 'tsx', 'runner/conformance-cli.ts', '--project=live', `--output=${join(work, 'test-results')}`],
      { cwd: REPO_ROOT, env, limitMs: 280_000 },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.killed, output.slice(-2000)).toBe(false);
    expect(run.status, output.slice(-3000)).toBe(0);
    const drift = JSON.parse(readFileSync(join(work, 'reports', 'drift.json'), 'utf8'));
    expect(drift.run.verdict).toBe('pass');
    expect(drift.run.tests.skipped).toBe(0);
    expect(drift.run.tests.failed).toBe(0);
    expect(drift.run.tests.passed).toBe(drift.run.tests.total);
    const made = proxy.made.length;
    expect(made, 'objects the service made').toBeGreaterThan(0);
    expect(made).toBeLessThanOrEqual(60);
    expect(drift.run.live).toMatchObject({ objectsMade: made, createsCounted: made, writeBudget: 60 });
    expect(drift.run.live.pacingWaitMs).toBeGreaterThanOrEqual(0);
    const md = readFileSync(join(work, 'reports', 'drift.md'), 'utf8');
    expect(md).toContain(`${made} objects made (write budget 60)`);
    expect(md).toMatch(/waited \d+\.\d s for the write pace/);
    // Nothing is left in the tenant.
    const list = await fetch(`${proxy.url}${POOLS}`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await list.json()) as { value: unknown[] }).value).toEqual([]);
    expect(proxy.alive()).toEqual([]);
    expect(output).not.toContain(token);
  } finally {
    await proxy.close();
    rmSync(work, { recursive: true, force: true });
  }
});
