/**
 * An operation page's "Optional query parameters" section -> the contract's `queryOptions`: what the page says
 * (its sentence, the link it gives), the system query options it names, and the options the contract takes it to
 * allow. Works on either form of a page (markdown source, where the section is a `##` heading, or rendered page text,
 * where it is a line of its own up to the next section title). A page without the section gives null: the docs say
 * nothing, and the contract does not guess.
 */
import type { DocFinding, OperationContract, OperationKind, QueryOptionsSpec } from '../../contracts/model.js';
import { readPageLines, type SourceLine } from './page-lines.js';

const HEADING = /^optional query parameters$/i;
/** Section titles of a Graph operation page that end the section in page text (which has no `#` markers). */
const PAGE_TEXT_SECTIONS =
  /^(prerequisites|permissions|http request|request headers|request body|response|examples?|request|see also|optional request headers)$/i;

/** OData's system query options that apply to each kind, for a page that supports "the OData query parameters" without naming any. */
const GENERIC: Partial<Record<OperationKind, string[]>> = {
  get: ['$select', '$expand'],
  list: ['$select', '$expand', '$filter', '$orderby', '$top', '$skip', '$count', '$search'],
};

const stripMarkdown = (s: string): string =>
  s
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\\([[\]$_*])/g, '$1');

function headingText(line: SourceLine, markdown: boolean): string | null {
  if (markdown) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line.text);
    return m ? (m[1] ?? '') : null;
  }
  return line.text.trim();
}

/** The section's lines (without the heading) and the heading's line number, or null when the page has none. */
function section(lines: SourceLine[], markdown: boolean): { heading: number; body: SourceLine[] } | null {
  const start = lines.findIndex((l) => HEADING.test(headingText(l, markdown) ?? ''));
  if (start < 0) return null;
  const body: SourceLine[] = [];
  for (const l of lines.slice(start + 1)) {
    if (markdown ? /^#{1,6}\s/.test(l.text) : PAGE_TEXT_SECTIONS.test(l.text.trim())) break;
    body.push(l);
  }
  return { heading: (lines[start] as SourceLine).line, body };
}

/**
 * `text` is the page as read; `kind` the operation's kind (from the page's title and request line). `markdown`
 * says which form the page is in (DocPage.format).
 */
export function readQueryOptions(file: string, text: string, kind: OperationKind, markdown: boolean): QueryOptionsSpec | null {
  const { lines } = readPageLines(file, text);
  const found = section(lines, markdown);
  if (!found) return null;
  const raw = found.body
    .map((l) => l.text.trim())
    .filter((t) => t !== '' && !/^<!--.*-->$/.test(t))
    .join(' ');
  const reference = /\]\(([^)\s]+)\)/.exec(raw)?.[1] ?? null;
  const statement = stripMarkdown(raw).replace(/\s+/g, ' ').trim();
  const named = [...new Set((statement.match(/\$[a-z]+\b/gi) ?? []).map((n) => n.toLowerCase()))];
  const supported = statement !== '' && !/\b(does not|doesn't|do not) support\b/i.test(statement);
  const options = !supported ? [] : named.length > 0 ? named : /\bOData query param/i.test(statement) ? (GENERIC[kind] ?? []) : [];
  return { supported, statement, reference, named, options, source: file, line: found.heading };
}

/**
 * A list page that says nothing about query options while the get page of the same type says it supports them: the
 * docs leave open whether the collection can be filtered, ordered, counted and paged by `$top` (doc-internal).
 */
export function queryOptionFindings(operations: OperationContract[]): DocFinding[] {
  const findings: DocFinding[] = [];
  for (const list of operations.filter((o) => o.kind === 'list' && !o.queryOptions)) {
    const get = operations.find((o) => o.kind === 'get' && o.resource === list.resource && o.queryOptions?.supported);
    if (!get?.queryOptions) continue;
    findings.push({
      rule: 'query-options-undocumented',
      kind: 'doc-internal',
      subject: list.id,
      file: list.sources[0]?.file ?? '(unknown)',
      line: null,
      pointer: '/queryOptions',
      message: `the ${list.summary} page has no "Optional query parameters" section, while ${get.summary} says "${get.queryOptions.statement}"`,
      expected: 'an "Optional query parameters" section, as on the get page of the same type',
      observed: null,
    });
  }
  return findings;
}
