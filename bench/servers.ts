/**
 * The two mock servers the throughput rows compare, each in its own process on 127.0.0.1:
 *  - ours: `npm run mock` (mocks/cli.ts) on a free port;
 *  - Stoplight Prism (`prism mock`) serving the OpenAPI export of contracts/, installed on demand (see prism.ts).
 * Both are stopped by the pid this module started, never by name.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO, TSX_IMPORT } from './child-process.js';

export interface RunningServer {
  name: string;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** What to put before a Graph path: `/beta` for ours; Prism matches paths without the server's base path. */
  basePath: string;
  pid: number;
  /** What the server printed (for error messages). */
  output(): string;
  stop(): Promise<void>;
}

export class ServerStartError extends Error {
  override name = 'ServerStartError';
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 3000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

function capture(child: ChildProcess): () => string {
  let text = '';
  const add = (d: Buffer | string): void => {
    text = (text + d.toString()).slice(-4000);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => text;
}

/**
 * Starts `npm run mock -- --port 0` (as node with tsx, one process; `nodeFlags` such as --cpu-prof go before the
 * script) and waits for its "listening on" line.
 */
export function startOurMock(timeoutMs = 20_000, nodeFlags: string[] = []): Promise<RunningServer> {
  const script = [join(REPO, 'mocks', 'cli.ts'), '--port', '0'];
  const name = 'npm run mock';
  const child = spawn(process.execPath, [...nodeFlags, '--import', TSX_IMPORT, ...script], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = capture(child);
  const stop = stopper(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new ServerStartError(`${name} did not say where it listens within ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    const onData = (): void => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)(\/\S*)/.exec(output());
      if (!m?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve({ name, origin: m[1], basePath: m[2] ?? '', pid: child.pid ?? 0, output, stop });
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new ServerStartError(`${name} exited (${code}) before listening:\n${output()}`));
    });
  });
}

/** Waits until `probe` answers (any HTTP status) or the time is up. */
async function waitUntilAnswering(origin: string, path: string, timeoutMs: number, alive: () => boolean): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline && alive()) {
    try {
      const res = await fetch(`${origin}${path}`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return false;
}

/** Starts Prism with `args` (after the port is chosen) and waits until it answers `probePath`. */
async function startPrismWith(
  prismEntry: string,
  args: (port: number) => string[],
  name: string,
  probePath: string,
  timeoutMs: number,
): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [prismEntry, ...args(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = capture(child);
  const stop = stopper(child);
  const origin = `http://127.0.0.1:${port}`;
  const up = await waitUntilAnswering(origin, probePath, timeoutMs, () => child.exitCode === null);
  if (!up) {
    await stop();
    throw new ServerStartError(`${name} did not answer on ${origin} within ${timeoutMs} ms:\n${output()}`);
  }
  return { name, origin, basePath: '', pid: child.pid ?? 0, output, stop };
}

/** Starts `prism mock` on a free port with the given OpenAPI document; logging at `silent` (the least work). */
export function startPrism(prismEntry: string, openapiFile: string, probePath: string, timeoutMs = 60_000): Promise<RunningServer> {
  const args = (port: number) => ['mock', '-h', '127.0.0.1', '-p', String(port), '-v', 'silent', openapiFile];
  return startPrismWith(prismEntry, args, 'Prism 5.14.2', probePath, timeoutMs);
}

/**
 * Prism as a validating proxy (`prism proxy --errors`) in front of `upstream` (a URL with the version root, e.g.
 * http://127.0.0.1:4010/beta): every request and every answer is checked against the OpenAPI file, and a violation
 * turns the answer into an error (422 for a request, 500 for a response, both with an `sl-violations` header).
 */
export function startPrismProxy(
  prismEntry: string,
  openapiFile: string,
  upstream: string,
  probePath: string,
  timeoutMs = 60_000,
): Promise<RunningServer> {
  const args = (port: number) => ['proxy', '--errors', '-h', '127.0.0.1', '-p', String(port), openapiFile, upstream];
  return startPrismWith(prismEntry, args, 'Prism 5.14.2 proxy', probePath, timeoutMs);
}
