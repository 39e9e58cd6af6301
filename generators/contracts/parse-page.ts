/**
 * Entry point of the doc page parsers: tells the two forms apart and dispatches. A page is markdown source when it
 * has front matter, an ATX heading (`# …`) or a code fence; anything else is rendered page text (which may still
 * carry pipe tables, as some copies of the rendered page do).
 */
import type { DocFormat } from '../../contracts/model.js';
import type { DocPage } from './doc-page.js';
import { readPageLines } from './page-lines.js';
import { parseMarkdownPage } from './parse-markdown.js';
import { parsePageTextPage } from './parse-page-text.js';

/** Which form a page is in. Throws DocParseError for an empty or binary file. */
export function detectDocFormat(file: string, text: string): DocFormat {
  const { lines } = readPageLines(file, text);
  if (lines[0]?.text.trim() === '---') return 'markdown';
  const markdownLine = lines.some((l) => /^#{1,6}\s+\S/.test(l.text) || /^\s*(`{3,}|~{3,})/.test(l.text));
  return markdownLine ? 'markdown' : 'page-text';
}

/**
 * Parses one Graph doc page in either form into a DocPage. `file` is the name errors and the DocPage carry (relative
 * to the docs root). Throws DocParseError (file, line, reason with the fix) only when nothing usable can be read:
 * an empty file, binary content, a page without any recognisable section, table or HTTP message. Anything less
 * goes into DocPage.warnings.
 */
export function parseDocPage(file: string, text: string): DocPage {
  return detectDocFormat(file, text) === 'markdown' ? parseMarkdownPage(file, text) : parsePageTextPage(file, text);
}
