/**
 * Playwright globalTeardown: after every worker is gone, delete whatever the run's journal still lists (a worker
 * that crashed cannot clean up after itself). Does nothing, and contacts nothing, when the run created nothing that
 * is left: unit and mock runs, and live runs whose workers cleaned up.
 */
import { Journal } from './journal.js';
import { readLiveSettings } from './live-settings.js';
import { createLiveTarget } from './live-target.js';
import { redactLiveText } from './secrets.js';

export default async function liveGlobalTeardown(): Promise<void> {
  if (!process.env.GRAPH_RUN_ID) return;
  const settings = readLiveSettings(process.env);
  const journal = new Journal(settings.journalFile, settings.runId);
  if (journal.pending().length === 0 && journal.unsettledAttempts().length === 0) return;
  const target = await createLiveTarget(process.env, { signals: false, writeStats: false });
  try {
    const result = await target.cleanup({ all: true });
    const line =
      `live run ${settings.runId}: end-of-run cleanup deleted ${result.deleted.length} object(s)` +
      (result.left.length
        ? `, could not delete ${result.left.map((l) => `${l.path} (${l.reason})`).join('; ')}; run \`npm run sweep -- --yes\``
        : '');
    process.stderr.write(`${redactLiveText(line)}\n`);
  } finally {
    await target.close();
  }
}
