/**
 * How old is a doc page? Two kinds of evidence:
 *   - a date: the page's `ms.date`, or one from outside it (`--docs DIR@DATE`, Learn's sitemap date, the commit
 *     date in a git work tree; see doc-dates.ts). `--docs DIR@DATE` wins over the page's own ms.date.
 *   - the template generation, which Microsoft changed over the years:
 *     1. "Prerequisites" heading, permissions listed "from most to least privileged";
 *     2. "Prerequisites" heading, permissions "from least to most privileged";
 *     3. "Permissions" heading, two columns (with the national-cloud statement);
 *     4. "Permissions" as three columns (least / higher privileged), inline or INCLUDEd from a permissions file.
 * Two pages are ordered by date when both have one, else by generation when both show one. Otherwise their order
 * is unknown: they are put in a fixed order that does not depend on file names (dated first, markdown first, then
 * by content hash) and the extractor reports it (`revision-order-unknown`) when their content differs.
 */
import type { PageDate } from './doc-dates.js';
import type { DocPage } from './doc-page.js';

export interface Revision {
  generation: 0 | 1 | 2 | 3 | 4;
  date: string | null;
  dateSource: PageDate['source'] | null;
  /** What the page shows that places it: `ms.date 2024-08-01; template generation 3 (...)`. */
  evidence: string;
}

const SOURCE_TEXT: Record<PageDate['source'], string> = {
  given: 'date given with --docs',
  'ms.date': 'ms.date',
  sitemap: 'Learn sitemap date',
  commit: 'commit date',
};

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
    } else if (order.startsWith('least privileged')) {
      generation = 4;
      template = `template generation 4 (three-column permissions${perm.included ? `, included from ${perm.included}` : ''})`;
    } else {
      generation = 3;
      template = 'template generation 3 ("Permissions" heading)';
    }
  }
  const outside = page.dated ?? null;
  const dated: PageDate | null = outside?.source === 'given' ? outside : page.msDate ? { date: page.msDate, source: 'ms.date' } : outside;
  const how = page.format === 'markdown' ? (Object.keys(page.frontMatter).length ? 'front matter' : 'no front matter') : 'page text';
  return {
    generation,
    date: dated?.date ?? null,
    dateSource: dated?.source ?? null,
    evidence: dated ? `${SOURCE_TEXT[dated.source]} ${dated.date}; ${template}` : `${how} without a date; ${template}`,
  };
}

/** How two revisions compare: newer first (negative when `a` is newer), and what decided it (null: unknown). */
export function revisionOrder(a: Revision, b: Revision): { cmp: number; by: 'date' | 'generation' | null } {
  if (a.date && b.date && a.date !== b.date) return { cmp: b.date.localeCompare(a.date), by: 'date' };
  if (a.generation && b.generation && a.generation !== b.generation) return { cmp: b.generation - a.generation, by: 'generation' };
  return { cmp: 0, by: null };
}

interface Placed {
  revision: Revision;
  page: DocPage;
}

/** Newest first; where the order is unknown, a fixed order independent of names: dated, markdown, content hash. */
export function compareRevisions(a: Placed, b: Placed): number {
  const known = revisionOrder(a.revision, b.revision);
  if (known.by) return known.cmp;
  if (!!a.revision.date !== !!b.revision.date) return a.revision.date ? -1 : 1;
  if (a.page.format !== b.page.format) return a.page.format === 'markdown' ? -1 : 1;
  const sa = a.page.sha256 ?? '';
  const sb = b.page.sha256 ?? '';
  if (sa !== sb) return sa < sb ? -1 : 1;
  return a.page.file.localeCompare(b.page.file); // identical bytes: the order cannot matter
}

/** Sorts newest first so that the result depends only on the set of pages, not on the order they were given in. */
export function sortRevisions<T extends Placed>(items: readonly T[]): T[] {
  const key = (x: Placed): string => `${x.page.sha256 ?? ''}\u0000${x.page.file}`;
  const byContent = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return byContent.sort(compareRevisions);
}
