/**
 * Request bodies for people, as JSON on stdout:
 *
 *   npx tsx generators/payloads/cli.ts <operationId> [--seed N] [--count N] [--all] [--run-tag TAG] [--invalid] [--types]
 *
 * The seed defaults to FAKER_SEED, else the fixed default; a seed printed by a failing run replays its bodies.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadContracts } from '../../contracts/load.js';
import { invalidSuite } from './invalid.js';
import { baseSeed, caseSeed, FAKER_SEED_VARIABLE } from './seeds.js';
import { concreteTypes, operationsWithBodies } from './source.js';
import { applicableStrategies, strategyCase } from './strategies/index.js';
import { validBody } from './valid.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const USAGE = `Usage: npx tsx generators/payloads/cli.ts <operationId> [options]

Prints request bodies generated from contracts/ as JSON.

Options:
  --seed N       seed (whole number 0..4294967295); default ${FAKER_SEED_VARIABLE} or the built-in default
  --count N      N bodies, each with its own seed derived from --seed: [{ "seed": ..., "body": ... }]
  --all          include every writable property (default: optional ones at random)
  --run-tag TAG  prefix display names with TAG (live runs use conformance-<runId>-)
  --invalid      the invalid cases instead: { base, cases: [{ name, rule, pointer, description, body }], acceptedBySchema }
  --types        the concrete types the body's polymorphic values can take
  --strategy S   an exploration strategy's body instead (with --round N, default 0): what a failing explore case sent;
                 --strategy list names the strategies that apply to the operation
  --help         this text`;

interface Args {
  op: string | null;
  seed: number | null;
  count: number | null;
  all: boolean;
  runTag: string;
  invalid: boolean;
  types: boolean;
  strategy: string | null;
  round: number;
  help: boolean;
}

function wholeNumber(flag: string, raw: string | undefined, max: number): number {
  if (raw === undefined || !/^[0-9]+$/.test(raw) || Number(raw) > max) {
    const got = raw === undefined ? 'nothing' : JSON.stringify(raw);
    throw new Error(`${flag} needs a whole number from 0 to ${max}, got ${got}`);
  }
  return Number(raw);
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    op: null,
    seed: null,
    count: null,
    all: false,
    runTag: '',
    invalid: false,
    types: false,
    strategy: null,
    round: 0,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--seed') args.seed = wholeNumber('--seed', argv[++i], 0xffffffff);
    else if (a === '--count') args.count = wholeNumber('--count', argv[++i], 10000);
    else if (a === '--all') args.all = true;
    else if (a === '--run-tag') {
      const tag = argv[++i];
      if (tag === undefined) throw new Error('--run-tag needs a value, e.g. --run-tag conformance-local-');
      args.runTag = tag;
    } else if (a === '--invalid') args.invalid = true;
    else if (a === '--types') args.types = true;
    else if (a === '--strategy') {
      const name = argv[++i];
      if (name === undefined) throw new Error('--strategy needs a name, e.g. --strategy unicode-text (or --strategy list)');
      args.strategy = name;
    } else if (a === '--round') args.round = wholeNumber('--round', argv[++i], 100000);
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a.startsWith('-')) throw new Error(`Unknown option ${a}. Run with --help for the options.`);
    else if (args.op === null) args.op = a;
    else throw new Error(`One operation id at a time (got "${args.op}" and "${a}")`);
  }
  return args;
}

export function runCli(argv: string[], env: Record<string, string | undefined> = process.env): CliResult {
  const json = (v: unknown): CliResult => ({ code: 0, stdout: `${JSON.stringify(v, null, 2)}\n`, stderr: '' });
  try {
    const args = parseArgs(argv);
    const contracts = loadContracts();
    if (args.help || args.op === null) {
      const ops = `Operations with a request body:\n  ${operationsWithBodies(contracts).join('\n  ')}\n`;
      const text = `${USAGE}\n\n${ops}`;
      return args.help ? { code: 0, stdout: text, stderr: '' } : { code: 2, stdout: '', stderr: text };
    }
    const op = args.op;
    const seed = args.seed ?? baseSeed(env);
    if (args.types) return json(concreteTypes(op, contracts));
    if (args.invalid) return json(invalidSuite(op, { seed, contracts, runTag: args.runTag }));
    if (args.strategy === 'list')
      return json(applicableStrategies(op, contracts).map((s) => ({ name: s.name, kind: s.kind, description: s.description })));
    if (args.strategy !== null) {
      const c = strategyCase(op, args.strategy, { seed, round: args.round, contracts, runTag: args.runTag });
      if (!c)
        throw new Error(
          `strategy ${args.strategy} has nothing to do for ${op} with seed ${seed}; --strategy list shows the ones that apply`,
        );
      return json(c);
    }
    const options = { contracts, runTag: args.runTag, optional: args.all ? ('all' as const) : ('random' as const) };
    if (args.count === null) return json(validBody(op, { ...options, seed }));
    return json(
      Array.from({ length: args.count }, (_, i) => {
        const s = caseSeed(seed, `${op}#valid-${i}`);
        return { seed: s, body: validBody(op, { ...options, seed: s }) };
      }),
    );
  } catch (e) {
    return { code: 1, stdout: '', stderr: `payloads: ${(e as Error).message}\n` };
  }
}

const invokedDirectly = (() => {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  const result = runCli(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
