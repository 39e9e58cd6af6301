/**
 * The middle step between the two page forms and DocPage: each parser reads its form into the same list of blocks
 * (headings with levels, paragraphs, tables, code, annotations); assemble-page.ts reads DocPage out of the blocks.
 * That is what makes both forms of one page give the same DocPage content.
 */
import type { DocFormat } from '../../contracts/model.js';
import type { TableRow } from './doc-page.js';
import type { SourceLine } from './page-lines.js';

export type PageBlock =
  /** Level 1 is the page title (markdown only); sections are level 2, sub-sections 3 and deeper. */
  | { kind: 'heading'; level: number; text: string; line: number }
  /** One paragraph as plain text. `quote`: a markdown block quote (notes, warnings). */
  | { kind: 'paragraph'; text: string; line: number; quote: boolean }
  | { kind: 'table'; header: string[]; rows: TableRow[]; line: number }
  /** A fenced block (markdown) or an HTTP message / JSON value shown inline (page text); `line` is its first line. */
  | { kind: 'code'; lang: string; lines: SourceLine[]; line: number }
  | { kind: 'annotation'; value: Record<string, unknown>; line: number };

export interface PageScan {
  file: string;
  format: DocFormat;
  title: string;
  frontMatter: Record<string, string>;
  msDate: string | null;
  blocks: PageBlock[];
  warnings: { line: number; message: string }[];
}
