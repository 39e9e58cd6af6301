/**
 * How many exchanges one conformance pass (runner/run-all.ts) makes, counted from the case plans without sending
 * anything, so that the scale rows can size one pass to N exchanges by its number of generated bodies per operation.
 */
import type { LoadedContracts } from '../contracts/load.js';
import { casesFor, type PayloadSource } from '../runner/cases.js';
import { readOnlyCases } from '../runner/read-only-cases.js';
import { CASE_GROUPS } from '../runner/run-all.js';
import { STATEFUL_DEFAULTS } from '../runner/stateful/settings.js';

/**
 * Exchanges of one pass with `validCount` generated bodies per operation: one per case, one more for each
 * successful delete or update (the read that follows it), the read-only cases (each a write and a read), the
 * lifecycle's steps and the stateful sequences' steps (the invalid cases depend on the seed).
 */
export function exchangesPerPass(
  contracts: LoadedContracts,
  invalid: PayloadSource['invalid'],
  validCount: number,
  seed: number,
  lifecycleSteps = 11,
): number {
  const payloads: PayloadSource = { valid: () => ({}), invalid };
  let n = lifecycleSteps + STATEFUL_DEFAULTS.sequences * STATEFUL_DEFAULTS.steps;
  for (const op of contracts.operations) {
    for (const group of CASE_GROUPS) {
      for (const plan of casesFor(op, group, contracts, payloads, { seed, validCount })) {
        n += 1;
        if ((op.kind === 'delete' || op.kind === 'update') && (plan.kind === 'valid' || plan.kind === 'example')) n += 1;
      }
    }
    n += 2 * readOnlyCases(op, contracts, payloads, seed).length;
  }
  return n;
}

/** The smallest validCount whose pass makes at least `target` exchanges, or null when even 0 makes more. */
export function validCountFor(target: number, perPass: (validCount: number) => number): { validCount: number; exchanges: number } | null {
  const base = perPass(0);
  if (base > target) return null;
  const slope = perPass(1) - base;
  if (slope <= 0) return { validCount: 0, exchanges: base };
  const validCount = Math.ceil((target - base) / slope);
  return { validCount, exchanges: perPass(validCount) };
}
