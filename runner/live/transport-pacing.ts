/**
 * Keeps writes under Intune's documented budget (100 writes per 20 seconds per app per tenant) with a sliding
 * window: a write that would be the limit-th+1 in the last window waits until the oldest one leaves it. Every write
 * attempt counts (a retry is a write too). The wait is added to the throttled time.
 */
import type { LiveStats } from './stats.js';
import { addWait } from './stats.js';
import type { Timing } from './timing.js';
import { isWrite, type TransportLayer } from './transport-types.js';

export const INTUNE_WRITE_WINDOW_MS = 20_000;
export const INTUNE_WRITES_PER_WINDOW = 100;

export interface PacingOptions {
  /** Writes allowed per window; must stay under 100. */
  limit: number;
  windowMs?: number;
  timing: Timing;
  stats: LiveStats;
}

export function pacing(opts: PacingOptions): TransportLayer {
  const windowMs = opts.windowMs ?? INTUNE_WRITE_WINDOW_MS;
  const sent: number[] = [];
  // Writes take their slot one at a time, so concurrent writes cannot both take the last one.
  let queue: Promise<void> = Promise.resolve();

  const takeSlot = async (): Promise<void> => {
    for (;;) {
      const now = opts.timing.now();
      while (sent.length && (sent[0] as number) <= now - windowMs) sent.shift();
      if (sent.length < opts.limit) {
        sent.push(now);
        return;
      }
      const wait = (sent[0] as number) + windowMs - now;
      addWait(opts.stats, 'pacing', wait);
      await opts.timing.sleep(wait);
    }
  };

  return (next) => async (url, init, meta) => {
    const method = init.method ?? meta.method;
    if (isWrite(method)) {
      const slot = queue.then(takeSlot);
      queue = slot.catch(() => {});
      await slot;
      opts.stats.writes++;
    }
    opts.stats.requests++;
    return next(url, init, meta);
  };
}
