/**
 * npm run contracts:extract [-- --docs DIR_OR_FILE[@YYYY-MM-DD] ... --metadata DIR | --no-metadata --out DIR --allow-partial]
 * npm run contracts:check   [-- same options]
 *
 * extract: reads the docs and writes contracts/ (operations, schemas, doc-findings.json), removing files the docs
 *          no longer give. check: extracts in memory and fails, naming each stale file and the first difference.
 * Both fail (exit 1, writing nothing) when a page of the family cannot be read, naming the file, line and reason;
 * --allow-partial turns that into a warning and keeps the other revisions' or the checked-in contract.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CONTRACTS_DIR } from '../../contracts/load.js';
import { extractContracts, type ExtractResult } from './extract.js';
import { DEFAULT_DOCS, DEFAULT_METADATA } from './shared-location.js';
import { compareWithDisk, generatedFilesIn } from './staleness.js';

const USAGE = `usage: contracts:extract | contracts:check [--docs PATH[@YYYY-MM-DD] ...] [--metadata DIR | --no-metadata] [--out DIR] [--allow-partial]
  --docs      doc folder or file; repeatable (default: ../shared/seeds and ../shared/graph-docs);
              @YYYY-MM-DD dates every page of it (for pages without ms.date, sitemap or commit date)
  --allow-partial  a page of the family that cannot be read is a warning, not a failure
  --family    regular expression choosing the pages of folders (default: embeddedSIM)
  --metadata  folder with beta_metadata-<date>.xml and the type mappings (default: ../shared/graph-metadata)
  --out       contracts folder (default: contracts/)`;

function summary(r: ExtractResult, out: string, allowPartial: boolean): string {
  const byRule = new Map<string, number>();
  for (const f of r.findings) byRule.set(`${f.kind}:${f.rule}`, (byRule.get(`${f.kind}:${f.rule}`) ?? 0) + 1);
  const lines = [
    `${r.pages} pages -> ${r.operations.length} operations, ${r.schemas.size} schemas, ${r.findings.length} doc findings (${relative(process.cwd(), join(out, 'doc-findings.json'))})`,
    `metadata: ${r.metadata.length ? r.metadata.join(', ') : 'none (no patterns or nullability from the CSDL, no doc-vs-metadata findings)'}`,
    ...[...byRule.entries()].sort().map(([k, n]) => `  ${String(n).padStart(3)}  ${k}`),
  ];
  if (r.broken.length) {
    lines.push(`${allowPartial ? 'WARNING: ' : ''}pages that could not be read (${r.broken.length}):`);
    for (const b of r.broken) lines.push(`  ${b.file}:${b.line}: ${b.reason}\n      kept: ${b.kept}`);
  }
  if (r.skipped.length) {
    lines.push(`skipped or partly read (${r.skipped.length}):`);
    for (const s of r.skipped) lines.push(`  ${s.file}:${s.line}: ${s.reason}`);
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      docs: { type: 'string', multiple: true },
      metadata: { type: 'string' },
      'no-metadata': { type: 'boolean' },
      out: { type: 'string' },
      'allow-partial': { type: 'boolean' },
      family: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || (command !== 'extract' && command !== 'check')) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const out = resolve(values.out ?? CONTRACTS_DIR);
  const result = await extractContracts({
    docs: values.docs ?? DEFAULT_DOCS,
    metadataDir: values['no-metadata'] ? null : (values.metadata ?? DEFAULT_METADATA),
    previous: out,
    ...(values.family ? { family: new RegExp(values.family, 'i') } : {}),
  });
  const allowPartial = values['allow-partial'] === true;
  console.log(summary(result, out, allowPartial));
  if (result.broken.length && !allowPartial) {
    console.error(
      `contracts:${command}: ${result.broken.length} page(s) of the family could not be read (listed above); nothing was ${command === 'extract' ? 'written' : 'compared'}. ` +
        'Fix or restore those pages, or pass --allow-partial to go on with the other revisions or the checked-in contracts.',
    );
    return 1;
  }

  if (command === 'check') {
    const stale = compareWithDisk(result.files, out);
    if (stale.length === 0) {
      console.log(`contracts:check: ${result.files.size} files in ${relative(process.cwd(), out) || '.'} match the docs`);
      return 0;
    }
    console.error(`contracts:check: ${stale.length} file(s) in ${out} are stale:`);
    for (const s of stale) console.error(`  ${s.problem.padEnd(7)} ${s.file}: ${s.detail}`);
    console.error('Run `npm run contracts:extract` and review the diff (git diff contracts/).');
    return 1;
  }

  for (const name of generatedFilesIn(out)) if (!result.files.has(name)) rmSync(join(out, name));
  for (const [name, text] of result.files) {
    mkdirSync(dirname(join(out, name)), { recursive: true });
    writeFileSync(join(out, name), text);
  }
  console.log(`wrote ${result.files.size} files to ${relative(process.cwd(), out) || '.'}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`contracts: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
