/**
 * A tiny Graph-like list server on 127.0.0.1 that pages a fixed collection of pools, correctly or with one fault of
 * its own: an item repeated on the next page, an item dropped, $select ignored, or a nextLink to another host. For
 * the tests of the paging walk (runner/query-walk.ts) and the query checks against a real HTTP exchange. It records
 * every request it gets, with the Authorization header, so a test can tell where the token went.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type PagingMode = 'correct' | 'repeat' | 'drop' | 'ignore-select' | 'off-host';

export interface FakePagingGraph {
  url: string;
  requests: { url: string; authorization: string | null }[];
  close(): Promise<void>;
}

export const FAKE_POOLS_PATH = '/deviceManagement/embeddedSIMActivationCodePools';

const pool = (n: number): Record<string, unknown> => ({
  '@odata.type': '#microsoft.graph.embeddedSIMActivationCodePool',
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  displayName: `Pool ${n}`,
  createdDateTime: `2025-07-01T10:00:0${n}Z`,
  modifiedDateTime: `2025-07-01T10:00:0${n}Z`,
  activationCodeCount: 1,
});

/** `size` pools, served `pageSize` a page (`$top` lowers it), with @odata.count when asked. */
export async function startFakePagingGraph(mode: PagingMode, size = 5, pageSize = 2): Promise<FakePagingGraph> {
  const all = Array.from({ length: size }, (_, i) => pool(i + 1));
  const requests: FakePagingGraph['requests'] = [];
  let origin = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    requests.push({ url: url.href, authorization: req.headers.authorization ?? null });
    const headers = {
      'content-type': 'application/json',
      'request-id': randomUUID(),
      'client-request-id': String(req.headers['client-request-id'] ?? ''),
    };
    if (url.pathname !== `/beta${FAKE_POOLS_PATH}`) {
      res.writeHead(404, headers).end(JSON.stringify({ error: { code: 'NotFound', message: 'no such path' } }));
      return;
    }
    const top = Number(url.searchParams.get('$top') ?? pageSize);
    const size_ = Math.min(top, pageSize);
    const start = Number(url.searchParams.get('$skiptoken') ?? '0');
    // repeat: each later page starts one item early; drop: the third pool is never served.
    const from = start > 0 && mode === 'repeat' ? start - 1 : start;
    const select = url.searchParams.get('$select');
    const value = all
      .slice(from, start + size_)
      .filter((p) => mode !== 'drop' || p !== all[2])
      .map((p) =>
        select && mode !== 'ignore-select'
          ? Object.fromEntries(Object.entries(p).filter(([k]) => k.startsWith('@') || select.split(',').includes(k)))
          : p,
      );
    const body: Record<string, unknown> = {
      '@odata.context': `${origin}/beta/$metadata#deviceManagement/embeddedSIMActivationCodePools`,
      value,
    };
    if (url.searchParams.get('$count') === 'true') body['@odata.count'] = all.length;
    if (start + size_ < all.length) {
      const next = new URL(url.href);
      next.searchParams.set('$skiptoken', String(start + size_));
      if (mode === 'off-host') next.host = `localhost:${next.port}`;
      body['@odata.nextLink'] = next.href;
    }
    res.writeHead(200, headers).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/beta`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
