/**
 * JSON shown on a doc page: parsed with JSON.parse, and when that fails, located to the line and column of the
 * first mistake (V8's messages do not always carry a position, so a small scanner finds it). Also finds where a
 * JSON value ends in page text, where no code fence marks it.
 */
import { lineOfOffset } from './page-lines.js';

export type JsonTextResult = { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string; error: string };

class JsonSyntax extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = '"\\/bfnrt';

/** Throws JsonSyntax at the first offset where `text` stops being JSON. */
function scanJson(text: string): void {
  let i = 0;
  function fail(message: string): never {
    throw new JsonSyntax(i, message);
  }
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const string = (): void => {
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined) fail('unterminated string (a closing " is missing)');
      else if (c === '"') {
        i++;
        return;
      } else if (c === '\\') {
        const e = text[i + 1] ?? '';
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if (ESCAPES.includes(e) && e !== '') i += 2;
        else fail(`invalid escape \\${e} in a string`);
      } else if (c < ' ') fail('unescaped control character (such as a line break) inside a string');
      else i++;
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === undefined) fail('unexpected end of the JSON text (a value or a closing bracket is missing)');
    if (c === '{' || c === '[') return container(c === '{' ? '}' : ']');
    if (c === '"') return string();
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(text);
    if (num) {
      i += num[0].length;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail(`unexpected character '${c}' where a value should start`);
  };
  const container = (close: string): void => {
    i++;
    ws();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (close === '}') {
        if (text[i] === '}') fail("trailing comma before '}'");
        if (text[i] !== '"') fail('expected a property name in double quotes');
        string();
        ws();
        if (text[i] !== ':') fail("expected ':' after the property name");
        i++;
      } else if (text[i] === ']') fail("trailing comma before ']'");
      value();
      ws();
      if (text[i] === ',') i++;
      else if (text[i] === close) {
        i++;
        return;
      } else fail(`expected ',' or '${close}' after ${close === '}' ? 'a property value' : 'an array item'}`);
    }
  };
  value();
  ws();
  if (i < text.length) fail('unexpected text after the end of the JSON value');
}

/** Parses `text` (whose first line is line `firstLine` of its file); errors say `line L, column C: why`. */
export function parseJsonText(text: string, firstLine: number): JsonTextResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    let offset = 0;
    let message = (e as Error).message;
    try {
      scanJson(text);
    } catch (s) {
      if (!(s instanceof JsonSyntax)) throw s;
      offset = s.offset;
      message = s.message;
    }
    const { line, column } = lineOfOffset(text, offset, firstLine);
    return { ok: false, line, column, message, error: `line ${line}, column ${column}: ${message}` };
  }
}

/**
 * Index (into `lines`) of the line on which the JSON value starting at lines[start] closes: brackets are counted
 * outside strings. Returns -1 when it never closes.
 */
export function findJsonEnd(lines: readonly string[], start: number): number {
  let depth = 0;
  let inString = false;
  for (let n = start; n < lines.length; n++) {
    const text = lines[n] ?? '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) return n;
      }
    }
    // A string never spans lines in JSON; resetting keeps one stray quote from swallowing the rest of the page.
    inString = false;
  }
  return -1;
}
