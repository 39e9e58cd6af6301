/**
 * reports/history/: one small JSON record per run (counts, not findings), so drift.html can plot findings across runs.
 * CI keeps the folder between runs (the workflow caches it); locally it grows with each conformance run.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DriftReport } from './report-model.js';

export const HISTORY_FORMAT = 1;

export interface HistoryRecord {
  format: typeof HISTORY_FORMAT;
  startedAt: string;
  target: string;
  contractsVersion: string;
  verdict: 'pass' | 'fail';
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

const isRecord = (v: unknown): v is HistoryRecord => {
  const r = v as Partial<HistoryRecord> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    r.format === HISTORY_FORMAT &&
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
      const data: unknown = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      if (isRecord(data)) records.push(data);
      else skipped.push(name);
    } catch {
      skipped.push(name);
    }
  }
  records.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.target < b.target ? -1 : 1));
  return { records: records.slice(-limit), skipped: skipped.sort() };
}
