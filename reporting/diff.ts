/**
 * Two runs compared (`npm run drift:diff -- A.json B.json`): findings added (seen in B, not in A), removed (seen in
 * A, not in B) and changed (seen in both, but with another ledger status, observed value, message or number of
 * occurrences), matrix cells whose result changed, and run facts that differ. Findings are matched by fingerprint;
 * timing fields are ignored.
 */
import { canonicalJson } from '../checks/findings.js';
import type { CheckResult, DriftReport, FindingStatus, ReportFinding } from './report-model.js';

export interface SeenFinding {
  fingerprint: string;
  operation: string;
  check: string;
  pointer: string;
  status: FindingStatus;
  expected: unknown;
  /** Distinct observed values, sorted by their JSON. */
  observed: unknown[];
  message: string;
  occurrences: number;
}

export interface FindingChange {
  before: SeenFinding;
  after: SeenFinding;
  /** What differs, e.g. `status new -> known`, `observed 500 -> 502`. */
  what: string[];
}

export interface ReportDiff {
  added: SeenFinding[];
  removed: SeenFinding[];
  changed: FindingChange[];
  cells: { operation: string; check: string; from: CheckResult | 'absent'; to: CheckResult | 'absent' }[];
  run: { field: string; from: unknown; to: unknown }[];
}

/** Findings seen in a run (new or known), one per fingerprint. */
export function seenFindings(report: DriftReport): Map<string, SeenFinding> {
  const out = new Map<string, SeenFinding>();
  const seen = report.findings.filter((f): f is ReportFinding => f.status !== 'resolved');
  for (const f of seen) {
    const s = out.get(f.fingerprint);
    if (s) {
      s.occurrences++;
      if (!s.observed.some((o) => canonicalJson(o) === canonicalJson(f.observed))) s.observed.push(f.observed);
      continue;
    }
    out.set(f.fingerprint, {
      fingerprint: f.fingerprint,
      operation: f.operation,
      check: f.check,
      pointer: f.pointer,
      status: f.status,
      expected: f.expected,
      observed: [f.observed],
      message: f.message,
      occurrences: 1,
    });
  }
  for (const s of out.values()) s.observed.sort((a, b) => (canonicalJson(a) < canonicalJson(b) ? -1 : 1));
  return out;
}

const order = (a: SeenFinding, b: SeenFinding): number => {
  const ka = `${a.operation} ${a.check} ${a.pointer} ${a.fingerprint}`;
  const kb = `${b.operation} ${b.check} ${b.pointer} ${b.fingerprint}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

const short = (v: unknown): string => {
  const s = canonicalJson(v);
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
};

export function diffReports(a: DriftReport, b: DriftReport): ReportDiff {
  const before = seenFindings(a);
  const after = seenFindings(b);
  const added = [...after.values()].filter((f) => !before.has(f.fingerprint)).sort(order);
  const removed = [...before.values()].filter((f) => !after.has(f.fingerprint)).sort(order);
  const changed: FindingChange[] = [];
  for (const x of [...after.values()].sort(order)) {
    const y = before.get(x.fingerprint);
    if (!y) continue;
    const what: string[] = [];
    if (y.status !== x.status) what.push(`status ${y.status} -> ${x.status}`);
    if (canonicalJson(y.observed) !== canonicalJson(x.observed)) {
      what.push(`observed ${y.observed.map(short).join(' | ')} -> ${x.observed.map(short).join(' | ')}`);
    }
    if (y.message !== x.message) what.push(`message "${y.message}" -> "${x.message}"`);
    if (y.occurrences !== x.occurrences) what.push(`occurrences ${y.occurrences} -> ${x.occurrences}`);
    if (what.length) changed.push({ before: y, after: x, what });
  }

  const cellsOf = (r: DriftReport): Map<string, CheckResult> =>
    new Map(r.operations.flatMap((o) => o.checks.map((c) => [`${o.operation}\u0000${c.check}`, c.result] as const)));
  const ca = cellsOf(a);
  const cb = cellsOf(b);
  const cells: ReportDiff['cells'] = [];
  for (const k of [...new Set([...ca.keys(), ...cb.keys()])].sort()) {
    const from = ca.get(k) ?? 'absent';
    const to = cb.get(k) ?? 'absent';
    if (from === to) continue;
    const [operation = '', check = ''] = k.split('\u0000');
    cells.push({ operation, check, from, to });
  }

  const run: ReportDiff['run'] = [];
  for (const field of ['target', 'baseUrl', 'cloud', 'contractsVersion', 'seed', 'verdict'] as const) {
    if (canonicalJson(a.run[field]) !== canonicalJson(b.run[field])) run.push({ field, from: a.run[field], to: b.run[field] });
  }
  if (canonicalJson(a.run.checks.selected) !== canonicalJson(b.run.checks.selected)) {
    run.push({ field: 'checks.selected', from: a.run.checks.selected, to: b.run.checks.selected });
  }
  return { added, removed, changed, cells, run };
}

export function isEmptyDiff(d: ReportDiff): boolean {
  return d.added.length + d.removed.length + d.changed.length + d.cells.length + d.run.length === 0;
}

const line = (f: SeenFinding): string =>
  `${f.fingerprint}  ${f.operation} · ${f.check} at ${f.pointer === '' ? '(body)' : f.pointer}: expected ${short(f.expected)}, observed ${f.observed.map(short).join(' | ')} [${f.status}${f.occurrences > 1 ? `, ${f.occurrences}x` : ''}]`;

/** The diff as text for a terminal or a pull request comment. */
export function formatDiff(d: ReportDiff, names: { a: string; b: string }): string {
  if (isEmptyDiff(d)) return `No difference between ${names.a} and ${names.b} (timing ignored).`;
  const out = [`${names.a} -> ${names.b}: ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed`];
  if (d.run.length) {
    out.push('', 'run:');
    for (const r of d.run) out.push(`  ${r.field}: ${short(r.from)} -> ${short(r.to)}`);
  }
  if (d.added.length) out.push('', 'added:', ...d.added.map((f) => `+ ${line(f)}`));
  if (d.removed.length) out.push('', 'removed:', ...d.removed.map((f) => `- ${line(f)}`));
  if (d.changed.length) out.push('', 'changed:', ...d.changed.flatMap((c) => [`~ ${line(c.after)}`, ...c.what.map((w) => `    ${w}`)]));
  if (d.cells.length) out.push('', 'matrix cells:', ...d.cells.map((c) => `  ${c.operation} × ${c.check}: ${c.from} -> ${c.to}`));
  return out.join('\n');
}
