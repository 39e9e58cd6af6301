/**
 * Stoplight Prism for the throughput comparison, installed on demand OUTSIDE the project's dependencies (CI never runs
 * the bench, so it must not become one): `npm install --prefix <cache> @stoplight/prism-cli@5.14.2` into
 * node_modules/.cache/bench-prism (or BENCH_PRISM_DIR). 5.14.2 is the newest Prism that runs on Node 20. When the
 * install fails (offline, registry down) the Prism rows are skipped with the reason.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './child-process.js';

export const PRISM_VERSION = '5.14.2';
export const PRISM_PACKAGE = '@stoplight/prism-cli';
export const DEFAULT_PRISM_DIR = join(REPO, 'node_modules', '.cache', 'bench-prism');

export type PrismInstall = { entry: string; installed: boolean; dir: string } | { skipped: string; dir: string };

/** The CLI entry of an installed Prism in `dir` when its version is the pinned one, else null. */
export function installedPrism(dir: string): string | null {
  const pkg = join(dir, 'node_modules', '@stoplight', 'prism-cli', 'package.json');
  if (!existsSync(pkg)) return null;
  try {
    const meta = JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string; bin?: Record<string, string> | string };
    if (meta.version !== PRISM_VERSION) return null;
    const bin = typeof meta.bin === 'string' ? meta.bin : (meta.bin?.prism ?? 'dist/index.js');
    const entry = join(dir, 'node_modules', '@stoplight', 'prism-cli', bin);
    return existsSync(entry) ? entry : null;
  } catch {
    return null;
  }
}

function npmInstall(dir: string, timeoutMs: number): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      'npm',
      ['install', '--prefix', dir, '--no-audit', '--no-fund', '--loglevel=error', '--save-exact', `${PRISM_PACKAGE}@${PRISM_VERSION}`],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, output: `${output}${e.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, output });
    });
  });
}

/** Prism in `dir`, installing it first when it is not there. Never throws: a failed install is a skip with the reason. */
export async function ensurePrism(
  dir: string = process.env.BENCH_PRISM_DIR ?? DEFAULT_PRISM_DIR,
  log: (line: string) => void = () => undefined,
  timeoutMs = 180_000,
): Promise<PrismInstall> {
  const ready = installedPrism(dir);
  if (ready) return { entry: ready, installed: false, dir };
  log(`installing ${PRISM_PACKAGE}@${PRISM_VERSION} into ${dir} (once; not a project dependency)...`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    return { skipped: `cannot create ${dir}: ${(e as Error).message}`, dir };
  }
  const { ok, output } = await npmInstall(dir, timeoutMs);
  const entry = installedPrism(dir);
  if (ok && entry) return { entry, installed: true, dir };
  const why = output.trim().split('\n').filter(Boolean).slice(-3).join(' / ') || 'no output';
  return { skipped: `npm install ${PRISM_PACKAGE}@${PRISM_VERSION} into ${dir} failed: ${why}`, dir };
}
