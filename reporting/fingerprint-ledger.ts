/**
 * The ledger, contracts/known-drift.json: drift a reviewer accepted, by fingerprint, with a note and when it was first
 * and last seen. A finding whose fingerprint is in the ledger is `known` and does not fail a run. Format:
 * reporting/known-drift.schema.json. Written by `npm run drift:accept` (reporting/accept-cli.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject } from 'ajv';
import { createAjv } from '../contracts/ajv.js';
import type { DriftKind } from '../contracts/model.js';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The repository's ledger. DRIFT_LEDGER (a path) replaces it for a run, e.g. in tests. */
export const DEFAULT_LEDGER = resolve(HERE, '..', 'contracts', 'known-drift.json');
export const LEDGER_VARIABLE = 'DRIFT_LEDGER';
export const LEDGER_FORMAT = 1;

export interface LedgerEntry {
  fingerprint: string;
  operation: string;
  check: string;
  kind: DriftKind;
  pointer: string;
  expected: unknown;
  observed: unknown;
  message: string;
  note: string;
  /** YYYY-MM-DD (UTC). */
  firstSeen: string;
  lastSeen: string;
  /** Tests that showed it (see the schema: what clears an entry). */
  seenIn: string[];
}

export interface Ledger {
  format: typeof LEDGER_FORMAT;
  entries: LedgerEntry[];
}

export class LedgerError extends Error {
  override name = 'LedgerError';
}

/** The ledger file for this process: DRIFT_LEDGER when set (relative to the working directory), else the repo's. */
export function ledgerPath(env: NodeJS.ProcessEnv = process.env): string {
  const v = env[LEDGER_VARIABLE];
  return v !== undefined && v.trim() !== '' ? resolve(v.trim()) : DEFAULT_LEDGER;
}

export function emptyLedger(): Ledger {
  return { format: LEDGER_FORMAT, entries: [] };
}

const SCHEMA = JSON.parse(readFileSync(resolve(HERE, 'known-drift.schema.json'), 'utf8')) as Record<string, unknown>;
let validator: ReturnType<ReturnType<typeof createAjv>['compile']> | null = null;

function explain(e: ErrorObject): string {
  const at = e.instancePath === '' ? '(top level)' : e.instancePath;
  const extra =
    e.keyword === 'additionalProperties' ? ` ("${String((e.params as { additionalProperty?: string }).additionalProperty)}")` : '';
  return `${at} ${e.message ?? 'is invalid'}${extra}`;
}

const show = (file: string): string => relative(process.cwd(), file) || file;

/** Checks a parsed ledger; throws LedgerError naming the file, each bad field and the fix. */
export function validateLedger(data: unknown, file: string): Ledger {
  validator ??= createAjv().compile(SCHEMA);
  if (!validator(data)) {
    const errors = (validator.errors ?? []).slice(0, 5).map(explain);
    throw new LedgerError(
      `${show(file)}: not a valid ledger: ${errors.join('; ')}. ` +
        'Fix the entry by hand (format: reporting/known-drift.schema.json) or restore the file from git and re-run `npm run drift:accept`.',
    );
  }
  const ledger = data as unknown as Ledger;
  const seen = new Set<string>();
  ledger.entries.forEach((e, i) => {
    if (seen.has(e.fingerprint)) {
      throw new LedgerError(
        `${show(file)}: /entries/${i} repeats fingerprint ${e.fingerprint}. Keep one entry per fingerprint (merge their notes).`,
      );
    }
    seen.add(e.fingerprint);
  });
  return ledger;
}

/** Reads a ledger. A missing file is an empty ledger (nothing accepted yet). */
export function readLedger(file: string): Ledger {
  if (!existsSync(file)) return emptyLedger();
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new LedgerError(`${show(file)}: not valid JSON (${(e as Error).message}). Fix it by hand or restore it from git.`);
  }
  return validateLedger(data, file);
}

const cache = new Map<string, Ledger>();

/** The ledger at `file`, read once per process (each Playwright worker reads it once). */
export function ledgerOnce(file: string = ledgerPath()): Ledger {
  const hit = cache.get(file);
  if (hit) return hit;
  const ledger = readLedger(file);
  cache.set(file, ledger);
  return ledger;
}

export function fingerprintsOf(ledger: Ledger): Set<string> {
  return new Set(ledger.entries.map((e) => e.fingerprint));
}

const key = (e: LedgerEntry): string => `${e.operation}\u0000${e.check}\u0000${e.pointer}\u0000${e.fingerprint}`;

/** The ledger as its file holds it: entries sorted by operation, check, pointer, fingerprint; 2-space JSON. */
export function formatLedger(ledger: Ledger): string {
  const entries = [...ledger.entries]
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .map((e) => ({
      fingerprint: e.fingerprint,
      operation: e.operation,
      check: e.check,
      kind: e.kind,
      pointer: e.pointer,
      expected: e.expected,
      observed: e.observed,
      message: e.message,
      note: e.note,
      firstSeen: e.firstSeen,
      lastSeen: e.lastSeen,
      seenIn: [...e.seenIn].sort(),
    }));
  const out = { $schema: '../reporting/known-drift.schema.json', format: LEDGER_FORMAT, entries };
  return `${JSON.stringify(out, null, 2)}\n`;
}
