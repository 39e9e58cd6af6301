/**
 * How old is a doc page? Pages carry an `ms.date` only since 2022 or so; older markdown and rendered page text carry
 * none. What every revision does carry is its template generation, which Microsoft changed over the years:
 *   1. "Prerequisites" heading, permissions listed "from most to least privileged";
 *   2. "Prerequisites" heading, permissions "from least to most privileged";
 *   3. "Permissions" heading (with the national-cloud statement).
 * A later generation is a later revision; within one generation, the later ms.date wins.
 */
import type { DocPage } from './doc-page.js';

export interface Revision {
  generation: 1 | 2 | 3 | 0;
  date: string | null;
  /** What the page shows that places it: `ms.date 2024-08-01`, or the template evidence. */
  evidence: string;
}

export function revisionOf(page: DocPage): Revision {
  const perm = page.tables.find((t) => /^permission type$/i.test((t.header[0] ?? '').trim()));
  const order = (perm?.header[1] ?? '').toLowerCase();
  const section = (perm?.section ?? '').toLowerCase();
  let generation: Revision['generation'] = 0;
  let template = 'no permissions table';
  if (perm) {
    if (order.includes('most to least')) {
      generation = 1;
      template = 'template generation 1 (permissions "from most to least privileged")';
    } else if (section.startsWith('prerequisites')) {
      generation = 2;
      template = 'template generation 2 ("Prerequisites" heading, permissions least to most privileged)';
    } else {
      generation = 3;
      template = 'template generation 3 ("Permissions" heading)';
    }
  }
  const date = page.msDate;
  const how = page.format === 'markdown' ? (Object.keys(page.frontMatter).length ? 'front matter' : 'no front matter') : 'page text';
  return { generation, date, evidence: date ? `ms.date ${date}; ${template}` : `${how} without ms.date; ${template}` };
}

/** Newest first: later generation, then later date, then markdown before page text (the source of the rendering). */
export function compareRevisions(a: { revision: Revision; page: DocPage }, b: { revision: Revision; page: DocPage }): number {
  if (a.revision.generation !== b.revision.generation) return b.revision.generation - a.revision.generation;
  const da = a.revision.date ?? '';
  const db = b.revision.date ?? '';
  if (da !== db) return db.localeCompare(da);
  if (a.page.format !== b.page.format) return a.page.format === 'markdown' ? -1 : 1;
  return a.page.file.localeCompare(b.page.file);
}
