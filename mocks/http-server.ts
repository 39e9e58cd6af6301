/**
 * The mock as a real HTTP server on 127.0.0.1: node:http hands each request straight to the mock's request pipeline
 * (mocks/pipeline.ts: routed by method and path template, the same pipeline the msw handlers call) and writes its
 * answer to the socket; no fetch Request or Response is built on the way. Bodies over the limit are answered 413
 * here without being buffered (the rest of the body is read and dropped, so the client always gets the answer).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MockReply } from './graph-protocol.js';
import { createMockPipeline, type MockOptions, type MockPipeline } from './pipeline.js';
import type { MockRequest } from './request-gate.js';
import type { TenantStore } from './tenant-store.js';

export interface MockServerOptions extends MockOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
}

export interface MockServer {
  /** The version root, e.g. `http://127.0.0.1:41234/beta`. */
  url: string;
  /** `http://127.0.0.1:41234` */
  origin: string;
  port: number;
  store: TenantStore;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const EMPTY = Buffer.alloc(0);
const utf8 = new TextDecoder();

/** Reads the body, keeping at most `limit` bytes; `over` tells whether more was sent. */
function readBody(req: IncomingMessage, limit: number): Promise<{ body: Buffer; over: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () =>
      resolve({ body: over || chunks.length === 0 ? EMPTY : chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks), over }),
    );
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: MockReply): void {
  const headers =
    reply.body !== null && reply.body.length > 0
      ? { ...reply.headers, 'content-length': String(Buffer.byteLength(reply.body)) }
      : reply.headers;
  res.writeHead(reply.status, headers);
  res.end(reply.body ?? undefined);
}

/**
 * The request target's path, parsed as fetch parses it (dot segments, escapes), so both ways of serving see the same
 * path; null when it is not a URL path at all (`//[`). A path starting `//` stays a path (not a host).
 */
/** The target parsed as fetch would (dot segments, escapes), so both ways of serving see the same path; null if it cannot be. */
function urlOf(target: string, origin: string): URL | null {
  try {
    return new URL(target.startsWith('/') ? `${origin}${target}` : target, origin);
  } catch {
    return null;
  }
}

async function bridge(pipeline: MockPipeline, origin: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { body, over } = await readBody(req, pipeline.bodyLimit);
  const headers = req.headers;
  const url = urlOf(req.url ?? '/', origin);
  const request: MockRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    origin,
    pathname: url?.pathname ?? '/',
    search: url?.search ?? '',
    header: (name) => {
      const v = headers[name];
      return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
    },
    text: () => Promise.resolve(utf8.decode(body)),
  };
  if (url === null) return send(res, pipeline.badTarget(request, req.url ?? ''));
  if (over) return send(res, pipeline.tooLarge(request));
  send(res, (await pipeline.respond(request)) ?? pipeline.outside(request));
}

/** Starts the mock on 127.0.0.1 (one per Playwright worker is the intended use). */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const pipeline = createMockPipeline(options);
  let origin = '';
  const server = createServer((req, res) => {
    bridge(pipeline, origin, req, res).catch((e: unknown) => {
      // Still a Graph answer (error body, request-id), never a bare text/plain 500.
      if (res.headersSent) return res.end();
      const head = { origin, header: (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : null) };
      send(res, pipeline.failed(head, e));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new Error(
          e.code === 'EADDRINUSE'
            ? `Port ${options.port ?? 0} on ${HOST} is already in use; choose another with --port (0 picks a free one).`
            : `The mock server could not listen on ${HOST}:${options.port ?? 0}: ${e.message}`,
        ),
      ),
    );
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${HOST}:${port}`;
  return {
    url: `${origin}${pipeline.basePath}`,
    origin,
    port,
    store: pipeline.store,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
