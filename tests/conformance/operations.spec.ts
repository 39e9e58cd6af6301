/**
 * Every documented operation, every case group: the documented example, generated valid bodies, one invalid body per
 * broken rule, an unknown id, no token. Each group is one test; it fails on any finding, printed with the seed and a
 * curl command that replays the request.
 */
import { loadContracts } from '../../contracts/load.js';
import type { OperationContract } from '../../contracts/model.js';
import type { CaseGroup } from '../../runner/cases.js';
import { casesFor } from '../../runner/cases.js';
import { runCase, type CaseResult } from '../../runner/execute.js';
import { expect, test } from '../../runner/fixtures.js';
import { expectNoNewFindings, throttleMeter } from '../../runner/report-findings.js';
import { skipOnRefusal } from '../../runner/live/refusal-skip.js';

const GROUPS: CaseGroup[] = ['example', 'valid', 'invalid', 'unknown-id', 'no-token'];

/** Groups that can apply to an operation: no invalid bodies without a body, no unknown id without a path id. */
function applies(op: OperationContract, group: CaseGroup): boolean {
  if (group === 'invalid') return op.request !== null;
  if (group === 'unknown-id') return op.pathParameters.length > 0;
  if (group === 'example') return op.examples.some((e) => e.request);
  return true;
}

for (const op of loadContracts().operations) {
  test.describe(op.id, () => {
    for (const group of GROUPS.filter((g) => applies(op, g))) {
      test(group, async ({ target, contracts, checks, payloads, settings, tracker, targetName }, testInfo) => {
        const gap = target.permissionGap?.(op) ?? null;
        test.skip(gap !== null, gap ?? '');
        const plans = casesFor(op, group, contracts, payloads, settings);
        expect(plans.length, `${op.id} ${group}: no case was planned`).toBeGreaterThan(0);
        const throttled = throttleMeter(target.stats);
        const results: CaseResult[] = [];
        for (const plan of plans) {
          results.push(
            await skipOnRefusal(
              () => runCase(op, plan, { client: target.client, contracts, tracker, checks }),
              (reason) => test.skip(true, reason),
            ),
          );
        }
        await expectNoNewFindings(testInfo, results, { live: targetName === 'live', checks, throttledMs: throttled() });
      });
    }
  });
}
