/**
 * Runs one measurement in a child process: wall time from spawn to exit, bounded by a timeout (the child is killed
 * by its pid when it overstays), and the result the child printed as its last `BENCH_RESULT {json}` line.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const RESULT_PREFIX = 'BENCH_RESULT ';

/** `node --import tsx` resolved from this checkout, so children run the TypeScript sources as `npm run` would. */
export const TSX_IMPORT = createRequire(import.meta.url).resolve('tsx');
export const PLAYWRIGHT_CLI = createRequire(import.meta.url).resolve('@playwright/test/cli');

export interface ChildRun<T> {
  code: number | null;
  wallMs: number;
  /** CPU time (user + system) of the child and every process it waited for; null where /proc is not there. */
  cpuMs: number | null;
  /** The parsed BENCH_RESULT line, or null when the child printed none. */
  result: T | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface ChildOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs: number;
  /** Node flags before the script, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
}

/** The last `BENCH_RESULT {json}` line of a child's output. */
export function parseResult<T>(stdout: string): T | null {
  const lines = stdout.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (line.startsWith(RESULT_PREFIX)) return JSON.parse(line.slice(RESULT_PREFIX.length)) as T;
  }
  return null;
}

/** Prints the result line a parent reads (children call this last). */
export function emitResult(value: unknown): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(value)}\n`);
}

/**
 * CPU time of the children this process has waited for, from /proc/self/stat (cutime + cstime). Taken before and
 * after one child, the difference is that child's CPU time including its own waited-for children (Playwright's
 * workers). Null on systems without /proc.
 */
export function waitedChildrenCpuMs(): number | null {
  let stat: string;
  try {
    stat = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return null;
  }
  // Fields after the command name (which may hold spaces) start at field 3 (state); cutime and cstime are 16 and 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cutime = Number(fields[16 - 3]);
  const cstime = Number(fields[17 - 3]);
  if (!Number.isFinite(cutime) || !Number.isFinite(cstime)) return null;
  return ((cutime + cstime) * 1000) / CLOCK_TICKS;
}

/** Clock ticks per second of /proc times (USER_HZ; 100 on Linux). */
const CLOCK_TICKS = 100;

/** Spawns `node [flags] <args>` and waits for it, at most `timeoutMs`. */
export function runNode<T>(args: string[], opts: ChildOptions): Promise<ChildRun<T>> {
  return new Promise((resolvePromise, reject) => {
    const cpu0 = waitedChildrenCpuMs();
    const t0 = performance.now();
    const child = spawn(process.execPath, [...(opts.nodeFlags ?? []), ...args], {
      cwd: opts.cwd ?? REPO,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - t0;
      const cpu1 = waitedChildrenCpuMs();
      const cpuMs = cpu0 === null || cpu1 === null ? null : cpu1 - cpu0;
      let result: T | null = null;
      try {
        result = parseResult<T>(stdout);
      } catch (e) {
        stderr += `\n(bench: the child's result line is not JSON: ${(e as Error).message})`;
      }
      resolvePromise({ code, wallMs, cpuMs, result, stdout, stderr, timedOut });
    });
  });
}

/** A TypeScript entry of this folder, run through tsx. */
export function tsArgs(script: string, args: string[] = []): string[] {
  return ['--import', TSX_IMPORT, join(REPO, script), ...args];
}

/** Why a child failed, in one paragraph (exit code, timeout, the end of its stderr). */
export function childFailure(name: string, run: ChildRun<unknown>): string {
  const tail = (run.stderr.trim() || run.stdout.trim()).split('\n').slice(-8).join('\n');
  return `${name} ${run.timedOut ? 'timed out' : `exited with ${run.code}`}${run.result === null ? ' without a result' : ''}${tail ? `:\n${tail}` : ''}`;
}
