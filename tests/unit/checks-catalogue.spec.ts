/**
 * Every registered check against its example table (tests/support/check-cases): it fires, with exactly the expected
 * findings, on each crafted deviating exchange, and stays quiet on each conformant one. A check added to the
 * registry without such a pair fails the first test.
 */
import { expect, test } from '@playwright/test';
import { CHECKS, CHECK_NAMES } from '../../checks/registry.js';
import type { FindingDraft } from '../../checks/types.js';
import { CHECK_CASES } from '../support/check-cases/index.js';
import { contracts, context } from '../support/exchange-builder.js';

const summary = (drafts: FindingDraft[]): string[] => drafts.map((d) => `${d.pointer} [${d.stableKey ?? ''}]`).sort();

test('every registered check has at least one firing and one quiet case', () => {
  const missing = CHECK_NAMES.filter((n) => !CHECK_CASES[n] || CHECK_CASES[n].fires.length === 0 || CHECK_CASES[n].quiet.length === 0);
  expect(missing, 'checks without a fires/quiet pair in tests/support/check-cases').toEqual([]);
});

test('every case table names a registered check', () => {
  expect(Object.keys(CHECK_CASES).filter((n) => !CHECK_NAMES.includes(n))).toEqual([]);
});

for (const check of CHECKS) {
  const pair = CHECK_CASES[check.name];
  if (!pair) continue;
  test.describe(check.name, () => {
    for (const c of pair.fires) {
      test(`fires: ${c.title}`, () => {
        const drafts = check.run(c.exchange, contracts.operation(c.exchange.operation), context(c.prior));
        expect(drafts.length, 'the check stays quiet on a deviating exchange').toBeGreaterThan(0);
        const want = (c.findings ?? []).map((f) => `${f.pointer} [${f.stableKey ?? ''}]`).sort();
        expect(summary(drafts)).toEqual(want);
        for (const d of drafts) {
          expect(d.message.length).toBeGreaterThan(10);
          expect(d.expected).not.toBeUndefined();
        }
      });
    }
    for (const c of pair.quiet) {
      test(`quiet: ${c.title}`, () => {
        const drafts = check.run(c.exchange, contracts.operation(c.exchange.operation), context(c.prior));
        expect(drafts).toEqual([]);
      });
    }
  });
}
