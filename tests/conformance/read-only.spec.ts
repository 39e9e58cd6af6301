/**
 * Read-only semantics: for every create and update operation, a valid body plus a client value for each readOnly
 * property (runner/read-only-cases.ts). The service must ignore them: read_only_ignored judges the answer and the
 * read that follows it; update_applied judges the update's writable part.
 */
import { loadContracts } from '../../contracts/load.js';
import { runCase, type CaseResult } from '../../runner/execute.js';
import { expect, test } from '../../runner/fixtures.js';
import { readOnlyCases } from '../../runner/read-only-cases.js';
import { attachFindings, describeFindings } from '../../runner/report-findings.js';
import { skipOnRefusal } from '../../runner/live/refusal-skip.js';

const contractsNow = loadContracts();
for (const op of contractsNow.operations.filter(
  (o) => readOnlyCases(o, contractsNow, { valid: () => ({}), invalid: () => [] }, 0).length > 0,
)) {
  test.describe(op.id, () => {
    test('read-only', async ({ target, contracts, checks, payloads, settings, tracker, targetName }, testInfo) => {
      const gap = target.permissionGap?.(op) ?? null;
      test.skip(gap !== null, gap ?? '');
      const plans = readOnlyCases(op, contracts, payloads, settings.seed);
      const throttledBefore = target.stats?.throttledMs ?? 0;
      const results: CaseResult[] = [];
      for (const plan of plans) {
        results.push(
          await skipOnRefusal(
            () => runCase(op, plan, { client: target.client, contracts, tracker, checks }),
            (reason) => test.skip(true, reason),
          ),
        );
      }
      const throttledMs = target.stats ? target.stats.throttledMs - throttledBefore : undefined;
      const findings = await attachFindings(testInfo, results, {
        live: targetName === 'live',
        checks,
        ...(throttledMs !== undefined ? { throttledMs } : {}),
      });
      expect(findings, describeFindings(results, { live: targetName === 'live' })).toEqual([]);
    });
  });
}
