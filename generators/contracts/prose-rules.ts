/**
 * What the docs' prose says about a property, in JSON Schema's words. Each rule names the phrase it reads, so a
 * reader of a contract can trace every readOnly, writeOnly, pattern and computed property back to the doc text.
 */
import { patternFromLongDescription } from './csdl-model.js';
import { camelWords } from './graph-types.js';

export interface ProseFacts {
  readOnly: string | null;
  writeOnly: string | null;
  /** Regex the prose says the value must match. */
  pattern: string | null;
  /** Name of the sibling collection this property counts, and the phrase that says so. */
  countOf: { property: string; phrase: string } | null;
  /** `Possible values are: a, b, c.` */
  possibleValues: string[] | null;
  /** `Inherited from X` */
  inheritedFrom: string | null;
}

const READ_ONLY = [/system generated/i, /generated service side/i, /updated service side/i, /read-?only/i];
const WRITE_ONLY = [/cannot be used to read/i, /write-?only/i];

function firstMatch(text: string, patterns: RegExp[]): string | null {
  for (const p of patterns) {
    const m = p.exec(text);
    if (m) return m[0];
  }
  return null;
}

/**
 * @param siblings names of the other properties of the same type, to resolve "the total count of activation codes"
 *   to `activationCodes`.
 */
export function readProse(description: string, siblings: string[]): ProseFacts {
  const count = /total (?:count|number) of ([a-z ]+?) (?:which|that) belong/i.exec(description);
  let countOf: ProseFacts['countOf'] = null;
  if (count?.[1]) {
    const words = count[1].toLowerCase().split(/\s+/).join(' ');
    const target = siblings.find((s) => camelWords(s).join(' ') === words);
    if (target) countOf = { property: target, phrase: count[0] };
  }
  const values = /Possible values are:\s*(.+?)\.?\s*$/i.exec(description);
  const inherited = /Inherited from ([A-Za-z][A-Za-z0-9]*)/.exec(description);
  return {
    readOnly: firstMatch(description, READ_ONLY),
    writeOnly: firstMatch(description, WRITE_ONLY),
    pattern: patternFromLongDescription(description),
    countOf,
    possibleValues: values?.[1]
      ? values[1]
          .split(',')
          .map((v) => v.replace(/[`.\s]/g, ''))
          .filter(Boolean)
      : null,
    inheritedFrom: inherited?.[1] ?? null,
  };
}
