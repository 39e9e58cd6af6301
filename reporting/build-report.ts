/**
 * From what the tests attached to reports/drift.json's content: every finding with its ledger status, the ledger
 * entries resolved or left unchecked, and the operations x checks matrix. Pure: the reporter gathers the input.
 */
import { canonicalJson } from '../checks/findings.js';
import type { DocFinding, DocFindingsFile } from '../contracts/model.js';
import type { Ledger, LedgerEntry } from './fingerprint-ledger.js';
import type { CheckOutcome, DriftReport, OperationSummary, ReportFinding, RunInfo, LiveRunFacts } from './report-model.js';
import { REPORT_FORMAT, REPORT_SCHEMA_ID } from './report-model.js';
import { detectSetupFault } from './setup-fault.js';
import type { TestRecord } from './test-record.js';
import { decideVerdict } from './verdict.js';

export interface RunFacts {
  startedAt: string;
  durationMs: number;
  status: RunInfo['status'];
  projects: string[];
  baseUrl: string | null;
  cloud: string | null;
  contractsVersion: string;
  /** The ledger file, as shown to people (relative to the working directory). */
  ledger: string;
  seed: number;
  /** Every check the suite knows, in registry order (the matrix's column order). */
  allChecks: readonly string[];
  /** The checks this run selected (CHECKS / SKIP_CHECKS), and why the others were not. */
  selected: readonly string[];
  notSelected: readonly { check: string; reason: string }[];
  /** Errors outside any test (preflight, global setup, a worker that could not start): the verdict is error. */
  runErrors?: readonly string[];
  /** What a live run cost the tenant. */
  live?: LiveRunFacts | null;
}

export interface BuildInput {
  run: RunFacts;
  tests: readonly TestRecord[];
  ledger: Ledger;
  docFindings: { source: string; file: DocFindingsFile } | null;
  warnings?: readonly string[];
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const cell = (op: string, check: string): string => `${op}\u0000${check}`;

function sortKey(f: ReportFinding): string[] {
  const order = { new: '0', known: '1', resolved: '2' }[f.status];
  return [
    f.operation,
    f.check,
    order,
    f.pointer,
    f.fingerprint,
    f.project ?? '',
    f.test ?? '',
    f.caseName ?? '',
    canonicalJson(f.observed),
    canonicalJson(f.evidence),
  ];
}

function compareFindings(a: ReportFinding, b: ReportFinding): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  for (let i = 0; i < ka.length; i++) {
    const c = cmp(ka[i] ?? '', kb[i] ?? '');
    if (c !== 0) return c;
  }
  return 0;
}

interface OpAcc {
  tests: OperationSummary['tests'];
  cases: number;
  checkCases: Map<string, number>;
  /** Cases where the check had something to look at. */
  exercisedCases: Map<string, number>;
  skipped: { test: string; reason: string }[];
}

/** Operations a test touched: its case runs, its findings, else what its title says. */
function operationsOf(t: TestRecord): string[] {
  const ops = new Set<string>();
  for (const a of t.attachments) {
    for (const c of a.caseRuns ?? []) for (const o of c.operations) ops.add(o);
    for (const f of a.findings) ops.add(f.operation);
  }
  if (ops.size === 0 && t.operation) ops.add(t.operation);
  return [...ops].sort(cmp);
}

const ledgerInfo = (e: LedgerEntry): ReportFinding['ledger'] => ({ note: e.note, firstSeen: e.firstSeen, lastSeen: e.lastSeen });

export function buildReport(input: BuildInput): DriftReport {
  const { run, ledger } = input;
  const byPrint = new Map(ledger.entries.map((e) => [e.fingerprint, e]));
  const ops = new Map<string, OpAcc>();
  const acc = (op: string): OpAcc => {
    let a = ops.get(op);
    if (!a)
      ops.set(
        op,
        (a = { tests: { passed: 0, failed: 0, skipped: 0 }, cases: 0, checkCases: new Map(), exercisedCases: new Map(), skipped: [] }),
      );
    return a;
  };
  /** `op \0 check` pairs each test ran: decides whether a ledger entry not seen is resolved. */
  const ranBy = new Map<string, Set<string>>();
  const ranAnywhere = new Set<string>();
  const findings: ReportFinding[] = [];
  const seenPrints = new Set<string>();
  let cases = 0;
  let exchanges = 0;
  const counts = { passed: 0, failed: 0, skipped: 0 };

  for (const t of input.tests) {
    const outcome = t.status === 'passed' ? 'passed' : t.status === 'skipped' ? 'skipped' : 'failed';
    counts[outcome]++;
    const touched = operationsOf(t);
    for (const op of touched) {
      const a = acc(op);
      a.tests[outcome]++;
      if (t.status === 'skipped') a.skipped.push({ test: t.title, reason: t.skipReason ?? 'skipped (no reason given)' });
      else if (t.attachments.length === 0)
        a.skipped.push({ test: t.title, reason: `ended before its checks ran: ${t.error ?? `status ${t.status}`}` });
    }
    const ran = ranBy.get(t.title) ?? new Set<string>();
    ranBy.set(t.title, ran);
    for (const att of t.attachments) {
      cases += att.cases;
      exchanges += att.exchanges;
      const caseRuns = att.caseRuns ?? [{ case: '(every case)', operations: touched }];
      for (const c of caseRuns) {
        for (const op of c.operations) {
          const a = acc(op);
          a.cases += att.caseRuns ? 1 : att.cases;
          const looked = c.exercised ? new Set(c.exercised.filter((x) => x.operation === op).flatMap((x) => x.checks)) : null;
          for (const check of c.checksRun ?? run.selected) {
            a.checkCases.set(check, (a.checkCases.get(check) ?? 0) + 1);
            if (!looked || looked.has(check)) a.exercisedCases.set(check, (a.exercisedCases.get(check) ?? 0) + 1);
            ran.add(cell(op, check));
            ranAnywhere.add(cell(op, check));
          }
        }
      }
      for (const f of att.findings) {
        const entry = byPrint.get(f.fingerprint);
        seenPrints.add(f.fingerprint);
        findings.push({
          check: f.check,
          operation: f.operation,
          kind: f.kind,
          status: entry ? 'known' : 'new',
          fingerprint: f.fingerprint,
          pointer: f.pointer,
          expected: f.expected,
          observed: f.observed,
          message: f.message,
          caseName: f.caseName,
          test: t.title,
          project: t.project,
          evidence: f.evidence,
          ledger: entry ? ledgerInfo(entry) : null,
        });
      }
    }
  }

  const unchecked: DriftReport['unchecked'] = [];
  for (const e of ledger.entries) {
    if (seenPrints.has(e.fingerprint)) continue;
    const c = cell(e.operation, e.check);
    const cleared = e.seenIn.length === 0 ? ranAnywhere.has(c) : e.seenIn.some((title) => ranBy.get(title)?.has(c));
    if (cleared) {
      const { fingerprint, check, operation, kind, pointer, expected, message } = e;
      findings.push({
        check,
        operation,
        kind,
        status: 'resolved',
        fingerprint,
        pointer,
        expected,
        observed: null,
        message,
        caseName: null,
        test: null,
        project: null,
        evidence: null,
        ledger: ledgerInfo(e),
      });
      acc(operation);
    } else {
      const reason = !ranAnywhere.has(c)
        ? `${e.check} did not run on ${e.operation} in this run`
        : `none of the tests that showed it ran ${e.check} on ${e.operation} (${e.seenIn.join('; ')})`;
      unchecked.push({ fingerprint: e.fingerprint, operation: e.operation, check: e.check, reason });
    }
  }
  findings.sort(compareFindings);
  unchecked.sort((a, b) => cmp(`${a.operation} ${a.check} ${a.fingerprint}`, `${b.operation} ${b.check} ${b.fingerprint}`));

  const distinct = (status: ReportFinding['status'], op?: string, check?: string): number =>
    new Set(
      findings
        .filter((f) => f.status === status && (op === undefined || f.operation === op) && (check === undefined || f.check === check))
        .map((f) => f.fingerprint),
    ).size;

  const extra = new Set<string>();
  for (const a of ops.values()) for (const c of a.checkCases.keys()) extra.add(c);
  for (const f of findings) extra.add(f.check);
  const columns = [
    ...run.allChecks.filter((c) => run.selected.includes(c) || extra.has(c)),
    ...[...extra].filter((c) => !run.allChecks.includes(c)).sort(cmp),
  ];
  const notSelected = new Map(run.notSelected.map((n) => [n.check, n.reason]));

  const operations: OperationSummary[] = [...ops.keys()].sort(cmp).map((op) => {
    const a = acc(op);
    const skipReasons = [...new Set(a.skipped.map((s) => s.reason))];
    const checks: CheckOutcome[] = columns.map((check) => {
      const n = { new: distinct('new', op, check), known: distinct('known', op, check), resolved: distinct('resolved', op, check) };
      const ran = a.checkCases.get(check) ?? 0;
      const exercised = a.exercisedCases.get(check) ?? 0;
      const result: CheckOutcome['result'] =
        n.new > 0 ? 'failed' : n.known > 0 ? 'known' : exercised > 0 ? 'passed' : ran > 0 ? 'not-exercised' : 'skipped';
      let reason: string | null = null;
      if (result === 'skipped') {
        reason = notSelected.get(check) ?? (skipReasons.length ? skipReasons.join('; ') : `no case of ${op} ran ${check}`);
      } else if (result === 'not-exercised') {
        reason = `ran on ${ran} case${ran === 1 ? '' : 's'} of ${op}, none of which gave it anything to look at`;
      }
      return { check, result, ...n, cases: ran, exercised: Math.max(exercised, n.new + n.known > 0 ? 1 : 0), reason };
    });
    return { operation: op, tests: a.tests, cases: a.cases, checks, skipped: [...a.skipped].sort((x, y) => cmp(x.test, y.test)) };
  });

  const docs = input.docFindings?.file.findings ?? [];
  const warnings = [...(input.warnings ?? [])];
  const byKind = { 'doc-vs-doc': [] as DocFinding[], 'doc-vs-metadata': [] as DocFinding[], 'doc-internal': [] as DocFinding[] };
  for (const d of docs) {
    if (d.kind === 'doc-vs-service')
      warnings.push(
        `${input.docFindings?.source}: doc finding ${d.rule} on ${d.subject} has kind doc-vs-service, which only a run can find; left out`,
      );
    else byKind[d.kind].push(d);
  }
  const serviceOccurrences = findings.filter((f) => f.status !== 'resolved').length;
  const summary: DriftReport['summary'] = {
    new: distinct('new'),
    known: distinct('known'),
    resolved: distinct('resolved'),
    unchecked: unchecked.length,
    byKind: {
      'doc-vs-doc': byKind['doc-vs-doc'].length,
      'doc-vs-metadata': byKind['doc-vs-metadata'].length,
      'doc-vs-service': serviceOccurrences,
      'doc-internal': byKind['doc-internal'].length,
    },
  };
  const throttledMs = input.tests.reduce((n, t) => n + t.attachments.reduce((m, a) => m + (a.throttledMs ?? 0), 0), 0);
  const targets = run.projects.filter((p) => p === 'mock' || p === 'live');
  const setupFault = detectSetupFault(input.tests);
  const { verdict, reasons } = decideVerdict({
    status: run.status,
    tests: input.tests,
    newFindings: summary.new,
    newPrints: new Set(findings.filter((f) => f.status === 'new').map((f) => f.fingerprint)),
    setupFault,
    runErrors: run.runErrors ?? [],
  });

  return {
    $schema: REPORT_SCHEMA_ID,
    format: REPORT_FORMAT,
    run: {
      startedAt: run.startedAt,
      durationMs: run.durationMs,
      throttledMs,
      status: run.status,
      verdict,
      verdictReasons: reasons,
      setupFault,
      target: (targets.length ? targets : run.projects).join('+'),
      ...(run.live ? { live: run.live } : {}),
      projects: [...run.projects].sort(cmp),
      baseUrl: run.baseUrl,
      cloud: run.cloud,
      ledger: run.ledger,
      contractsVersion: run.contractsVersion,
      seed: run.seed,
      checks: { selected: [...run.selected], notSelected: [...run.notSelected] },
      tests: { total: input.tests.length, ...counts },
      cases,
      exchanges,
    },
    summary,
    findings,
    unchecked,
    operations,
    docFindings: { source: input.docFindings?.source ?? null, byKind },
    warnings: warnings.sort(cmp),
  };
}
