/**
 * The run's verdict (reporting/verdict.ts) case by case, setup faults (reporting/setup-fault.ts) from the response
 * tallies tests attach, drift.json valid against its schema for every verdict, not-exercised cells, and drift:accept
 * refusing a run that could not test or did not run everything.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { LOOKS_AT } from '../../checks/exercised.js';
import { CHECK_NAMES } from '../../checks/registry.js';
import { acceptRefusal } from '../../reporting/accept.js';
import { main as acceptMain } from '../../reporting/accept-cli.js';
import type { ResponseTally } from '../../reporting/findings-attachment.js';
import { formatLedger } from '../../reporting/fingerprint-ledger.js';
import { readHistory } from '../../reporting/history.js';
import { renderMarkdown } from '../../reporting/markdown.js';
import type { DriftReport } from '../../reporting/report-model.js';
import { detectSetupFault } from '../../reporting/setup-fault.js';
import type { TestRecord } from '../../reporting/test-record.js';
import { reportSchemaErrors } from '../../reporting/validate-report.js';
import { decideVerdict, type VerdictInput } from '../../reporting/verdict.js';
import { tallyResponses } from '../../runner/response-tally.js';
import { CHECKS3, ledgerOf, ranTest, reportOf, skippedTest } from '../fixtures/reporting/records.js';
import { exchange, invalidGives500, undocumentedColour } from '../fixtures/reporting/widget-findings.js';

const base: VerdictInput = { status: 'passed', tests: [], newFindings: 0, newPrints: new Set(), setupFault: null, runErrors: [] };
const passed = ranTest('t > get', 'getWidget', { 'valid #1': [] });

const tally = (over: Partial<ResponseTally>): ResponseTally => ({
  authenticated: 0,
  denied: 0,
  expectSuccess: 0,
  notFound: 0,
  deniedSample: null,
  notFoundSample: null,
  ...over,
});

/** A test that ran and attached a tally (and these findings). */
function tallied(
  title: string,
  responses: ResponseTally,
  status: TestRecord['status'] = 'passed',
  findings = [invalidGives500(1)],
): TestRecord {
  const t = ranTest(title, 'createWidget', { 'valid #1': findings }, status);
  for (const a of t.attachments) a.responses = responses;
  return t;
}

test.describe('decideVerdict', () => {
  test('pass: every test ran, nothing new', () => {
    expect(decideVerdict({ ...base, tests: [passed] })).toEqual({ verdict: 'pass', reasons: [] });
  });

  test('drift: new findings, the tests that failed on them are not errors', () => {
    const t = ranTest('t > create', 'createWidget', { 'invalid #1': [invalidGives500(1)] }, 'failed');
    const prints = new Set([invalidGives500(1).fingerprint]);
    expect(decideVerdict({ ...base, tests: [passed, t], newFindings: 1, newPrints: prints })).toEqual({
      verdict: 'drift',
      reasons: ['1 new finding (not in the ledger)'],
    });
  });

  test('incomplete: interrupted, timed out, or tests skipped (the reasons say which)', () => {
    expect(decideVerdict({ ...base, status: 'interrupted', tests: [passed] })).toEqual({
      verdict: 'incomplete',
      reasons: ['the run was interrupted before every test ran'],
    });
    expect(decideVerdict({ ...base, status: 'interrupted' }).verdict).toBe('incomplete');
    expect(decideVerdict({ ...base, status: 'timedout', tests: [passed] }).verdict).toBe('incomplete');
    const skipped = skippedTest('t > assign', 'assign', 'write budget spent: this run may create 3 objects (GRAPH_WRITE_BUDGET)');
    expect(decideVerdict({ ...base, tests: [passed, skipped] })).toEqual({
      verdict: 'incomplete',
      reasons: ['1 test skipped: write budget spent: this run may create 3 objects (GRAPH_WRITE_BUDGET)'],
    });
  });

  test('incomplete: a test that passed but says not all of its cases ran (exploration stopped by its budget)', () => {
    const cut = { ...ranTest('t > explore', 'createWidget', { 'explore #1': [] }), partial: '12 cases not run: object budget spent' };
    expect(decideVerdict({ ...base, tests: [passed, cut] })).toEqual({
      verdict: 'incomplete',
      reasons: ['1 test did not run all of its cases: t > explore: 12 cases not run: object budget spent'],
    });
    expect(decideVerdict({ ...base, tests: [passed, { ...cut, partial: null }] }).verdict).toBe('pass');
  });

  test('error: a run error, a test failing without a new finding, no test at all, a setup fault', () => {
    expect(decideVerdict({ ...base, tests: [passed], runErrors: ['live preflight failed: x'] }).verdict).toBe('error');
    const crashed: TestRecord = {
      ...skippedTest('t > delete', 'deleteWidget', ''),
      status: 'failed',
      skipReason: null,
      error: 'Error: fetch failed',
    };
    expect(decideVerdict({ ...base, tests: [passed, crashed] })).toEqual({
      verdict: 'error',
      reasons: ['1 test failed without a new finding (the run broke, not the service); first: t > delete: Error: fetch failed'],
    });
    // A failed test whose findings are all known failed for another reason.
    const knownOnly = ranTest('t > c', 'createWidget', { 'valid #1': [undocumentedColour('valid #1', 1)] }, 'failed');
    expect(decideVerdict({ ...base, tests: [knownOnly] }).verdict).toBe('error');
    expect(decideVerdict(base)).toEqual({
      verdict: 'error',
      reasons: ['no conformance test ran (check --project, --grep and the test files)'],
    });
    const fault = { kind: 'auth' as const, message: 'every request refused', requests: 3, sample: null };
    expect(decideVerdict({ ...base, tests: [passed], setupFault: fault }).reasons).toEqual(['setup fault: every request refused']);
  });

  test('precedence: error over drift over incomplete', () => {
    const prints = new Set([invalidGives500(1).fingerprint]);
    const drifting = ranTest('t > create', 'createWidget', { 'invalid #1': [invalidGives500(1)] }, 'failed');
    expect(decideVerdict({ ...base, status: 'interrupted', tests: [drifting], newFindings: 1, newPrints: prints })).toEqual({
      verdict: 'drift',
      reasons: ['1 new finding (not in the ledger)', 'the run was interrupted before every test ran'],
    });
    expect(decideVerdict({ ...base, tests: [drifting], newFindings: 1, newPrints: prints, runErrors: ['boom'] }).verdict).toBe('error');
  });
});

test.describe('setup faults', () => {
  const sample = { method: 'GET', url: 'http://127.0.0.1:1/widgets', status: 401, requestId: 'r-1', excerpt: '{"error":{}}' };

  test('every request with a token refused: auth, with the evidence; the run is an error and its findings stay out of the ledger', () => {
    const tests = [
      tallied('a', tally({ authenticated: 3, denied: 3, expectSuccess: 2, deniedSample: sample })),
      tallied('b', tally({ authenticated: 2, denied: 2, expectSuccess: 1 })),
    ];
    const fault = detectSetupFault(tests);
    expect(fault).toMatchObject({ kind: 'auth', requests: 5, sample });
    expect(fault?.message).toMatch(/^every one of 5 requests sent with a token was answered 401\/403/);
    const r = reportOf(tests, ledgerOf());
    expect(r.run.verdict).toBe('error');
    expect(r.run.setupFault?.kind).toBe('auth');
    expect(r.summary.new).toBe(1); // shown, but not trusted
    expect(reportSchemaErrors(r)).toEqual([]);
    expect(acceptRefusal(r)).toMatch(/^the run's verdict is error \(setup fault: every one of 5 requests/);
    const md = renderMarkdown(r);
    expect(md.split('\n')[0]).toBe('## 🛑 Error: the run could not test');
    expect(md).toContain('**Setup fault (auth)**: every one of 5 requests sent with a token was answered 401/403');
    expect(md).toContain('Sample: `GET http://127.0.0.1:1/widgets` → 401 · request-id `r-1` · `{"error":{}}`');
    expect(md).toContain('### 🆕 New (not trusted: the run could not test)');
  });

  test('every request that should succeed answered 404: route; live runs name GRAPH_BASE_URL', () => {
    const t = { ...tallied('a', tally({ authenticated: 4, expectSuccess: 4, notFound: 4 })), project: 'live' };
    expect(detectSetupFault([t])).toMatchObject({ kind: 'route', requests: 4 });
    expect(detectSetupFault([t])?.message).toContain('GRAPH_BASE_URL does not reach the Graph beta API');
  });

  test('no answer at all and connection errors: connection', () => {
    const t: TestRecord = {
      ...skippedTest('t', 'getWidget', ''),
      status: 'failed',
      skipReason: null,
      error: 'TypeError: fetch failed (ECONNREFUSED)',
    };
    expect(detectSetupFault([t])).toMatchObject({ kind: 'connection', requests: 1 });
  });

  test('a service that refuses some requests, or lacks one route, is drift, not a setup fault', () => {
    expect(detectSetupFault([tallied('a', tally({ authenticated: 5, denied: 4, expectSuccess: 3 }))])).toBeNull();
    expect(detectSetupFault([tallied('a', tally({ authenticated: 5, expectSuccess: 3, notFound: 2 }))])).toBeNull();
    expect(detectSetupFault([tallied('a', tally({}))])).toBeNull();
  });

  test('the tally counts requests with a token; the no-token cases do not count', () => {
    const ex = [
      exchange('getWidget', 'valid', 'v', 'GET', 'http://x/w', 404),
      exchange('getWidget', 'unknown-id', 'u', 'GET', 'http://x/w/1', 404),
      exchange('getWidget', 'invalid', 'i', 'POST', 'http://x/w', 401),
      { ...exchange('getWidget', 'no-token', 'n', 'GET', 'http://x/w', 401), request: { method: 'GET', url: 'http://x/w', headers: {} } },
    ];
    const t = tallyResponses(ex);
    expect(t).toMatchObject({ authenticated: 3, denied: 1, expectSuccess: 1, notFound: 1 });
    expect(t.notFoundSample).toEqual({ method: 'GET', url: 'http://x/w', status: 404, requestId: null, excerpt: '{}' });
  });
});

test('drift.json is valid against its schema for every verdict', () => {
  const prints = [invalidGives500(1)];
  const reports: [string, DriftReport][] = [
    ['pass', reportOf([passed], ledgerOf())],
    ['drift', reportOf([ranTest('t', 'createWidget', { 'invalid #1': prints }, 'failed')], ledgerOf())],
    ['incomplete', reportOf([passed, skippedTest('t > s', 'getWidget', 'missing permission: x')], ledgerOf())],
    ['incomplete', reportOf([passed], ledgerOf(), { status: 'interrupted' })],
    ['error', reportOf([], ledgerOf(), { projects: ['live'], runErrors: ['live preflight failed: nothing listens'] })],
    ['error', reportOf([tallied('a', tally({ authenticated: 1, denied: 1 }))], ledgerOf())],
  ];
  for (const [verdict, r] of reports) {
    expect(r.run.verdict).toBe(verdict);
    expect(reportSchemaErrors(r), verdict).toEqual([]);
    expect(r.run.verdictReasons.length > 0).toBe(verdict !== 'pass');
  }
  expect(reportSchemaErrors({ ...reports[0]?.[1], run: { ...reports[0]?.[1].run, verdict: 'fail' } }).join('\n')).toMatch(
    /\/run\/verdict must be equal to one of the allowed values/,
  );
});

test('a check that ran but had nothing to look at is not-exercised, not passed; every check has a predicate', () => {
  expect(Object.keys(LOOKS_AT).sort()).toEqual([...CHECK_NAMES].sort());
  const t = ranTest('t > get', 'getWidget', { 'valid #1': [] });
  const run = t.attachments[0]?.caseRuns?.[0];
  if (run) run.exercised = [{ operation: 'getWidget', checks: ['status_code'] }];
  const r = reportOf([t], ledgerOf());
  expect(r.operations[0]?.checks.map((c) => [c.check, c.result, c.cases, c.exercised])).toEqual([
    ['status_code', 'passed', 1, 1],
    ['content_type', 'not-exercised', 1, 0],
    ['response_schema', 'not-exercised', 1, 0],
  ]);
  expect(r.operations[0]?.checks[1]?.reason).toBe('ran on 1 case of getWidget, none of which gave it anything to look at');
  expect(CHECKS3).toContain('content_type');
  expect(reportSchemaErrors(r)).toEqual([]);
});

test('npm run drift:accept refuses an error run and an incomplete one, and leaves the ledger alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'accept-verdict-'));
  const ledgerFile = join(dir, 'known-drift.json');
  writeFileSync(ledgerFile, formatLedger(ledgerOf()));
  const before = readFileSync(ledgerFile, 'utf8');
  const errors: string[] = [];
  const err = console.error;
  console.error = (...a: unknown[]) => void errors.push(a.join(' '));
  try {
    const faulty = reportOf([tallied('a', tally({ authenticated: 2, denied: 2 }))], ledgerOf());
    writeFileSync(join(dir, 'error.json'), JSON.stringify(faulty));
    expect(acceptMain(['--report', join(dir, 'error.json'), '--ledger', ledgerFile, '--note', 'x'])).toBe(2);
    const partial = reportOf([passed, skippedTest('t > s', 'getWidget', 'read-only mode (GRAPH_READ_ONLY=1)')], ledgerOf());
    writeFileSync(join(dir, 'partial.json'), JSON.stringify(partial));
    expect(acceptMain(['--report', join(dir, 'partial.json'), '--ledger', ledgerFile, '--prune'])).toBe(2);
  } finally {
    console.error = err;
  }
  expect(errors[0]).toMatch(
    /error\.json: the run's verdict is error \(setup fault: every one of 2 requests sent with a token was answered/,
  );
  expect(errors[0]).toMatch(/none are accepted\. Fix the setup and run again\. The ledger was not changed\.$/);
  expect(errors[1]).toMatch(/partial\.json: the run's verdict is incomplete \(1 test skipped: read-only mode \(GRAPH_READ_ONLY=1\)\)/);
  expect(readFileSync(ledgerFile, 'utf8')).toBe(before);
});

test('history records of the earlier format are read with fail as drift', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hist-v1-'));
  const old = {
    format: 1,
    startedAt: '2026-01-01T00:00:00.000Z',
    target: 'mock',
    contractsVersion: 'abcdefabcdef',
    verdict: 'fail',
    new: 1,
    known: 0,
    resolved: 0,
    tests: { passed: 1, failed: 1, skipped: 0 },
    durationMs: 1,
  };
  writeFileSync(join(dir, 'a.json'), JSON.stringify(old));
  writeFileSync(join(dir, 'b.json'), JSON.stringify({ ...old, startedAt: '2026-01-02T00:00:00.000Z', verdict: 'pass', new: 0 }));
  writeFileSync(join(dir, 'c.json'), JSON.stringify({ ...old, format: 2, verdict: 'fail' }));
  const { records, skipped } = readHistory(dir);
  expect(records.map((r) => [r.format, r.verdict])).toEqual([
    [2, 'drift'],
    [2, 'pass'],
  ]);
  expect(skipped).toEqual(['c.json']);
});
