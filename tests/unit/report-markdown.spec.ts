/**
 * reports/drift.md: a snapshot of the summary for a run with one of everything, and the rules a reviewer relies on
 * (verdict first, new before known, values quoted so 200 and "200" differ, table cells and code spans escaped).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { DocFindingsFile } from '../../contracts/model.js';
import { code, lit, renderMarkdown } from '../../reporting/markdown.js';
import { entryFor, ledgerOf, ranTest, reportOf, richReport } from '../fixtures/reporting/records.js';
import { FIXTURE_DIR } from '../fixtures/reporting/run-fixture.js';
import { undocumentedColour } from '../fixtures/reporting/widget-findings.js';

const docs = JSON.parse(readFileSync(join(FIXTURE_DIR, 'contracts', 'doc-findings.json'), 'utf8')) as DocFindingsFile;

test('snapshot: a run with new, known, resolved, unchecked, skipped and doc findings', () => {
  expect(renderMarkdown(richReport(docs))).toMatchSnapshot('drift-rich.md');
});

test('the order a reviewer reads: verdict, counts, new findings with evidence, then resolved; known and details folded', () => {
  const md = renderMarkdown(richReport(docs));
  const at = (s: string): number => {
    const i = md.indexOf(s);
    expect(i, `drift.md should contain ${s}`).toBeGreaterThanOrEqual(0);
    return i;
  };
  // deleteWidget ended before its checks ran: the run is an error, and its new finding is shown but not trusted.
  expect(md.startsWith('## 🛑 Error: the run could not test\n\n- 1 test failed without a new finding')).toBe(true);
  expect(md).toContain('### 🆕 New (not trusted: the run could not test)');
  expect(md).not.toContain('Expected drift? Accept it');
  const order = [
    at('| 🆕 new | 1 |'),
    at('### 🆕 New'),
    at('- **status_code** at `/status`: expected `400`, observed `500`.'),
    at('`POST http://127.0.0.1:1/widgets` → 500 · request-id `00000000-0000-4000-8000-000000000002`'),
    at('### ✅ Resolved'),
    at('<details><summary>📌 Known drift still seen (1)</summary>'),
    at('<details><summary>❔ Ledger entries not checked (1)</summary>'),
    at('<details><summary>Per operation (3 operations × 3 checks)</summary>'),
    at('<details><summary>Doc findings: 1 doc vs doc · 1 doc vs metadata · 1 doc-internal'),
  ];
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  expect(md).toContain('case *valid #1* (and 1 more)');
  expect(md).toContain('2.5 s throttled');
  expect(md).toContain('Not selected (excluded by SKIP_CHECKS=auth_enforced,use_after_delete): auth_enforced, use_after_delete.');
});

test('a clean run says so in its first line, with what the ledger still holds', () => {
  const colour = undocumentedColour('valid #1', 1);
  const md = renderMarkdown(reportOf([ranTest('t', 'createWidget', { 'valid #1': [colour] })], ledgerOf(entryFor(colour))));
  expect(md.split('\n')[0]).toBe('## ✅ No new drift (1 known, 0 resolved)');
  expect(md).not.toContain('### 🆕 New');
  expect(renderMarkdown(reportOf([ranTest('t', 'createWidget', { 'valid #1': [] })], ledgerOf())).split('\n')[0]).toBe(
    '## ✅ No new drift',
  );
});

test('values are JSON (200 and "200" differ); code spans and table cells survive backticks and pipes', () => {
  expect(code(200)).toBe('`200`');
  expect(code('200')).toBe('`"200"`');
  expect(code(undefined)).toBe('`(nothing)`');
  expect(lit('a`b')).toBe('`` a`b ``');
  expect(code('x'.repeat(300)).length).toBeLessThan(110);
  const piped = undocumentedColour('case | with | pipes', 1);
  const md = renderMarkdown(
    reportOf([ranTest('a | b', 'createWidget', { 'case | with | pipes': [{ ...piped, observed: 'te|al' }] })], ledgerOf()),
  );
  expect(md).toContain('observed `"te|al"`');
  const row = md.split('\n').find((l) => l.startsWith('| ❌ createWidget'));
  expect(row?.split(/(?<!\\)\|/).length).toBe(9); // 7 columns, no stray separators
});

test('a drifting run: the headline counts the new findings, and the accept hint follows them', () => {
  const colour = undocumentedColour('valid #1', 1);
  const md = renderMarkdown(reportOf([ranTest('t', 'createWidget', { 'valid #1': [colour] }, 'failed')], ledgerOf()));
  expect(md.split('\n')[0]).toBe('## ❌ Drift: 1 new finding fails the run');
  expect(md).toContain('- 1 new finding (not in the ledger)');
  expect(md).toContain('Expected drift? Accept it with `npm run drift:accept -- --note "why"`');
});
