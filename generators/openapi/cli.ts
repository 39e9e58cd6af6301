/**
 * `npm run contracts:openapi [-- --out FILE] [--contracts DIR] [--server URL]...`
 * Writes the OpenAPI 3.1 document of the contracts (default reports/openapi.json) for Prism, Schemathesis, Postman
 * and the like.
 */
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContracts } from '../../contracts/load.js';
import { buildOpenApi, type ServerEntry } from './document.js';
import { OFFICIAL_SCHEMA_ID, openApiProblems } from './validate.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_OUT = join(REPO, 'reports', 'openapi.json');

const USAGE = `Usage: npm run contracts:openapi -- [--out FILE] [--contracts DIR] [--server URL]...

Writes the OpenAPI 3.1 document of contracts/ (paths, schemas as components, security, success and error responses).

Options:
  --out FILE        where to write it (default reports/openapi.json)
  --contracts DIR   contracts folder (default: the repository's contracts/)
  --server URL      a server URL including the version root, e.g. http://127.0.0.1:4010/beta (repeatable; default:
                    https://graph.microsoft.com/<version> and the embedded mock on 127.0.0.1:4010)
  --help            this text`;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

interface Args {
  out: string;
  contracts: string | undefined;
  servers: ServerEntry[];
  help: boolean;
}

class UsageError extends Error {}

function parse(argv: readonly string[]): Args {
  const args: Args = { out: DEFAULT_OUT, contracts: undefined, servers: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value.`);
      return v;
    };
    switch (flag) {
      case '--out':
        args.out = resolve(value());
        break;
      case '--contracts':
        args.contracts = resolve(value());
        break;
      case '--server': {
        const url = value();
        try {
          new URL(url);
        } catch {
          throw new UsageError(`--server needs a URL such as http://127.0.0.1:4010/beta; got "${url}".`);
        }
        args.servers.push({ url: url.replace(/\/$/, ''), description: 'given with --server' });
        break;
      }
      case '-h':
      case '--help':
        args.help = true;
        break;
      default:
        throw new UsageError(`Unknown argument "${arg}".`);
    }
  }
  return args;
}

export function runCli(argv: readonly string[]): CliResult {
  let args: Args;
  try {
    args = parse(argv);
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, stdout: '', stderr: `${e.message}\n\n${USAGE}\n` };
    throw e;
  }
  if (args.help) return { code: 0, stdout: `${USAGE}\n`, stderr: '' };
  try {
    const contracts = loadContracts(args.contracts);
    const doc = buildOpenApi(contracts, args.servers.length > 0 ? { servers: args.servers } : {});
    mkdirSync(dirname(args.out), { recursive: true });
    writeFileSync(args.out, `${JSON.stringify(doc, null, 2)}\n`);
    const where = relative(process.cwd(), args.out) || args.out;
    const problems = openApiProblems(doc);
    if (problems.length > 0) {
      const list = problems
        .slice(0, 20)
        .map((p) => `  ${p.pointer}: ${p.message}`)
        .join('\n');
      return {
        code: 1,
        stdout: '',
        stderr: `contracts:openapi: ${where} was written but is not valid OpenAPI 3.1 (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${list}\nThis is a bug in generators/openapi (or a contract it does not handle yet).\n`,
      };
    }
    const paths = Object.keys(doc.paths as object).length;
    const schemas = Object.keys((doc.components as { schemas: object }).schemas).length;
    const ops = contracts.operations.length;
    return {
      code: 0,
      stdout: `OpenAPI ${String(doc.openapi)}: ${ops} operations on ${paths} paths, ${schemas} schemas -> ${where} (valid against ${OFFICIAL_SCHEMA_ID})\n`,
      stderr: '',
    };
  } catch (e) {
    return { code: 1, stdout: '', stderr: `contracts:openapi: ${(e as Error).message}\n` };
  }
}

const invoked = process.argv[1] ? realpathSync(resolve(process.argv[1])) : '';
if (invoked === realpathSync(fileURLToPath(import.meta.url))) {
  const result = runCli(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
