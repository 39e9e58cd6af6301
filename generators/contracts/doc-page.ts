/**
 * The parsers' output: one Graph doc page, in either form (markdown source or rendered page text), reduced to the
 * parts the contract builder needs. Both parsers produce this same shape, so the builder never knows which form a
 * page came in. Every part carries the line it was found on (1-based), for error messages and doc findings.
 */
import type { CloudAvailability, DocFormat } from '../../contracts/model.js';
import type { PageDate } from './doc-dates.js';

export interface TableRow {
  cells: string[];
  line: number;
}

/**
 * A table, cells as plain text: markdown links reduced to their text (`[x](y)` -> `x`), HTML entities decoded
 * (`&lt;` -> `<`), backslash escapes removed (`\[` -> `[`), backticks kept out, surrounding spaces trimmed.
 * A cell that continues on the following line(s) in the source (as in the activation code's pattern notes) is joined
 * with a single space.
 */
export interface DocTable {
  /** The heading the table sits under, as text (e.g. `Permissions`, `Request body`, `Properties`). */
  section: string;
  header: string[];
  rows: TableRow[];
  line: number;
  /** Set when the table was read from an `[!INCLUDE]`d file: that file's name (rows' lines are in it). */
  included?: string;
}

/** An HTTP message shown in an example (request or response), headers and body separated. */
export interface HttpExample {
  line: number;
  /** First line as shown: `POST https://graph.microsoft.com/beta/...` or `HTTP/1.1 201 Created`. */
  startLine: string;
  method?: string;
  url?: string;
  status?: number;
  headers: { name: string; value: string; line: number }[];
  /** The body text exactly as the page shows it, lines joined with `\n`; null when there is none. */
  bodyText: string | null;
  bodyLine: number | null;
  /** JSON.parse(bodyText), or undefined when the text is not JSON (then bodyError says why). */
  body?: unknown;
  bodyError?: string;
  /** Blank lines between the start line and the headers (a doc quirk worth reporting, not an error). */
  blankLineBeforeHeaders: boolean;
}

export interface DocPage {
  /** Path of the page as the extractor names it (relative to the docs root it was found under). */
  file: string;
  format: DocFormat;
  /** The page's H1 (markdown) or first line (page text). */
  title: string;
  /** YAML front matter, flat key -> value (quotes removed); empty when there is none. */
  frontMatter: Record<string, string>;
  /** `ms.date` normalised to YYYY-MM-DD, when the page shows one. */
  msDate: string | null;
  /** operation: has an `HTTP Request` section; resource: has `Properties` or `JSON Representation`; enum: `Members`. */
  pageType: 'operation' | 'resource' | 'enum' | 'unknown';
  /** The one-sentence description after the notes (e.g. `Create a new embeddedSIMActivationCodePool object.`). */
  description: string;
  /** All tables on the page, in order. */
  tables: DocTable[];
  /** The request line under `HTTP Request` (relative path, not the example's absolute URL). */
  httpRequest: { method: string; path: string; line: number } | null;
  /** The sentence under `Response` that names the success status, e.g. `returns a 201 Created response code`. */
  responseStatement: { status: number; text: string; line: number } | null;
  /** The sentence that introduces the request body table (e.g. `...properties that are required when you create...`). */
  requestBodyStatement: { text: string; line: number } | null;
  /** True when the page says not to supply a request body. */
  noRequestBody: boolean;
  exampleRequest: HttpExample | null;
  exampleResponse: HttpExample | null;
  /** `Inherits from X` on resource pages. */
  inheritsFrom: string | null;
  /** Resource pages: the JSON under `JSON Representation`, and its annotation's @odata.type. */
  jsonRepresentation: { text: string; body?: unknown; bodyError?: string; line: number } | null;
  /** `<!-- { "blockType": ... } -->` annotations, parsed. */
  annotations: { line: number; value: Record<string, unknown> }[];
  /** The page's date from outside its front matter (set by the extractor, see doc-dates.ts). */
  dated?: PageDate | null;
  /** The national clouds the page says offer the operation (set by the extractor, see page-includes.ts). */
  clouds?: CloudAvailability | null;
  /** sha256 of the page bytes, first 12 hex digits (set by the extractor). */
  sha256?: string;
  /** Problems that did not stop the parse (e.g. an example body that is not JSON). */
  warnings: { line: number; message: string }[];
}

/** A page that could not be parsed at all: the error names the file and line and how to fix it. */
export class DocParseError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'DocParseError';
  }
}
