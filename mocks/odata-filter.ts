/**
 * The $filter expressions the mock understands, parsed once per request into a predicate over a presented entity:
 * comparisons `<property> eq|ne '<text>'`, `startswith(<property>,'<text>')`, `endswith(...)`, `contains(...)`,
 * joined by `and` / `or` with parentheses and `not`. Properties are the ones `filterable` allows (displayName);
 * anything else is a FilterError whose message is the Graph 400 text.
 */

export class FilterError extends Error {
  override name = 'FilterError';
}

export type Predicate = (item: Record<string, unknown>) => boolean;

/** Deepest nesting of parentheses and `not` a filter may use: deeper is a 400, never a stack overflow. */
export const MAX_FILTER_DEPTH = 32;

type Token = { kind: 'string'; value: string } | { kind: 'word'; value: string } | { kind: 'punct'; value: '(' | ')' | ',' };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'punct', value: c });
      i++;
    } else if (c === "'") {
      // OData string literal: '' inside is one quote.
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new FilterError(`Unterminated string literal in $filter at position ${i}.`);
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      tokens.push({ kind: 'string', value });
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
      if (!m) throw new FilterError(`Syntax error at position ${i} in $filter '${text}'.`);
      tokens.push({ kind: 'word', value: m[0] });
      i += m[0].length;
    }
  }
  return tokens;
}

const FUNCTIONS: Record<string, (a: string, b: string) => boolean> = {
  startswith: (a, b) => a.toLowerCase().startsWith(b.toLowerCase()),
  endswith: (a, b) => a.toLowerCase().endsWith(b.toLowerCase()),
  contains: (a, b) => a.toLowerCase().includes(b.toLowerCase()),
};

/** Parses `text` into a predicate; `filterable` names the properties a filter may use. */
export function parseFilter(text: string, filterable: readonly string[], typeName: string): Predicate {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const word = (t: Token | undefined, w: string): boolean => t?.kind === 'word' && t.value.toLowerCase() === w;
  const expect = (value: '(' | ')' | ','): void => {
    const t = tokens[pos++];
    if (t?.kind !== 'punct' || t.value !== value) throw new FilterError(`Syntax error in $filter '${text}': expected '${value}'.`);
  };
  const property = (): string => {
    const t = tokens[pos++];
    if (t?.kind !== 'word') throw new FilterError(`Syntax error in $filter '${text}': expected a property name.`);
    if (!filterable.includes(t.value)) {
      throw new FilterError(
        `Invalid filter clause: filtering on '${t.value}' of microsoft.graph.${typeName} is not supported (the mock filters on ${filterable.join(', ')}).`,
      );
    }
    return t.value;
  };
  const literal = (): string => {
    const t = tokens[pos++];
    if (t?.kind !== 'string') throw new FilterError(`Syntax error in $filter '${text}': expected a quoted string literal.`);
    return t.value;
  };
  const text_ = (item: Record<string, unknown>, name: string): string | null => {
    const v = item[name];
    return typeof v === 'string' ? v : null;
  };

  let depth = 0;
  const nested = <T>(read: () => T): T => {
    if (++depth > MAX_FILTER_DEPTH) throw new FilterError(`The $filter is nested more than ${MAX_FILTER_DEPTH} levels deep.`);
    const out = read();
    depth--;
    return out;
  };
  function primary(): Predicate {
    const t = peek();
    if (t?.kind === 'punct' && t.value === '(') {
      pos++;
      const inner = nested(or);
      expect(')');
      return inner;
    }
    if (word(t, 'not')) {
      pos++;
      const inner = nested(primary);
      return (item) => !inner(item);
    }
    const fn = t?.kind === 'word' ? FUNCTIONS[t.value.toLowerCase()] : undefined;
    if (fn && tokens[pos + 1]?.kind === 'punct' && tokens[pos + 1]?.value === '(') {
      pos += 2;
      const name = property();
      expect(',');
      const value = literal();
      expect(')');
      return (item) => {
        const v = text_(item, name);
        return v !== null && fn(v, value);
      };
    }
    const name = property();
    const op = tokens[pos++];
    if (!word(op, 'eq') && !word(op, 'ne')) {
      throw new FilterError(
        `Unsupported operator '${op?.value ?? '(end)'}' in $filter '${text}'; the mock supports eq, ne, startswith, endswith, contains, and, or, not.`,
      );
    }
    const value = literal();
    const negate = word(op, 'ne');
    // Graph compares strings in $filter eq case-insensitively for these Intune collections.
    return (item) => (text_(item, name)?.toLowerCase() === value.toLowerCase()) !== negate;
  }
  function and(): Predicate {
    let left = primary();
    while (word(peek(), 'and')) {
      pos++;
      const l = left;
      const r = primary();
      left = (item) => l(item) && r(item);
    }
    return left;
  }
  function or(): Predicate {
    let left = and();
    while (word(peek(), 'or')) {
      pos++;
      const l = left;
      const r = and();
      left = (item) => l(item) || r(item);
    }
    return left;
  }
  if (tokens.length === 0) throw new FilterError('The $filter query option is empty.');
  const predicate = or();
  if (pos < tokens.length) throw new FilterError(`Syntax error in $filter '${text}' at '${tokens[pos]?.value}'.`);
  return predicate;
}
