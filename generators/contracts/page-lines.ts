/**
 * A doc page as numbered lines, shared by both parsers: BOM removed, line endings normalised, and the checks that
 * stop a parse before it starts (an empty file, binary content).
 */
import { DocParseError } from './doc-page.js';

/** One line of the page as it appears in the file, with its 1-based line number. */
export interface SourceLine {
  text: string;
  line: number;
}

export interface PageLines {
  lines: SourceLine[];
  /** The file started with a UTF-8 byte order mark (removed from `lines`). */
  bom: boolean;
}

/** Characters that do not occur in a text page: C0 controls other than tab/newline/form feed, and U+FFFD. */
const NOT_TEXT = /[\u0000-\u0008\u000B\u000E-\u001F\uFFFD]/g;

/**
 * Splits a page into numbered lines. Throws DocParseError when the text is empty or is not text at all (NUL bytes,
 * or more than 2% control/replacement characters, as in a binary file read as UTF-8).
 */
export function readPageLines(file: string, text: string): PageLines {
  const bom = text.startsWith('\uFEFF');
  const body = (bom ? text.slice(1) : text).replace(/\r\n?/g, '\n');
  if (body.trim() === '') {
    throw new DocParseError(
      file,
      1,
      'the file is empty; give the extractor a Graph doc page (markdown source or the page text saved as UTF-8)',
    );
  }
  const bad = body.match(NOT_TEXT) ?? [];
  if (body.includes('\u0000') || bad.length > body.length * 0.02) {
    const first = body.search(/[\u0000-\u0008\u000B\u000E-\u001F\uFFFD]/);
    const line = body.slice(0, Math.max(first, 0)).split('\n').length;
    throw new DocParseError(
      file,
      line,
      `the file is not text (binary or non-UTF-8 bytes from line ${line}); ` +
        'give the extractor the markdown source (.md) or the page text saved as UTF-8',
    );
  }
  const lines = body.split('\n').map((t, i) => ({ text: t, line: i + 1 }));
  return { lines, bom };
}

/** Line number of a character offset within a text whose first line is `firstLine`. */
export function lineOfOffset(text: string, offset: number, firstLine: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const breaks = before.split('\n');
  return { line: firstLine + breaks.length - 1, column: (breaks[breaks.length - 1] ?? '').length + 1 };
}

/** The lines without the blank lines at either end. */
export function trimBlankLines(lines: readonly SourceLine[]): SourceLine[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start]?.text ?? '').trim() === '') start++;
  while (end > start && (lines[end - 1]?.text ?? '').trim() === '') end--;
  return lines.slice(start, end);
}
