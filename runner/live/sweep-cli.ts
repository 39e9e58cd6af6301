/**
 * npm run sweep [-- --yes] [-- --run <runId>]
 * Finds objects a live run left behind (displayName starting with `conformance-`) in the tenant the live settings
 * point at (the same variables as a live run: GRAPH_CLOUD, GRAPH_BASE_URL, GRAPH_AUTH, AZURE_*, GRAPH_ACCESS_TOKEN)
 * and prints them; with --yes deletes them. Nothing without the prefix is ever deleted.
 */
import { LiveConfigError, refusalOf } from './errors.js';
import { createLiveTarget } from './live-target.js';
import { redactLiveText } from './secrets.js';
import { sweep, SweepError } from './sweep.js';

const USAGE = `usage: npm run sweep [-- --yes] [-- --run <runId>]
  (no option)   list what carries the prefix conformance- and would be deleted (dry run)
  --yes         delete it
  --run <id>    only objects of run <id> (prefix conformance-<id>-)
The tenant, cloud and sign-in come from the same variables as a live run (see README: live runs).`;

function parseArgs(argv: string[]): { yes: boolean; runId?: string } {
  const out: { yes: boolean; runId?: string } = { yes: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--yes' || a === '-y') out.yes = true;
    else if (a === '--run') {
      const v = argv[++i];
      if (!v) throw new LiveConfigError(`--run needs a run id.\n${USAGE}`);
      out.runId = v;
    } else if (a.startsWith('--run=')) out.runId = a.slice('--run='.length);
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new LiveConfigError(`unknown option ${a}\n${USAGE}`);
  }
  return out;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const log = (l: string): void => void process.stdout.write(`${redactLiveText(l)}\n`);
  if (args.yes && /^(1|true|yes)$/i.test(process.env.GRAPH_READ_ONLY ?? '')) {
    throw new LiveConfigError(
      'GRAPH_READ_ONLY=1 and --yes: a read-only sweep cannot delete. Unset GRAPH_READ_ONLY, or drop --yes for a dry run.',
    );
  }
  const target = await createLiveTarget(process.env, {
    signals: false,
    writeStats: false,
    log: (l) => process.stderr.write(`${redactLiveText(l)}\n`),
  });
  try {
    log(
      `sweeping ${target.info.baseUrl} (cloud ${target.info.cloud}, tenant ${target.info.tenantId ?? 'unknown'})${args.yes ? '' : ' - dry run'}`,
    );
    const result = await sweep(target.send, target.contracts.operations, {
      yes: args.yes,
      ...(args.runId ? { runId: args.runId } : {}),
      log,
    });
    return result.failed.length ? 1 : 0;
  } finally {
    await target.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const refusal = refusalOf(e);
    const known = e instanceof LiveConfigError || e instanceof SweepError || refusal;
    process.stderr.write(
      `sweep: ${redactLiveText(refusal ? refusal.skipReason : known ? (e as Error).message : String((e as Error).stack ?? e))}\n`,
    );
    process.exit(2);
  },
);
