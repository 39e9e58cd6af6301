/**
 * A live-project run with default settings (`playwright test --project=live`, as `npm run conformance --
 * --project=live` runs it) against a Graph-like server on 127.0.0.1 that is wrong in one way only: a PATCH of a
 * device state answers 200 with the object unchanged and stores nothing. The run fails with drift, and the new
 * findings are update_applied's (and server_generated's: modifiedDateTime did not move) on the device states and
 * nowhere else. The tests chosen are those that update (the update operations' groups, the lifecycle, the read-only
 * cases and the stateful sequences); bodies, case counts and sequence bounds are the defaults.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startMockServer } from '../../mocks/index.js';
import { cleanLiveEnv, playwrightCli, runChild } from '../support/child-run.js';
import { forgetfulPatch, startDeviatingProxy } from '../support/deviating-proxy.js';
import { REPO_ROOT } from '../support/shared.js';

interface ReportFinding {
  check: string;
  operation: string;
  status: string;
}

test('a live run with default settings catches a service whose device-state PATCH stores nothing', async () => {
  test.setTimeout(180_000);
  const mock = await startMockServer({ port: 0 });
  const proxy = await startDeviatingProxy(mock.url, [forgetfulPatch(/\/deviceStates\/[^/?]+$/)]);
  const work = mkdtempSync(join(tmpdir(), 'live-semantics-'));
  try {
    const env: NodeJS.ProcessEnv = cleanLiveEnv({
      GRAPH_BASE_URL: proxy.url,
      GRAPH_ACCESS_TOKEN: 'live-semantics-token',
      REPORTS_DIR: join(work, 'reports'),
      GITHUB_STEP_SUMMARY: '',
    });
    for (const name of [
      'VALID_CASES',
      'STATEFUL_SEQUENCES',
      'STATEFUL_STEPS',
      'STATEFUL_OBJECTS',
      'FAKER_SEED',
      'CHECKS',
      'SKIP_CHECKS',
      'MOCK_FAULTS',
    ])
      delete env[name];
    const grep = 'update[A-Za-z]+ (example|valid)|pool lifecycle|read-only|stateful sequence';
    const run = await runChild(
      process.execPath,
      [playwrightCli(), 'test', '--project=live', '--grep', grep, `--output=${join(work, 'test-results')}`],
      { cwd: REPO_ROOT, env, limitMs: 170_000 },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, output.slice(-3000)).toBe(1);
    expect(proxy.hits[0], 'the device-state PATCHes went through the deviation').toBeGreaterThan(0);
    const drift = JSON.parse(readFileSync(join(work, 'reports', 'drift.json'), 'utf8'));
    expect(drift.run.target).toBe('live');
    expect(drift.run.verdict).toBe('drift');
    const fresh = (drift.findings as ReportFinding[]).filter((f) => f.status === 'new');
    const where = [...new Set(fresh.map((f) => `${f.check} ${f.operation}`))].sort();
    expect(where).toContain('update_applied getEmbeddedSIMDeviceState');
    for (const w of where) expect(w, 'only the device states are blamed').toMatch(/ (get|update)EmbeddedSIMDeviceState$/);
    expect(new Set(fresh.map((f) => f.check))).toEqual(new Set(['update_applied', 'server_generated']));
    expect(output).toContain('did not take effect');
  } finally {
    await proxy.close();
    await mock.close();
    rmSync(work, { recursive: true, force: true });
  }
});
