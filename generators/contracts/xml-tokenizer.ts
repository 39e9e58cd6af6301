/**
 * A small incremental XML tokenizer: push text in chunks of any size, get start, end and text tokens back. It keeps
 * only the unconsumed tail of the input (at most one unfinished tag or text run), so memory stays bounded however
 * large the document. Enough XML for OData CSDL: elements, attributes (quoted with " or '), the five predefined
 * entities and character references, comments, processing instructions, CDATA and a DOCTYPE without internal subset.
 * Namespaces are not resolved: names are kept as written (`edmx:Edmx`).
 */

export interface XmlPosition {
  /** 1-based line. */
  line: number;
  /** 1-based column (in characters). */
  column: number;
  /** 0-based character offset from the start of the document. */
  offset: number;
}

export type XmlToken =
  | { kind: 'start'; name: string; attrs: Record<string, string>; selfClosing: boolean; pos: XmlPosition }
  | { kind: 'end'; name: string; pos: XmlPosition }
  | { kind: 'text'; text: string; pos: XmlPosition };

export interface TokenizerStats {
  /** Largest number of characters the tokenizer held at once (unconsumed tail plus the new chunk). */
  maxBufferedChars: number;
  chunks: number;
  chars: number;
}

/** A well-formedness problem, with where it was found. */
export class XmlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly pos: XmlPosition,
  ) {
    super(`${reason} at line ${pos.line}, column ${pos.column} (character offset ${pos.offset})`);
    this.name = 'XmlSyntaxError';
  }
}

const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;
const NAME_CHAR = /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]/;
/** Longest single tag, comment or CDATA section accepted; longer means a broken file, not a big one. */
const MAX_MARKUP_CHARS = 1 << 20;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes entity and character references; `at` locates errors. */
export function decodeEntities(text: string, at: () => XmlPosition): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new XmlSyntaxError(`unterminated entity reference "${whole}"`, at());
    if (ref.startsWith('#x') || ref.startsWith('#X')) {
      const code = Number.parseInt(ref.slice(2), 16);
      if (/^[0-9a-fA-F]+$/.test(ref.slice(2)) && code <= 0x10ffff) return String.fromCodePoint(code);
    } else if (ref.startsWith('#')) {
      const code = Number.parseInt(ref.slice(1), 10);
      if (/^[0-9]+$/.test(ref.slice(1)) && code <= 0x10ffff) return String.fromCodePoint(code);
    } else {
      const ch = PREDEFINED[ref];
      if (ch !== undefined) return ch;
    }
    throw new XmlSyntaxError(`unknown entity reference "${whole}"`, at());
  });
}

export class XmlTokenizer {
  readonly stats: TokenizerStats = { maxBufferedChars: 0, chunks: 0, chars: 0 };
  private buf = '';
  /** Position of buf[0] in the document. */
  private base: XmlPosition = { line: 1, column: 1, offset: 0 };
  /** Resume point while scanning an unfinished start tag: index in buf and the open quote, if any. */
  private tagScan: { from: number; quote: string } | null = null;
  private readonly open: { name: string; pos: XmlPosition }[] = [];
  private sawRoot = false;
  private ended = false;

  constructor(private readonly emit: (token: XmlToken) => void) {}

  /** Feeds the next chunk; emits every token that is complete. */
  push(chunk: string): void {
    if (this.ended) throw new Error('XmlTokenizer: push() after end()');
    if (this.stats.chunks === 0 && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    this.stats.chunks += 1;
    this.stats.chars += chunk.length;
    this.buf += chunk;
    if (this.buf.length > this.stats.maxBufferedChars) this.stats.maxBufferedChars = this.buf.length;
    this.drain(false);
  }

  /** Signals the end of input: anything unfinished is an error (truncated document). */
  end(): void {
    this.drain(true);
    this.ended = true;
    if (this.buf.length > 0) {
      const rest = this.buf.trimStart();
      const pos = this.advance(this.base, this.buf, 0, this.buf.length - rest.length);
      throw new XmlSyntaxError(`document ends inside markup "${clip(rest)}" (file truncated?)`, pos);
    }
    const last = this.open[this.open.length - 1];
    if (last) {
      throw new XmlSyntaxError(
        `document ends before </${last.name}> (element opened at line ${last.pos.line}; file truncated?)`,
        this.base,
      );
    }
    if (!this.sawRoot) throw new XmlSyntaxError('no root element: the input is empty or not XML', this.base);
  }

  /** Position of buf[index]. */
  private posAt(index: number): XmlPosition {
    return this.advance(this.base, this.buf, 0, index);
  }

  private advance(from: XmlPosition, text: string, start: number, end: number): XmlPosition {
    let { line, column } = from;
    let nl = text.indexOf('\n', start);
    if (nl === -1 || nl >= end) return { line, column: column + (end - start), offset: from.offset + (end - start) };
    let lastNl = nl;
    while (nl !== -1 && nl < end) {
      line += 1;
      lastNl = nl;
      nl = text.indexOf('\n', nl + 1);
    }
    column = end - lastNl;
    return { line, column, offset: from.offset + (end - start) };
  }

  /** Drops buf[0..index) and moves `base` past it. */
  private consume(index: number): void {
    if (index === 0) return;
    this.base = this.advance(this.base, this.buf, 0, index);
    this.buf = this.buf.slice(index);
  }

  private drain(final: boolean): void {
    for (;;) {
      const buf = this.buf;
      if (buf.length === 0) return;
      if (buf[0] !== '<') {
        const lt = buf.indexOf('<');
        const stop = lt === -1 ? safeTextEnd(buf, final) : lt;
        if (stop === 0) return;
        this.text(buf.slice(0, stop), this.base);
        this.consume(stop);
        continue;
      }
      const used = this.markup(final);
      if (used === 0) {
        if (buf.length > MAX_MARKUP_CHARS) {
          throw new XmlSyntaxError(`markup "${clip(buf)}" not closed within ${MAX_MARKUP_CHARS} characters`, this.base);
        }
        return;
      }
      this.consume(used);
    }
  }

  private text(raw: string, pos: XmlPosition): void {
    if (this.open.length === 0) {
      if (raw.trim() === '') return;
      const lead = raw.length - raw.trimStart().length;
      throw new XmlSyntaxError(
        `text "${clip(raw.trim())}" outside the root element (not an XML document?)`,
        this.advance(pos, raw, 0, lead),
      );
    }
    this.emit({ kind: 'text', text: decodeEntities(raw, () => pos), pos });
  }

  /** Handles the markup at buf[0] (`<`); returns characters used, or 0 when it is not complete yet. */
  private markup(final: boolean): number {
    const buf = this.buf;
    const pos = this.base;
    if (buf.length < 2) return 0;
    const c = buf[1];
    if (c === '?') return this.until('?>');
    if (c === '!') {
      if (buf.startsWith('<!--')) return this.until('-->');
      if (buf.startsWith('<![CDATA[')) {
        const end = buf.indexOf(']]>');
        if (end === -1) return 0;
        if (this.open.length === 0) throw new XmlSyntaxError('CDATA outside the root element', pos);
        this.emit({ kind: 'text', text: buf.slice(9, end), pos });
        return end + 3;
      }
      if (buf.length < 9 && !final) return 0;
      if (buf.startsWith('<!DOCTYPE')) {
        const end = buf.indexOf('>');
        if (end === -1) return 0;
        if (buf.slice(0, end).includes('[')) throw new XmlSyntaxError('DOCTYPE with an internal subset is not supported', pos);
        return end + 1;
      }
      throw new XmlSyntaxError(`unexpected markup "${clip(buf)}"`, pos);
    }
    if (c === '/') {
      const end = buf.indexOf('>');
      if (end === -1) return 0;
      const name = buf.slice(2, end).trim();
      const top = this.open.pop();
      if (!top) throw new XmlSyntaxError(`closing tag </${name}> without an open element`, pos);
      if (top.name !== name) {
        throw new XmlSyntaxError(`closing tag </${name}> does not match <${top.name}> opened at line ${top.pos.line}`, pos);
      }
      this.emit({ kind: 'end', name, pos });
      return end + 1;
    }
    if (!NAME_START.test(c ?? '')) throw new XmlSyntaxError(`"<" not followed by a tag name ("${clip(buf)}")`, pos);
    return this.startTag(pos);
  }

  private until(terminator: string): number {
    const end = this.buf.indexOf(terminator, 2);
    return end === -1 ? 0 : end + terminator.length;
  }

  private startTag(pos: XmlPosition): number {
    const buf = this.buf;
    let i = this.tagScan?.from ?? 1;
    let quote = this.tagScan?.quote ?? '';
    for (; i < buf.length; i += 1) {
      const ch = buf[i];
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") {
        quote = ch;
      } else if (ch === '<') {
        throw new XmlSyntaxError(`"<" inside the tag "${clip(buf.slice(0, i))}"`, this.posAt(i));
      } else if (ch === '>') {
        break;
      }
    }
    if (i >= buf.length) {
      this.tagScan = { from: i, quote };
      return 0;
    }
    this.tagScan = null;
    const selfClosing = buf[i - 1] === '/';
    const inner = buf.slice(1, selfClosing ? i - 1 : i);
    const { name, attrs } = parseTag(inner, (k) => this.posAt(1 + k));
    if (this.open.length === 0) {
      if (this.sawRoot) throw new XmlSyntaxError(`second root element <${name}>`, pos);
      this.sawRoot = true;
    }
    if (!selfClosing) this.open.push({ name, pos });
    this.emit({ kind: 'start', name, attrs, selfClosing, pos });
    return i + 1;
  }
}

/** Parses `name a="1" b='2'` (the inside of a start tag). `at(k)` locates character k of `inner`. */
function parseTag(inner: string, at: (k: number) => XmlPosition): { name: string; attrs: Record<string, string> } {
  let k = 0;
  while (k < inner.length && NAME_CHAR.test(inner[k] ?? '')) k += 1;
  const name = inner.slice(0, k);
  const attrs: Record<string, string> = {};
  for (;;) {
    const ws = k;
    while (k < inner.length && /\s/.test(inner[k] ?? '')) k += 1;
    if (k >= inner.length) break;
    if (k === ws) throw new XmlSyntaxError(`expected whitespace before attribute in <${name}>`, at(k));
    const a = k;
    while (k < inner.length && NAME_CHAR.test(inner[k] ?? '')) k += 1;
    const attr = inner.slice(a, k);
    if (!attr) throw new XmlSyntaxError(`malformed attribute in <${name}> near "${clip(inner.slice(a))}"`, at(a));
    while (/\s/.test(inner[k] ?? '')) k += 1;
    if (inner[k] !== '=') throw new XmlSyntaxError(`attribute ${attr} of <${name}> has no value`, at(k));
    k += 1;
    while (/\s/.test(inner[k] ?? '')) k += 1;
    const q = inner[k];
    if (q !== '"' && q !== "'") throw new XmlSyntaxError(`attribute ${attr} of <${name}> is not quoted`, at(k));
    const close = inner.indexOf(q, k + 1);
    if (close === -1) throw new XmlSyntaxError(`attribute ${attr} of <${name}> is not closed`, at(k));
    if (attr in attrs) throw new XmlSyntaxError(`attribute ${attr} repeated in <${name}>`, at(a));
    const start = k + 1;
    // XML attribute-value normalisation: literal tab, CR and LF become spaces; character references survive.
    attrs[attr] = decodeEntities(inner.slice(start, close).replace(/[\t\r\n]/g, ' '), () => at(start));
    k = close + 1;
  }
  return { name, attrs };
}

/**
 * How much of a text run with no `<` in sight can be emitted now: all of it at the end of input, else up to the last
 * `&` that may start an entity reference split by the chunk boundary.
 */
function safeTextEnd(buf: string, final: boolean): number {
  if (final) return buf.length;
  const amp = buf.lastIndexOf('&');
  if (amp !== -1 && buf.length - amp < 32 && !buf.includes(';', amp)) return amp;
  return buf.length;
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 40 ? `${one.slice(0, 40)}…` : one;
}
