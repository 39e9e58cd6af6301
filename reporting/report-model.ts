/**
 * reports/drift.json, format 2: what one conformance run found, for machines. Documented and validated by
 * reporting/drift-report.schema.json (keep the two in step; reporting/validate-report.ts checks files against it).
 *
 * Timing fields (run.startedAt, run.durationMs, run.throttledMs) differ from run to run; everything else is a function
 * of the contracts, the ledger, the settings and what the target answered, sorted so that a sharded run merged with
 * `playwright merge-reports` writes the same file as one run.
 */
import type { DocFinding, DriftKind } from '../contracts/model.js';
import type { Evidence } from '../checks/types.js';
import type { SetupFault, Verdict } from './verdict.js';

export type { SetupFault, Verdict } from './verdict.js';

/** 2: verdicts pass | drift | incomplete | error (was pass | fail), verdict reasons, setup faults, not-exercised cells. */
export const REPORT_FORMAT = 2;

/** `$schema` of drift.json. The host is reserved (.invalid): the schema is in the repo, never fetched. */
export const REPORT_SCHEMA_ID = 'https://graph-esim-conformance.invalid/reports/drift-report.schema.json';

/**
 * new: not in the ledger (fails the run). known: in the ledger (accepted drift, reported, does not fail).
 * resolved: in the ledger, its check ran where it was seen before, and it was not seen this time.
 */
export type FindingStatus = 'new' | 'known' | 'resolved';

/** The ledger's view of a known or resolved finding. */
export interface LedgerInfo {
  note: string;
  firstSeen: string;
  lastSeen: string;
}

/** A doc-vs-service finding as the report holds it: one per occurrence (case) for new and known ones. */
export interface ReportFinding {
  check: string;
  operation: string;
  kind: DriftKind;
  status: FindingStatus;
  fingerprint: string;
  pointer: string;
  expected: unknown;
  /** null for resolved findings (nothing was observed). */
  observed: unknown;
  message: string;
  /** The case and test that showed it; null for resolved findings. */
  caseName: string | null;
  test: string | null;
  project: string | null;
  evidence: Evidence | null;
  /** Present for known and resolved findings. */
  ledger: LedgerInfo | null;
}

/**
 * One cell of the operations x checks matrix. failed: new findings; known: only known findings; passed: the check
 * looked at something in the operation's exchanges and found nothing; not-exercised: it ran there but no exchange
 * gave it anything to look at (e.g. negative_rejected on a GET); skipped: it did not run there (see reason).
 */
export type CheckResult = 'failed' | 'known' | 'passed' | 'not-exercised' | 'skipped';

export interface CheckOutcome {
  check: string;
  result: CheckResult;
  /** Distinct fingerprints by status. */
  new: number;
  known: number;
  resolved: number;
  /** Cases of this operation the check ran on. */
  cases: number;
  /** Of those, cases where it had something to look at. */
  exercised: number;
  /** Why it did not run (skipped), or why it had nothing to look at (not-exercised). */
  reason: string | null;
}

export interface OperationSummary {
  operation: string;
  /** Tests that exercised the operation (the lifecycle test counts for each operation it touches). */
  tests: { passed: number; failed: number; skipped: number };
  /** Cases whose exchanges touched the operation. */
  cases: number;
  checks: CheckOutcome[];
  /** Tests of this operation that were skipped or ended before their checks ran, and why. */
  skipped: { test: string; reason: string }[];
}

/** What a live run cost the tenant (runner/live/run-facts.ts); null for the mock. */
export interface LiveRunFacts {
  /** Objects the service made (journal `created` lines). */
  objectsMade: number;
  /** What the write budget counted: objects made plus create attempts that may have made one. */
  createsCounted: number;
  /** GRAPH_WRITE_BUDGET. */
  writeBudget: number;
  requests: number;
  writes: number;
  /** Time requests waited on the write pace, on Retry-After, on backoff. */
  pacingWaitMs: number;
  retryAfterWaitMs: number;
  backoffWaitMs: number;
}

export interface RunInfo {
  /** Timing: when the run started (ISO), how long it took, and how long requests waited on 429/503 Retry-After. */
  startedAt: string;
  durationMs: number;
  throttledMs: number;
  /** Playwright's overall status. */
  status: 'passed' | 'failed' | 'timedout' | 'interrupted';
  /** The run's verdict (reporting/verdict.ts decides it; every output shows it). */
  verdict: Verdict;
  /** Why the verdict is what it is, one line each; empty for pass. */
  verdictReasons: string[];
  /** The answers show the run's own setup is broken (verdict error); null otherwise. */
  setupFault: SetupFault | null;
  /** `mock`, `live`, or both joined with `+`. */
  target: string;
  projects: string[];
  /** What a live run cost the tenant; absent or null for the mock. */
  live?: LiveRunFacts | null;
  /** The live endpoint (GRAPH_BASE_URL); null for the embedded mock. */
  baseUrl: string | null;
  /** National cloud (GRAPH_CLOUD, or what the evidence names); null: the global service or the mock. */
  cloud: string | null;
  /** The ledger the findings were judged against, relative to the working directory. */
  ledger: string;
  /** sha256 (12 hex) of the generated contract files: which promises this run held the target to. */
  contractsVersion: string;
  seed: number;
  checks: { selected: string[]; notSelected: { check: string; reason: string }[] };
  tests: { total: number; passed: number; failed: number; skipped: number };
  cases: number;
  exchanges: number;
}

export interface DriftReport {
  $schema: typeof REPORT_SCHEMA_ID;
  format: typeof REPORT_FORMAT;
  run: RunInfo;
  summary: {
    /** Distinct fingerprints by status. */
    new: number;
    known: number;
    resolved: number;
    /** Ledger entries this run could not confirm or clear (their check or test did not run). */
    unchecked: number;
    /** Findings by kind: doc-vs-service from this run (occurrences), the others from contracts/doc-findings.json. */
    byKind: Record<DriftKind | 'doc-internal', number>;
  };
  /** Doc-vs-service findings: new and known (one per occurrence), then the resolved ledger entries. */
  findings: ReportFinding[];
  /** Ledger entries neither seen nor cleared this run, with the reason. */
  unchecked: { fingerprint: string; operation: string; check: string; reason: string }[];
  operations: OperationSummary[];
  /** The extractor's findings (contracts/doc-findings.json), kept apart by kind. */
  docFindings: {
    source: string | null;
    byKind: { 'doc-vs-doc': DocFinding[]; 'doc-vs-metadata': DocFinding[]; 'doc-internal': DocFinding[] };
  };
  /** Problems reading what the tests attached (a malformed attachment, an unreadable ledger entry). */
  warnings: string[];
}

/** Timing fields: they differ between two runs of the same thing (and between a sharded run and one run). */
export const TIMING_FIELDS = ['startedAt', 'durationMs', 'throttledMs', 'live'] as const;

/** The report without its timing fields, for comparing runs. */
export function withoutTiming(report: DriftReport): Omit<DriftReport, 'run'> & { run: Omit<RunInfo, (typeof TIMING_FIELDS)[number]> } {
  const { startedAt: _s, durationMs: _d, throttledMs: _t, live: _l, ...run } = report.run;
  return { ...report, run };
}
