/**
 * Stateful sequences (runner/stateful): seeded, bounded random walks over create, read, list, update, delete and
 * assign, with children of deleted pools and repeated deletes; stateful_oracle holds each answer against the model
 * of what the docs promise. One test per sequence, named with its seed and the command that replays it.
 * STATEFUL_SEQUENCES, STATEFUL_STEPS and STATEFUL_OBJECTS bound them (README, "Semantic checks").
 */
import { baseSeed } from '../../generators/payloads/seeds.js';
import { test } from '../../runner/fixtures.js';
import { expectNoNewFindings, throttleMeter } from '../../runner/report-findings.js';
import { skipOnRefusal } from '../../runner/live/refusal-skip.js';
import { runSequence, sequenceSeed } from '../../runner/stateful/run.js';
import { readStatefulSettings } from '../../runner/stateful/settings.js';

const stateful = readStatefulSettings();
const base = baseSeed(process.env);

for (let index = 0; index < stateful.sequences; index++) {
  const seed = sequenceSeed(base, index);
  test(`stateful sequence #${index + 1} (seed ${seed})`, async ({ target, contracts, checks, payloads, tracker, targetName }, testInfo) => {
    const throttled = throttleMeter(target.stats);
    const result = await skipOnRefusal(
      () => runSequence({ client: target.client, contracts, checks, payloads, tracker }, index, seed, stateful),
      (reason) => test.skip(true, reason),
    );
    await expectNoNewFindings(testInfo, [result], { live: targetName === 'live', checks, throttledMs: throttled() });
  });
}
