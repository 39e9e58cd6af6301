/**
 * A Graph-like service on 127.0.0.1 that is right about everything but one thing: a create or update whose
 * displayName holds a character outside ASCII is answered with a Graph 500 (as a service that mangles non-ASCII text
 * internally might). Everything else is forwarded to the embedded mock, so only that one deviation is there to find.
 * The exploration tests use it to show a generated failure found and shrunk to its smallest body.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockServer } from '../../mocks/http-server.js';

export interface NonAsciiFake {
  /** Version root, e.g. http://127.0.0.1:41234/beta. */
  url: string;
  /** Requests answered 500 (the deviation), requests in all, objects created (201s). */
  counts: { failed: number; total: number; created: number };
  /** ICCIDs and matching identifiers (8 characters or more) it was sent: secrets a live run must never write out. */
  codes: Set<string>;
  close(): Promise<void>;
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (text += d));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

/** The deviation: a displayName with a non-ASCII character. */
export function mangles(text: string): boolean {
  try {
    const body = JSON.parse(text) as { displayName?: unknown };
    return typeof body?.displayName === 'string' && /[^\x00-\x7f]/.test(body.displayName);
  } catch {
    return false;
  }
}

export async function startNonAsciiFake(): Promise<NonAsciiFake> {
  const mock = await startMockServer({ port: 0 });
  const counts = { failed: 0, total: 0, created: 0 };
  const codes = new Set<string>();
  const collect = (text: string): void => {
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          if ((k === 'integratedCircuitCardIdentifier' || k === 'matchingIdentifier') && typeof x === 'string' && x.length >= 8)
            codes.add(x);
          else walk(x);
        }
    };
    try {
      walk(JSON.parse(text));
    } catch {
      // not JSON: nothing to collect
    }
  };
  const server = createServer((req, res) => {
    void (async () => {
      counts.total++;
      const text = await read(req);
      collect(text);
      if ((req.method === 'POST' || req.method === 'PATCH') && mangles(text)) {
        counts.failed++;
        const id = randomUUID();
        const body = JSON.stringify({
          error: {
            code: 'InternalServerError',
            message: 'An internal server error occurred.',
            innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': id, 'client-request-id': id },
          },
        });
        res.writeHead(500, {
          'content-type': 'application/json',
          'request-id': id,
          'client-request-id': String(req.headers['client-request-id'] ?? id),
        });
        res.end(body);
        return;
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(
          (e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'host' && e[0] !== 'content-length',
        ),
      );
      const answer = await fetch(`${mock.origin}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        ...(text === '' ? {} : { body: text }),
      });
      const out = Buffer.from(await answer.arrayBuffer());
      const back: Record<string, string> = {};
      answer.headers.forEach((v, k) => {
        if (k !== 'content-length' && k !== 'transfer-encoding' && k !== 'connection' && k !== 'keep-alive') back[k] = v;
      });
      if (answer.status === 201) counts.created++;
      res.writeHead(answer.status, back);
      res.end(out);
    })().catch((e: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  // The mock's @odata.context URLs name its own origin; the checks do not compare origins.
  return {
    url: `http://127.0.0.1:${port}/beta`,
    counts,
    codes,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await mock.close();
    },
  };
}
