/**
 * What the live transport did besides sending: retries, time spent throttled (waiting on Retry-After, on backoff,
 * on the write pace limit), ambiguous POSTs and how they were resolved, requests refused. One object per live target
 * (one per Playwright worker); each writes reports/live-stats/<runId>.<pid>.json when it closes and the report sums
 * them (readRunStats).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LiveStats {
  requests: number;
  writes: number;
  retries: number;
  /** Answers 429, 503 or 504. */
  throttledResponses: number;
  retryAfterWaitMs: number;
  backoffWaitMs: number;
  pacingWaitMs: number;
  /** retryAfterWaitMs + backoffWaitMs + pacingWaitMs. */
  throttledMs: number;
  /** POSTs that failed without telling whether the object was made. */
  ambiguousPosts: number;
  /** ... of which the object was found (not sent again). */
  recoveredPosts: number;
  refused: { readOnly: number; writeBudget: number; permission: number };
  tokenRenewals: number;
}

export function createStats(): LiveStats {
  return {
    requests: 0,
    writes: 0,
    retries: 0,
    throttledResponses: 0,
    retryAfterWaitMs: 0,
    backoffWaitMs: 0,
    pacingWaitMs: 0,
    throttledMs: 0,
    ambiguousPosts: 0,
    recoveredPosts: 0,
    refused: { readOnly: 0, writeBudget: 0, permission: 0 },
    tokenRenewals: 0,
  };
}

export type WaitKind = 'retryAfter' | 'backoff' | 'pacing';

export function addWait(stats: LiveStats, kind: WaitKind, ms: number): void {
  const key = kind === 'retryAfter' ? 'retryAfterWaitMs' : kind === 'backoff' ? 'backoffWaitMs' : 'pacingWaitMs';
  stats[key] += ms;
  stats.throttledMs += ms;
}

export const STATS_DIR = 'live-stats';

export function writeStatsFile(reportsDir: string, runId: string, stats: LiveStats, pid: number = process.pid): string {
  const dir = join(reportsDir, STATS_DIR);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${runId}.${pid}.json`);
  writeFileSync(file, `${JSON.stringify({ runId, pid, stats }, null, 2)}\n`);
  return file;
}

/** The sum over every process of a run, or null when no live target of that run wrote stats. */
export function readRunStats(reportsDir: string, runId: string): LiveStats | null {
  const dir = join(reportsDir, STATS_DIR);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith(`${runId}.`) && n.endsWith('.json'));
  } catch {
    return null;
  }
  if (!names.length) return null;
  const sum = createStats();
  for (const n of names) {
    const s = (JSON.parse(readFileSync(join(dir, n), 'utf8')) as { stats: LiveStats }).stats;
    for (const k of Object.keys(sum) as (keyof LiveStats)[]) {
      if (k === 'refused') for (const r of Object.keys(sum.refused) as (keyof LiveStats['refused'])[]) sum.refused[r] += s.refused[r];
      else sum[k] += s[k];
    }
  }
  return sum;
}

/** One line for the end of a run, e.g. `live: 212 requests, 3 retries, 4.2 s throttled (Retry-After 3.0 s, ...)`. */
export function describeStats(s: LiveStats): string {
  const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const refused = s.refused.readOnly + s.refused.writeBudget + s.refused.permission;
  return (
    `live: ${s.requests} requests (${s.writes} writes), ${s.retries} retries, ${sec(s.throttledMs)} throttled ` +
    `(Retry-After ${sec(s.retryAfterWaitMs)}, backoff ${sec(s.backoffWaitMs)}, pacing ${sec(s.pacingWaitMs)}), ` +
    `${s.ambiguousPosts} ambiguous POSTs (${s.recoveredPosts} found, not resent), ${refused} requests refused ` +
    `(read-only ${s.refused.readOnly}, write budget ${s.refused.writeBudget}, permission ${s.refused.permission}), ${s.tokenRenewals} token renewals`
  );
}
