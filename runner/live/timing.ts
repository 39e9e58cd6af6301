/** Clock, sleep and randomness of the live transport, injectable so tests decide time without waiting on it. */
import { setTimeout as delay } from 'node:timers/promises';

export interface Timing {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** In [0, 1). */
  random(): number;
}

export const realTiming: Timing = {
  now: () => Date.now(),
  sleep: (ms) => (ms > 0 ? delay(ms) : Promise.resolve()),
  random: () => Math.random(),
};

/**
 * Retry-After in milliseconds: delta-seconds (`120`), fractional seconds as some services send (`0.5`), or an
 * HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`, measured against `now`; a past date is 0). Null when absent or
 * unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  const v = value?.trim();
  if (!v) return null;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  if (/^[A-Za-z]{3},/.test(v) || /\d{4}/.test(v)) {
    const at = Date.parse(v);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  return null;
}

/** Exponential backoff with jitter: attempt 1 waits about base, each next about twice as long, capped; half fixed, half random. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
