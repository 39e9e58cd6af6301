/**
 * A live-project run with default settings (the query-options test, as `npm run conformance -- --project=live`
 * runs it) against a Graph-like server on 127.0.0.1 that is wrong only on page two of a list: a page reached through
 * @odata.nextLink repeats an item of the page before. The run ends in drift, and the new findings are paging_complete's
 * (an item delivered twice, with $top and @odata.count broken on that page), on the lists only; the same run against the plain mock passes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startMockServer } from '../../mocks/index.js';
import { cleanLiveEnv, playwrightCli, runChild } from '../support/child-run.js';
import { type Deviation, repeatOnLaterPages, startDeviatingProxy } from '../support/deviating-proxy.js';
import { REPO_ROOT } from '../support/shared.js';

interface DriftRun {
  run: { verdict: string };
  findings: { check: string; operation: string; status: string }[];
}

async function liveQueriesRun(deviations: Deviation[]): Promise<{ status: number | null; output: string; drift: DriftRun }> {
  const mock = await startMockServer({ port: 0 });
  const proxy = await startDeviatingProxy(mock.url, deviations);
  const work = mkdtempSync(join(tmpdir(), 'live-paging-'));
  try {
    const env = cleanLiveEnv({
      GRAPH_BASE_URL: proxy.url,
      GRAPH_ACCESS_TOKEN: 'live-paging-token',
      REPORTS_DIR: join(work, 'reports'),
      GITHUB_STEP_SUMMARY: '',
    });
    for (const name of ['FAKER_SEED', 'CHECKS', 'SKIP_CHECKS', 'MOCK_FAULTS']) delete env[name];
    const run = await runChild(
      process.execPath,
      [playwrightCli(), 'test', '--project=live', '--grep', 'OData query options', `--output=${join(work, 'test-results')}`],
      { cwd: REPO_ROOT, env, limitMs: 110_000 },
    );
    const drift = JSON.parse(readFileSync(join(work, 'reports', 'drift.json'), 'utf8')) as DriftRun;
    return { status: run.status, output: `${run.stdout}\n${run.stderr}`, drift };
  } finally {
    await proxy.close();
    await mock.close();
    rmSync(work, { recursive: true, force: true });
  }
}

test('a service wrong only on page two of a list is caught by paging_complete, and only there', async () => {
  test.setTimeout(240_000);
  const wrong = await liveQueriesRun([repeatOnLaterPages()]);
  expect(wrong.status, wrong.output.slice(-3000)).toBe(1);
  expect(wrong.drift.run.verdict).toBe('drift');
  const fresh = wrong.drift.findings.filter((f) => f.status === 'new');
  // The repeated item is the finding; the page it rides on is also over $top=1 and its items outnumber @odata.count.
  expect(fresh.map((f) => f.check)).toContain('paging_complete');
  for (const f of fresh) expect(['paging_complete', 'query_top', 'query_count'], `${f.check} on ${f.operation}`).toContain(f.check);
  for (const f of fresh) expect(f.operation, 'only the paged lists are blamed').toMatch(/^list/);

  const right = await liveQueriesRun([]);
  expect(right.status, right.output.slice(-3000)).toBe(0);
  expect(right.drift.run.verdict).toBe('pass');
});
