/**
 * Tables in rendered page text that lost their column breaks: each row is one line, the columns separated by single
 * spaces, e.g. `Delegated (work or school account) DeviceManagementConfiguration.ReadWrite.All` or
 * `activationCodes embeddedSIMActivationCode collection The activation codes …`. They can only be split with
 * knowledge of the columns a Graph doc table has, so only the known table headers are recognised:
 * - permissions: the row label is one of the three permission kinds;
 * - headers: the first token is the header name;
 * - properties/relationships/parameters: name, then a Graph type expression (`String`, `Int32`, a camelCase type
 *   name, `Collection(x)`, optionally followed by `collection`), then the description;
 * - enum members: name, integer value, description;
 * - methods: a method title of several words, a return type as above (or `None`), a description that starts with
 *   a capital letter.
 */

export type PlainTableKind = 'permission' | 'header' | 'property' | 'member' | 'method';

const HEADERS: { re: RegExp; kind: PlainTableKind; header: (m: RegExpExecArray) => string[] }[] = [
  { re: /^(Permission type) (Permissions\b.*)$/i, kind: 'permission', header: (m) => [m[1] ?? '', m[2] ?? ''] },
  { re: /^(Header|Name) (Value|Description)$/, kind: 'header', header: (m) => [m[1] ?? '', m[2] ?? ''] },
  {
    re: /^(Property|Relationship|Parameter|Name) (Type) (Description)$/,
    kind: 'property',
    header: (m) => [m[1] ?? '', m[2] ?? '', m[3] ?? ''],
  },
  { re: /^(Member) (Value) (Description)$/, kind: 'member', header: (m) => [m[1] ?? '', m[2] ?? '', m[3] ?? ''] },
  { re: /^(Method) (Return Type) (Description)$/, kind: 'method', header: (m) => [m[1] ?? '', m[2] ?? '', m[3] ?? ''] },
];

export const PERMISSION_KINDS = ['Delegated (work or school account)', 'Delegated (personal Microsoft account)', 'Application'] as const;

const NAME = /^[@A-Za-z_][\w.@-]*$/;
const TYPE = /^(?:[A-Za-z]\w*(?:\.[A-Za-z]\w*)*|Collection\([\w.]+\))$/;
const HEADER_NAME = /^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$/;

/** The columns of a plain-line table whose header line this is, or null when it is not a known table header. */
export function plainTableHeader(text: string): { kind: PlainTableKind; header: string[] } | null {
  const t = text.trim();
  for (const h of HEADERS) {
    const m = h.re.exec(t);
    if (m) return { kind: h.kind, header: h.header(m) };
  }
  return null;
}

/** A type expression starting at tokens[at]: `X` or `X collection`; the number of tokens it takes, 0 if none. */
function typeAt(tokens: readonly string[], at: number): number {
  const t = tokens[at];
  if (t === undefined || !TYPE.test(t)) return 0;
  return tokens[at + 1] === 'collection' ? 2 : 1;
}

/** Method title, return type, description: `None` as the return type wins; else the first type that fits. */
function splitMethodRow(tokens: readonly string[]): string[] | null {
  for (const noneOnly of [true, false]) {
    for (let k = 1; k < tokens.length; k++) {
      const width = noneOnly ? (tokens[k] === 'None' ? 1 : 0) : typeAt(tokens, k);
      if (width === 0) continue;
      const description = tokens.slice(k + width).join(' ');
      if (description === '' || /^[A-Z]/.test(description)) {
        return [tokens.slice(0, k).join(' '), tokens.slice(k, k + width).join(' '), description];
      }
    }
  }
  return null;
}

/** Splits one row of a plain-line table of the given kind; null when the line does not fit (the table ends). */
export function splitPlainRow(kind: PlainTableKind, text: string): string[] | null {
  const t = text.trim().replace(/\s+/g, ' ');
  const tokens = t.split(' ');
  switch (kind) {
    case 'permission': {
      const label = PERMISSION_KINDS.find((p) => t.startsWith(`${p} `));
      return label ? [label, t.slice(label.length + 1)] : null;
    }
    case 'header': {
      const [name, ...rest] = tokens;
      return name && HEADER_NAME.test(name) && rest.length > 0 ? [name, rest.join(' ')] : null;
    }
    case 'property': {
      const [name] = tokens;
      const width = typeAt(tokens, 1);
      if (!name || !NAME.test(name) || width === 0) return null;
      return [name, tokens.slice(1, 1 + width).join(' '), tokens.slice(1 + width).join(' ')];
    }
    case 'member': {
      const m = /^(\S+) (-?\d+)(?: (.*))?$/.exec(t);
      return m?.[1] && m[2] ? [m[1], m[2], m[3] ?? ''] : null;
    }
    case 'method':
      return splitMethodRow(tokens);
  }
}
