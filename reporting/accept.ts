/**
 * Accepting a run's drift into the ledger: its new findings become entries (with a note), known ones get their
 * lastSeen moved to the run's date, and resolved ones are removed when asked (--prune). Pure; accept-cli.ts does the
 * files and the printing.
 */
import type { Ledger, LedgerEntry } from './fingerprint-ledger.js';
import type { DriftReport, ReportFinding } from './report-model.js';

export interface AcceptOptions {
  /** Why this drift is accepted; every added entry gets it. */
  note?: string;
  /** Remove resolved entries. */
  prune?: boolean;
}

export interface LedgerChanges {
  ledger: Ledger;
  added: LedgerEntry[];
  updated: { before: LedgerEntry; after: LedgerEntry }[];
  removed: LedgerEntry[];
  /** Resolved entries left in place (no --prune). */
  keptResolved: LedgerEntry[];
}

function occurrences(report: DriftReport, status: ReportFinding['status']): Map<string, ReportFinding[]> {
  const out = new Map<string, ReportFinding[]>();
  for (const f of report.findings) if (f.status === status) out.set(f.fingerprint, [...(out.get(f.fingerprint) ?? []), f]);
  return out;
}

/**
 * Why a run's findings may not enter the ledger, or null when they may: a run whose verdict is error could not test
 * (its findings say nothing about the service), an incomplete one did not run everything (its resolved entries are
 * not proof). Only pass and drift runs are accepted.
 */
export function acceptRefusal(report: DriftReport): string | null {
  const { verdict, verdictReasons } = report.run;
  const why = verdictReasons.length ? ` (${verdictReasons.join('; ')})` : '';
  if (verdict === 'error')
    return `the run's verdict is error${why}: it could not test, so its findings say nothing about the service and none are accepted. Fix the setup and run again.`;
  if (verdict === 'incomplete')
    return `the run's verdict is incomplete${why}: not everything ran, so it cannot move or prune ledger entries. Run everything (no interruption, no skipped tests) and accept from that run.`;
  return null;
}

const testsOf = (fs: readonly ReportFinding[]): string[] =>
  [...new Set(fs.map((f) => f.test).filter((t): t is string => t !== null))].sort();

export function acceptRun(ledger: Ledger, report: DriftReport, opts: AcceptOptions = {}): LedgerChanges {
  const date = report.run.startedAt.slice(0, 10);
  const inLedger = new Set(ledger.entries.map((e) => e.fingerprint));
  const known = occurrences(report, 'known');
  const added: LedgerEntry[] = [];
  for (const [fingerprint, fs] of occurrences(report, 'new')) {
    if (inLedger.has(fingerprint)) {
      // Accepted since the run (a second drift:accept over the same report): only lastSeen moves.
      known.set(fingerprint, [...(known.get(fingerprint) ?? []), ...fs]);
      continue;
    }
    const f = fs[0] as ReportFinding;
    added.push({
      fingerprint,
      operation: f.operation,
      check: f.check,
      kind: f.kind,
      pointer: f.pointer,
      expected: f.expected,
      observed: f.observed,
      message: f.message,
      note: opts.note?.trim() || `accepted on ${date} without a note; say why: ${f.message}`,
      firstSeen: date,
      lastSeen: date,
      seenIn: testsOf(fs),
    });
  }
  const resolved = new Set(report.findings.filter((f) => f.status === 'resolved').map((f) => f.fingerprint));
  const updated: LedgerChanges['updated'] = [];
  const removed: LedgerEntry[] = [];
  const keptResolved: LedgerEntry[] = [];
  const entries: LedgerEntry[] = [];
  for (const e of ledger.entries) {
    if (resolved.has(e.fingerprint)) {
      if (opts.prune) {
        removed.push(e);
        continue;
      }
      keptResolved.push(e);
    }
    const seen = known.get(e.fingerprint);
    if (seen) {
      const seenIn = [...new Set([...e.seenIn, ...testsOf(seen)])].sort();
      const lastSeen = date > e.lastSeen ? date : e.lastSeen;
      if (lastSeen !== e.lastSeen || seenIn.length !== e.seenIn.length) {
        const after = { ...e, lastSeen, seenIn };
        updated.push({ before: e, after });
        entries.push(after);
        continue;
      }
    }
    entries.push(e);
  }
  return { ledger: { format: ledger.format, entries: [...entries, ...added] }, added, updated, removed, keptResolved };
}
