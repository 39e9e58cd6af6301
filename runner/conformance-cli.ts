/**
 * npm run conformance [-- playwright test options]
 * The conformance run: the `mock` project unless a --project is given (`-- --project=live` for a live tenant).
 * Everything else is passed to `playwright test` as is.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
const hasProject = args.some((a) => a === '--project' || a.startsWith('--project='));
const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
const run = spawnSync(process.execPath, [cli, 'test', ...(hasProject ? [] : ['--project=mock']), ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
