/**
 * A Graph-like fake that counts what a live run makes: an HTTP server on 127.0.0.1 in front of the embedded mock,
 * forwarding every request as is and counting the objects the mock made (a POST answered 201 with an id) and the
 * ones deleted (a DELETE answered 2xx). `alive` is made minus deleted below the pool collection: what a run left.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockServer, type MockServer } from '../../mocks/index.js';

export interface CountingFake {
  /** The version root to give GRAPH_BASE_URL. */
  url: string;
  mock: MockServer;
  /** Paths of the objects made (collection path + id), in order. */
  made: string[];
  /** Paths deleted. */
  deleted: string[];
  /** Objects made and not deleted (nor under a deleted parent). */
  alive(): string[];
  close(): Promise<void>;
}

export async function startCountingFake(): Promise<CountingFake> {
  const mock = await startMockServer({ port: 0 });
  const made: string[] = [];
  const deleted: string[] = [];
  const forward = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const upstream = request({ host: '127.0.0.1', port: mock.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
        const parts: Buffer[] = [];
        up.on('data', (c: Buffer) => parts.push(c));
        up.on('end', () => {
          const answer = Buffer.concat(parts);
          if (req.method === 'POST' && up.statusCode === 201) {
            try {
              const id = (JSON.parse(answer.toString('utf8')) as { id?: unknown }).id;
              if (typeof id === 'string') made.push(`${path}/${id}`);
            } catch {
              // not JSON: nothing made that we can name
            }
          }
          if (req.method === 'DELETE' && (up.statusCode ?? 500) < 300) deleted.push(path);
          res.writeHead(up.statusCode ?? 502, up.headers);
          res.end(answer);
        });
      });
      upstream.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      upstream.end(body);
    });
  };
  const server = createServer(forward);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const versionPath = new URL(mock.url).pathname;
  return {
    url: `http://127.0.0.1:${port}${versionPath}`,
    mock,
    made,
    deleted,
    alive: () => made.filter((m) => !deleted.some((d) => m === d || m.startsWith(`${d}/`))),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await mock.close();
    },
  };
}
