/**
 * npm run conformance [-- playwright test options]
 * The conformance run: the `mock` project unless a --project is given (`-- --project=live` for a live tenant).
 * `--explore N` sets the exploration cases per operation (EXPLORE_CASES), `--explore-seconds S` its time budget
 * (EXPLORE_SECONDS); everything else is passed to `playwright test` as is.
 *
 * This process leads the run (runner/live/run-group.ts): Playwright runs in a process group of its own; a SIGINT or
 * SIGTERM here (from npm, tsx, a CI cancel, or passed up by the runner or a worker) becomes one SIGINT to the whole
 * group, and whatever is still running STOP_BOUND_MS later is killed. The exit code is Playwright's (128 + signal when
 * it was stopped).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PREFLIGHT_EXIT, startLive } from './live/preflight-run.js';
import { takeExploreFlags } from './explore/cli-flags.js';
import { RUN_LEADER_ENV } from './live/run-group.js';

/** How long the run may take to stop (writes in flight, cleanup) before the group is killed. */
const STOP_BOUND_MS = 25_000;

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
const child = spawn(process.execPath, [cli, 'test', ...(hasProject ? [] : ['--project=mock']), ...args], {
  stdio: 'inherit',
  detached: true,
  env: { ...process.env, ...taken.env, ...live?.env, [RUN_LEADER_ENV]: String(process.pid) },
});
const group = (signal: NodeJS.Signals): void => {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // the group is gone
  }
};
let stopping: NodeJS.Signals | null = null;
const stop = (signal: NodeJS.Signals): void => {
  if (stopping) return;
  stopping = signal;
  process.stderr.write(`${signal}: stopping the run (writes in flight finish, what the run made is deleted)…\n`);
  group('SIGINT');
  setTimeout(() => {
    process.stderr.write(`the run did not stop within ${STOP_BOUND_MS / 1000} s: killing it; run \`npm run sweep -- --yes\`\n`);
    group('SIGKILL');
    process.exit(signal === 'SIGINT' ? 130 : 143);
  }, STOP_BOUND_MS).unref();
};
/**
 * The launchers above this process (tsx, `sh -c`, npm): npm passes a SIGTERM to `sh`, which dies without passing it
 * on, so the death of any of them is taken as a SIGTERM. Found through /proc (Linux); elsewhere only the parent.
 */
function launchers(): number[] {
  const out: number[] = [];
  let pid = process.ppid;
  for (let depth = 0; depth < 4 && pid > 1; depth++) {
    let cmd: string;
    let stat: string;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return out.length ? out : [process.ppid];
    }
    if (!/\b(npm|npx|tsx|sh)\b/.test(cmd)) break;
    out.push(pid);
    pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  }
  return out;
}
const watched = launchers();
setInterval(() => {
  for (const pid of watched) {
    try {
      process.kill(pid, 0);
    } catch {
      stop('SIGTERM');
      return;
    }
  }
}, 300).unref();
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
child.on('error', (e) => {
  process.stderr.write(`could not start playwright: ${e.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  group('SIGKILL'); // nothing of the run outlives its runner
  process.exit(stopping ? (stopping === 'SIGINT' ? 130 : 143) : (code ?? (signal ? 1 : 0)));
});
