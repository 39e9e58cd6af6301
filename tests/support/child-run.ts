/**
 * Runs a command in a child process without blocking this one (fakes served from this process keep answering), with
 * a bound on how long it may take: past `limitMs` it is killed and the result says so.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

export interface ChildResult {
  status: number | null;
  stdout: string;
  stderr: string;
  killed: boolean;
}

export function runChild(
  cmd: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; limitMs?: number },
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, opts.limitMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, killed });
    });
  });
}

/** The environment of a child run: this process's, minus every live-run setting, plus `extra`. */
export function cleanLiveEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(GRAPH_|AZURE_|REPORTS_DIR$|GITHUB_STEP_SUMMARY$|MOCK_FAULTS$|CHECKS$|SKIP_CHECKS$)/.test(k),
    ),
  );
  return { ...env, ...extra };
}

/** Playwright's command-line entry, to run with process.execPath. */
export const playwrightCli = (): string => createRequire(import.meta.url).resolve('@playwright/test/cli');
