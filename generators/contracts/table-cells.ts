/**
 * Pipe tables (`|a|b|` over `|:---|:---|`), as both forms show them: markdown source, and page text that keeps the
 * pipes with padding (`| a | b | `). A row whose last cell runs on to the next line(s), as in the activation code's
 * pattern notes, is joined into one row with a single space. Rows whose cell count differs from the header's are
 * kept as read and reported as warnings; the parser does not judge which columns a table should have.
 */
import type { TableRow } from './doc-page.js';
import type { SourceLine } from './page-lines.js';

export interface PipeTable {
  header: string[];
  rows: TableRow[];
  line: number;
  /** Index (into the lines given) of the first line after the table. */
  next: number;
  warnings: { line: number; message: string }[];
}

/** Splits one table row on unescaped `|`; a leading and a trailing pipe are optional. Cells come back untrimmed. */
export function splitPipeRow(row: string): string[] {
  const text = row.trim();
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === '|') {
      cell += '\\|';
      i++;
    } else if (c === '|') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  if (text.startsWith('|')) cells.shift();
  if (endsWithPipe(text)) cells.pop();
  return cells;
}

/** True when the (trimmed) row ends with a pipe that is not escaped. */
export function endsWithPipe(row: string): boolean {
  const text = row.trimEnd();
  return text.endsWith('|') && !text.endsWith('\\|');
}

/** `|:---|---:|`, `---|---`, with or without padding (a line of dashes without a pipe is not one). */
export function isSeparatorRow(row: string): boolean {
  const text = row.trim();
  return text.includes('|') && /^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$/.test(text);
}

/** A line that could open a pipe table: it has a pipe and the next line is a separator row. */
export function opensPipeTable(lines: readonly SourceLine[], index: number): boolean {
  const here = lines[index]?.text ?? '';
  const next = lines[index + 1]?.text ?? '';
  return here.includes('|') && isSeparatorRow(next);
}

/**
 * Reads the pipe table whose header is lines[start] (check opensPipeTable first). `clean` turns a raw cell into
 * its plain text (markdownToPlain for markdown, whitespace trimming for page text).
 */
export function readPipeTable(lines: readonly SourceLine[], start: number, clean: (cell: string) => string): PipeTable {
  const head = lines[start] ?? { text: '', line: 0 };
  const header = splitPipeRow(head.text).map(clean);
  const closedRows = endsWithPipe(head.text);
  const rows: TableRow[] = [];
  const warnings: PipeTable['warnings'] = [];
  let i = start + 2;
  while (i < lines.length) {
    const first = lines[i] ?? { text: '', line: 0 };
    const trimmed = first.text.trim();
    if (trimmed === '' || !trimmed.includes('|')) break;
    let text = trimmed;
    i++;
    // A row opened with `|` in a table whose rows close with `|` continues until a line that closes it.
    while (closedRows && text.startsWith('|') && !endsWithPipe(text) && i < lines.length) {
      const more = (lines[i]?.text ?? '').trim();
      if (more === '' || more.startsWith('|') || more.startsWith('#') || more.startsWith('```')) break;
      text = `${text} ${more}`;
      i++;
    }
    const cells = splitPipeRow(text).map(clean);
    if (cells.length !== header.length) {
      warnings.push({
        line: first.line,
        message:
          `table row has ${cells.length} cells but its header (line ${head.line}) has ${header.length}; ` +
          "check for a missing or extra '|' (write a literal pipe inside a cell as \\|)",
      });
    }
    rows.push({ cells, line: first.line });
  }
  return { header, rows, line: head.line, next: i, warnings };
}
