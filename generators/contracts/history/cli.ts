/**
 * npm run contracts:history -- --repo <clone of the Graph docs> [--since YYYY-MM-DD] [--out DIR]
 * Writes reports/doc-history.json (format: doc-history.schema.json beside this file) and reports/doc-history.md.
 */
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { InputError } from '../discover.js';
import { HistoryError } from './git.js';
import { buildHistory } from './history.js';
import { docHistoryMarkdown } from './report-md.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const USAGE = `usage: npm run contracts:history -- --repo <docs clone> [--since YYYY-MM-DD] [--out DIR] [--family REGEX --names GLOB]
  --repo   a git clone of the Graph docs (microsoft-graph-docs-contrib); only read, never checked out
  --since  only commits from this date on (YYYY-MM-DD or ISO 8601); compared with the state just before it
  --out    folder for doc-history.json and doc-history.md (default: reports/)
  --family pages of the family mention this regex (default: embeddedSIM)
  --names  git glob for the family's file names, any case, every spelling they had (default: **/*esim*)`;

export async function runHistoryCli(argv: string[], log: (line: string) => void = console.log): Promise<number> {
  let values: { repo?: string; since?: string; out?: string; family?: string; names?: string; help?: boolean };
  try {
    values = parseArgs({
      args: argv,
      options: {
        repo: { type: 'string' },
        since: { type: 'string' },
        out: { type: 'string' },
        family: { type: 'string' },
        names: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    console.error(`contracts:history: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    log(USAGE);
    return 0;
  }
  if (!values.repo) {
    console.error(`contracts:history: --repo is required: the clone of the Graph docs whose history to read.\n${USAGE}`);
    return 2;
  }
  try {
    let family: RegExp | undefined;
    try {
      family = values.family ? new RegExp(values.family) : undefined;
    } catch (e) {
      console.error(`contracts:history: --family ${JSON.stringify(values.family)} is not a regular expression: ${(e as Error).message}`);
      return 2;
    }
    const history = await buildHistory({ repo: values.repo, since: values.since ?? null, family, names: values.names, log });
    const out = resolve(values.out ?? join(REPO, 'reports'));
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'doc-history.json'), `${JSON.stringify(history, null, 2)}\n`);
    writeFileSync(join(out, 'doc-history.md'), docHistoryMarkdown(history));
    const changes = history.commits.reduce((n, c) => n + c.changes.length, 0);
    log(
      `${history.commits.length} commits, ${changes} contract changes -> ${relative(process.cwd(), join(out, 'doc-history.json'))}, doc-history.md`,
    );
    return 0;
  } catch (e) {
    if (e instanceof HistoryError || e instanceof InputError) {
      console.error(`contracts:history: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

const invoked = process.argv[1] ? realpathSync(resolve(process.argv[1])) : '';
if (invoked === realpathSync(fileURLToPath(import.meta.url))) {
  runHistoryCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`contracts:history: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      process.exit(2);
    },
  );
}
