/**
 * What a live run cost the tenant, for the report: objects the service made (the journal's `created` lines), what
 * the write budget counted (objects made plus attempts that may have made one), and how long requests waited on the
 * write pace, on Retry-After and on backoff (the stats every live target writes). Null when the settings cannot be
 * read (the report then says nothing rather than something wrong).
 */
import type { LiveRunFacts } from '../../reporting/report-model.js';
import { Journal } from './journal.js';
import { readLiveSettings } from './live-settings.js';
import { readRunStats } from './stats.js';

export function liveRunFacts(env: NodeJS.ProcessEnv): LiveRunFacts | null {
  if (!env.GRAPH_RUN_ID) return null;
  let settings: ReturnType<typeof readLiveSettings>;
  try {
    settings = readLiveSettings(env);
  } catch {
    return null;
  }
  const journal = new Journal(settings.journalFile, settings.runId);
  const stats = readRunStats(settings.reportsDir, settings.runId);
  return {
    objectsMade: journal.entries().filter((e) => e.event === 'created').length,
    createsCounted: journal.createsCounted(),
    writeBudget: settings.writeBudget,
    requests: stats?.requests ?? 0,
    writes: stats?.writes ?? 0,
    pacingWaitMs: stats?.pacingWaitMs ?? 0,
    retryAfterWaitMs: stats?.retryAfterWaitMs ?? 0,
    backoffWaitMs: stats?.backoffWaitMs ?? 0,
  };
}
