/**
 * How much exploring a run does, from the environment (`npm run conformance -- --explore N` sets EXPLORE_CASES).
 * The defaults differ by target: the mock is cheap, a live tenant is not.
 *
 *   EXPLORE_CASES    cases per operation with a body          mock 30, live 2 (0 turns exploration off)
 *   EXPLORE_SECONDS  stop starting new cases after this long  no limit
 *   EXPLORE_OBJECTS  objects exploration may create           mock no limit, live 10 (shrinking included)
 *   EXPLORE_SHRINK   requests to shrink one failure           mock 200, live 12
 *   EXPLORE_LARGE    items in a "large" collection            mock 25, live 5
 *   EXPLORE_DB       the failure database (replayed first)    <reports>/explore-failures.json; `off` for none
 *
 * A bad value is an error naming the variable and the fix.
 */
import { join } from 'node:path';
import { SettingsError } from '../settings.js';
import { wholeNumberSetting } from '../../lib/env-number.js';

export interface ExploreSettings {
  cases: number;
  seconds: number | null;
  objects: number | null;
  shrinkAttempts: number;
  largeItems: number;
  /** Where failures are kept between runs; null: nowhere. */
  database: string | null;
}

export const EXPLORE_DEFAULTS = {
  mock: { cases: 30, objects: null, shrinkAttempts: 200, largeItems: 25 },
  live: { cases: 2, objects: 10, shrinkAttempts: 12, largeItems: 5 },
} as const;

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number | null, max: number, what: string): number | null {
  return wholeNumberSetting(env, name, fallback, { min: 0, max }, what, (m) => new SettingsError(m));
}

export function readExploreSettings(target: 'mock' | 'live', env: NodeJS.ProcessEnv = process.env): ExploreSettings {
  const d = EXPLORE_DEFAULTS[target];
  const db = env.EXPLORE_DB?.trim();
  return {
    cases: whole(env, 'EXPLORE_CASES', d.cases, 100_000, 'exploration cases per operation') as number,
    seconds: whole(env, 'EXPLORE_SECONDS', null, 86_400, 'seconds exploration may start cases for'),
    objects: whole(env, 'EXPLORE_OBJECTS', d.objects, 10_000, 'objects exploration may create'),
    shrinkAttempts: whole(env, 'EXPLORE_SHRINK', d.shrinkAttempts, 10_000, 'requests to shrink one failure') as number,
    largeItems: whole(env, 'EXPLORE_LARGE', d.largeItems, 10_000, 'items in a large collection') as number,
    database: db === 'off' ? null : db || join(env.REPORTS_DIR ?? 'reports', 'explore-failures.json'),
  };
}
