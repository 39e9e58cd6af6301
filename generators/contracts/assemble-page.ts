/**
 * DocPage out of a page's blocks, the same way for both forms: sections by their level-2 headings, tables under the
 * nearest heading, the HTTP Request line, the Response statement, the request body statement, the examples, the
 * JSON representation. What a page lacks stays null; what is odd becomes a warning.
 */
import { DocParseError } from './doc-page.js';
import type { DocPage, DocTable, HttpExample } from './doc-page.js';
import { parseHttpMessage, parseStartLine, relativePath } from './http-example.js';
import { parseJsonText } from './json-text.js';
import type { PageBlock, PageScan } from './page-blocks.js';
import { trimBlankLines } from './page-lines.js';

interface Section {
  name: string;
  line: number;
  blocks: PageBlock[];
}

type Warnings = DocPage['warnings'];
type Paragraph = Extract<PageBlock, { kind: 'paragraph' }>;
type Code = Extract<PageBlock, { kind: 'code' }>;

/** Paragraphs that are page furniture, not the page's own description. */
const BOILERPLATE = [
  /^Namespace:/i,
  /^Important:/i,
  /^Note:?(\s|$)/i,
  /^Access to this page requires authorization/i,
  /^This API is available in the following national cloud/i,
  /^\[!INCLUDE/i,
  /^Inherits from\b/i,
  /^Global service\b/,
];

/** A paragraph that is page furniture (namespace line, notes, national cloud list, includes). */
export function isBoilerplate(text: string): boolean {
  return BOILERPLATE.some((re) => re.test(text));
}

const paragraphs = (blocks: PageBlock[]): Paragraph[] => blocks.filter((b): b is Paragraph => b.kind === 'paragraph');
const codes = (blocks: PageBlock[]): Code[] => blocks.filter((b): b is Code => b.kind === 'code');

/** Splits a paragraph into sentences (on `. ` before a capital letter). */
export function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z])/).filter((s) => s !== '');
}

/**
 * The page's own one-sentence description: the first paragraph before any section that is not furniture. When the
 * page shows a `Namespace:` line, the description comes after it (what precedes it is site chrome).
 */
export function pageDescription(blocks: PageBlock[]): { text: string; line: number } | null {
  const firstSection = blocks.findIndex((b) => b.kind === 'heading' && b.level >= 2);
  const intro = firstSection < 0 ? blocks : blocks.slice(0, firstSection);
  const namespace = intro.findIndex((b) => b.kind === 'paragraph' && /^Namespace:/i.test(b.text));
  for (const b of intro.slice(namespace + 1)) {
    if (b.kind !== 'paragraph' || b.quote || isBoilerplate(b.text)) continue;
    return { text: b.text, line: b.line };
  }
  return null;
}

function splitSections(blocks: PageBlock[]): { intro: PageBlock[]; sections: Section[]; tables: DocTable[] } {
  const intro: PageBlock[] = [];
  const sections: Section[] = [];
  const tables: DocTable[] = [];
  let nearest = '';
  for (const b of blocks) {
    if (b.kind === 'heading' && b.level === 1) continue;
    if (b.kind === 'heading' && b.level >= 2) nearest = b.text;
    if (b.kind === 'heading' && b.level === 2) {
      sections.push({ name: b.text, line: b.line, blocks: [] });
      continue;
    }
    if (b.kind === 'table') tables.push({ section: nearest, header: b.header, rows: b.rows, line: b.line });
    (sections[sections.length - 1]?.blocks ?? intro).push(b);
  }
  return { intro, sections, tables };
}

function httpRequestOf(section: Section | undefined, warnings: Warnings): DocPage['httpRequest'] {
  if (!section) return null;
  const found: { method: string; path: string; line: number }[] = [];
  const lines = codes(section.blocks).flatMap((c) => c.lines);
  for (const l of lines) {
    const start = parseStartLine(l.text);
    if (start?.kind === 'request') found.push({ method: start.method, path: relativePath(start.url), line: l.line });
  }
  const first = found[0];
  if (!first) {
    warnings.push({
      line: section.line,
      message: `the '${section.name}' section shows no request line such as 'GET /deviceManagement/...'`,
    });
    return null;
  }
  if (found.length > 1) {
    warnings.push({
      line: found[1]?.line ?? first.line,
      message: `the '${section.name}' section shows ${found.length} request lines; ` + `the first (line ${first.line}) was kept`,
    });
  }
  return first;
}

function responseStatementOf(section: Section | undefined, warnings: Warnings): DocPage['responseStatement'] {
  if (!section) return null;
  for (const p of paragraphs(section.blocks)) {
    for (const sentence of sentences(p.text)) {
      const m = /\b([1-5]\d\d)\b[^.]*?\bresponse code\b/i.exec(sentence);
      if (m?.[1]) return { status: Number(m[1]), text: sentence, line: p.line };
    }
  }
  warnings.push({
    line: section.line,
    message: `the '${section.name}' section names no status code (expected e.g. 'returns a 200 OK response code')`,
  });
  return null;
}

function requestBodyStatementOf(section: Section | undefined): DocPage['requestBodyStatement'] {
  if (!section) return null;
  let last: Paragraph | null = null;
  for (const b of section.blocks) {
    if (b.kind === 'table') break;
    if (b.kind === 'paragraph' && !b.quote) last = b;
  }
  const hasTable = section.blocks.some((b) => b.kind === 'table');
  if (!last || !hasTable) return null;
  const all = sentences(last.text);
  return { text: all[all.length - 1] ?? last.text, line: last.line };
}

type Examples = { request: HttpExample | null; response: HttpExample | null };

function examplesOf(sections: Section[], warnings: Warnings): Examples {
  let request: Examples['request'] = null;
  let response: Examples['response'] = null;
  for (const section of sections.filter((s) => /^examples?\b/i.test(s.name))) {
    for (const code of codes(section.blocks)) {
      const parsed = parseHttpMessage(code.lines);
      if (!parsed) {
        if (code.lang === 'http') {
          warnings.push({ line: code.line, message: 'this http block does not start with a request or status line' });
        }
        continue;
      }
      const isRequest = parsed.example.method !== undefined;
      if (isRequest ? request : response) continue;
      if (isRequest) request = parsed.example;
      else response = parsed.example;
      warnings.push(...parsed.warnings);
    }
  }
  return { request, response };
}

function jsonRepresentationOf(section: Section | undefined, warnings: Warnings): DocPage['jsonRepresentation'] {
  const code = section ? codes(section.blocks)[0] : undefined;
  if (!code) return null;
  const lines = trimBlankLines(code.lines);
  const line = lines[0]?.line ?? code.line;
  const text = lines.map((l) => l.text).join('\n');
  const parsed = parseJsonText(text, line);
  if (parsed.ok) return { text, body: parsed.value, line };
  warnings.push({ line: parsed.line, message: `the JSON representation is not valid JSON: ${parsed.error}` });
  return { text, bodyError: parsed.error, line };
}

/**
 * Builds the DocPage. Throws DocParseError when the page has nothing the builder could use: no section, no table
 * and no HTTP message (for markdown with a `# title`, that is only a warning).
 */
export function assembleDocPage(scan: PageScan): DocPage {
  const warnings: Warnings = [...scan.warnings];
  const { intro, sections, tables } = splitSections(scan.blocks);
  const find = (re: RegExp): Section | undefined => sections.find((s) => re.test(s.name));
  const httpSection = find(/^http request$/i);
  const bodySection = find(/^request body$/i);
  const pageType: DocPage['pageType'] = httpSection
    ? 'operation'
    : find(/^(properties|json representation)$/i)
      ? 'resource'
      : find(/^members$/i)
        ? 'enum'
        : 'unknown';

  const hasCode = scan.blocks.some((b) => b.kind === 'code');
  if (sections.length === 0 && tables.length === 0 && !hasCode) {
    const fix =
      "expected headings such as 'HTTP Request', 'Request body', 'Response', 'Properties' or 'Members'; " +
      'give the extractor a Graph API or resource page';
    if (scan.format === 'page-text' || scan.title === '') {
      throw new DocParseError(scan.file, 1, `no recognisable doc page sections; ${fix}`);
    }
    warnings.push({ line: 1, message: `no recognisable sections after the title; ${fix}` });
  }

  const inherits = paragraphs(intro).find((p) => /^Inherits from\s+\S/i.test(p.text));
  const examples = examplesOf(sections, warnings);
  const description = pageDescription(intro);
  return {
    file: scan.file,
    format: scan.format,
    title: scan.title,
    frontMatter: scan.frontMatter,
    msDate: scan.msDate,
    pageType,
    description: description?.text ?? '',
    tables,
    httpRequest: httpRequestOf(httpSection, warnings),
    responseStatement: pageType === 'operation' ? responseStatementOf(find(/^response$/i), warnings) : null,
    requestBodyStatement: requestBodyStatementOf(bodySection),
    noRequestBody: bodySection ? paragraphs(bodySection.blocks).some((p) => /\bdo not supply a request body\b/i.test(p.text)) : false,
    exampleRequest: examples.request,
    exampleResponse: examples.response,
    inheritsFrom: inherits ? (/^Inherits from\s+([^\s.,;]+)/i.exec(inherits.text)?.[1] ?? null) : null,
    jsonRepresentation: jsonRepresentationOf(find(/^json representation$/i), warnings),
    annotations: scan.blocks.flatMap((b) => (b.kind === 'annotation' ? [{ line: b.line, value: b.value }] : [])),
    warnings: warnings.sort((a, b) => a.line - b.line),
  };
}
