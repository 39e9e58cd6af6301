/**
 * `[!INCLUDE [label](path)]` lines in a markdown page. Two matter to contracts:
 *   - `permissions-table`: today's pages keep their permissions in `../includes/permissions/<page>-permissions.md`.
 *     The file is read relative to the page and its table becomes the page's Permissions table (its rows keep
 *     their lines in the included file). A missing or unreadable include is a DocParseError naming the page's line.
 *   - `national-cloud-support`: which national clouds offer the operation (cloud-availability.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, posix, resolve } from 'node:path';
import { cloudsFromInclude, cloudsFromTable } from './cloud-availability.js';
import { decodeDocBytes } from './doc-decode.js';
import type { DocFile } from './discover.js';
import { DocParseError, type DocPage, type DocTable } from './doc-page.js';
import { markdownToPlain } from './inline-markdown.js';
import { readPageLines } from './page-lines.js';
import { opensPipeTable, readPipeTable } from './table-cells.js';

const INCLUDE = /^\s*\[!INCLUDE\s*\[([^\]]*)\]\(([^)\s]+)\)\s*\]/i;

interface IncludeLine {
  label: string;
  target: string;
  line: number;
}

function includesOf(text: string): IncludeLine[] {
  const out: IncludeLine[] = [];
  text.split(/\r\n?|\n/).forEach((t, i) => {
    const m = INCLUDE.exec(t);
    if (m) out.push({ label: (m[1] ?? '').trim().toLowerCase(), target: m[2] ?? '', line: i + 1 });
  });
  return out;
}

function includedTable(file: DocFile, inc: IncludeLine): DocTable {
  const abs = resolve(dirname(file.path), inc.target);
  const name = posix.normalize(`${posix.dirname(file.name)}/${inc.target}`);
  if (!existsSync(abs)) {
    throw new DocParseError(
      file.name,
      inc.line,
      `the permissions INCLUDE points to ${inc.target}, which is not there (${abs}); the permissions cannot be read. ` +
        'Give the docs folder that holds the includes/ folder (e.g. the api-reference/beta folder of a docs clone)',
    );
  }
  const { lines } = readPageLines(name, decodeDocBytes(name, readFileSync(abs)));
  const start = lines.findIndex((_, i) => opensPipeTable(lines, i));
  if (start < 0) throw new DocParseError(file.name, inc.line, `the included ${name} holds no permissions table`);
  const t = readPipeTable(lines, start, markdownToPlain);
  return { section: 'Permissions', header: t.header, rows: t.rows, line: t.line, included: name };
}

/** Reads the page's INCLUDEs into it: the permissions table and the cloud availability (on `page.clouds`). */
export function resolveIncludes(file: DocFile, page: DocPage): void {
  const includes = includesOf(file.text);
  const perm = includes.find((i) => i.label === 'permissions-table' || /\/permissions\/[^/]+\.md$/i.test(i.target));
  const hasTable = page.tables.some((t) => /^permission type$/i.test((t.header[0] ?? '').trim()));
  if (perm && !hasTable) {
    const table = includedTable(file, perm);
    const after = page.tables.findIndex((t) => t.line > perm.line);
    page.tables.splice(after < 0 ? page.tables.length : after, 0, table);
  }
  const cloud = includes.find((i) => i.label === 'national-cloud-support');
  page.clouds = cloudsFromTable(page) ?? (cloud ? cloudsFromInclude(cloud.target, `${file.name}:${cloud.line}`) : null);
}
