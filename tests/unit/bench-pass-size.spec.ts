/**
 * The sizing of one conformance pass for the scale rows (bench/pass-size.ts), checked against what runner/run-all.ts
 * really makes against the embedded mock in this process.
 */
import { expect, test } from '@playwright/test';
import { selectChecks } from '../../checks/registry.js';
import { loadContracts } from '../../contracts/load.js';
import { exchangesPerPass, validCountFor } from '../../bench/pass-size.js';
import { payloadSource } from '../../runner/payload-source.js';
import { runAll } from '../../runner/run-all.js';
import { startMockTarget } from '../../runner/target.js';

const contracts = loadContracts();
const payloads = payloadSource(contracts, '');

test('exchangesPerPass counts what one runAll pass makes, so a pass can be sized to N exchanges', async () => {
  const target = await startMockTarget({ tenant: 'bench-sizing' });
  try {
    for (const seed of [7, 20240801]) {
      let made = 0;
      const summary = await runAll(
        { client: target.client, contracts, checks: selectChecks(), payloads, settings: { seed, validCount: 2 } },
        (r) => {
          made += r.exchanges.length;
        },
      );
      expect(summary.exchanges).toBe(made);
      expect(exchangesPerPass(contracts, payloads.invalid, 2, seed), `seed ${seed}`).toBe(made);
    }
  } finally {
    await target.close();
  }
});

test('validCountFor picks the smallest count that reaches the target, and says when even 0 is too many', () => {
  const perPass = (v: number): number => 200 + 7 * v;
  expect(validCountFor(1000, perPass)).toEqual({ validCount: 115, exchanges: 1005 });
  expect(validCountFor(200, perPass)).toEqual({ validCount: 0, exchanges: 200 });
  expect(validCountFor(100, perPass)).toBeNull();
});
