/**
 * A small keep-alive HTTP load generator: N connections, each sending its next request as soon as the previous answer
 * is read, until a request count or a time limit is reached (both are required, so a run always ends). Loopback
 * only: any other host is refused before anything is sent.
 */
import { Agent, request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export interface LoadRequest {
  method: string;
  /** Path and query below the origin. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  /** `http://127.0.0.1:PORT` (loopback only). */
  origin: string;
  /** The i-th request to send (i counts from 0 across all connections). */
  next: (i: number) => LoadRequest;
  connections: number;
  /** Stop starting requests after this long. */
  durationMs: number;
  /** Never send more than this many requests. */
  maxRequests: number;
}

export interface LoadResult {
  requests: number;
  /** Answers with a 2xx status. */
  ok: number;
  statuses: Record<string, number>;
  /** Requests that failed without an answer (connection errors). */
  errors: number;
  firstError: string | null;
  elapsedMs: number;
  /** Answered requests (any status) per second. */
  rps: number;
  /** 2xx answers per second. */
  okRps: number;
  p50Ms: number;
  p99Ms: number;
  /** TCP connections opened (keep-alive reuse: close to `connections`). */
  sockets: number;
}

export class LoadTargetError extends Error {
  override name = 'LoadTargetError';
}

/** The origin as a URL, refusing anything but the loopback interface. */
export function loopbackOrigin(origin: string): URL {
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    throw new LoadTargetError(`"${origin}" is not a URL; the load generator needs http://127.0.0.1:PORT.`);
  }
  if (u.protocol !== 'http:' || !LOOPBACK.has(u.hostname)) {
    throw new LoadTargetError(
      `The load generator only sends to this machine's loopback interface (http://127.0.0.1:PORT); refusing "${origin}".`,
    );
  }
  return u;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function generateLoad(opts: LoadOptions): Promise<LoadResult> {
  const u = loopbackOrigin(opts.origin);
  if (!(opts.connections >= 1) || !(opts.maxRequests >= 1) || !(opts.durationMs > 0)) {
    throw new LoadTargetError(
      `connections, maxRequests and durationMs must be positive (got ${opts.connections}, ${opts.maxRequests}, ${opts.durationMs}).`,
    );
  }
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections, maxFreeSockets: opts.connections });
  const seen = new WeakSet<Socket>();
  let sockets = 0;
  const latencies = new Float64Array(opts.maxRequests);
  const statuses: Record<string, number> = {};
  let started = 0;
  let answered = 0;
  let ok = 0;
  let errors = 0;
  let firstError: string | null = null;
  const t0 = performance.now();
  const deadline = t0 + opts.durationMs;

  const one = (req: LoadRequest): Promise<void> =>
    new Promise((resolve) => {
      const s0 = performance.now();
      const r = httpRequest(
        {
          agent,
          host: u.hostname.replace(/^\[|\]$/g, ''),
          port: u.port,
          method: req.method,
          path: req.path,
          headers: req.body !== undefined ? { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) } : req.headers,
        },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () => {
            latencies[answered++] = performance.now() - s0;
            const key = String(res.statusCode ?? 0);
            statuses[key] = (statuses[key] ?? 0) + 1;
            if ((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300) ok++;
            resolve();
          });
        },
      );
      r.on('socket', (socket) => {
        if (seen.has(socket)) return;
        seen.add(socket);
        sockets++;
      });
      r.on('error', (e) => {
        errors++;
        firstError ??= e.message;
        resolve();
      });
      r.end(req.body);
    });

  const connection = async (): Promise<void> => {
    while (started < opts.maxRequests && performance.now() < deadline) {
      const req = opts.next(started++);
      await one(req);
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, connection));
  const elapsedMs = performance.now() - t0;
  agent.destroy();
  const sorted = latencies.slice(0, answered).sort();
  return {
    requests: started,
    ok,
    statuses,
    errors,
    firstError,
    elapsedMs,
    rps: (answered / elapsedMs) * 1000,
    okRps: (ok / elapsedMs) * 1000,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    sockets,
  };
}
