/**
 * Doc-vs-doc drift as transitions: the revisions of one operation or type, newest first and ranked, compared field
 * by field between each revision and the next newer one. Each change is a finding that says from which revision to
 * which, the value before and after, and the file and line on each side. Where the order of the two revisions is
 * not known (no dates, same template), the finding says so (`revision-order-unknown`) and how to give a date.
 */
import { isDeepStrictEqual } from 'node:util';
import type { DocFinding, RevisionSide } from '../../contracts/model.js';
import { revisionOrder, type Revision } from './revision.js';

export interface FieldValue {
  value: unknown;
  file: string;
  line: number | null;
}

export interface RevisionView {
  file: string;
  revision: Revision;
  /** Fields compared between revisions, by JSON pointer. */
  fields: Record<string, FieldValue>;
}

/**
 * Ranks of sources sorted newest first: a source shares the rank of the one before it when `same` says they are one
 * revision (two renderings of one page).
 */
export function rankSorted<T>(sorted: readonly T[], same: (a: T, b: T) => boolean): number[] {
  const ranks: number[] = [];
  sorted.forEach((x, i) => {
    const prev = sorted[i - 1];
    ranks.push(prev === undefined ? 0 : (ranks[i - 1] ?? 0) + (same(prev, x) ? 0 : 1));
  });
  return ranks;
}

function side(v: RevisionView, pointer: string, group: RevisionView[]): RevisionSide {
  const f = v.fields[pointer];
  return {
    file: f?.file ?? v.file,
    line: f?.line ?? null,
    revision: v.revision.evidence,
    date: v.revision.date,
    value: f?.value ?? null,
    alsoIn: group.filter((g) => g !== v).map((g) => g.file),
  };
}

/** Findings for every field that changes between adjacent ranks. `views` are newest first with their `ranks`. */
export function transitionFindings(subject: string, views: readonly RevisionView[], ranks: readonly number[]): DocFinding[] {
  const groups: RevisionView[][] = [];
  views.forEach((v, i) => {
    const r = ranks[i] ?? 0;
    groups[r] = [...(groups[r] ?? []), v];
  });
  const pointers = [...new Set(views.flatMap((v) => Object.keys(v.fields)))];
  const out: DocFinding[] = [];
  for (let r = groups.length - 1; r > 0; r--) {
    const olderGroup = groups[r] ?? [];
    const newerGroup = groups[r - 1] ?? [];
    const older = olderGroup[0];
    const newer = newerGroup[0];
    if (!older || !newer) continue;
    const known = revisionOrder(newer.revision, older.revision).by;
    for (const pointer of pointers) {
      const before = older.fields[pointer]?.value ?? null;
      const after = newer.fields[pointer]?.value ?? null;
      if (isDeepStrictEqual(before, after)) continue;
      const from = side(older, pointer, olderGroup);
      const to = side(newer, pointer, newerGroup);
      out.push({
        rule: known ? 'revision-change' : 'revision-order-unknown',
        kind: 'doc-vs-doc',
        subject,
        file: to.file,
        line: to.line,
        pointer,
        message: known
          ? `${subject} ${pointer} changed from ${from.file}${from.line ? `:${from.line}` : ''} (${from.revision}) ` +
            `to ${to.file}${to.line ? `:${to.line}` : ''} (${to.revision}); ordered by ${known}`
          : `${from.file} and ${to.file} disagree on ${subject} ${pointer}, and which is newer is unknown (no dates, same template); ` +
            `the contract keeps ${to.file}'s value. Give the pages a date (--docs DIR@YYYY-MM-DD, ms.date, or a git work tree)`,
        expected: after,
        observed: before,
        transition: { from, to },
      });
    }
  }
  return out;
}
