/**
 * npm run drift:diff -- A.json B.json [--json]
 *
 * Compares two drift reports (older first): added, removed and changed findings, matrix cells, run facts.
 * Exit 0: no difference; 1: differences (printed); 2: bad input (a file missing, not a drift report).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { diffReports, formatDiff, isEmptyDiff } from './diff.js';
import { readReport } from './validate-report.js';

const USAGE = 'usage: npm run drift:diff -- OLD.json NEW.json [--json]   (e.g. last-run/drift.json reports/drift.json)';

export function main(argv: string[]): number {
  let parsed: { values: { json?: boolean; help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    console.error(`drift:diff: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  const [a, b, ...rest] = parsed.positionals;
  if (!a || !b || rest.length) {
    console.error(`drift:diff: give exactly two drift.json files (got ${parsed.positionals.length}).\n${USAGE}`);
    return 2;
  }
  try {
    const diff = diffReports(readReport(resolve(a)), readReport(resolve(b)));
    console.log(parsed.values.json ? JSON.stringify(diff, null, 2) : formatDiff(diff, { a, b }));
    return isEmptyDiff(diff) ? 0 : 1;
  } catch (e) {
    console.error(`drift:diff: ${(e as Error).message}`);
    return 2;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(main(process.argv.slice(2)));
