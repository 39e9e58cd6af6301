/**
 * How the report is put together from what tests attached: which operation a test is about, which checks ran where
 * when the attachment does not say, skipped tests and their reasons, doc findings kept apart by kind, the contracts
 * version, history records, and the repository's own ledger being valid.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { DocFindingsFile } from '../../contracts/model.js';
import { buildReport } from '../../reporting/build-report.js';
import { contractsVersion } from '../../reporting/contracts-version.js';
import { DEFAULT_LEDGER, readLedger } from '../../reporting/fingerprint-ledger.js';
import { historyFileName, historyRecord, readHistory, writeHistoryRecord } from '../../reporting/history.js';
import { reportSchemaErrors } from '../../reporting/validate-report.js';
import { operationOfTest } from '../../reporting/test-record.js';
import { CHECKS3, ledgerOf, ranTest, richReport, runFacts, skippedTest } from '../fixtures/reporting/records.js';
import { FIXTURE_DIR } from '../fixtures/reporting/run-fixture.js';
import { invalidGives500 } from '../fixtures/reporting/widget-findings.js';

const docs = JSON.parse(readFileSync(join(FIXTURE_DIR, 'contracts', 'doc-findings.json'), 'utf8')) as DocFindingsFile;

test('which operation a test is about: annotation, then a known operation id, then `<id> (METHOD /path)`', () => {
  expect(
    operationOfTest(['a.spec.ts', 'createWidget', 'valid'], [{ type: 'operation', description: 'getWidget' }], new Set(['createWidget'])),
  ).toBe('getWidget');
  expect(operationOfTest(['a.spec.ts', 'createWidget', 'valid'], [], new Set(['createWidget']))).toBe('createWidget');
  expect(operationOfTest(['a.spec.ts', 'createWidget (POST /widgets)', 'valid'], [])).toBe('createWidget');
  expect(operationOfTest(['a.spec.ts', 'valid'], [], new Set(['createWidget']))).toBeNull();
});

test('without checksRun in the attachment, the selected checks count as run; skipped tests give the reason', () => {
  const t = ranTest('t > get', 'getWidget', { 'valid #1': [] });
  const att = t.attachments[0];
  if (att) delete att.caseRuns;
  const r = buildReport({
    run: runFacts({
      selected: ['status_code'],
      notSelected: [
        { check: 'content_type', reason: 'not in CHECKS=status_code' },
        { check: 'response_schema', reason: 'not in CHECKS=status_code' },
      ],
    }),
    tests: [t, skippedTest('t > get unknown', 'getWidget', 'no ids to make up')],
    ledger: ledgerOf(),
    docFindings: null,
  });
  expect(r.operations).toEqual([
    {
      operation: 'getWidget',
      tests: { passed: 1, failed: 0, skipped: 1 },
      cases: 1,
      checks: [{ check: 'status_code', result: 'passed', new: 0, known: 0, resolved: 0, cases: 1, exercised: 1, reason: null }],
      skipped: [{ test: 't > get unknown', reason: 'no ids to make up' }],
    },
  ]);
  expect(r.run.checks.notSelected.map((n) => n.check)).toEqual(['content_type', 'response_schema']);
  expect(reportSchemaErrors(r)).toEqual([]);
});

test('a check outside the registry that an attachment names still gets a column', () => {
  const t = ranTest('t > create', 'createWidget', { 'invalid #1': [{ ...invalidGives500(1), check: 'house_rule' }] });
  const r = buildReport({ run: runFacts(), tests: [t], ledger: ledgerOf(), docFindings: null });
  expect(r.operations[0]?.checks.map((c) => `${c.check}:${c.result}`)).toEqual([...CHECKS3.map((c) => `${c}:passed`), 'house_rule:failed']);
});

test('doc findings are kept apart by kind; a doc-vs-service one from the extractor is left out with a warning', () => {
  const odd = {
    ...docs,
    findings: [...docs.findings, { ...docs.findings[0], kind: 'doc-vs-service' as const, rule: 'odd-rule' }],
  } as DocFindingsFile;
  const r = buildReport({ run: runFacts(), tests: [], ledger: ledgerOf(), docFindings: { source: 'x/doc-findings.json', file: odd } });
  expect(Object.fromEntries(Object.entries(r.docFindings.byKind).map(([k, v]) => [k, v.map((d) => d.rule)]))).toEqual({
    'doc-vs-doc': ['permission-changed'],
    'doc-vs-metadata': ['navigation-not-documented'],
    'doc-internal': ['example-count-mismatch'],
  });
  expect(r.summary.byKind).toEqual({ 'doc-vs-doc': 1, 'doc-vs-metadata': 1, 'doc-vs-service': 0, 'doc-internal': 1 });
  expect(r.warnings).toEqual([
    'x/doc-findings.json: doc finding odd-rule on createWidget has kind doc-vs-service, which only a run can find; left out',
  ]);
});

test('the rich fixture report is valid against the schema, and the schema rejects what it should', () => {
  const r = richReport(docs);
  expect(reportSchemaErrors(r)).toEqual([]);
  expect(reportSchemaErrors({ ...r, format: 1 })).toContain('/format must be equal to constant');
  const known = r.findings.find((f) => f.status === 'known');
  expect(reportSchemaErrors({ ...r, findings: [{ ...known, ledger: null }] }).join('\n')).toMatch(/\/findings\/0\/ledger must be object/);
  expect(reportSchemaErrors({ ...r, run: { ...r.run, contractsVersion: 'v1' } }).join('\n')).toMatch(
    /\/run\/contractsVersion must match pattern/,
  );
});

test('the contracts version follows the generated contract files, not the ledger', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cv-'));
  cpSync(join(FIXTURE_DIR, 'contracts'), dir, { recursive: true });
  const v = contractsVersion(dir);
  expect(v).toMatch(/^[0-9a-f]{12}$/);
  writeFileSync(join(dir, 'known-drift.json'), '{"format":1,"entries":[]}');
  expect(contractsVersion(dir)).toBe(v);
  writeFileSync(join(dir, 'operations', 'createWidget.json'), '{"id":"createWidget"}');
  expect(contractsVersion(dir)).not.toBe(v);
});

test('history: one small record per run, read back oldest first, strays skipped by name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hist-'));
  const r = richReport(null);
  const later = { ...r, run: { ...r.run, startedAt: '2026-01-03T00:00:00.000Z' } };
  writeHistoryRecord(dir, historyRecord(later));
  writeHistoryRecord(dir, historyRecord(r));
  writeFileSync(join(dir, 'notes.json'), '{"hello":1}');
  expect(historyFileName(historyRecord(r))).toBe('2026-01-02T03-04-05-000Z-mock.json');
  const { records, skipped } = readHistory(dir);
  expect(records.map((x) => [x.startedAt, x.new, x.known, x.resolved, x.verdict])).toEqual([
    // The rich run has a test that ended before its checks ran: error, whatever it found.
    ['2026-01-02T03:04:05.000Z', 1, 1, 1, 'error'],
    ['2026-01-03T00:00:00.000Z', 1, 1, 1, 'error'],
  ]);
  expect(skipped).toEqual(['notes.json']);
  expect(readHistory(dir, 1).records).toHaveLength(1);
  expect(readHistory(join(dir, 'none')).records).toEqual([]);
});

test("the repository's ledger (contracts/known-drift.json) is valid", () => {
  expect(() => readLedger(DEFAULT_LEDGER)).not.toThrow();
});
