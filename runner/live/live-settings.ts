/**
 * Safety and resilience settings of a live run, from the environment. Bad values are errors naming the variable,
 * what it takes, and the default.
 */
import { join } from 'node:path';
import { wholeNumberSetting } from '../../lib/env-number.js';
import { LiveConfigError } from './errors.js';
import { runIdFrom } from './run-tag.js';
import { INTUNE_WRITES_PER_WINDOW } from './transport-pacing.js';

export interface LiveSettings {
  runId: string;
  /** GRAPH_READ_ONLY=1: only GET requests are sent. */
  readOnly: boolean;
  /** GRAPH_WRITE_BUDGET: objects one run may create (all workers together). */
  writeBudget: number;
  /** GRAPH_MAX_ATTEMPTS: attempts per request, first included. */
  maxAttempts: number;
  /** GRAPH_WRITE_PACE: writes per 20 s this process sends at most (Intune allows 100 per app per tenant). */
  writePace: number;
  /** GRAPH_REQUEST_TIMEOUT_MS: each attempt is abandoned after this long. */
  requestTimeoutMs: number;
  /** GRAPH_MAX_RETRY_AFTER_S: a longer Retry-After is not waited for. */
  maxRetryAfterMs: number;
  /** GRAPH_REPORTS_DIR, else REPORTS_DIR (where the drift reports go), else reports/: where the journal and the stats go. */
  reportsDir: string;
  /** GRAPH_JOURNAL: the journal file. */
  journalFile: string;
}

export const LIVE_DEFAULTS = {
  writeBudget: 60,
  maxAttempts: 5,
  writePace: 90,
  requestTimeoutMs: 60_000,
  maxRetryAfterS: 120,
  reportsDir: 'reports',
} as const;

function int(env: NodeJS.ProcessEnv, name: string, def: number, min: number, max: number, what: string): number {
  return wholeNumberSetting(env, name, def, { min, max }, what, (m) => new LiveConfigError(m));
}

function flag(env: NodeJS.ProcessEnv, name: string, what: string): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw || raw === '0' || raw === 'false' || raw === 'no') return false;
  if (raw === '1' || raw === 'true' || raw === 'yes') return true;
  throw new LiveConfigError(`${name} must be 1 or 0 (${what}); got "${env[name]}".`);
}

export function readLiveSettings(env: NodeJS.ProcessEnv): LiveSettings {
  const reportsDir = env.GRAPH_REPORTS_DIR?.trim() || env.REPORTS_DIR?.trim() || LIVE_DEFAULTS.reportsDir;
  return {
    runId: runIdFrom(env),
    readOnly: flag(env, 'GRAPH_READ_ONLY', 'send only GET requests'),
    writeBudget: int(env, 'GRAPH_WRITE_BUDGET', LIVE_DEFAULTS.writeBudget, 0, 100_000, 'objects one run may create'),
    maxAttempts: int(env, 'GRAPH_MAX_ATTEMPTS', LIVE_DEFAULTS.maxAttempts, 1, 20, 'attempts per request, the first included'),
    writePace: int(
      env,
      'GRAPH_WRITE_PACE',
      LIVE_DEFAULTS.writePace,
      1,
      INTUNE_WRITES_PER_WINDOW - 1,
      'writes per 20 seconds; Intune allows 100 per app per tenant',
    ),
    requestTimeoutMs: int(
      env,
      'GRAPH_REQUEST_TIMEOUT_MS',
      LIVE_DEFAULTS.requestTimeoutMs,
      100,
      600_000,
      'milliseconds before an attempt is abandoned',
    ),
    maxRetryAfterMs:
      int(env, 'GRAPH_MAX_RETRY_AFTER_S', LIVE_DEFAULTS.maxRetryAfterS, 0, 3600, 'longest Retry-After waited for, in seconds') * 1000,
    reportsDir,
    journalFile: env.GRAPH_JOURNAL?.trim() || join(reportsDir, 'live-journal.jsonl'),
  };
}
