/**
 * A small Graph-like server on http://127.0.0.1 for the live-target tests: any collection under /beta can be listed
 * (paged with @odata.nextLink), created in, and its items read, patched and deleted (a delete takes the children);
 * `POST …/assign` replaces the `assignments` children. It checks bearer tokens (missing -> 401, a JWT whose exp has
 * passed -> 401 "expired"), answers with request-id, client-request-id and date headers, logs every request, and
 * plays faults: answer a status (429 with Retry-After, 503, …) without processing, or process and then answer a
 * status or drop the connection (the response is lost).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GraphRequestLog {
  method: string;
  /** Path below /beta, with the query. */
  path: string;
  authorization: string | null;
  clientRequestId: string | null;
  body: unknown;
}

export interface Fault {
  method?: string;
  /** Path below /beta starts with this (query ignored). */
  pathPrefix?: string;
  /** How many matching requests it applies to. Default 1. */
  times?: number;
  /** respond: answer `status` without processing. process-then-status: process, then answer `status`. process-then-drop: process, then destroy the socket. */
  kind?: 'respond' | 'process-then-status' | 'process-then-drop';
  status?: number;
  retryAfter?: string;
  body?: unknown;
}

export interface FakeGraphOptions {
  /** Items per list page. Default 50. */
  pageSize?: number;
  /** Extra token check: return an error message to answer 401 with. */
  checkToken?: (token: string) => string | null;
  /** A body check run before a create: return [status, message] to refuse it (e.g. echo a value in the message). */
  rejectBody?: (body: unknown, path: string) => [number, string] | null;
}

export interface FakeGraph {
  /** Version root, e.g. http://127.0.0.1:41234/beta. */
  url: string;
  log: GraphRequestLog[];
  writes(): GraphRequestLog[];
  faults: Fault[];
  /** Objects of a collection (path below /beta), in creation order. */
  objects(collection: string): Record<string, unknown>[];
  /** Puts an object in a collection as if created earlier; returns it. */
  seed(collection: string, object: Record<string, unknown>): Record<string, unknown>;
  close(): Promise<void>;
}

const ROOT = '/beta';

/** The whole body of a request, as UTF-8 text (the fakes' servers read bodies this way). */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function jwtExp(token: string): number | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const exp = (JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : null;
  } catch {
    return null;
  }
}

export async function startFakeGraph(opts: FakeGraphOptions = {}): Promise<FakeGraph> {
  const pageSize = opts.pageSize ?? 50;
  /** path of item -> object; insertion order is creation order. */
  const items = new Map<string, Record<string, unknown>>();
  const log: GraphRequestLog[] = [];
  const faults: Fault[] = [];
  let origin = '';

  const childrenOf = (collection: string): [string, Record<string, unknown>][] =>
    [...items.entries()].filter(([p]) => p.slice(0, p.lastIndexOf('/')) === collection);

  const create = (collection: string, body: Record<string, unknown>): Record<string, unknown> => {
    const id = randomUUID();
    const now = new Date().toISOString();
    const object = { '@odata.type': '#microsoft.graph.fakeEntity', ...body, id, createdDateTime: now, modifiedDateTime: now };
    items.set(`${collection}/${id}`, object);
    return object;
  };

  const removeTree = (path: string): void => {
    for (const p of [...items.keys()]) if (p === path || p.startsWith(`${path}/`)) items.delete(p);
  };

  const send = (res: ServerResponse, req: IncomingMessage, status: number, body: unknown, extra: Record<string, string> = {}): void => {
    const headers: Record<string, string> = {
      'request-id': randomUUID(),
      date: new Date().toUTCString(),
      ...extra,
    };
    const crid = req.headers['client-request-id'];
    if (typeof crid === 'string') headers['client-request-id'] = crid;
    if (body === undefined) {
      res.writeHead(status, headers);
      res.end();
      return;
    }
    res.writeHead(status, { ...headers, 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const error = (code: string, message: string): unknown => ({ error: { code, message, innerError: { date: new Date().toISOString() } } });

  /** The operation itself; returns [status, body]. */
  const process_ = (method: string, path: string, query: URLSearchParams, body: unknown): [number, unknown] => {
    if (method === 'POST' && path.endsWith('/assign')) {
      const parent = path.slice(0, -'/assign'.length);
      if (!items.has(parent)) return [404, error('ResourceNotFound', `no object at ${parent}`)];
      const collection = `${parent}/assignments`;
      for (const [p] of childrenOf(collection)) items.delete(p);
      const list = ((body as { assignments?: unknown[] } | undefined)?.assignments ?? []) as Record<string, unknown>[];
      return [200, { value: list.map((a) => create(collection, a)) }];
    }
    if (method === 'POST') {
      const parent = path.slice(0, path.lastIndexOf('/'));
      if (parent.split('/').length > 3 && !items.has(parent)) return [404, error('ResourceNotFound', `no object at ${parent}`)];
      const refused = opts.rejectBody?.(body, path);
      if (refused) return [refused[0], error('BadRequest', refused[1])];
      return [201, create(path, (body ?? {}) as Record<string, unknown>)];
    }
    const item = items.get(path);
    if (method === 'GET' && !item) {
      const all = childrenOf(path).map(([, o]) => o);
      const skip = Number(query.get('$skiptoken') ?? '0');
      const page = all.slice(skip, skip + pageSize);
      const next = skip + pageSize < all.length ? { '@odata.nextLink': `${origin}${ROOT}${path}?$skiptoken=${skip + pageSize}` } : {};
      return [200, { '@odata.context': `${origin}${ROOT}/$metadata#${path.slice(1)}`, value: page, ...next }];
    }
    if (!item) return [404, error('ResourceNotFound', `no object at ${path}`)];
    if (method === 'GET') return [200, item];
    if (method === 'PATCH') {
      Object.assign(item, body as Record<string, unknown>, { modifiedDateTime: new Date().toISOString() });
      return [204, undefined];
    }
    if (method === 'DELETE') {
      removeTree(path);
      return [204, undefined];
    }
    return [405, error('MethodNotAllowed', `${method} not supported by the fake`)];
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      const method = req.method ?? 'GET';
      const text = await readBody(req);
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      const path = url.pathname.startsWith(`${ROOT}/`) ? url.pathname.slice(ROOT.length) : url.pathname;
      const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : null;
      log.push({
        method,
        path: `${path}${url.search}`,
        authorization,
        clientRequestId: (req.headers['client-request-id'] as string | undefined) ?? null,
        body,
      });

      const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
      if (!token) return send(res, req, 401, error('InvalidAuthenticationToken', 'Access token is empty.'));
      const exp = jwtExp(token);
      if (exp !== null && exp * 1000 <= Date.now())
        return send(res, req, 401, error('InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.'));
      const refused = opts.checkToken?.(token);
      if (refused) return send(res, req, 401, error('InvalidAuthenticationToken', refused));

      const fault = faults.find(
        (f) => (f.times ?? 1) > 0 && (!f.method || f.method === method) && (!f.pathPrefix || path.startsWith(f.pathPrefix)),
      );
      if (fault) fault.times = (fault.times ?? 1) - 1;
      const extra: Record<string, string> = fault?.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {};
      if (fault && (fault.kind ?? 'respond') === 'respond') {
        return send(res, req, fault.status ?? 503, fault.body ?? error('ServiceUnavailable', 'fault injected by the fake'), extra);
      }
      const [status, out] = process_(method, path, url.searchParams, body);
      if (fault?.kind === 'process-then-drop') {
        res.socket?.destroy();
        return;
      }
      if (fault?.kind === 'process-then-status')
        return send(res, req, fault.status ?? 500, fault.body ?? error('InternalServerError', 'fault injected after processing'), extra);
      send(res, req, status, out);
    })().catch((e: unknown) => {
      if (!res.headersSent) send(res, req, 500, error('FakeError', String(e)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}${ROOT}`,
    log,
    writes: () => log.filter((l) => l.method !== 'GET' && l.method !== 'HEAD'),
    faults,
    objects: (collection) => childrenOf(collection).map(([, o]) => o),
    seed: (collection, object) => create(collection, object),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A clock for the live transport that moves only when something sleeps: a test sees every wait the transport asked
 * for (Retry-After, backoff, pacing) without waiting. `random` is fixed so backoff is reproducible.
 */
export interface FakeTiming {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
  sleeps: number[];
  advance(ms: number): void;
}

export function fakeTiming(start = Date.parse('2025-03-01T10:00:00Z'), random = 0.5): FakeTiming {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => random,
    sleeps,
    advance: (ms) => {
      now += ms;
    },
  };
}
