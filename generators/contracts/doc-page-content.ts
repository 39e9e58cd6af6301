/**
 * What a page says, without where it says it: the parts of a DocPage that both forms of one page (markdown source
 * and rendered page text) must agree on. Lines, front matter, annotations and warnings are left out, since they
 * differ between the forms by nature. Two pages with equal essential content are two renderings of one revision.
 */
import type { DocPage, HttpExample } from './doc-page.js';

export interface EssentialMessage {
  startLine: string;
  headers: { name: string; value: string }[];
  bodyText: string | null;
  body: unknown;
}

export interface EssentialContent {
  title: string;
  description: string;
  pageType: DocPage['pageType'];
  tables: { section: string; header: string[]; rows: string[][] }[];
  httpRequest: { method: string; path: string } | null;
  responseStatement: { status: number; text: string } | null;
  requestBodyStatement: string | null;
  noRequestBody: boolean;
  exampleRequest: EssentialMessage | null;
  exampleResponse: EssentialMessage | null;
  inheritsFrom: string | null;
  jsonRepresentation: unknown;
}

function message(m: HttpExample | null): EssentialMessage | null {
  if (!m) return null;
  return {
    startLine: m.startLine,
    headers: m.headers.map((h) => ({ name: h.name, value: h.value })),
    bodyText: m.bodyText,
    body: m.body,
  };
}

/**
 * The essential content of a page. `ignoreSections` leaves out tables under headings matching it (e.g. the
 * national-cloud table that only rendered pages show as a table).
 */
export function essentialContent(page: DocPage, ignoreSections?: RegExp): EssentialContent {
  return {
    title: page.title,
    description: page.description,
    pageType: page.pageType,
    tables: page.tables
      .filter((t) => !ignoreSections || !ignoreSections.test(t.section))
      .map((t) => ({ section: t.section, header: t.header, rows: t.rows.map((r) => r.cells) })),
    httpRequest: page.httpRequest ? { method: page.httpRequest.method, path: page.httpRequest.path } : null,
    responseStatement: page.responseStatement ? { status: page.responseStatement.status, text: page.responseStatement.text } : null,
    requestBodyStatement: page.requestBodyStatement?.text ?? null,
    noRequestBody: page.noRequestBody,
    exampleRequest: message(page.exampleRequest),
    exampleResponse: message(page.exampleResponse),
    inheritsFrom: page.inheritsFrom,
    jsonRepresentation: page.jsonRepresentation?.body,
  };
}
