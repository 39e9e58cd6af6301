/**
 * The mock as a real HTTP server on 127.0.0.1: a thin node:http bridge that turns each request into a fetch Request,
 * asks msw's getResponse for the handlers' answer, and writes it back. Bodies over the limit are answered 413 here
 * without being buffered (the rest of the body is read and dropped, so the client always gets the answer).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse } from 'msw';
import { createMockHandlers, type MockHandlers, type MockOptions } from './handlers.js';
import { errorResponse, requestContext } from './graph-protocol.js';
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

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

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
    req.on('end', () => resolve({ body: over ? Buffer.alloc(0) : Buffer.concat(chunks), over }));
    req.on('error', reject);
  });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = Buffer.from(await response.arrayBuffer());
  if (body.length > 0) headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}

async function bridge(mock: MockHandlers, origin: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', origin);
  const headers = toHeaders(req);
  const method = (req.method ?? 'GET').toUpperCase();
  const { body, over } = await readBody(req, mock.bodyLimit);
  const request = new Request(url, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' || body.length === 0 ? null : new Uint8Array(body),
  });
  if (over) {
    const ctx = requestContext(request, mock.basePath);
    await send(res, errorResponse(ctx, 'tooLarge', `The request body is larger than the mock's limit of ${mock.bodyLimit} bytes.`));
    return;
  }
  const response =
    (await getResponse(mock.handlers, request)) ??
    errorResponse(requestContext(request, mock.basePath), 'notFound', `The mock serves Graph paths under ${mock.basePath}/.`);
  await send(res, response);
}

/** Starts the mock on 127.0.0.1 (one per Playwright worker is the intended use). */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const mock = createMockHandlers(options);
  let origin = '';
  const server = createServer((req, res) => {
    bridge(mock, origin, req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`mock bridge failure: ${(e as Error).message}`);
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
    url: `${origin}${mock.basePath}`,
    origin,
    port,
    store: mock.store,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
