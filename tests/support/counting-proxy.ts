/**
 * A Graph-like fake that counts what a live run makes: the embedded mock behind the deviating proxy
 * (tests/support/deviating-proxy.ts) with one deviation that changes nothing and counts the objects the mock made
 * (a POST to a collection answered 201 with an id) and the ones deleted (a DELETE answered 2xx). `alive` is made minus
 * deleted: what a run left.
 */
import { startMockServer, type MockServer } from '../../mocks/index.js';
import { type Deviation, startDeviatingProxy } from './deviating-proxy.js';

export interface CountingFake {
  /** The version root to give GRAPH_BASE_URL. */
  url: string;
  mock: MockServer;
  /** Paths of the objects made (collection path below the version root + id), in order. */
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
  const counting: Deviation = async (req, forward) => {
    const answer = await forward(req);
    const path = req.path.split('?')[0] ?? req.path;
    if (req.method === 'POST' && answer.status === 201 && !path.endsWith('/assign')) {
      try {
        const id = (JSON.parse(answer.bodyText) as { id?: unknown }).id;
        if (typeof id === 'string') made.push(`${path}/${id}`);
      } catch {
        // not JSON: nothing made that we can name
      }
    }
    if (req.method === 'DELETE' && answer.status < 300) deleted.push(path);
    return answer;
  };
  const proxy = await startDeviatingProxy(mock.url, [counting]);
  return {
    url: proxy.url,
    mock,
    made,
    deleted,
    alive: () => made.filter((m) => !deleted.some((d) => m === d || m.startsWith(`${d}/`))),
    close: async () => {
      await proxy.close();
      await mock.close();
    },
  };
}
