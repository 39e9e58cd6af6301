/**
 * `npm run mock -- [--port N] [--contracts DIR] [--fault SPEC]... [--body-limit BYTES]`
 * Serves the mock on 127.0.0.1, prints its URL (Graph paths under /beta), and stops on Ctrl-C.
 */
import { loadContracts } from '../contracts/load.js';
import { parseArgs, USAGE, UsageError } from './cli-args.js';
import { startMockServer } from './http-server.js';

async function main(): Promise<void> {
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const contracts = loadContracts(typeof options.contracts === 'string' ? options.contracts : undefined);
  if (contracts.operations.length === 0) {
    console.error(`${contracts.dir}/operations holds no operations. Generate them with \`npm run contracts:extract\`.`);
    process.exit(1);
  }
  const server = await startMockServer({ ...options, contracts });
  const ops = contracts.operations;
  console.log(`Graph eSIM mock listening on ${server.url}`);
  console.log(`${ops.length} operations from ${contracts.dir} (paths relative to that URL):`);
  const order = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];
  const sorted = [...ops].sort((a, b) => a.path.localeCompare(b.path) || order.indexOf(a.method) - order.indexOf(b.method));
  for (const op of sorted) console.log(`  ${op.method.padEnd(6)} ${op.path}`);
  console.log('Press Ctrl-C to stop.');
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`mock: ${(e as Error).message}`);
  process.exit(1);
});
