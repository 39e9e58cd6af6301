/**
 * The extractor, end to end and in memory: doc files (+ optional Graph metadata) -> the contents of contracts/.
 * `cli.ts` writes the result (extract) or compares it with what is checked in (check).
 */
import { createHash } from 'node:crypto';
import { schemaId } from '../../contracts/model.js';
import type { DocFinding, DocFindingsFile, OperationContract, SourceRecord } from '../../contracts/model.js';
import { createAjv } from '../../contracts/ajv.js';
import { type BrokenPage, keepForBroken, missingSections } from './broken-pages.js';
import { DocParseError, type DocPage } from './doc-page.js';
import { discoverDocs, type DocFile } from './discover.js';
import { pageFindings } from './doc-findings.js';
import { docFindingsMarkdown } from './doc-findings-markdown.js';
import type { JsonSchema } from './graph-types.js';
import { loadMetadata, type LoadedMetadata } from './metadata-load.js';
import { mergeOperationWithTransitions } from './operation-merge.js';
import { draftOperation, type OperationDraft } from './operation-page.js';
import { resolveIncludes } from './page-includes.js';
import { parseDocPage } from './parse-page.js';
import { newestTypeDocs } from './resource-revisions.js';
import { queryOptionFindings, readQueryOptions } from './query-options.js';
import { revisionOf } from './revision.js';
import { buildSchemas, typeDocOf, type TypeDoc } from './schema-builder.js';
import { parseRef, refsIn } from './schema-walk.js';
import { TableShapeError } from './tables.js';

export interface ExtractOptions {
  /** Doc files or folders. */
  docs: string[];
  /** Folder with the Graph CSDL and type mappings; null to extract from the docs alone. */
  metadataDir: string | null;
  /** Pages of folders are taken when they match this (default: the eSIM family), plus the resource pages they need. */
  family?: RegExp;
  /**
   * The checked-in contracts folder: a contract whose page broke (and has no other revision) is kept from there.
   * Absent: nothing is kept from disk (the broken page is still reported in `broken`).
   */
  previous?: string | null;
}

export interface Skipped {
  file: string;
  line: number;
  reason: string;
}

export interface ExtractResult {
  /** Path relative to contracts/ -> file content. */
  files: Map<string, string>;
  operations: OperationContract[];
  schemas: Map<string, JsonSchema>;
  findings: DocFinding[];
  skipped: Skipped[];
  /** Pages of the family that could not be read, with what was kept instead; the CLI fails on these. */
  broken: BrokenPage[];
  pages: number;
  metadata: string[];
}

/** Stable, readable JSON: two-space indent, trailing newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function sha12(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

function parseAll(files: DocFile[], skipped: Skipped[], broken: Skipped[]): DocPage[] {
  const pages: DocPage[] = [];
  for (const f of files) {
    try {
      if (f.error) throw f.error;
      const page = parseDocPage(f.name, f.text);
      page.dated = f.date;
      page.sha256 = sha12(f.text);
      resolveIncludes(f, page);
      for (const w of page.warnings) skipped.push({ file: f.name, line: w.line, reason: `kept, but: ${w.message}` });
      const cut = missingSections(page, f.text.replace(/\s+$/, '').split(/\r\n?|\n/).length);
      if (cut) broken.push({ file: f.name, ...cut });
      else pages.push(page);
    } catch (e) {
      if (!(e instanceof DocParseError) && !(e instanceof TableShapeError)) throw e;
      broken.push({ file: e.file, line: e.line, reason: e.reason });
    }
  }
  return pages;
}

/** A `$ref` to a type with no page would break every validator that reaches it: stub it and say so. */
function stubUnresolved(schemas: Map<string, JsonSchema>, ops: OperationContract[], findings: DocFinding[]): void {
  const refs = [...refsIn([...schemas.values()]), ...refsIn(ops.map((o) => [o.request, o.response]))];
  for (const ref of refs) {
    const target = parseRef(ref)?.type;
    if (!target || schemas.has(target)) continue;
    schemas.set(target, {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: schemaId(target),
      title: target,
      $comment: 'no resource page for this type among the inputs: unconstrained',
    });
    findings.push({
      rule: 'unresolved-type',
      kind: 'doc-internal',
      subject: target,
      file: '(all inputs)',
      line: null,
      pointer: null,
      message: `${target} is referenced but has no resource page among the inputs; its schema accepts anything`,
      expected: `a resource page for ${target}`,
      observed: null,
    });
  }
}

function sortFindings(findings: DocFinding[]): DocFinding[] {
  const key = (f: DocFinding): string =>
    [f.kind, f.subject, f.rule, f.file, String(f.line ?? 0).padStart(6, '0'), f.pointer ?? ''].join('\u0000');
  return [...findings].sort((a, b) => key(a).localeCompare(key(b)));
}

export async function extractContracts(opts: ExtractOptions): Promise<ExtractResult> {
  const skipped: Skipped[] = [];
  const failed: Skipped[] = [];
  const files = discoverDocs(opts.docs, opts.family);
  const shaByName = new Map(files.map((f) => [f.name, sha12(f.text)]));
  const pages = parseAll(files, skipped, failed);

  const allTypeDocs = pages.map(typeDocOf).filter((t): t is TypeDoc => t !== null);
  const { newest: typeDocs, transitions: typeTransitions } = newestTypeDocs(allTypeDocs);
  const knownTypes = new Set(typeDocs.map((t) => t.name));
  const metadata: LoadedMetadata | null = opts.metadataDir ? await loadMetadata(opts.metadataDir, knownTypes) : null;

  const built = buildSchemas(typeDocs, metadata?.facts ?? null, (file, line, reason) => failed.push({ file, line, reason }));
  const schemas = built.schemas;
  const findings: DocFinding[] = [...built.findings, ...typeTransitions];

  const drafts: OperationDraft[] = [];
  for (const page of pages.filter((p) => p.pageType === 'operation')) {
    try {
      const draft = draftOperation(page, knownTypes);
      const text = files.find((f) => f.name === page.file)?.text ?? '';
      draft.queryOptions = readQueryOptions(page.file, text, draft.kind, page.format === 'markdown');
      drafts.push(draft);
    } catch (e) {
      if (!(e instanceof DocParseError) && !(e instanceof TableShapeError)) throw e;
      failed.push({ file: e.file, line: e.line, reason: e.reason });
    }
  }
  const groups = new Map<string, OperationDraft[]>();
  for (const d of drafts) groups.set(d.key, [...(groups.get(d.key) ?? []), d]);
  const operations: OperationContract[] = [];
  for (const g of groups.values()) {
    const merged = mergeOperationWithTransitions(g, schemas, (file) => shaByName.get(file) ?? '');
    operations.push(merged.contract);
    findings.push(...merged.transitions);
  }
  operations.sort((a, b) => a.id.localeCompare(b.id));

  stubUnresolved(schemas, operations, findings);
  const ajv = createAjv([...schemas.values()]);
  const byKey = new Map(operations.map((o) => [`${o.method} ${o.path}`, o]));
  for (const d of drafts) {
    const op = byKey.get(d.key);
    if (op) findings.push(...pageFindings({ draft: d, op, schemas, ajv }));
  }
  findings.push(...queryOptionFindings(operations));
  if (metadata) findings.push(...metadata.check(schemas));

  const sorted = sortFindings(findings);
  const generatedFrom: SourceRecord[] = pages.map((p) => {
    const r = revisionOf(p);
    return { file: p.file, format: p.format, revision: r.evidence, date: r.date, rank: 0, sha256: shaByName.get(p.file) ?? '' };
  });
  const out = new Map<string, string>();
  for (const op of operations) out.set(`operations/${op.id}.json`, toJson({ $schema: '../contract.schema.json#/$defs/operation', ...op }));
  for (const [name, schema] of [...schemas.entries()].sort(([a], [b]) => a.localeCompare(b)))
    out.set(`schemas/${name}.schema.json`, toJson(schema));
  const findingsFile: DocFindingsFile = { generatedFrom, metadata: metadata?.sources ?? [], findings: sorted };
  out.set('doc-findings.json', toJson(findingsFile));
  out.set('doc-findings.md', docFindingsMarkdown(findingsFile));

  const result = { files: out, operations, schemas, findings: sorted, skipped, pages: pages.length, metadata: metadata?.sources ?? [] };
  const broken = keepForBroken(failed, result, opts.previous);
  result.operations.sort((a, b) => a.id.localeCompare(b.id));
  return { ...result, broken };
}
