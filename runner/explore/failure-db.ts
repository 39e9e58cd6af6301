/**
 * The exploration's memory, like Hypothesis' example database: every failure a run found (operation, strategy,
 * seed, round, fingerprint) is kept in reports/explore-failures.json and replayed first by the next run, so a fixed
 * bug is confirmed fixed and an unfixed one is seen again whatever the seed. Entries that no longer fail are
 * dropped. No bodies are stored (the strategy and seed regenerate them; a live body carries activation codes).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface FailureEntry {
  target: 'mock' | 'live';
  operation: string;
  strategy: string;
  seed: number;
  round: number;
  fingerprint: string;
  check: string;
}

interface FailureFile {
  format: 1;
  failures: FailureEntry[];
}

const isEntry = (e: unknown): e is FailureEntry => {
  const x = e as Record<string, unknown>;
  return (
    typeof x === 'object' &&
    x !== null &&
    (x.target === 'mock' || x.target === 'live') &&
    typeof x.operation === 'string' &&
    typeof x.strategy === 'string' &&
    Number.isInteger(x.seed) &&
    Number.isInteger(x.round) &&
    typeof x.fingerprint === 'string' &&
    typeof x.check === 'string'
  );
};

/** The stored failures; an unreadable file is an error naming it and the fix. */
export function readFailures(path: string): FailureEntry[] {
  if (!existsSync(path)) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: not JSON (${(e as Error).message}). Delete the file (it is rebuilt by the next run) or set EXPLORE_DB=off.`);
  }
  const failures = (parsed as Partial<FailureFile>)?.failures;
  if (!Array.isArray(failures) || !failures.every(isEntry)) {
    throw new Error(
      `${path}: expected { "format": 1, "failures": [{ target, operation, strategy, seed, round, fingerprint, check }] }. Delete the file or set EXPLORE_DB=off.`,
    );
  }
  return failures;
}

const keyOf = (e: FailureEntry): string => `${e.target} ${e.operation} ${e.strategy} ${e.seed} ${e.round} ${e.fingerprint}`;

/**
 * Writes the database after a run: entries of the operations explored are replaced by what this run found; the
 * others (another target, an operation outside this run) are kept.
 */
export function writeFailures(
  path: string,
  previous: FailureEntry[],
  explored: { target: 'mock' | 'live'; operations: string[] },
  found: FailureEntry[],
): void {
  const replaced = (e: FailureEntry): boolean => e.target === explored.target && explored.operations.includes(e.operation);
  const all = new Map<string, FailureEntry>();
  for (const e of [...previous.filter((p) => !replaced(p)), ...found]) all.set(keyOf(e), e);
  mkdirSync(dirname(path), { recursive: true });
  const file: FailureFile = { format: 1, failures: [...all.values()] };
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
}
