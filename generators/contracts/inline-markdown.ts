/**
 * Inline markdown reduced to the plain text a reader sees: `[text](url)` -> `text`, `&lt;` -> `<`, `\[` -> `[`,
 * backticks dropped (code span content kept verbatim), `**bold**` -> `bold`, `<br>` -> space, whitespace collapsed.
 * Used for markdown table cells, headings and paragraphs; page text is already plain and does not go through here.
 */

const PUNCTUATION = /^[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]$/;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  copy: '©',
  reg: '®',
  trade: '™',
};

const BOLD = /^\*\*\S(?:.*?\S)?\*\*/;

const ENTITY = /^&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[A-Za-z]{2,8});/;

/** Decodes one HTML entity reference (`&lt;`, `&#39;`, `&#x2F;`); unknown names are left as written. */
function decodeEntity(ref: string, name: string): string {
  if (name.startsWith('#')) {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ref;
  }
  return NAMED_ENTITIES[name] ?? ref;
}

/** End (exclusive) of the bracket run opened at `start`, honouring nesting and backslash escapes; -1 if unclosed. */
function closing(text: string, start: number, open: string, close: string): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === open) depth++;
    else if (c === close && --depth === 0) return i + 1;
  }
  return -1;
}

/** `[text](target)` starting at `start`: the link text and where the link ends, or null when it is not a link. */
function linkAt(text: string, start: number): { label: string; end: number } | null {
  const labelEnd = closing(text, start, '[', ']');
  if (labelEnd < 0 || text[labelEnd] !== '(') return null;
  const end = closing(text, labelEnd, '(', ')');
  if (end < 0) return null;
  return { label: text.slice(start + 1, labelEnd - 1), end };
}

/** Inline markdown -> plain text (see the file comment). */
export function markdownToPlain(markdown: string): string {
  let out = '';
  let i = 0;
  while (i < markdown.length) {
    const c = markdown[i] ?? '';
    const next = markdown[i + 1] ?? '';
    if (c === '\\' && PUNCTUATION.test(next)) {
      out += next;
      i += 2;
    } else if (c === '`') {
      const run = /^`+/.exec(markdown.slice(i))?.[0] ?? '`';
      const end = markdown.indexOf(run, i + run.length);
      if (end < 0) {
        i += run.length;
      } else {
        out += markdown.slice(i + run.length, end);
        i = end + run.length;
      }
    } else if (c === '[' || (c === '!' && next === '[')) {
      const link = linkAt(markdown, c === '!' ? i + 1 : i);
      if (link) {
        out += markdownToPlain(link.label);
        i = link.end;
      } else {
        out += c;
        i++;
      }
    } else if (c === '&' && ENTITY.test(markdown.slice(i, i + 12))) {
      const m = ENTITY.exec(markdown.slice(i, i + 12));
      out += m ? decodeEntity(m[0], m[1] ?? '') : c;
      i += m ? m[0].length : 1;
    } else if (c === '<' && /^<br\s*\/?>/i.test(markdown.slice(i, i + 8))) {
      out += ' ';
      i = markdown.indexOf('>', i) + 1;
    } else if (c === '*' && next === '*' && BOLD.test(markdown.slice(i))) {
      const bold = BOLD.exec(markdown.slice(i))?.[0] ?? '****';
      out += markdownToPlain(bold.slice(2, -2));
      i += bold.length;
    } else {
      out += c;
      i++;
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** Plain page text: whitespace collapsed and trimmed, nothing else touched. */
export function plainText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
