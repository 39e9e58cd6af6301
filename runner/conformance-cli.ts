/**
 * npm run conformance [-- playwright test options]
 * The conformance run: the `mock` project unless a --project is given (`-- --project=live` for a live tenant).
 * Everything else is passed to `playwright test` as is.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { PREFLIGHT_EXIT, startLive } from './live/preflight-run.js';

const args = process.argv.slice(2);
const hasProject = args.some((a) => a === '--project' || a.startsWith('--project='));
const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
// Live: the preflight signs in once and checks the endpoint before any test; it stops the run with one line if not.
const live = await startLive(args, process.env);
if (live) console.log(live.line);
if (live && !live.ok) process.exit(PREFLIGHT_EXIT);
const run = spawnSync(process.execPath, [cli, 'test', ...(hasProject ? [] : ['--project=mock']), ...args], {
  stdio: 'inherit',
  env: { ...process.env, ...live?.env },
});
process.exit(run.status ?? 1);
