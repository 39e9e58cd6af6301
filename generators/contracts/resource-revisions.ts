/**
 * Several revisions of one resource page (the pool page of 2021 and Learn's of 2025): ordered like operation pages
 * (revision.ts), the newest builds the schema, and every property or relationship whose type changes between
 * adjacent revisions is a doc-vs-doc transition finding.
 */
import { isDeepStrictEqual } from 'node:util';
import type { DocFinding } from '../../contracts/model.js';
import type { DocPage } from './doc-page.js';
import { revisionOf, sortRevisions } from './revision.js';
import { type FieldValue, rankSorted, transitionFindings } from './revision-transitions.js';
import type { TypeDoc } from './schema-builder.js';

function fieldsOf(page: DocPage): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [section, prefix] of [
    [/^(property|member)$/i, '/properties/'],
    [/^relationship$/i, '/relationships/'],
  ] as const) {
    const t = page.tables.find((x) => section.test((x.header[0] ?? '').trim()));
    for (const row of t?.rows ?? []) {
      const name = (row.cells[0] ?? '').trim();
      if (name) out[`${prefix}${name}`] = { value: (row.cells[1] ?? '').trim(), file: page.file, line: row.line };
    }
  }
  if (page.inheritsFrom) out['/inheritsFrom'] = { value: page.inheritsFrom, file: page.file, line: null };
  return out;
}

/** The newest page of each type, and the transitions between each type's revisions. */
export function newestTypeDocs(types: TypeDoc[]): { newest: TypeDoc[]; transitions: DocFinding[] } {
  const byName = new Map<string, TypeDoc[]>();
  for (const t of types) byName.set(t.name, [...(byName.get(t.name) ?? []), t]);
  const newest: TypeDoc[] = [];
  const transitions: DocFinding[] = [];
  for (const [name, docs] of byName) {
    const sorted = sortRevisions(docs.map((t) => ({ t, page: t.page, revision: revisionOf(t.page), fields: fieldsOf(t.page) })));
    const first = sorted[0];
    if (!first) continue;
    newest.push(first.t);
    if (sorted.length < 2) continue;
    const ranks = rankSorted(sorted, (a, b) => isDeepStrictEqual(a.fields, b.fields));
    transitions.push(
      ...transitionFindings(
        name,
        sorted.map((s) => ({ file: s.page.file, revision: s.revision, fields: s.fields })),
        ranks,
      ),
    );
  }
  return { newest, transitions };
}
