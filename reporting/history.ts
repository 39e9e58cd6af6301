/**
 * reports/history/: one small JSON record per run (counts, not findings), so drift.html can plot findings across runs.
 * CI keeps the folder between runs (the workflow caches it); locally it grows with each conformance run.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DriftReport } from './report-model.js';
import { VERDICTS, type Verdict } from './verdict.js';

/** 2: verdict pass | drift | incomplete | error. Records of format 1 (verdict pass | fail) are read as pass | drift. */
export const HISTORY_FORMAT = 2;

export interface HistoryRecord {
  format: typeof HISTORY_FORMAT;
  startedAt: string;
  target: string;
  contractsVersion: string;
  verdict: Verdict;
  /** Distinct fingerprints by ledger status. */
  new: number;
  known: number;
  resolved: number;
  tests: { passed: number; failed: number; skipped: number };
  durationMs: number;
}

export function historyRecord(report: DriftReport): HistoryRecord {
  const { run, summary } = report;
  return {
    format: HISTORY_FORMAT,
    startedAt: run.startedAt,
    target: run.target,
    contractsVersion: run.contractsVersion,
    verdict: run.verdict,
    new: summary.new,
    known: summary.known,
    resolved: summary.resolved,
    tests: { passed: run.tests.passed, failed: run.tests.failed, skipped: run.tests.skipped },
    durationMs: run.durationMs,
  };
}

/** File name of a record: its start time (sortable) and target, e.g. `2026-01-02T03-04-05-678Z-mock.json`. */
export function historyFileName(record: HistoryRecord): string {
  return `${record.startedAt.replace(/[:.]/g, '-')}-${record.target.replace(/[^A-Za-z0-9+_-]/g, '_')}.json`;
}

export function writeHistoryRecord(dir: string, record: HistoryRecord): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, historyFileName(record));
  writeFileSync(file, `${JSON.stringify(record)}\n`);
  return file;
}

/** A record as stored, of this format or the one before (its `fail` read as `drift`); null when it is not one. */
function upgrade(v: unknown): HistoryRecord | null {
  const r = v as { format?: unknown; verdict?: unknown } | null;
  if (typeof r !== 'object' || r === null) return null;
  if (r.format === 1 && (r.verdict === 'pass' || r.verdict === 'fail'))
    return { ...(r as object), format: HISTORY_FORMAT, verdict: r.verdict === 'fail' ? 'drift' : 'pass' } as HistoryRecord;
  if (r.format === HISTORY_FORMAT && (VERDICTS as readonly unknown[]).includes(r.verdict)) return r as HistoryRecord;
  return null;
}

const isRecord = (v: unknown): v is HistoryRecord => {
  const r = v as Partial<HistoryRecord> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.startedAt === 'string' &&
    typeof r.target === 'string' &&
    typeof r.new === 'number' &&
    typeof r.known === 'number' &&
    typeof r.resolved === 'number'
  );
};

/**
 * The records in `dir`, oldest first, at most `limit` (the newest ones). Files that are not records are skipped and
 * named in `skipped`, so the page can say so rather than fail.
 */
export function readHistory(dir: string, limit = 40): { records: HistoryRecord[]; skipped: string[] } {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return { records: [], skipped: [] };
  }
  const records: HistoryRecord[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    try {
      const data = upgrade(JSON.parse(readFileSync(join(dir, name), 'utf8')));
      if (isRecord(data)) records.push(data);
      else skipped.push(name);
    } catch {
      skipped.push(name);
    }
  }
  records.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.target < b.target ? -1 : 1));
  return { records: records.slice(-limit), skipped: skipped.sort() };
}
