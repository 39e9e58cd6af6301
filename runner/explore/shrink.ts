/**
 * Shrinking, as Hypothesis does it: given a body that produced a finding, try simpler bodies one at a time
 * (generators/payloads/shrink.ts proposes them) and keep any that still produces the same finding, until no simpler
 * one does or the attempts run out. Every attempt is a request (a write against a live tenant), so the number of
 * attempts is bounded and `canAttempt` can stop early (the live run's object budget). A body already tried is never
 * sent again.
 */
export interface ShrinkOptions {
  /** Requests the shrinker may send. */
  maxAttempts: number;
  /** Asked before each attempt; false stops shrinking (e.g. the write budget is spent). */
  canAttempt?: () => boolean;
}

export interface ShrinkOutcome<T> {
  /** The smallest body found that still fails the same way (the original when none was smaller). */
  body: unknown;
  /** What testing that body gave. */
  result: T;
  /** Requests sent while shrinking. */
  attempts: number;
  /** Simpler bodies kept on the way. */
  steps: number;
  /** Why it stopped: nothing simpler fails the same way, or a bound was reached. */
  stopped: 'minimal' | 'attempts' | 'budget';
}

/**
 * `test` sends a candidate and returns what it found when the candidate still fails the same way, else null.
 * `candidates` proposes simpler bodies than the one given, each one change away, most promising first.
 */
export async function shrink<T>(
  body: unknown,
  result: T,
  candidates: (body: unknown) => Iterable<unknown>,
  test: (candidate: unknown) => Promise<T | null>,
  options: ShrinkOptions,
): Promise<ShrinkOutcome<T>> {
  let current = body;
  let currentResult = result;
  let attempts = 0;
  let steps = 0;
  const tried = new Set<string>([JSON.stringify(body)]);
  for (;;) {
    let improved = false;
    for (const candidate of candidates(current)) {
      const key = JSON.stringify(candidate);
      if (tried.has(key)) continue;
      if (attempts >= options.maxAttempts) return { body: current, result: currentResult, attempts, steps, stopped: 'attempts' };
      if (options.canAttempt && !options.canAttempt()) return { body: current, result: currentResult, attempts, steps, stopped: 'budget' };
      tried.add(key);
      attempts++;
      const found = await test(candidate);
      if (found !== null) {
        current = candidate;
        currentResult = found;
        steps++;
        improved = true;
        break;
      }
    }
    if (!improved) return { body: current, result: currentResult, attempts, steps, stopped: 'minimal' };
  }
}
