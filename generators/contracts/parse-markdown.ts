/**
 * Graph doc pages in their markdown source form (microsoft-graph-docs): front matter (or none, with or without a
 * BOM), `# Title`, `##`/`###` headings, `<!-- { "blockType": … } -->` annotations, pipe tables (cells may run on
 * to the next line), fenced code (```` ``` http ```` with or without a space). Reads the page into blocks and
 * leaves the DocPage to assemble-page.ts, which the page text parser shares.
 */
import type { DocPage } from './doc-page.js';
import { assembleDocPage } from './assemble-page.js';
import { readFrontMatter } from './front-matter.js';
import { markdownToPlain } from './inline-markdown.js';
import type { PageBlock, PageScan } from './page-blocks.js';
import { readPageLines } from './page-lines.js';
import type { SourceLine } from './page-lines.js';
import { opensPipeTable, readPipeTable } from './table-cells.js';

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/;
const HEADING = /^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;

type Warnings = PageScan['warnings'];
type Lines = readonly SourceLine[];

/** Reads a fenced block opening at lines[start]; an unclosed fence runs to the end of the page (with a warning). */
function readFence(lines: Lines, start: number, warnings: Warnings): { block: PageBlock; next: number } {
  const open = lines[start] ?? { text: '', line: 0 };
  const m = FENCE.exec(open.text);
  const indent = m?.[1]?.length ?? 0;
  const marker = m?.[2] ?? '```';
  const closeRe = new RegExp(`^\\s*${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
  let end = start + 1;
  while (end < lines.length && !closeRe.test(lines[end]?.text ?? '')) end++;
  if (end >= lines.length) {
    warnings.push({
      line: open.line,
      message:
        `code fence opened here is never closed, so the rest of the page was read as code; ` +
        `add a closing ${marker} line after the block`,
    });
  }
  const body = lines.slice(start + 1, end).map((l) => ({
    text: l.text.slice(Math.min(indent, l.text.length - l.text.trimStart().length)),
    line: l.line,
  }));
  const block: PageBlock = { kind: 'code', lang: (m?.[3] ?? '').toLowerCase(), lines: body, line: open.line };
  return { block, next: end + 1 };
}

/** Reads an HTML comment opening at lines[start]; one holding a JSON object is an annotation. */
function readComment(lines: Lines, start: number, warnings: Warnings): { block: PageBlock | null; next: number } {
  const open = lines[start] ?? { text: '', line: 0 };
  let end = start;
  while (end < lines.length && !(lines[end]?.text ?? '').includes('-->')) end++;
  if (end >= lines.length) {
    warnings.push({ line: open.line, message: "HTML comment opened here is never closed; add '-->' after it" });
    return { block: null, next: start + 1 };
  }
  const text = lines
    .slice(start, end + 1)
    .map((l) => l.text)
    .join('\n');
  const inner = text.slice(text.indexOf('<!--') + 4, text.indexOf('-->')).trim();
  if (!inner.startsWith('{')) return { block: null, next: end + 1 };
  try {
    const value = JSON.parse(inner) as unknown;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return { block: { kind: 'annotation', value: value as Record<string, unknown>, line: open.line }, next: end + 1 };
    }
  } catch (e) {
    warnings.push({
      line: open.line,
      message: `annotation comment is not valid JSON (${(e as Error).message}); fix the JSON between '<!--' and '-->'`,
    });
  }
  return { block: null, next: end + 1 };
}

/** Reads a markdown page into blocks (no DocPage yet). */
export function scanMarkdown(file: string, text: string): PageScan {
  const { lines } = readPageLines(file, text);
  const front = readFrontMatter(lines);
  const warnings: Warnings = [...front.warnings];
  const blocks: PageBlock[] = [];
  let para: SourceLine[] = [];
  let quote = false;
  const flush = (): void => {
    const first = para[0];
    if (first) {
      const plain = markdownToPlain(para.map((l) => l.text).join(' '));
      if (plain !== '') blocks.push({ kind: 'paragraph', text: plain, line: first.line, quote });
    }
    para = [];
  };

  let i = front.next;
  while (i < lines.length) {
    const { text: raw, line } = lines[i] ?? { text: '', line: 0 };
    const t = raw.trim();
    const heading = HEADING.exec(t);
    if (t === '') {
      flush();
      i++;
    } else if (FENCE.test(raw)) {
      flush();
      const fence = readFence(lines, i, warnings);
      blocks.push(fence.block);
      i = fence.next;
    } else if (heading?.[1] && heading[2] !== undefined) {
      flush();
      blocks.push({ kind: 'heading', level: heading[1].length, text: markdownToPlain(heading[2]), line });
      i++;
    } else if (t.startsWith('<!--')) {
      flush();
      const comment = readComment(lines, i, warnings);
      if (comment.block) blocks.push(comment.block);
      i = comment.next;
    } else if (opensPipeTable(lines, i)) {
      flush();
      const table = readPipeTable(lines, i, markdownToPlain);
      blocks.push({ kind: 'table', header: table.header, rows: table.rows, line: table.line });
      warnings.push(...table.warnings);
      i = table.next;
    } else {
      const isQuote = t.startsWith('>');
      if (isQuote !== quote) flush();
      quote = isQuote;
      para.push({ text: isQuote ? t.replace(/^>\s?/, '') : t, line });
      i++;
    }
  }
  flush();

  const h1 = blocks.find((b) => b.kind === 'heading' && b.level === 1);
  let title = h1?.kind === 'heading' ? h1.text : '';
  if (!h1) {
    const fromFront = front.values['title'];
    title = fromFront ?? '';
    warnings.push({
      line: 1,
      message: fromFront
        ? "the page has no '# Title' heading; the title was taken from the front matter"
        : "the page has no '# Title' heading and no front matter title; add a '# Title' line",
    });
  }
  return { file, format: 'markdown', title, frontMatter: front.values, msDate: front.msDate, blocks, warnings };
}

/** Parses a Graph doc page in markdown source form. Throws DocParseError only when nothing usable can be read. */
export function parseMarkdownPage(file: string, text: string): DocPage {
  return assembleDocPage(scanMarkdown(file, text));
}
