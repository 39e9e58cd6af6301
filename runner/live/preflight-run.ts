/**
 * The preflight as `npm run conformance` runs it (runner/conformance-cli.ts): only when the live project is chosen,
 * before Playwright starts. It is here rather than in a Playwright globalSetup because the parent process is the one
 * place that outlives every worker: it signs in once and hands the token down through the Playwright process's
 * environment (never a file), it can stop with one line and its own exit code before Playwright prints anything,
 * and globalSetup cannot tell which projects were chosen. A failed preflight still writes the run's reports with
 * verdict error, so no earlier run's drift.json is left looking current.
 */
import { join } from 'node:path';
import { DriftReporter } from '../drift-reporter.js';
import { preflight, preflightLine, type PreflightOptions } from './preflight.js';
import { registerSecret } from './secrets.js';

/** Exit code of a run stopped by its preflight. */
export const PREFLIGHT_EXIT = 2;

/** The projects `playwright test` arguments choose (`--project=a`, `--project a`); empty: Playwright's default. */
export function chosenProjects(args: readonly string[]): string[] {
  const out: string[] = [];
  args.forEach((a, i) => {
    if (a.startsWith('--project=')) out.push(...a.slice('--project='.length).split(','));
    else if (a === '--project' && args[i + 1]) out.push(...(args[i + 1] as string).split(','));
  });
  return out.map((p) => p.trim()).filter((p) => p !== '');
}

export interface LiveStart {
  ok: boolean;
  /** What to add to the Playwright process's environment (the shared token) when ok. */
  env: Record<string, string>;
  /** The one line to print: the preflight's summary, or why the run stops. */
  line: string;
}

/** Runs the preflight for a run with these arguments; nothing happens unless the live project is chosen. */
export async function startLive(args: readonly string[], env: NodeJS.ProcessEnv, opts: PreflightOptions = {}): Promise<LiveStart | null> {
  if (!chosenProjects(args).includes('live')) return null;
  for (const name of ['GRAPH_ACCESS_TOKEN', 'AZURE_CLIENT_SECRET']) registerSecret(env[name]);
  try {
    const result = await preflight(env, opts);
    return { ok: true, env: result.childEnv, line: result.summary };
  } catch (e) {
    const line = preflightLine(e);
    const outputDir = env.REPORTS_DIR?.trim() || 'reports';
    try {
      new DriftReporter({ outputDir, quiet: true }).writeRunError(line, ['live']);
    } catch (w) {
      return { ok: false, env: {}, line: `${line} (the reports in ${join(outputDir)} could not be written: ${(w as Error).message})` };
    }
    return { ok: false, env: {}, line };
  }
}
