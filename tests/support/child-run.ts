/**
 * Runs a command as a child process and collects its output, killing it after `timeoutMs` (the tests that run a
 * whole Playwright project as a user would: `playwright test --project=live` against a server on 127.0.0.1).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

export interface ChildResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runChild(
  cmd: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGTERM'), opts.timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** Playwright's command-line entry, to run with process.execPath. */
export const playwrightCli = (): string => createRequire(import.meta.url).resolve('@playwright/test/cli');
