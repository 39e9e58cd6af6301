/**
 * Playwright traces record test steps, expect messages and attachments as they are, before any redaction; a live
 * run must not write one. The live target fixture calls refuseTracing with the project's `use.trace` (which
 * `--trace on` on the command line overrides) and stops before anything is sent.
 */
import { LiveConfigError } from './errors.js';

export function refuseTracing(trace: unknown): void {
  const mode = typeof trace === 'string' ? trace : trace && typeof trace === 'object' ? (trace as { mode?: unknown }).mode : undefined;
  if (mode === undefined || mode === 'off') return;
  throw new LiveConfigError(
    `Playwright tracing is "${String(mode)}" for the live project, and a trace keeps what a run sees unredacted (tokens, activation codes). ` +
      'Run the live project without --trace (its config sets trace: off). Nothing was sent.',
  );
}
