/**
 * The ledger (contracts/known-drift.json): each finding's status against it (new, known, resolved, or an entry the
 * run could not check), reading it with errors that name the file and field, the worker side (attachFindings returns
 * only new findings), and accepting a run (`npm run drift:accept`).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { acceptRun } from '../../reporting/accept.js';
import { main as acceptMain } from '../../reporting/accept-cli.js';
import { AttachmentError, FINDINGS_ATTACHMENT, parseFindingsAttachment } from '../../reporting/findings-attachment.js';
import { formatLedger, LedgerError, readLedger } from '../../reporting/fingerprint-ledger.js';
import { reportSchemaErrors } from '../../reporting/validate-report.js';
import { registerSecret } from '../../runner/live/secrets.js';
import { attachFindings, describeFindings, newFindings } from '../../runner/report-findings.js';
import { entryFor, ledgerOf, ranTest, reportOf, skippedTest } from '../fixtures/reporting/records.js';
import { FIXTURE_LEDGER } from '../fixtures/reporting/run-fixture.js';
import { caseResult, invalidGives500, undocumentedColour } from '../fixtures/reporting/widget-findings.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'ledger-'));
const statusOf = (r: ReturnType<typeof reportOf>): string[] => r.findings.map((f) => `${f.status} ${f.fingerprint}`);

test.describe('statuses against the ledger', () => {
  const colour = undocumentedColour('valid #1', 1);
  const five00 = invalidGives500(2);
  const T_VALID = 'w.spec.ts > createWidget > valid';
  const T_INVALID = 'w.spec.ts > createWidget > invalid';

  test('not in the ledger: new, and the verdict is drift', () => {
    const r = reportOf([ranTest(T_VALID, 'createWidget', { 'valid #1': [colour] })], ledgerOf());
    expect(statusOf(r)).toEqual([`new ${colour.fingerprint}`]);
    expect(r.findings[0]?.ledger).toBeNull();
    expect(r.summary).toMatchObject({ new: 1, known: 0, resolved: 0, unchecked: 0 });
    expect(r.run.verdict).toBe('drift');
    expect(reportSchemaErrors(r)).toEqual([]);
  });

  test('in the ledger: known, with its note and dates, and the verdict is pass', () => {
    const r = reportOf(
      [ranTest(T_VALID, 'createWidget', { 'valid #1': [colour], 'valid #2': [{ ...colour, caseName: 'valid #2' }] })],
      ledgerOf(entryFor(colour, { seenIn: [T_VALID] })),
    );
    expect(statusOf(r)).toEqual([`known ${colour.fingerprint}`, `known ${colour.fingerprint}`]);
    expect(r.findings[0]?.ledger).toEqual({ note: 'invented note', firstSeen: '2025-12-01', lastSeen: '2025-12-20' });
    expect(r.summary).toMatchObject({ new: 0, known: 1 }); // distinct fingerprints, not occurrences
    expect(r.summary.byKind['doc-vs-service']).toBe(2); // occurrences
    expect(r.run.verdict).toBe('pass');
    expect(r.operations[0]?.checks.find((c) => c.check === 'response_schema')?.result).toBe('known');
    expect(reportSchemaErrors(r)).toEqual([]);
  });

  test('in the ledger, its check ran in the test that showed it, not seen: resolved', () => {
    const r = reportOf([ranTest(T_INVALID, 'createWidget', { 'invalid #1': [] })], ledgerOf(entryFor(five00, { seenIn: [T_INVALID] })));
    expect(r.findings).toEqual([
      expect.objectContaining({
        status: 'resolved',
        fingerprint: five00.fingerprint,
        observed: null,
        evidence: null,
        test: null,
        caseName: null,
      }),
    ]);
    expect(r.summary).toMatchObject({ new: 0, known: 0, resolved: 1, unchecked: 0 });
    const cell = r.operations[0]?.checks.find((c) => c.check === 'status_code');
    expect(cell).toMatchObject({ result: 'passed', resolved: 1 });
    expect(reportSchemaErrors(r)).toEqual([]);
  });

  test('an entry without seenIn is resolved whenever its check ran on its operation', () => {
    const r = reportOf([ranTest(T_VALID, 'createWidget', { 'valid #1': [] })], ledgerOf(entryFor(five00)));
    expect(statusOf(r)).toEqual([`resolved ${five00.fingerprint}`]);
  });

  test('an entry the run could not check is neither known nor resolved: unchecked, with the reason', () => {
    // Its tests did not run (a subset, or another shard) though the check ran elsewhere on the operation.
    const elsewhere = reportOf([ranTest(T_VALID, 'createWidget', { 'valid #1': [] })], ledgerOf(entryFor(five00, { seenIn: [T_INVALID] })));
    expect(elsewhere.findings).toEqual([]);
    expect(elsewhere.unchecked).toEqual([
      {
        fingerprint: five00.fingerprint,
        operation: 'createWidget',
        check: 'status_code',
        reason: `none of the tests that showed it ran status_code on createWidget (${T_INVALID})`,
      },
    ]);
    // Its operation's test was skipped: the check never ran there.
    const skipped = reportOf(
      [skippedTest(T_INVALID, 'createWidget', 'no invalid case')],
      ledgerOf(entryFor(five00, { seenIn: [T_INVALID] })),
    );
    expect(skipped.unchecked[0]?.reason).toBe('status_code did not run on createWidget in this run');
    expect(skipped.summary).toMatchObject({ resolved: 0, unchecked: 1 });
    expect(skipped.operations[0]?.checks.map((c) => `${c.result}: ${c.reason}`)).toEqual(Array(3).fill('skipped: no invalid case'));
  });

  test('new, known and resolved side by side, sorted by operation, check, status', () => {
    const other = {
      ...entryFor({
        ...five00,
        fingerprint: '0123456789abcdef',
        check: 'content_type',
        pointer: '/headers/content-type',
        expected: 'application/json',
      }),
      seenIn: [T_VALID],
    };
    const r = reportOf(
      [
        ranTest(T_VALID, 'createWidget', { 'valid #1': [colour] }),
        ranTest(T_INVALID, 'createWidget', { 'invalid #1': [five00] }, 'failed'),
      ],
      ledgerOf(entryFor(colour), other),
    );
    expect(r.findings.map((f) => `${f.check} ${f.status}`)).toEqual(['content_type resolved', 'response_schema known', 'status_code new']);
    expect(r.operations[0]?.checks.map((c) => c.result)).toEqual(['failed', 'passed', 'known']);
    expect(r.run.tests).toEqual({ total: 2, passed: 1, failed: 1, skipped: 0 });
  });
});

test.describe('reading the ledger', () => {
  test('a missing file is an empty ledger; the fixture reads back to the same text', () => {
    expect(readLedger(join(tmp(), 'none.json'))).toEqual({ format: 1, entries: [] });
    expect(formatLedger(readLedger(FIXTURE_LEDGER))).toBe(readFileSync(FIXTURE_LEDGER, 'utf8'));
  });

  test('mistakes name the file, the field and the fix', () => {
    const dir = tmp();
    const write = (name: string, text: string): string => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const good = JSON.parse(readFileSync(FIXTURE_LEDGER, 'utf8')) as { entries: Record<string, unknown>[] };
    expect(() => readLedger(write('a.json', '{ "format": 1, '))).toThrow(LedgerError);
    expect(() => readLedger(write('a.json', '{ "format": 1, '))).toThrow(
      /a\.json: not valid JSON .* Fix it by hand or restore it from git/,
    );
    const badPrint = { ...good, entries: [{ ...good.entries[0], fingerprint: 'XYZ' }] };
    expect(() => readLedger(write('b.json', JSON.stringify(badPrint)))).toThrow(
      /b\.json: not a valid ledger: \/entries\/0\/fingerprint must match pattern .*reporting\/known-drift\.schema\.json/,
    );
    const noNote = { ...good, entries: [{ ...good.entries[0], note: '' }] };
    expect(() => readLedger(write('c.json', JSON.stringify(noNote)))).toThrow(/\/entries\/0\/note must NOT have fewer than 1 characters/);
    const typo = { ...good, entries: [{ ...good.entries[0], lastseen: '2026-01-01' }] };
    expect(() => readLedger(write('d.json', JSON.stringify(typo)))).toThrow(/must NOT have additional properties \("lastseen"\)/);
    const twice = { ...good, entries: [good.entries[0], good.entries[0]] };
    expect(() => readLedger(write('e.json', JSON.stringify(twice)))).toThrow(/e\.json: \/entries\/1 repeats fingerprint 54ceb2e827835f84/);
  });
});

test.describe('the worker side: attachFindings and describeFindings', () => {
  test.beforeEach(() => {
    process.env.DRIFT_LEDGER = FIXTURE_LEDGER;
  });
  test.afterEach(() => {
    delete process.env.DRIFT_LEDGER;
  });

  test('attaches every finding with per-case checks and throttling, and returns only the new ones', async ({}, testInfo) => {
    const known = undocumentedColour('valid #1', 1);
    const fresh = invalidGives500(2);
    const results = [
      caseResult('createWidget', 'valid', 'valid #1', 'POST', 201, [known]),
      caseResult('createWidget', 'invalid', 'invalid #1', 'POST', 500, [fresh]),
    ];
    const returned = await attachFindings(testInfo, results, { live: false, checks: ['status_code', 'response_schema'], throttledMs: 250 });
    expect(returned).toEqual([fresh]);
    expect(newFindings([known, fresh])).toEqual([fresh]);

    const attachment = testInfo.attachments.find((a) => a.name === FINDINGS_ATTACHMENT);
    expect(attachment?.contentType).toBe('application/json');
    const data = parseFindingsAttachment(attachment?.body?.toString('utf8') ?? '', 'this test');
    expect(data).toEqual({
      exchanges: 2,
      cases: 2,
      findings: [known, fresh],
      caseRuns: [
        { case: 'valid #1', operations: ['createWidget'], checksRun: ['status_code', 'response_schema'] },
        { case: 'invalid #1', operations: ['createWidget'], checksRun: ['status_code', 'response_schema'] },
      ],
      throttledMs: 250,
      // Both requests carried a token; the valid one should have succeeded (201), none was refused or unknown.
      responses: { authenticated: 2, denied: 0, expectSuccess: 1, notFound: 0, deniedSample: null, notFoundSample: null },
    });

    const text = describeFindings(results, { live: false });
    expect(text).toContain('case invalid #1 (replay: FAKER_SEED=42)\n  status_code · createWidget · invalid: pattern at /serial');
    expect(text).not.toContain('response_schema');
    expect(text).toContain('(1 known finding in the ledger not shown');
    // Only known findings: nothing to fix, no accept hint.
    expect(describeFindings([results[0] ?? caseResult('x', 'valid', 'x', 'GET', 200, [])], { live: false })).not.toContain('drift:accept');
  });

  test('without checks, the attachment has case runs without checksRun (the reporter assumes the selected checks)', async ({}, testInfo) => {
    await attachFindings(testInfo, [caseResult('getWidget', 'valid', 'valid #1', 'GET', 200, [])], { live: false });
    const body = testInfo.attachments.find((a) => a.name === FINDINGS_ATTACHMENT)?.body?.toString('utf8') ?? '';
    expect(parseFindingsAttachment(body, 'x').caseRuns).toEqual([{ case: 'valid #1', operations: ['getWidget'] }]);
  });

  test('live: the attachment and the failure text carry no activation code or registered secret', async ({}, testInfo) => {
    registerSecret('S3CRET-value-from-the-transport');
    const leaky = {
      ...invalidGives500(2),
      observed: { integratedCircuitCardIdentifier: '8901260222193581828', note: 'echo S3CRET-value-from-the-transport' },
    };
    const results = [caseResult('createWidget', 'invalid', 'invalid #1', 'POST', 500, [leaky])];
    const returned = await attachFindings(testInfo, results, { live: true });
    const body = testInfo.attachments.find((a) => a.name === FINDINGS_ATTACHMENT)?.body?.toString('utf8') ?? '';
    expect(body).not.toContain('S3CRET-value-from-the-transport');
    expect(body).not.toContain('8901260222193581828');
    expect(returned[0]?.observed).toEqual({ integratedCircuitCardIdentifier: '<redacted>', note: 'echo <redacted>' });
    const text = describeFindings(results, { live: true });
    expect(text).not.toContain('S3CRET-value-from-the-transport');
    expect(text).not.toContain('8901260222193581828');
  });

  test('a malformed attachment is an error naming the test, the place and the fix', () => {
    expect(() => parseFindingsAttachment('nope', 'mock > a > b')).toThrow(AttachmentError);
    expect(() => parseFindingsAttachment('nope', 'mock > a > b')).toThrow(/^mock > a > b: the drift-findings attachment is not JSON/);
    expect(() => parseFindingsAttachment('{"exchanges":1,"cases":1,"findings":[{"check":"x"}]}', 't')).toThrow(
      /finding at \/findings\/0 that has no string "operation". Attach it with attachFindings\(\)/,
    );
    expect(() => parseFindingsAttachment('{"exchanges":1,"cases":1,"findings":[],"caseRuns":[{"case":"a"}]}', 't')).toThrow(
      /\/caseRuns\/0 that is not/,
    );
    expect(() => parseFindingsAttachment('{"exchanges":1,"cases":1,"findings":[],"throttledMs":-1}', 't')).toThrow(/throttledMs/);
  });
});

test.describe('accepting a run', () => {
  const colour = undocumentedColour('valid #1', 1);
  const five00 = invalidGives500(2);
  const T = 'w.spec.ts > createWidget > valid';
  const resolvedOne = entryFor({ ...five00, fingerprint: 'fedcba9876543210', check: 'content_type' }, { seenIn: [T] });
  const report = reportOf(
    [ranTest(T, 'createWidget', { 'valid #1': [colour, five00] })],
    ledgerOf(entryFor(colour, { seenIn: [T] }), resolvedOne),
  );

  test('adds the new findings, moves lastSeen of the known ones, keeps resolved ones unless pruned', () => {
    const ledger = ledgerOf(entryFor(colour, { seenIn: [T] }), resolvedOne);
    const kept = acceptRun(ledger, report, { note: 'the service answers 500 here; reported upstream' });
    expect(kept.added).toEqual([
      entryFor(five00, {
        note: 'the service answers 500 here; reported upstream',
        firstSeen: '2026-01-02',
        lastSeen: '2026-01-02',
        seenIn: [T],
      }),
    ]);
    expect(kept.updated.map((u) => [u.before.lastSeen, u.after.lastSeen])).toEqual([['2025-12-20', '2026-01-02']]);
    expect(kept.removed).toEqual([]);
    expect(kept.keptResolved.map((e) => e.fingerprint)).toEqual(['fedcba9876543210']);
    expect(kept.ledger.entries.map((e) => e.fingerprint).sort()).toEqual(
      [colour.fingerprint, five00.fingerprint, 'fedcba9876543210'].sort(),
    );

    const pruned = acceptRun(ledger, report, { prune: true });
    expect(pruned.removed.map((e) => e.fingerprint)).toEqual(['fedcba9876543210']);
    expect(pruned.added[0]?.note).toBe(`accepted on 2026-01-02 without a note; say why: ${five00.message}`);

    // The accepted ledger turns the run green; accepting the same report again changes nothing.
    const rerun = reportOf([ranTest(T, 'createWidget', { 'valid #1': [colour, five00] })], pruned.ledger);
    expect(rerun.summary).toMatchObject({ new: 0, known: 2, resolved: 0 });
    const again = acceptRun(pruned.ledger, report, { prune: true });
    expect([again.added, again.updated, again.removed]).toEqual([[], [], []]);
  });

  test('npm run drift:accept prints a readable diff and writes the ledger; --dry-run writes nothing', () => {
    const dir = tmp();
    const reportFile = join(dir, 'drift.json');
    const ledgerFile = join(dir, 'known-drift.json');
    writeFileSync(reportFile, JSON.stringify(report));
    writeFileSync(ledgerFile, formatLedger(ledgerOf(entryFor(colour, { seenIn: [T] }), resolvedOne)));
    const before = readFileSync(ledgerFile, 'utf8');
    const logs: string[] = [];
    const log = console.log;
    console.log = (...a: unknown[]) => void logs.push(a.join(' '));
    try {
      expect(acceptMain(['--report', reportFile, '--ledger', ledgerFile, '--dry-run', '--prune'])).toBe(0);
      expect(readFileSync(ledgerFile, 'utf8')).toBe(before);
      expect(acceptMain(['--report', reportFile, '--ledger', ledgerFile, '--note', 'known upstream'])).toBe(0);
    } finally {
      console.log = log;
    }
    const [dry, real] = logs;
    expect(dry).toContain('1 added, 1 updated, 1 removed');
    expect(dry).toContain(`+ ${five00.fingerprint}  createWidget · status_code at /status`);
    expect(dry).toContain('+     expected 400, observed 500');
    expect(dry).toContain(`~ ${colour.fingerprint}  createWidget · response_schema at /colour: lastSeen 2025-12-20 -> 2026-01-02`);
    expect(dry).toContain(
      '- fedcba9876543210  createWidget · content_type at /status (resolved; first seen 2025-12-01, note "invented note")',
    );
    expect(dry).toContain('(dry run: nothing written)');
    expect(real).toContain('+     note: "known upstream"');
    expect(real).toContain('1 resolved entry stays in the ledger; --prune removes it:');
    const written = readLedger(ledgerFile);
    expect(written.entries.find((e) => e.fingerprint === five00.fingerprint)?.note).toBe('known upstream');
    expect(readFileSync(ledgerFile, 'utf8')).toBe(formatLedger(written));
  });

  test('bad input: exit 2 and a message naming the file', () => {
    const errors: string[] = [];
    const err = console.error;
    console.error = (...a: unknown[]) => void errors.push(a.join(' '));
    try {
      const dir = tmp();
      expect(acceptMain(['--report', join(dir, 'missing.json'), '--ledger', join(dir, 'l.json')])).toBe(2);
      writeFileSync(join(dir, 'old.json'), JSON.stringify({ format: 0 }));
      expect(acceptMain(['--report', join(dir, 'old.json'), '--ledger', join(dir, 'l.json')])).toBe(2);
      expect(acceptMain(['--nope'])).toBe(2);
      expect(existsSync(join(dir, 'l.json'))).toBe(false);
    } finally {
      console.error = err;
    }
    expect(errors[0]).toMatch(/missing\.json: cannot read it \(ENOENT\)\. Give the path of a drift\.json a run wrote/);
    expect(errors[1]).toMatch(/old\.json: drift report format 0, this tool reads format 2/);
    expect(errors[2]).toMatch(/Unknown option '--nope'[\s\S]*usage: npm run drift:accept/);
  });
});
