/**
 * The EXPERIMENT servers of the throughput rows: the embedded mock exactly as `npm run mock` serves it, with one of
 * the dispatch experiments of bench/msw-dispatch.ts installed. Prints the same "listening on" line as mocks/cli.ts.
 * `node --import tsx bench/experiment-mock.ts prefilter|direct`
 */
import { startMockServer } from '../mocks/http-server.js';
import { installDispatch, type DispatchExperiment } from './msw-dispatch.js';

async function main(kind: string | undefined): Promise<void> {
  if (kind !== 'prefilter' && kind !== 'direct') throw new Error('usage: experiment-mock.ts prefilter|direct');
  installDispatch(kind satisfies DispatchExperiment);
  const server = await startMockServer({ port: 0 });
  console.log(`Graph eSIM mock (${kind} dispatch: bench experiment) listening on ${server.url}`);
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv[2]).catch((e: unknown) => {
  console.error(`experiment mock: ${(e as Error).message}`);
  process.exit(1);
});
