/**
 * Read-only semantics: for every create and update operation, a valid body plus a client value for each readOnly
 * property (runner/read-only-cases.ts). The service must ignore them: read_only_ignored judges each answer and the
 * read that follows it; update_applied judges the update's writable part. One test, one tracker: the objects the
 * creates make are the ones the updates address (a live run makes one object per created type here).
 */
import { runCase, type CaseResult } from '../../runner/execute.js';
import { expect, test } from '../../runner/fixtures.js';
import { readOnlyCases, readOnlyOperations } from '../../runner/read-only-cases.js';
import { expectNoNewFindings, throttleMeter } from '../../runner/report-findings.js';
import { skipOnRefusal } from '../../runner/live/refusal-skip.js';

test('read-only values on create and update', async ({ target, contracts, checks, payloads, settings, tracker, targetName }, testInfo) => {
  const throttled = throttleMeter(target.stats);
  const results: CaseResult[] = [];
  const ops = readOnlyOperations(contracts);
  const gaps = ops.map((op) => [op, target.permissionGap?.(op) ?? null] as const).filter(([, gap]) => gap !== null);
  test.skip(gaps.length === ops.length, gaps.map(([op, gap]) => `${op.id}: ${gap}`).join('; '));
  for (const [op, gap] of gaps) testInfo.annotations.push({ type: 'skipped operation', description: `${op.id}: ${gap}` });
  for (const op of ops.filter((o) => !gaps.some(([g]) => g === o))) {
    for (const plan of readOnlyCases(op, contracts, payloads, settings.seed)) {
      results.push(
        await skipOnRefusal(
          () => runCase(op, plan, { client: target.client, contracts, tracker, checks }),
          (reason) => test.skip(true, reason),
        ),
      );
    }
  }
  expect(results.length, 'no read-only case was planned').toBeGreaterThan(0);
  await expectNoNewFindings(testInfo, results, { live: targetName === 'live', checks, throttledMs: throttled() });
});
