/**
 * reports/drift.html in a real browser (Debian's chromium, driven by Playwright): the page renders, the matrix shows
 * the right cells (one red cell for a single new finding), a cell opens its findings with expected and observed side
 * by side, the doc findings and the history chart are there, and nothing on the page makes a network request.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import type { DocFindingsFile } from '../../contracts/model.js';
import type { HistoryRecord } from '../../reporting/history.js';
import { renderHtml } from '../../reporting/html.js';
import type { DriftReport } from '../../reporting/report-model.js';
import { ledgerOf, ranTest, reportOf, richReport } from '../fixtures/reporting/records.js';
import { FIXTURE_DIR } from '../fixtures/reporting/run-fixture.js';
import { invalidGives500 } from '../fixtures/reporting/widget-findings.js';

const CHROMIUM = '/usr/bin/chromium';
const docs = JSON.parse(readFileSync(join(FIXTURE_DIR, 'contracts', 'doc-findings.json'), 'utf8')) as DocFindingsFile;

test.skip(
  !existsSync(CHROMIUM) && !process.env.CI,
  `needs Debian's chromium at ${CHROMIUM} (apt-get install chromium; .ci/run installs it)`,
);

let browser: Browser;
test.beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});
test.afterAll(async () => {
  await browser?.close();
});

/** Opens the page from disk; returns it and every request the page made (the file itself included). */
async function open(html: string, file: string): Promise<{ page: Page; requests: string[] }> {
  writeFileSync(file, html);
  const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`file://${file}`);
  return { page, requests };
}

const history = (n: number): HistoryRecord[] =>
  Array.from({ length: n }, (_, i) => ({
    format: 2,
    startedAt: `2026-01-0${i + 1}T06:00:00.000Z`,
    target: 'mock',
    contractsVersion: 'abcdefabcdef',
    verdict: i === n - 1 ? 'drift' : 'pass',
    new: i === n - 1 ? 1 : 0,
    known: i,
    resolved: i === 1 ? 1 : 0,
    tests: { passed: 5, failed: 0, skipped: 0 },
    durationMs: 1000,
  }));

test('one new finding: one red cell, and clicking it shows expected and observed side by side', async ({}, testInfo) => {
  // A hostile observed value: markup in it must stay text and fetch nothing.
  const hostile = { ...invalidGives500(2), observed: '<img src="http://127.0.0.1:9/x.png"><script>document.title="owned"</script>' };
  const report: DriftReport = reportOf(
    [
      ranTest('t > create invalid', 'createWidget', { 'invalid #1': [hostile] }, 'failed'),
      ranTest('t > get valid', 'getWidget', { 'valid #1': [] }),
    ],
    ledgerOf(),
  );
  const { page, requests } = await open(renderHtml({ report, history: history(1) }), testInfo.outputPath('one.html'));

  await expect(page.locator('#verdict')).toHaveText('DRIFT: 1 new finding');
  await expect(page.locator('td.cell')).toHaveCount(6);
  const red = page.locator('td.cell.failed');
  await expect(red).toHaveCount(1);
  await expect(red).toHaveAttribute('data-operation', 'createWidget');
  await expect(red).toHaveAttribute('data-check', 'status_code');
  await expect(page.locator('td.cell.passed')).toHaveCount(5);
  await expect(red).toHaveCSS('background-color', 'rgb(209, 36, 47)');

  const panel = page.locator('section.panel[data-operation="createWidget"][data-check="status_code"]');
  await expect(panel).toBeHidden();
  await red.locator('a').click();
  await expect(panel).toBeVisible();
  await expect(page.locator('section.panel:visible')).toHaveCount(1);
  const expectedPre = panel.locator('.expected pre');
  const observedPre = panel.locator('.observed pre');
  await expect(expectedPre).toHaveText('400');
  await expect(observedPre).toHaveText(JSON.stringify(hostile.observed)); // as JSON text, not markup
  const [e, o] = [await expectedPre.boundingBox(), await observedPre.boundingBox()];
  expect(
    e && o && e.x + e.width <= o.x && Math.abs(e.y - o.y) < 2,
    `expected ${JSON.stringify(e)} left of observed ${JSON.stringify(o)}`,
  ).toBe(true);
  await expect(panel.locator('.evidence')).toContainText('00000000-0000-4000-8000-000000000002');
  await expect(panel.locator('.badge.new')).toHaveText('new');

  // A passed cell says what ran.
  await page.locator('td.cell[data-operation="getWidget"][data-check="content_type"] a').click();
  await expect(page.locator('section.panel:visible')).toHaveText(/passed getWidget × content_type.*Looked at 1 case and found nothing\./);

  expect(await page.title()).not.toBe('owned');
  expect(await page.locator('img, script, link, iframe').count()).toBe(0);
  expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  expect(requests).toHaveLength(1);
  await page.close();
});

test('the full page: every cell as in drift.json, skipped reasons, resolved entries, doc findings by kind, history', async ({}, testInfo) => {
  const report = richReport(docs);
  const { page, requests } = await open(renderHtml({ report, history: history(3) }), testInfo.outputPath('rich.html'));

  const cells = await page
    .locator('td.cell')
    .evaluateAll((tds) =>
      tds.map((td) => `${td.getAttribute('data-operation')} ${td.getAttribute('data-check')} ${td.getAttribute('data-result')}`),
    );
  expect(cells).toEqual(report.operations.flatMap((o) => o.checks.map((c) => `${o.operation} ${c.check} ${c.result}`)));
  await expect(page.locator('td.cell.failed')).toHaveCount(1);
  await expect(page.locator('td.cell.known')).toHaveCount(1);
  await expect(page.locator('[data-count="new"] b')).toHaveText('1');
  await expect(page.locator('[data-count="resolved"] b')).toHaveText('1');

  // The known cell: two cases, one fingerprint, the ledger note.
  await page.locator('td.cell.known a').click();
  const known = page.locator('section.panel:visible');
  await expect(known.locator('article.finding.known')).toHaveCount(1);
  await expect(known).toContainText('Seen in 2 cases: valid #1, valid #2.');
  await expect(known.locator('.ledger')).toContainText('The service adds colour; the docs team knows.');

  // A skipped cell says why.
  await page.locator('td.cell[data-operation="deleteWidget"][data-check="status_code"] a').click();
  await expect(page.locator('section.panel:visible')).toContainText(
    'Did not run: ended before its checks ran: Error: could not create the widget to delete.',
  );

  await expect(page.locator('#resolved')).toContainText('GET answered text/plain for a while.');
  await expect(page.locator('#unchecked')).toContainText('status_code did not run on deleteWidget in this run');
  for (const kind of ['doc-vs-doc', 'doc-vs-metadata', 'doc-internal']) {
    await expect(page.locator(`details.docs[data-kind="${kind}"] summary`)).toContainText('(1)');
  }
  await expect(page.locator('details.docs[data-kind="doc-vs-doc"]')).toContainText('permission-changed');
  await expect(page.locator('#history-chart g.run')).toHaveCount(3);
  await expect(page.locator('#history-chart rect.bar-new')).toHaveCount(2); // the last run's bar and the legend
  await expect(page.locator('#history-chart circle.mark-resolved')).toHaveCount(2); // run 2 and the legend
  await expect(page.locator('#history-chart g.run').last().locator('title')).toHaveText(
    '2026-01-03 06:00 · mock · drift · contracts abcdefabcdef · 1 new, 2 known, 0 resolved',
  );
  expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  await page.close();
});

test('no history yet: the page says so instead of an empty chart', async ({}, testInfo) => {
  const { page } = await open(renderHtml({ report: richReport(null), history: [] }), testInfo.outputPath('empty.html'));
  await expect(page.locator('#history-empty')).toHaveText('No runs recorded in reports/history/ yet.');
  await expect(page.locator('#history-chart')).toHaveCount(0);
  await expect(page.locator('details.docs[data-kind="doc-vs-doc"]')).toContainText('None.');
  await page.close();
});
