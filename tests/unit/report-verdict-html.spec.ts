/**
 * drift.html for each verdict in a real browser (Debian's chromium): the badge says the verdict and only pass is
 * green; the reasons and a setup fault's evidence are on the page; a not-exercised cell is neither green nor grey;
 * the history chart marks each run in its verdict's colour.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { chromium, expect, test, type Browser } from '@playwright/test';
import type { HistoryRecord } from '../../reporting/history.js';
import { renderHtml } from '../../reporting/html.js';
import type { DriftReport } from '../../reporting/report-model.js';
import { ledgerOf, ranTest, reportOf, skippedTest } from '../fixtures/reporting/records.js';
import { invalidGives500 } from '../fixtures/reporting/widget-findings.js';

const CHROMIUM = '/usr/bin/chromium';
test.skip(
  !existsSync(CHROMIUM) && !process.env.CI,
  `needs Debian's chromium at ${CHROMIUM} (apt-get install chromium; .ci/run installs it)`,
);

let browser: Browser;
test.beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run'] });
});
test.afterAll(async () => {
  await browser?.close();
});

const GREEN = 'rgb(45, 164, 78)';
const passed = ranTest('t > get', 'getWidget', { 'valid #1': [] });
const faulty = ranTest('t > create', 'createWidget', { 'valid #1': [invalidGives500(1)] });
for (const a of faulty.attachments)
  a.responses = {
    authenticated: 4,
    denied: 4,
    expectSuccess: 2,
    notFound: 0,
    deniedSample: {
      method: 'POST',
      url: 'http://127.0.0.1:1/widgets',
      status: 401,
      requestId: 'aaaa-401',
      excerpt: '{"error":{"code":"InvalidAuthenticationToken"}}',
    },
    notFoundSample: null,
  };

const CASES: { verdict: string; report: DriftReport; badge: string }[] = [
  { verdict: 'pass', report: reportOf([passed], ledgerOf()), badge: 'PASS: no new drift' },
  {
    verdict: 'drift',
    report: reportOf([ranTest('t > c', 'createWidget', { 'invalid #1': [invalidGives500(1)] }, 'failed')], ledgerOf()),
    badge: 'DRIFT: 1 new finding',
  },
  {
    verdict: 'incomplete',
    report: reportOf(
      [passed, skippedTest('t > s', 'getWidget', 'missing permission: DeviceManagementConfiguration.ReadWrite.All')],
      ledgerOf(),
    ),
    badge: 'INCOMPLETE: not everything ran',
  },
  { verdict: 'error', report: reportOf([faulty], ledgerOf()), badge: 'ERROR: the run could not test' },
];

for (const c of CASES) {
  test(`${c.verdict}: the badge says so, and it is green only for pass`, async ({}, testInfo) => {
    expect(c.report.run.verdict).toBe(c.verdict);
    const file = testInfo.outputPath(`${c.verdict}.html`);
    writeFileSync(file, renderHtml({ report: c.report, history: [] }));
    const page = await browser.newPage();
    await page.goto(`file://${file}`);
    const badge = page.locator('#verdict');
    await expect(badge).toHaveText(c.badge);
    await expect(badge).toHaveAttribute('data-verdict', c.verdict);
    const colour = await badge.evaluate((el) => getComputedStyle(el).backgroundColor);
    if (c.verdict === 'pass') expect(colour).toBe(GREEN);
    else expect(colour).not.toBe(GREEN);
    await expect(page).toHaveTitle(new RegExp(c.badge.replace(/[()]/g, '\\$&')));
    if (c.verdict === 'pass') await expect(page.locator('#verdict-reasons')).toHaveCount(0);
    else await expect(page.locator('#verdict-reasons li').first()).toHaveText(c.report.run.verdictReasons[0] ?? '');
    if (c.verdict === 'error') {
      const fault = page.locator('#setup-fault');
      await expect(fault).toHaveAttribute('data-kind', 'auth');
      await expect(fault).toContainText('every one of 4 requests sent with a token was answered 401/403');
      await expect(fault).toContainText('POST http://127.0.0.1:1/widgets → 401');
      await expect(fault).toContainText('aaaa-401');
      await expect(fault).toContainText('none of them can be accepted into the ledger');
    } else await expect(page.locator('#setup-fault')).toHaveCount(0);
    await page.close();
  });
}

test('a not-exercised cell is neither green nor the grey of skipped, and its panel says it is not a pass', async ({}, testInfo) => {
  const t = ranTest('t > get', 'getWidget', { 'valid #1': [] });
  const run = t.attachments[0]?.caseRuns?.[0];
  if (run) run.exercised = [{ operation: 'getWidget', checks: ['status_code'] }];
  const file = testInfo.outputPath('cells.html');
  writeFileSync(file, renderHtml({ report: reportOf([t], ledgerOf()), history: [] }));
  const page = await browser.newPage();
  await page.goto(`file://${file}`);
  await expect(page.locator('td.cell.passed')).toHaveCount(1);
  const idle = page.locator('td.cell.not-exercised');
  await expect(idle).toHaveCount(2);
  const bg = await idle.first().evaluate((el) => getComputedStyle(el).backgroundColor + getComputedStyle(el).backgroundImage);
  expect(bg).not.toContain(GREEN);
  expect(bg).toContain('repeating-linear-gradient');
  await idle.first().locator('a').click();
  await expect(page.locator('section.panel:visible')).toContainText(
    'Not exercised: ran on 1 case of getWidget, none of which gave it anything to look at. This is not a pass.',
  );
  await page.close();
});

test('the history chart marks each run in its verdict colour: green only for pass', async ({}, testInfo) => {
  const verdicts = ['pass', 'drift', 'incomplete', 'error'] as const;
  const history: HistoryRecord[] = verdicts.map((verdict, i) => ({
    format: 2,
    startedAt: `2026-01-0${i + 1}T06:00:00.000Z`,
    target: 'live',
    contractsVersion: 'abcdefabcdef',
    verdict,
    new: verdict === 'drift' ? 1 : 0,
    known: 0,
    resolved: 0,
    tests: { passed: 1, failed: 0, skipped: 0 },
    durationMs: 1000,
  }));
  const file = testInfo.outputPath('history.html');
  writeFileSync(file, renderHtml({ report: reportOf([passed], ledgerOf()), history }));
  const page = await browser.newPage();
  await page.goto(`file://${file}`);
  const strips = await page
    .locator('#history-chart g.run rect.strip')
    .evaluateAll((els) => els.map((el) => `${el.closest('g')?.getAttribute('data-verdict')} ${getComputedStyle(el).fill}`));
  expect(strips).toHaveLength(4);
  for (const s of strips) {
    const [verdict, ...fill] = s.split(' ');
    if (verdict === 'pass') expect(fill.join(' ')).toBe(GREEN);
    else expect(fill.join(' ')).not.toBe(GREEN);
  }
  // The clean green baseline belongs to a passing run only: an error run with no findings gets none.
  await expect(page.locator('#history-chart g.run rect.bar-clean')).toHaveCount(1);
  await expect(page.locator('#history-chart g.run[data-verdict="pass"] rect.bar-clean')).toHaveCount(1);
  await page.close();
});
