/**
 * npm run conformance [-- playwright test options]
 * The conformance run: the `mock` project unless a --project is given (`-- --project=live` for a live tenant).
 * `--explore N` sets the exploration cases per operation (EXPLORE_CASES), `--explore-seconds S` its time budget
 * (EXPLORE_SECONDS); everything else is passed to `playwright test` as is.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { PREFLIGHT_EXIT, startLive } from './live/preflight-run.js';
import { takeExploreFlags } from './explore/cli-flags.js';

let taken: ReturnType<typeof takeExploreFlags>;
try {
  taken = takeExploreFlags(process.argv.slice(2));
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
const args = taken.args;
const hasProject = args.some((a) => a === '--project' || a.startsWith('--project='));
const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
// Live: the preflight signs in once and checks the endpoint before any test; it stops the run with one line if not.
const live = await startLive(args, process.env);
if (live) console.log(live.line);
if (live && !live.ok) process.exit(PREFLIGHT_EXIT);
const run = spawnSync(process.execPath, [cli, 'test', ...(hasProject ? [] : ['--project=mock']), ...args], {
  stdio: 'inherit',
  env: { ...process.env, ...taken.env, ...live?.env },
});
process.exit(run.status ?? 1);
