/**
 * Exploration: the input strategies (generators/payloads/strategies) across every operation that takes a body,
 * through the same checks as every other case. A failure is shrunk to the smallest body with the same fingerprint
 * and reported with its replay command; failures are kept in the failure database and replayed first next run.
 * Sized by EXPLORE_CASES (`npm run conformance -- --explore N`), EXPLORE_SECONDS and, live, EXPLORE_OBJECTS: see
 * runner/explore/settings.ts. One test, so that the objects it makes are shared as parents across operations.
 */
import { loadContracts } from '../../contracts/load.js';
import { readFailures, writeFailures } from '../../runner/explore/failure-db.js';
import { explore } from '../../runner/explore/explore-run.js';
import { readExploreSettings } from '../../runner/explore/settings.js';
import { expect, test } from '../../runner/fixtures.js';
import { skipOnRefusal } from '../../runner/live/refusal-skip.js';
import { redactLiveText } from '../../runner/live/secrets.js';
import { expectNoNewFindings, newFindings } from '../../runner/report-findings.js';

test('explore: every operation with a body', async ({ target, contracts, checks, settings, tracker, targetName }, testInfo) => {
  const explore_ = readExploreSettings(targetName);
  test.skip(explore_.cases === 0, 'EXPLORE_CASES=0: exploration is off');
  // Room for every case (and its shrinking): generous per case, more for a live tenant's pacing; EXPLORE_SECONDS caps it.
  const perCase = targetName === 'live' ? 3000 : 100;
  const planned = explore_.cases * 7 * perCase + 60_000;
  test.setTimeout(Math.max(testInfo.timeout, explore_.seconds === null ? planned : Math.min(planned, (explore_.seconds + 120) * 1000)));
  const ops = loadContracts()
    .operations.filter((o) => o.request !== null)
    .filter((o) => (target.permissionGap?.(o) ?? null) === null);
  const replays = explore_.database ? readFailures(explore_.database) : [];
  // A request the live target declines (read-only mode, write budget spent) skips the test with the reason.
  const report = await skipOnRefusal(
    () =>
      explore(
        ops,
        {
          client: target.client,
          contracts,
          tracker,
          checks,
          target: targetName,
          runTag: target.tag ?? '',
          seed: settings.seed,
          isNew: (f) => newFindings([f]).length > 0,
        },
        explore_,
        replays,
      ),
    (reason) => test.skip(true, reason),
  );
  if (explore_.database)
    writeFailures(explore_.database, replays, { target: targetName, operations: ops.map((o) => o.id) }, report.failures);
  testInfo.annotations.push({
    type: 'explore',
    description: `${report.casesRun} cases over ${ops.length} operations, ${report.objectsMade} objects made, ${report.shrunk.length} failures shrunk`,
  });
  if (report.notRun) {
    testInfo.annotations.push({ type: 'incomplete', description: `${report.notRun.count} cases not run: ${report.notRun.reason}` });
  }
  expect(report.casesRun, 'exploration planned cases but ran none').toBeGreaterThan(0);
  const live = targetName === 'live';
  // Live: activation codes sent (registered by the transport) never appear, here as everywhere.
  const shrunk = report.shrunk.map((s) =>
    (live ? redactLiveText : (t: string) => t)(
      `${s.operation}: ${s.case}\n  shrunk ${s.originalBytes} -> ${s.minimalBytes} bytes in ${s.attempts} attempts (${s.stopped}); ` +
        `first body: npm run payloads -- ${s.operation} --strategy ${s.strategy} --seed ${s.seed} --round ${s.round}`,
    ),
  );
  await expectNoNewFindings(testInfo, report.results, { live, checks, extra: shrunk });
});
