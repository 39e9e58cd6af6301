/**
 * Graph doc pages as rendered page text (copied from the browser): no markdown at all. Section headings are bare
 * lines (`Permissions`, `HTTP Request`, … and `Request`/`Response` under `Example`); tables are either pipe rows
 * with padding (`| a | b | `) or plain lines whose columns are separated by single spaces (see
 * plain-line-tables.ts); HTTP messages are inline: a request or status line, `Name: value` headers (a blank line
 * before them is tolerated), then a JSON body from a line starting `{` or `[` to its matching bracket. The page may
 * start with boilerplate instead of its title; then the title is derived from the first sentence, with a warning.
 */
import type { DocPage } from './doc-page.js';
import { assembleDocPage, isBoilerplate, pageDescription } from './assemble-page.js';
import { parseHeaderLine, parseStartLine } from './http-example.js';
import { plainText } from './inline-markdown.js';
import { findJsonEnd } from './json-text.js';
import type { PageBlock, PageScan } from './page-blocks.js';
import { readPageLines } from './page-lines.js';
import type { SourceLine } from './page-lines.js';
import { plainTableHeader, splitPlainRow } from './plain-line-tables.js';
import { opensPipeTable, readPipeTable } from './table-cells.js';

type Warnings = PageScan['warnings'];
type Lines = readonly SourceLine[];

const SECTIONS = new Set([
  'permissions',
  'prerequisites',
  'http request',
  'optional query parameters',
  'request headers',
  'request body',
  'response',
  'response headers',
  'example',
  'examples',
  'properties',
  'relationships',
  'methods',
  'members',
  'json representation',
]);

/** Prose that looks like `Name: value` but is not a header. */
const NOT_A_HEADER = /^(Note|Important|Namespace|Tip|Caution|Warning)$/i;

/** Level of a bare heading line: 2 for a known section, 3 for Request/Response/Example N inside Example(s). */
export function pageTextHeadingLevel(text: string, inExample: boolean): number | null {
  const key = text.trim().toLowerCase();
  if (inExample && (key === 'request' || key === 'response' || /^example \d+\b/.test(key))) return 3;
  return SECTIONS.has(key) ? 2 : null;
}

const isBlank = (lines: Lines, n: number): boolean => (lines[n]?.text ?? '').trim() === '';

function isHeader(lines: Lines, n: number): boolean {
  const h = parseHeaderLine(lines[n]?.text ?? '');
  return h !== null && !NOT_A_HEADER.test(h.name);
}

/** Index after a JSON value that starts at lines[start]; an unbalanced one runs to the next heading. */
function jsonEnd(lines: Lines, start: number, warnings: Warnings): number {
  const end = findJsonEnd(
    lines.map((l) => l.text),
    start,
  );
  if (end >= 0) return end + 1;
  let stop = start + 1;
  while (stop < lines.length && pageTextHeadingLevel(lines[stop]?.text ?? '', true) === null) stop++;
  warnings.push({
    line: lines[start]?.line ?? 0,
    message: 'the JSON starting here never closes (unbalanced brackets); ' + `it was read up to line ${lines[stop - 1]?.line ?? 0}`,
  });
  return stop;
}

/** An inline HTTP message starting at lines[start] (a request or status line): start line, headers, JSON body. */
function readHttpMessage(lines: Lines, start: number, warnings: Warnings): number {
  let next = start + 1;
  let k = next;
  while (k < lines.length && isBlank(lines, k)) k++;
  if (isHeader(lines, k)) {
    next = k;
    while (isHeader(lines, next)) next++;
  }
  k = next;
  while (k < lines.length && isBlank(lines, k)) k++;
  if (/^[{[]/.test((lines[k]?.text ?? '').trim())) next = jsonEnd(lines, k, warnings);
  return next;
}

/** A plain-line table whose header is lines[start]: rows until a blank line, a heading or a line that does not fit. */
function readPlainTable(lines: Lines, start: number, warnings: Warnings): { block: PageBlock; next: number } | null {
  const head = lines[start] ?? { text: '', line: 0 };
  const spec = plainTableHeader(head.text);
  if (!spec) return null;
  const rows: Extract<PageBlock, { kind: 'table' }>['rows'] = [];
  let i = start + 1;
  while (i < lines.length && !isBlank(lines, i) && pageTextHeadingLevel(lines[i]?.text ?? '', true) === null) {
    const line = lines[i] ?? { text: '', line: 0 };
    if (parseStartLine(line.text)) break;
    const cells = splitPlainRow(spec.kind, line.text);
    if (!cells) break;
    rows.push({ cells, line: line.line });
    i++;
  }
  if (rows.length === 0) {
    warnings.push({ line: head.line, message: `table header '${head.text.trim()}' has no rows that fit its columns` });
  }
  return { block: { kind: 'table', header: spec.header, rows, line: head.line }, next: i };
}

/** `Update the properties of a X object.` -> `Update X`, and the other generated Graph sentences; else the sentence. */
export function titleFromSentence(sentence: string): string {
  const s = sentence.trim();
  const patterns: [RegExp, (name: string) => string][] = [
    [/^Create an? new (\w+)\b/i, (n) => `Create ${n}`],
    [/^Update the properties of an? (\w+)\b/i, (n) => `Update ${n}`],
    [/^Read properties and relationships of the (\w+) object\b/i, (n) => `Get ${n}`],
    [/^List properties and relationships of the (\w+) objects\b/i, (n) => `List ${n}s`],
    [/^Deletes? an? (\w+)\b/i, (n) => `Delete ${n}`],
  ];
  for (const [re, make] of patterns) {
    const name = re.exec(s)?.[1];
    if (name) return make(name);
  }
  return s.replace(/[.!]+$/, '');
}

/** The first non-blank line, when it is a title (not furniture, not a heading, table, HTTP line or sentence). */
function titleLine(lines: Lines): number {
  const first = lines.findIndex((l) => l.text.trim() !== '');
  const t = (lines[first]?.text ?? '').trim();
  const isTitle =
    first >= 0 &&
    !isBoilerplate(t) &&
    !/^Note$/i.test(t) &&
    pageTextHeadingLevel(t, false) === null &&
    parseStartLine(t) === null &&
    !t.includes('|') &&
    !/[.:]$/.test(t);
  return isTitle ? first : -1;
}

/** Reads rendered page text into blocks (no DocPage yet). */
export function scanPageText(file: string, text: string): PageScan {
  const { lines } = readPageLines(file, text);
  const warnings: Warnings = [];
  const blocks: PageBlock[] = [];
  const titleAt = titleLine(lines);
  let inExample = false;
  let i = titleAt + 1;
  while (i < lines.length) {
    const { text: raw, line } = lines[i] ?? { text: '', line: 0 };
    const t = raw.trim();
    const level = pageTextHeadingLevel(t, inExample);
    const plain = t === '' || level !== null || opensPipeTable(lines, i) ? null : readPlainTable(lines, i, warnings);
    if (t === '') {
      i++;
    } else if (level !== null) {
      blocks.push({ kind: 'heading', level, text: t, line });
      if (level === 2) inExample = /^examples?$/i.test(t);
      i++;
    } else if (opensPipeTable(lines, i)) {
      const table = readPipeTable(lines, i, plainText);
      blocks.push({ kind: 'table', header: table.header, rows: table.rows, line: table.line });
      warnings.push(...table.warnings);
      i = table.next;
    } else if (plain) {
      blocks.push(plain.block);
      i = plain.next;
    } else if (parseStartLine(t) || /^[{[]/.test(t)) {
      const next = parseStartLine(t) ? readHttpMessage(lines, i, warnings) : jsonEnd(lines, i, warnings);
      blocks.push({ kind: 'code', lang: parseStartLine(t) ? 'http' : 'json', lines: lines.slice(i, next), line });
      i = next;
    } else {
      blocks.push({ kind: 'paragraph', text: plainText(t), line, quote: false });
      i++;
    }
  }

  let title = titleAt >= 0 ? plainText(lines[titleAt]?.text ?? '') : '';
  if (titleAt < 0) {
    const description = pageDescription(blocks);
    title = description ? titleFromSentence(description.text) : '';
    warnings.push({
      line: description?.line ?? 1,
      message: description
        ? `the page text has no title line; the title '${title}' was derived from the sentence '${description.text}'`
        : 'the page text has no title line and no description sentence to derive one from',
    });
  }
  return { file, format: 'page-text', title, frontMatter: {}, msDate: null, blocks, warnings };
}

/** Parses a Graph doc page in rendered page text form. Throws DocParseError only when nothing usable can be read. */
export function parsePageTextPage(file: string, text: string): DocPage {
  return assembleDocPage(scanPageText(file, text));
}
