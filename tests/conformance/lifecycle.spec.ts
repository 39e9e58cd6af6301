/**
 * The stateful lifecycle of a pool (runner/lifecycle.ts), checked step by step. Everything created is deleted at
 * the end even when a step fails (the tracker fixture).
 */
import { runPoolLifecycle } from '../../runner/lifecycle.js';
import { expect, test } from '../../runner/fixtures.js';
import { expectNoNewFindings, throttleMeter } from '../../runner/report-findings.js';
import { skipOnRefusal } from '../../runner/live/refusal-skip.js';

test('pool lifecycle with assignments and the assign action', async ({
  target,
  contracts,
  checks,
  payloads,
  settings,
  tracker,
  targetName,
}, testInfo) => {
  const throttled = throttleMeter(target.stats);
  const { results, expectations } = await skipOnRefusal(
    () => runPoolLifecycle({ client: target.client, contracts, checks, payloads, tracker, seed: settings.seed }),
    (reason) => test.skip(true, reason),
  );
  for (const e of expectations) expect.soft(e.observed, e.what).toEqual(e.expected);
  await expectNoNewFindings(testInfo, results, { live: targetName === 'live', checks, throttledMs: throttled() });
});
