/**
 * HTTP messages shown on doc pages (the `HTTP Request` line and the example request/response), shared by both forms:
 * start line, headers with their lines, an optional blank line, then the body text, parsed as JSON when it is JSON.
 * A body that is not JSON is data (bodyError plus a warning), never a thrown error.
 */
import type { HttpExample } from './doc-page.js';
import { parseJsonText } from './json-text.js';
import type { SourceLine } from './page-lines.js';

const REQUEST_LINE = /^(GET|POST|PATCH|PUT|DELETE|HEAD|OPTIONS)\s+(\S+)(?:\s+HTTP\/\d(?:\.\d)?)?$/;
const STATUS_LINE = /^HTTP\/\d(?:\.\d)?\s+([1-5]\d\d)(?:\s.*)?$/;
const HEADER_LINE = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+):[ \t]*(.*?)\s*$/;

export type StartLine = { kind: 'request'; method: string; url: string } | { kind: 'response'; status: number };

/** `POST https://…` / `GET /path` / `HTTP/1.1 201 Created`; null for anything else. */
export function parseStartLine(text: string): StartLine | null {
  const t = text.trim();
  const request = REQUEST_LINE.exec(t);
  if (request?.[1] && request[2] && (request[2].startsWith('/') || /^https?:\/\//i.test(request[2]))) {
    return { kind: 'request', method: request[1], url: request[2] };
  }
  const status = STATUS_LINE.exec(t);
  if (status?.[1]) return { kind: 'response', status: Number(status[1]) };
  return null;
}

/** `Name: value` as an HTTP header line (a token, a colon, then the value). */
export function parseHeaderLine(text: string): { name: string; value: string } | null {
  const m = HEADER_LINE.exec(text.trim());
  return m?.[1] !== undefined && m[2] !== undefined ? { name: m[1], value: m[2] } : null;
}

/** A path from a request line: `/x/y` as is; an absolute Graph URL loses its host and version segment. */
export function relativePath(url: string): string {
  const m = /^https?:\/\/[^/]+(?:\/(?:beta|v\d+\.\d+))?(\/.*)?$/i.exec(url);
  return m ? (m[1] ?? '/') : url;
}

export interface ParsedHttpMessage {
  example: HttpExample;
  warnings: { line: number; message: string }[];
}

/**
 * Parses an HTTP message from its lines (the content of a fenced block, or the lines page text shows inline).
 * Returns null when the first non-blank line is not a request or status line.
 */
export function parseHttpMessage(lines: readonly SourceLine[]): ParsedHttpMessage | null {
  let i = 0;
  const blank = (n: number): boolean => (lines[n]?.text ?? '').trim() === '';
  while (i < lines.length && blank(i)) i++;
  const first = lines[i];
  const start = first ? parseStartLine(first.text) : null;
  if (!first || !start) return null;
  i++;

  let skipped = i;
  while (skipped < lines.length && blank(skipped)) skipped++;
  const headerAfterBlank = skipped > i && parseHeaderLine(lines[skipped]?.text ?? '') !== null;
  if (headerAfterBlank) i = skipped;

  const headers: HttpExample['headers'] = [];
  for (; i < lines.length; i++) {
    const line = lines[i];
    const header = line ? parseHeaderLine(line.text) : null;
    if (!line || !header) break;
    headers.push({ ...header, line: line.line });
  }

  while (i < lines.length && blank(i)) i++;
  let end = lines.length;
  while (end > i && blank(end - 1)) end--;
  const bodyLines = lines.slice(i, end);

  const example: HttpExample = {
    line: first.line,
    startLine: first.text.trim(),
    ...(start.kind === 'request' ? { method: start.method, url: start.url } : { status: start.status }),
    headers,
    bodyText: bodyLines.length > 0 ? bodyLines.map((l) => l.text).join('\n') : null,
    bodyLine: bodyLines[0]?.line ?? null,
    blankLineBeforeHeaders: headerAfterBlank,
  };
  const warnings: ParsedHttpMessage['warnings'] = [];
  if (example.bodyText !== null && example.bodyLine !== null) {
    const parsed = parseJsonText(example.bodyText, example.bodyLine);
    if (parsed.ok) example.body = parsed.value;
    else {
      example.bodyError = parsed.error;
      const what = start.kind === 'request' ? 'request' : 'response';
      warnings.push({
        line: parsed.line,
        message: `the example ${what} body (from line ${example.bodyLine}) is not valid JSON: ${parsed.error}`,
      });
    }
  }
  return { example, warnings };
}
