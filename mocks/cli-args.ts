/**
 * The command line of `npm run mock`: flags to MockServerOptions, with a usage text for mistakes.
 */
import { parseFaults, FaultSpecError, type Fault } from './faults.js';
import type { MockServerOptions } from './http-server.js';

export const USAGE = `Usage: npm run mock -- [--port N] [--contracts DIR] [--fault SPEC]... [--body-limit BYTES]

  --port N            port on 127.0.0.1 (default 4010; 0 picks a free port)
  --contracts DIR     contracts folder to serve (default: the repository's contracts/)
  --fault SPEC        standing fault for every request, e.g. throttle;retry-after=0.5  unavailable;count=2
                      slow;ms=200  patch-204  patch-204;op=updateEmbeddedSIMActivationCodePool
                      (repeatable; per request use the x-mock-fault header instead)
  --body-limit BYTES  largest accepted request body (default 1048576)
  --page-size N       most items a list page holds before @odata.nextLink (default 1000)

Requests need "Authorization: Bearer <any token>"; each token (or x-mock-tenant header) is its own tenant.`;

export class UsageError extends Error {
  override name = 'UsageError';
}

function integer(flag: string, value: string | undefined, max: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 0 || n > max) {
    throw new UsageError(`${flag} needs an integer from 0 to ${max}; got ${value === undefined ? 'nothing' : `"${value}"`}.`);
  }
  return n;
}

export function parseArgs(argv: string[]): MockServerOptions & { help?: boolean } {
  const options: MockServerOptions & { help?: boolean } = { port: 4010 };
  const faults: Fault[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag = '', inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--port':
        options.port = integer('--port', value(), 65535);
        break;
      case '--contracts':
        options.contracts = value() ?? '';
        if (options.contracts === '') throw new UsageError('--contracts needs a folder.');
        break;
      case '--fault':
        try {
          faults.push(...parseFaults(value() ?? '', '--fault'));
        } catch (e) {
          if (e instanceof FaultSpecError) throw new UsageError(e.message);
          throw e;
        }
        break;
      case '--body-limit':
        options.bodyLimit = integer('--body-limit', value(), Number.MAX_SAFE_INTEGER);
        break;
      case '--page-size':
        options.pageSize = integer('--page-size', value(), 1_000_000);
        if (options.pageSize === 0) throw new UsageError('--page-size needs an integer from 1 to 1000000; got "0".');
        break;
      case '-h':
      case '--help':
        options.help = true;
        break;
      default:
        throw new UsageError(`Unknown argument "${arg}".`);
    }
  }
  if (faults.length > 0) options.faults = faults;
  return options;
}
