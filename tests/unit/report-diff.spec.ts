/**
 * `npm run drift:diff -- A.json B.json`: findings added, removed and changed between two runs (by fingerprint; timing
 * ignored), matrix cells and run facts that differ, and the exit code (0 same, 1 different, 2 bad input).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { diffReports, formatDiff, isEmptyDiff } from '../../reporting/diff.js';
import { main as diffMain } from '../../reporting/diff-cli.js';
import { entryFor, ledgerOf, ranTest, reportOf } from '../fixtures/reporting/records.js';
import { finding, evidence, BASE, invalidGives500, undocumentedColour } from '../fixtures/reporting/widget-findings.js';

const colour = undocumentedColour('valid #1', 1);
const five00 = invalidGives500(2);
const gone = finding({
  check: 'content_type',
  operation: 'createWidget',
  caseName: 'valid #1',
  pointer: '/headers/content-type',
  expected: 'application/json',
  observed: 'text/plain',
  message: 'ct',
  evidence: evidence('POST', BASE, 201, 4),
});
const fresh = finding({
  check: 'status_code',
  operation: 'getWidget',
  caseName: 'valid #1',
  pointer: '/status',
  expected: 200,
  observed: 202,
  message: 'GET answered 202',
  stableKey: '202',
  evidence: evidence('GET', BASE, 202, 5),
});

const A = reportOf(
  [
    ranTest('t > create valid', 'createWidget', { 'valid #1': [colour, gone] }),
    ranTest('t > create invalid', 'createWidget', { 'invalid #1': [five00] }),
    ranTest('t > get', 'getWidget', { 'valid #1': [] }),
  ],
  ledgerOf(),
);
const B = reportOf(
  [
    ranTest('t > create valid', 'createWidget', { 'valid #1': [colour] }),
    ranTest('t > create invalid', 'createWidget', {
      'invalid #1': [{ ...five00, observed: 502 }],
      'invalid #2': [{ ...five00, caseName: 'invalid #2' }],
    }),
    ranTest('t > get', 'getWidget', { 'valid #1': [fresh] }),
  ],
  ledgerOf(entryFor(colour)),
  { startedAt: '2026-02-03T00:00:00.000Z', durationMs: 99999, contractsVersion: '0123456789ab' },
);

test('added, removed and changed findings, cells and run facts', () => {
  const d = diffReports(A, B);
  expect(d.added.map((f) => f.fingerprint)).toEqual([fresh.fingerprint]);
  expect(d.removed.map((f) => `${f.check} ${f.fingerprint}`)).toEqual([`content_type ${gone.fingerprint}`]);
  expect(d.changed.map((c) => [c.after.check, c.what])).toEqual([
    ['response_schema', ['status new -> known']],
    ['status_code', ['observed 500 -> 500 | 502', 'occurrences 1 -> 2']],
  ]);
  expect(d.cells).toEqual([
    { operation: 'createWidget', check: 'content_type', from: 'failed', to: 'passed' },
    { operation: 'createWidget', check: 'response_schema', from: 'failed', to: 'known' },
    { operation: 'getWidget', check: 'status_code', from: 'passed', to: 'failed' },
  ]);
  // Timing differs and is ignored; the contracts version is a run fact worth showing.
  expect(d.run).toEqual([{ field: 'contractsVersion', from: 'abcdefabcdef', to: '0123456789ab' }]);

  const text = formatDiff(d, { a: 'a.json', b: 'b.json' });
  expect(text.split('\n')[0]).toBe('a.json -> b.json: 1 added, 1 removed, 2 changed');
  expect(text).toContain(`+ ${fresh.fingerprint}  getWidget · status_code at /status: expected 200, observed 202 [new]`);
  expect(text).toContain(`- ${gone.fingerprint}  createWidget · content_type at /headers/content-type`);
  expect(text).toContain('    status new -> known');
  expect(text).toContain('  createWidget × response_schema: failed -> known');
});

test('a report compared with itself (or with a re-timed copy) has no difference', () => {
  expect(isEmptyDiff(diffReports(A, A))).toBe(true);
  const retimed = { ...A, run: { ...A.run, startedAt: '2030-01-01T00:00:00.000Z', durationMs: 1, throttledMs: 5 } };
  expect(isEmptyDiff(diffReports(A, retimed))).toBe(true);
  expect(formatDiff(diffReports(A, retimed), { a: 'x', b: 'y' })).toBe('No difference between x and y (timing ignored).');
});

test('the CLI: exit 1 with the diff, 0 when equal, 2 with a message for bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'diff-'));
  const a = join(dir, 'a.json');
  const b = join(dir, 'b.json');
  writeFileSync(a, JSON.stringify(A));
  writeFileSync(b, JSON.stringify(B));
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...A, findings: [{ nope: 1 }] }));
  const out: string[] = [];
  const err: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...x: unknown[]) => void out.push(x.join(' '));
  console.error = (...x: unknown[]) => void err.push(x.join(' '));
  try {
    expect(diffMain([a, b])).toBe(1);
    expect(diffMain([a, a])).toBe(0);
    expect(diffMain([a, b, '--json'])).toBe(1);
    expect(diffMain([a])).toBe(2);
    expect(diffMain([a, join(dir, 'bad.json')])).toBe(2);
  } finally {
    console.log = log;
    console.error = error;
  }
  expect(out[0]).toContain('1 added, 1 removed, 2 changed');
  expect(out[1]).toContain('No difference');
  expect(JSON.parse(out[2] ?? '{}')).toMatchObject({ added: [{ fingerprint: fresh.fingerprint }] });
  expect(err[0]).toMatch(/give exactly two drift\.json files \(got 1\)[\s\S]*usage: npm run drift:diff/);
  expect(err[1]).toMatch(
    /bad\.json: not a valid drift report \(reporting\/drift-report\.schema\.json\): \/findings\/0 must have required property/,
  );
});
