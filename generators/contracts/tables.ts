/**
 * Finding the tables the builder needs on a page, and insisting on their columns. A table with other columns than
 * expected is a clear error with file and line, not a silently empty contract.
 */
import type { DocPage, DocTable } from './doc-page.js';

export class TableShapeError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'TableShapeError';
  }
}

function norm(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The first table whose header starts with `firstColumn` (case-insensitive). When `columns` is given, the header
 * must have exactly that many columns, else TableShapeError.
 */
export function findTable(page: DocPage, firstColumn: string, columns?: string[]): DocTable | null {
  const table = page.tables.find((t) => norm(t.header[0] ?? '') === norm(firstColumn));
  if (!table) return null;
  if (columns) {
    const got = table.header.map(norm);
    const want = columns.map(norm);
    const ok = got.length === want.length && want.every((w, i) => (got[i] ?? '').startsWith(w));
    if (!ok) {
      throw new TableShapeError(
        page.file,
        table.line,
        `the "${firstColumn}" table has columns [${table.header.join(' | ')}]; expected [${columns.join(' | ')}]. ` +
          `Fix the table header in the page, or report the new layout so the extractor can learn it.`,
      );
    }
  }
  for (const row of table.rows) {
    if (row.cells.length !== table.header.length) {
      throw new TableShapeError(
        page.file,
        row.line,
        `row has ${row.cells.length} cells, the "${firstColumn}" table's header has ${table.header.length}. ` +
          `Check for an unescaped "|" or a missing cell.`,
      );
    }
  }
  return table;
}

/** Cell `i` of a row (tables are checked for width by findTable, so this never reads past the end). */
export function cell(cells: string[], i: number): string {
  return cells[i] ?? '';
}
