/**
 * YAML front matter of a markdown doc page (`---` … `---` at the top), read flat: `key: value` per line, quotes
 * removed, nested or list entries ignored. `ms.date` is normalised to YYYY-MM-DD.
 */
import type { SourceLine } from './page-lines.js';

export interface FrontMatter {
  values: Record<string, string>;
  /** Index of the first line after the front matter (0 when there is none). */
  next: number;
  msDate: string | null;
  warnings: { line: number; message: string }[];
}

const ENTRY = /^([A-Za-z_][\w.-]*)\s*:\s*(.*?)\s*$/;

function unquote(value: string): string {
  const m = /^(["'])(.*)\1$/.exec(value);
  return m ? (m[2] ?? '') : value;
}

/** `08/01/2024` (MM/DD/YYYY, as the Graph docs write it) or `2024-08-01` -> `2024-08-01`; null otherwise. */
export function normaliseMsDate(value: string): string | null {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const [y, m, d] = us ? [us[3], us[1], us[2]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y || !m || !d) return null;
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Reads the front matter at the top of `lines`, if the first line is `---`. */
export function readFrontMatter(lines: readonly SourceLine[]): FrontMatter {
  const none: FrontMatter = { values: {}, next: 0, msDate: null, warnings: [] };
  if (lines[0]?.text.trim() !== '---') return none;
  const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l.text));
  if (close < 0) {
    return {
      ...none,
      next: 1,
      warnings: [
        {
          line: 1,
          message: "front matter opened with '---' is never closed; add a '---' line after its last entry",
        },
      ],
    };
  }
  const values: Record<string, string> = {};
  for (const l of lines.slice(1, close)) {
    const m = ENTRY.exec(l.text);
    if (m?.[1] && m[2] !== undefined && m[2] !== '') values[m[1]] = unquote(m[2]);
  }
  const warnings: FrontMatter['warnings'] = [];
  const rawDate = values['ms.date'];
  const msDate = rawDate === undefined ? null : normaliseMsDate(rawDate);
  if (rawDate !== undefined && msDate === null) {
    const line = lines.find((l) => l.text.trimStart().startsWith('ms.date'))?.line ?? 1;
    warnings.push({ line, message: `ms.date '${rawDate}' is not a date in MM/DD/YYYY form; it was ignored` });
  }
  return { values, next: close + 1, msDate, warnings };
}
