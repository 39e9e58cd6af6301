/**
 * A Graph-like server on http://127.0.0.1 that is the embedded mock (or any upstream) except where a test makes it
 * deviate: every request is forwarded as is, and a deviation may answer in its place or rewrite the answer. The
 * semantic checks' tests use it for services that are wrong in one way only: a PATCH that stores nothing, readOnly
 * values echoed, a child operation on a deleted parent that succeeds.
 *
 *   const proxy = await startDeviatingProxy(mock.url, [forgetfulPatch(/\/deviceStates\//)]);
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './fake-graph.js';

export interface ProxyRequest {
  method: string;
  /** Path below the version root, with the query. */
  path: string;
  headers: Record<string, string>;
  bodyText: string;
  body: unknown;
}

export interface ProxyAnswer {
  status: number;
  headers: Record<string, string>;
  bodyText: string;
}

/** Answers in place of the upstream (using `forward` or not), or returns undefined to let the next one decide. */
export type Deviation = (req: ProxyRequest, forward: (req: ProxyRequest) => Promise<ProxyAnswer>) => Promise<ProxyAnswer | undefined>;

export interface DeviatingProxy {
  /** Version root, e.g. http://127.0.0.1:41234/beta. */
  url: string;
  /** How many requests each deviation answered, by index. */
  hits: number[];
  close(): Promise<void>;
}

const parse = (text: string): unknown => {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
};

/** The answer with a new JSON body (content-length dropped: the server sets it). */
export function withBody(answer: ProxyAnswer, body: unknown, status = answer.status): ProxyAnswer {
  const { 'content-length': _, ...headers } = answer.headers;
  return { status, headers: { ...headers, 'content-type': 'application/json' }, bodyText: JSON.stringify(body) };
}

export async function startDeviatingProxy(upstream: string, deviations: Deviation[]): Promise<DeviatingProxy> {
  const root = new URL(upstream);
  const hits = deviations.map(() => 0);
  // Like any reverse proxy, links in the upstream's answers (@odata.nextLink, @odata.context) name the proxy.
  let ownOrigin = root.origin;
  const forward = async (req: ProxyRequest): Promise<ProxyAnswer> => {
    const { host: _h, connection: _c, 'content-length': _l, ...headers } = req.headers;
    const res = await fetch(`${upstream.replace(/\/$/, '')}${req.path}`, {
      method: req.method,
      headers,
      ...(req.bodyText !== '' ? { body: req.bodyText } : {}),
    });
    const out: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      if (k !== 'content-length' && k !== 'connection' && k !== 'keep-alive' && k !== 'transfer-encoding') out[k] = v;
    });
    return { status: res.status, headers: out, bodyText: (await res.text()).split(root.origin).join(ownOrigin) };
  };
  const server = createServer((req, res) => {
    void (async () => {
      const bodyText = await readBody(req);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      const url = req.url ?? '/';
      const path = url.startsWith(root.pathname) ? url.slice(root.pathname.replace(/\/$/, '').length) : url;
      const request: ProxyRequest = { method: req.method ?? 'GET', path, headers, bodyText, body: parse(bodyText) };
      let answer: ProxyAnswer | undefined;
      for (const [i, deviation] of deviations.entries()) {
        answer = await deviation(request, forward);
        if (answer) {
          hits[i] = (hits[i] ?? 0) + 1;
          break;
        }
      }
      answer ??= await forward(request);
      res.writeHead(answer.status, answer.headers);
      res.end(answer.bodyText);
    })().catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy error: ${String(e)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  ownOrigin = `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}${root.pathname.replace(/\/$/, '')}`,
    hits,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const POOL_ITEM = /^\/deviceManagement\/embeddedSIMActivationCodePools\/([^/?]+)/;

/** A PATCH matching `path` is answered as if it succeeded (200 with the object as it was): nothing is stored. */
export function forgetfulPatch(path: RegExp): Deviation {
  return async (req, forward) => {
    if (req.method !== 'PATCH' || !path.test(req.path)) return undefined;
    const read = await forward({ ...req, method: 'GET', bodyText: '', body: undefined });
    if (read.status !== 200) return read;
    return withBody(read, JSON.parse(read.bodyText), 200);
  };
}

/** A create or update answered with every property the client sent copied over the answer (id excepted). */
export function echoSentValues(): Deviation {
  return async (req, forward) => {
    if ((req.method !== 'POST' && req.method !== 'PATCH') || req.path.endsWith('/assign')) return undefined;
    const answer = await forward(req);
    const body = parse(answer.bodyText);
    const sent = req.body;
    if (answer.status >= 300 || !body || typeof body !== 'object' || !sent || typeof sent !== 'object') return answer;
    const echoed = { ...(body as Record<string, unknown>) };
    for (const [k, v] of Object.entries(sent as Record<string, unknown>)) if (k !== 'id' && k in echoed) echoed[k] = v;
    return withBody(answer, echoed);
  };
}

/**
 * After a pool is deleted, a create under it (an assignment, a device state) succeeds anyway, as a service that does
 * not check the parent would answer: the proxy makes the child under a scratch pool upstream and hands back that
 * (well-formed) 201, then deletes the scratch pool. Nothing else about the answer is wrong.
 */
export function childOfDeletedParentSucceeds(): Deviation {
  const deleted = new Set<string>();
  const pools = '/deviceManagement/embeddedSIMActivationCodePools';
  /** The body of the last pool created through the proxy: the scratch pool is made from it. */
  let poolBody = '';
  return async (req, forward) => {
    if (req.method === 'POST' && req.path === pools) poolBody = req.bodyText;
    const pool = POOL_ITEM.exec(req.path)?.[1]?.toLowerCase();
    if (!pool) return undefined;
    const depth = req.path.split('?')[0]?.split('/').length ?? 0;
    if (req.method === 'DELETE' && depth === 4) {
      const answer = await forward(req);
      if (answer.status === 204) deleted.add(pool);
      return answer;
    }
    if (req.method !== 'POST' || depth !== 5 || !deleted.has(pool) || req.path.endsWith('/assign')) return undefined;
    const scratch = await forward({ ...req, path: pools, bodyText: poolBody, body: JSON.parse(poolBody) });
    const scratchId = (JSON.parse(scratch.bodyText) as { id: string }).id;
    const answer = await forward({ ...req, path: req.path.replace(POOL_ITEM, `${pools}/${scratchId}`) });
    await forward({ ...req, method: 'DELETE', path: `${pools}/${scratchId}`, bodyText: '', body: undefined });
    return answer;
  };
}

/**
 * A list that is right on its first page and wrong from page two on: every page fetched through an
 * `@odata.nextLink` (`$skiptoken` in the query) repeats the first item of the page before it.
 */
export function repeatOnLaterPages(): Deviation {
  const lastFirst = new Map<string, unknown>();
  return async (req, forward) => {
    if (req.method !== 'GET') return undefined;
    const [path = '', query = ''] = req.path.split('?');
    const answer = await forward(req);
    const body = parse(answer.bodyText) as { value?: unknown[] } | undefined;
    if (answer.status !== 200 || !Array.isArray(body?.value)) return answer;
    const previous = lastFirst.get(path);
    if (body.value.length) lastFirst.set(path, body.value[0]);
    if (!new URLSearchParams(query).has('$skiptoken') || previous === undefined) return answer;
    return withBody(answer, { ...body, value: [previous, ...body.value] });
  };
}
