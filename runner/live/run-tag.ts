/**
 * The run id and tag: every object a live run creates is named `conformance-<runId>-…` (the payload generator puts
 * the tag in front of each displayName), so the sweeper can find leftovers and never touch anything else. The run id
 * comes from GRAPH_RUN_ID (set once in the Playwright main process so every worker shares it) or is made here:
 * UTC time to the second and four random hex digits, e.g. `20250301T101500Z-3f9a`.
 */
import { randomBytes } from 'node:crypto';
import { runTag } from '../../generators/payloads/domain.js';
import { LiveConfigError } from './errors.js';

/** What every run's tag starts with; the sweeper deletes nothing whose displayName does not. */
export const RUN_TAG_PREFIX = 'conformance-';

export function newRunId(now: Date = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

/** GRAPH_RUN_ID, checked, or a new id. */
export function runIdFrom(env: NodeJS.ProcessEnv): string {
  const given = env.GRAPH_RUN_ID?.trim();
  if (!given) return newRunId();
  try {
    runTag(given);
  } catch {
    throw new LiveConfigError(
      `GRAPH_RUN_ID="${given}" may hold only letters, digits, '.', '_' and '-', starting with a letter or digit (it goes into displayNames).`,
    );
  }
  return given;
}

/** `conformance-<runId>-`: the prefix to give the payload generator. */
export function tagFor(runId: string): string {
  return runTag(runId);
}
