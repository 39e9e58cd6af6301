/**
 * The stateful lifecycle of a pool (runner/lifecycle.ts), checked step by step. Everything created is deleted at
 * the end even when a step fails (the tracker fixture).
 */
import { runPoolLifecycle } from '../../runner/lifecycle.js';
import { expect, test } from '../../runner/fixtures.js';
import { attachFindings, describeFindings } from '../../runner/report-findings.js';
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
  const throttledBefore = target.stats?.throttledMs ?? 0;
  const { results, expectations } = await skipOnRefusal(
    () => runPoolLifecycle({ client: target.client, contracts, checks, payloads, tracker, seed: settings.seed }),
    (reason) => test.skip(true, reason),
  );
  for (const e of expectations) expect.soft(e.observed, e.what).toEqual(e.expected);
  const throttledMs = target.stats ? target.stats.throttledMs - throttledBefore : undefined;
  const findings = await attachFindings(testInfo, results, {
    live: targetName === 'live',
    checks,
    ...(throttledMs !== undefined ? { throttledMs } : {}),
  });
  expect(findings, describeFindings(results, { live: targetName === 'live' })).toEqual([]);
});
