/**
 * Run settings from the environment (Playwright owns the command line): seed, number of generated valid bodies,
 * and which checks run. Bad values are errors naming the variable and the fix.
 */
import { baseSeed } from '../generators/payloads/seeds.js';

export interface RunSettings {
  seed: number;
  validCount: number;
  include: string[] | undefined;
  exclude: string[];
}

export class SettingsError extends Error {}

function list(v: string | undefined): string[] | undefined {
  const items = v
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items && items.length ? items : undefined;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): RunSettings {
  const raw = env.VALID_CASES ?? '5';
  const validCount = Number(raw);
  if (!Number.isInteger(validCount) || validCount < 0 || validCount > 10000) {
    throw new SettingsError(`VALID_CASES must be a whole number from 0 to 10000 (generated valid bodies per operation); got "${raw}".`);
  }
  return { seed: baseSeed(env), validCount, include: list(env.CHECKS), exclude: list(env.SKIP_CHECKS) ?? [] };
}
