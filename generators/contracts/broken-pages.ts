/**
 * Pages of the family that could not be read, and what the extractor kept instead. A broken page never removes a
 * contract: the operation or type keeps its other revisions' contract, or the checked-in file that names the page
 * as a source, and the summary says which. The CLI fails on any broken page unless --allow-partial is given.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OperationContract } from '../../contracts/model.js';
import type { DocPage } from './doc-page.js';
import type { JsonSchema } from './graph-types.js';

export interface BrokenPage {
  file: string;
  line: number;
  reason: string;
  /** What stands in for what the page would have given. */
  kept: string;
}

/** A page of the family that parsed but holds no operation, resource or enum: cut off, or not an API page at all. */
export function missingSections(page: DocPage, lastLine: number): { line: number; reason: string } | null {
  if (page.pageType !== 'unknown') return null;
  // A page that says what it is (doc_type) is taken at its word: conceptual pages mention the family too.
  const docType = page.frontMatter.doc_type;
  const apiLike = docType
    ? /^(api|resource|enum)PageType$/i.test(docType)
    : /(^|\/)(api|resources)\//.test(page.file) || /^(create|get|list|update|delete)\s|\baction$|\bresource type$/i.test(page.title.trim());
  if (!apiLike) return null;
  const sections = page.tables.map((t) => t.section).filter(Boolean);
  const last = sections[sections.length - 1];
  return {
    line: lastLine,
    reason:
      `the page ends at line ${lastLine}${last ? ` after the "${last}" section` : ''} without an "HTTP Request" section ` +
      '(operation pages) or "Properties" / "Members" (resource pages): truncated or not an API page; restore the whole page',
  };
}

interface CheckedIn {
  operations: { id: string; file: string; text: string; sources: string[] }[];
  schemas: { name: string; file: string; text: string; source: string | null }[];
}

function readCheckedIn(dir: string | null | undefined): CheckedIn {
  const out: CheckedIn = { operations: [], schemas: [] };
  if (!dir) return out;
  const ops = join(dir, 'operations');
  if (existsSync(ops)) {
    for (const f of readdirSync(ops)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      const text = readFileSync(join(ops, f), 'utf8');
      try {
        const op = JSON.parse(text) as OperationContract;
        out.operations.push({ id: op.id, file: `operations/${f}`, text, sources: (op.sources ?? []).map((s) => s.file) });
      } catch {
        // an unreadable checked-in file cannot be kept; contracts:check names it
      }
    }
  }
  const schemas = join(dir, 'schemas');
  if (existsSync(schemas)) {
    for (const f of readdirSync(schemas)
      .filter((n) => n.endsWith('.schema.json'))
      .sort()) {
      const text = readFileSync(join(schemas, f), 'utf8');
      const source = /"\$comment": "from ([^\s"]+)/.exec(text)?.[1] ?? null;
      out.schemas.push({ name: f.replace(/\.schema\.json$/, ''), file: `schemas/${f}`, text, source });
    }
  }
  return out;
}

/**
 * Fills in `kept` for each broken page, and adds to `files` the checked-in contract files that would otherwise be
 * lost (those naming a broken page as their source, with no other revision left to build them from).
 */
export function keepForBroken(
  broken: { file: string; line: number; reason: string }[],
  result: { files: Map<string, string>; operations: OperationContract[]; schemas: Map<string, JsonSchema> },
  checkedInDir: string | null | undefined,
): BrokenPage[] {
  const checkedIn = readCheckedIn(checkedInDir);
  return broken.map((b) => {
    const kept: string[] = [];
    for (const op of checkedIn.operations.filter((o) => o.sources.includes(b.file))) {
      const now = result.operations.find((o) => o.id === op.id);
      if (now) kept.push(`${op.id} from its other revisions (${now.sources.map((s) => s.file).join(', ')})`);
      else {
        result.files.set(op.file, op.text);
        result.operations.push(JSON.parse(op.text) as OperationContract);
        kept.push(`${op.file} as checked in`);
      }
    }
    for (const s of checkedIn.schemas.filter((x) => x.source === b.file)) {
      if (result.schemas.has(s.name)) kept.push(`schema ${s.name} from its other revisions`);
      else {
        result.files.set(s.file, s.text);
        kept.push(`${s.file} as checked in`);
      }
    }
    if (kept.length === 0) {
      // No checked-in contract names the page: another revision of the same page (same path below its docs folder)?
      const below = (file: string): string => file.split('/').slice(1).join('/');
      for (const op of result.operations.filter((o) => o.sources.some((x) => below(x.file) === below(b.file)))) {
        kept.push(`${op.id} from its other revisions (${op.sources.map((x) => x.file).join(', ')})`);
      }
    }
    return { ...b, kept: kept.length ? kept.join('; ') : 'nothing: no other revision and no checked-in contract names this page' };
  });
}
