/**
 * The shape of the per-check example tables: for each registered check, exchanges on which it must fire (with the
 * exact findings expected, by pointer and stableKey) and conformant exchanges on which it must stay quiet.
 * tests/unit/checks-catalogue.spec.ts runs them and fails when a registered check has no pair.
 */
import type { Exchange } from '../../../checks/types.js';

export interface ExpectedDraft {
  pointer: string;
  stableKey?: string;
}

export interface CheckCase {
  title: string;
  exchange: Exchange;
  /** ctx.prior: earlier exchanges about the same object, oldest first. */
  prior?: Exchange[];
  /** For firing cases: exactly the drafts the check must report (order-free). */
  findings?: ExpectedDraft[];
}

export interface CheckPair {
  fires: CheckCase[];
  quiet: CheckCase[];
}

export type CheckCases = Record<string, CheckPair>;
