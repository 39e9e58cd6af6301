/**
 * The drift reporter in a real Playwright run: a child process runs the reporting fixture (tests/fixtures/reporting:
 * five tests over an invented widget API attaching crafted findings, with a ledger holding one known, one resolvable
 * and one uncheckable entry) and the reporter writes drift.json, drift.md, drift.html and a history record. The same
 * tests run as two shards with blob reports and merged with `playwright merge-reports` give the same drift.json.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { CHECK_NAMES } from '../../checks/registry.js';
import { withoutTiming, type DriftReport } from '../../reporting/report-model.js';
import { reportSchemaErrors } from '../../reporting/validate-report.js';
import { FIXTURE_CHECKS, FIXTURE_DIR, mergeReports, runFixture, runShard, type ChildRun } from '../fixtures/reporting/run-fixture.js';

test.describe.configure({ mode: 'serial' });

const readJson = (file: string): DriftReport => JSON.parse(readFileSync(file, 'utf8')) as DriftReport;
const explain = (r: ChildRun): string => `exit ${r.status}\n--- stdout\n${r.stdout.slice(-3000)}\n--- stderr\n${r.stderr.slice(-3000)}`;

/** The report minus timing and minus the list of unselected checks (it follows checks/registry.ts). */
function comparable(report: DriftReport): unknown {
  const r = withoutTiming(report) as { run: { checks: { notSelected: unknown } } };
  return {
    ...r,
    run: {
      ...r.run,
      checks: {
        ...r.run.checks,
        notSelected: '(every registry check but the three selected: the test computes it from checks/registry.ts)',
      },
    },
  };
}

let single: DriftReport;
let singleOut: string;

test('one run: the exact drift.json, valid against its schema; tests fail on the new finding only, the crash makes the verdict error', async ({}, testInfo) => {
  singleOut = testInfo.outputPath('single');
  const summaryFile = testInfo.outputPath('step-summary.md');
  writeFileSync(summaryFile, '# earlier step\n');
  const run = runFixture(singleOut, { GITHUB_STEP_SUMMARY: summaryFile });
  // Two tests fail: the one with a new finding, and the one that throws; the one with only a known finding passes.
  expect(run.status, explain(run)).toBe(1);
  expect(run.stdout, explain(run)).toContain('drift: error, 1 new, 1 known, 1 resolved');
  const failed = (run.stdout.split(/\n\s+2 failed\n/)[1] ?? '').split(/\n\s+\d+ (?:skipped|passed)/)[0] ?? '';
  expect(
    failed
      .trim()
      .split('\n')
      .map((l) => l.replace(/^.*widgets\.spec\.ts:\d+:\d+ › /, '').trim()),
    explain(run),
  ).toEqual(['createWidget (POST /widgets) › invalid', 'deleteWidget (DELETE /widgets/{id}) › valid']);
  // The failure names the new finding and counts the known one without showing it.
  expect(run.stdout).toContain('status_code · createWidget · invalid: pattern at /serial');
  expect(run.stdout).toContain('(1 known finding in the ledger not shown: accepted drift does not fail the test)');
  expect(run.stdout).not.toContain('response_schema · createWidget');

  single = readJson(join(singleOut, 'drift.json'));
  expect(reportSchemaErrors(single)).toEqual([]);
  const expected = JSON.parse(readFileSync(join(FIXTURE_DIR, 'expected-drift.json'), 'utf8')) as unknown;
  expect(comparable(single)).toEqual(expected);
  const selected = FIXTURE_CHECKS.split(',');
  expect(single.run.checks.notSelected).toEqual(
    CHECK_NAMES.filter((c) => !selected.includes(c)).map((check) => ({ check, reason: `not in CHECKS=${FIXTURE_CHECKS}` })),
  );

  // The statuses, spelled out (so a regenerated expected file cannot hide a wrong one).
  const statuses = single.findings.map((f) => `${f.status} ${f.operation} ${f.check} ${f.test ?? '-'}`);
  expect(statuses).toEqual([
    'known createWidget response_schema widgets.spec.ts > createWidget (POST /widgets) > invalid',
    'known createWidget response_schema widgets.spec.ts > createWidget (POST /widgets) > valid',
    'new createWidget status_code widgets.spec.ts > createWidget (POST /widgets) > invalid',
    'resolved getWidget content_type -',
  ]);
  expect(single.summary).toMatchObject({ new: 1, known: 1, resolved: 1, unchecked: 1 });
  expect(single.unchecked).toEqual([expect.objectContaining({ operation: 'deleteWidget', check: 'status_code' })]);
  expect(single.run).toMatchObject({
    // deleteWidget ended before its checks ran: the run could not test everything it should have.
    verdict: 'error',
    verdictReasons: [
      '1 test failed without a new finding (the run broke, not the service); first: widgets.spec.ts > deleteWidget (DELETE /widgets/{id}) > valid: Error: could not create the widget to delete: POST /widgets answered 503',
    ],
    setupFault: null,
    status: 'failed',
    target: 'mock',
    seed: 42,
    throttledMs: 1500,
    tests: { total: 5, passed: 2, failed: 2, skipped: 1 },
  });
  const cells = Object.fromEntries(single.operations.map((o) => [o.operation, o.checks.map((c) => c.result).join(' ')]));
  expect(cells).toEqual({
    createWidget: 'failed passed known',
    deleteWidget: 'skipped skipped skipped',
    getWidget: 'passed passed passed',
  });
  expect(single.operations.find((o) => o.operation === 'getWidget')?.skipped).toEqual([
    {
      test: 'widgets.spec.ts > getWidget (GET /widgets/{id}) > unknown-id',
      reason: 'getWidget has no unknown-id case (the widget API has no ids to make up)',
    },
  ]);

  // drift.md written and appended to the step summary; drift.html and one history record written.
  const md = readFileSync(join(singleOut, 'drift.md'), 'utf8');
  expect(md).toMatch(/^## 🛑 Error: the run could not test\n\n- 1 test failed without a new finding/);
  expect(readFileSync(summaryFile, 'utf8')).toBe(`# earlier step\n${md}\n`);
  expect(readFileSync(join(singleOut, 'drift.html'), 'utf8')).toContain(
    '<td class="cell failed" data-operation="createWidget" data-check="status_code"',
  );
  const history = readdirSync(join(singleOut, 'history'));
  expect(history).toHaveLength(1);
  expect(JSON.parse(readFileSync(join(singleOut, 'history', history[0] ?? ''), 'utf8'))).toMatchObject({
    format: 2,
    target: 'mock',
    new: 1,
    known: 1,
    resolved: 1,
    verdict: 'error',
  });
});

test('two shards with blob reports, merged with merge-reports, give the same drift.json as one run', async ({}, testInfo) => {
  test.skip(!single, 'needs the single run of the test before');
  const out = testInfo.outputPath('merged');
  const all = testInfo.outputPath('all-blobs');
  mkdirSync(all, { recursive: true });
  for (const i of [1, 2]) {
    const blobDir = testInfo.outputPath(`blob-${i}`);
    const shard = runShard(testInfo.outputPath(`shard-${i}`), i, 2, blobDir);
    expect([0, 1], explain(shard)).toContain(shard.status);
    // The blob reporter replaces the drift reporter in a shard: no drift.json there.
    expect(existsSync(join(testInfo.outputPath(`shard-${i}`), 'drift.json'))).toBe(false);
    for (const f of readdirSync(blobDir)) copyFileSync(join(blobDir, f), join(all, f));
  }
  expect(readdirSync(all).sort()).toEqual(['report-1.zip', 'report-2.zip']);
  const merged = mergeReports(out, all);
  expect(merged.status, explain(merged)).toBe(0);
  const report = readJson(join(out, 'drift.json'));
  expect(reportSchemaErrors(report)).toEqual([]);
  expect(withoutTiming(report)).toEqual(withoutTiming(single));
  expect(readFileSync(join(out, 'drift.md'), 'utf8').replace(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/, 'T')).toBe(
    readFileSync(join(singleOut, 'drift.md'), 'utf8').replace(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/, 'T'),
  );
});
