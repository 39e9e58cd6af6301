/**
 * The eSIM family's contracts as they stood at one commit: the family's pages (the same selection the extractor makes
 * from a folder: pages that mention the family, the resource pages they link to, the pages inheriting from those)
 * read from the commit's tree with `git show`, written to a temp folder and run through the extractor's public entry
 * point. The user's clone is only read.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix } from 'node:path';
import type { OperationContract, SourceRecord } from '../../../contracts/model.js';
import { ESIM_FAMILY } from '../discover.js';
import { type ExtractResult, extractContracts } from '../extract.js';
import { grepTree, showFile, treeFiles } from './git.js';

/** A type's JSON Schema, as the extractor's public result types it. */
type JsonSchema = ExtractResult['schemas'] extends Map<string, infer S> ? S : never;

export interface Snapshot {
  commit: string;
  /** Paths (in the repository) of the pages read. */
  pages: string[];
  operations: Map<string, OperationContract>;
  schemas: Map<string, JsonSchema>;
  /** The pages as the extractor recorded them, each citing the commit. */
  sources: SourceRecord[];
  /** What the extractor skipped or only partly read, `file:line: reason`. */
  skipped: string[];
  /** Set when the extractor failed on this commit's pages (the snapshot is then empty). */
  error?: string;
}

export type Extract = typeof extractContracts;

const LINK = /\]\((\.\.\/resources\/[\w.-]+\.md)\)/g;
const TYPE_HEADING = /^#\s+(\w+)\s+(?:resource|enum) type/m;

/** The family's page paths in a commit's tree, with their text. */
export function familyPages(repo: string, commit: string, family: RegExp = ESIM_FAMILY): Map<string, string> {
  const taken = new Map<string, string>();
  for (const path of grepTree(repo, commit, family.source, family.flags.includes('i'))) taken.set(path, showFile(repo, commit, path));
  if (taken.size === 0) return taken;
  const tree = treeFiles(repo, commit);
  // A family page whose text no longer says so (emptied, cut short, re-encoded) is still the family's by its name:
  // the extractor then reports it as broken instead of the history reporting its operation as removed.
  const byName = new RegExp(family.source, 'i');
  for (const path of tree)
    if (path.endsWith('.md') && byName.test(posix.basename(path)) && !taken.has(path)) taken.set(path, showFile(repo, commit, path));
  let grew = true;
  while (grew) {
    grew = false;
    for (const [path, text] of [...taken]) {
      for (const m of text.matchAll(LINK)) {
        const target = posix.normalize(posix.join(posix.dirname(path), m[1] ?? ''));
        if (tree.has(target) && !taken.has(target)) {
          taken.set(target, showFile(repo, commit, target));
          grew = true;
        }
      }
    }
    const names = [...taken.values()].map((t) => TYPE_HEADING.exec(t)?.[1]).filter((n): n is string => n !== undefined);
    if (names.length === 0) continue;
    for (const path of grepTree(repo, commit, `Inherits from \\[(${names.join('|')})\\]`)) {
      if (!taken.has(path)) {
        taken.set(path, showFile(repo, commit, path));
        grew = true;
      }
    }
  }
  return taken;
}

/** Extract the contracts from a commit's family pages. An empty snapshot when the commit has none. */
export async function snapshotAt(
  repo: string,
  commit: string,
  family: RegExp = ESIM_FAMILY,
  extract: Extract = extractContracts,
): Promise<Snapshot> {
  const pages = familyPages(repo, commit, family);
  const empty: Snapshot = { commit, pages: [], operations: new Map(), schemas: new Map(), sources: [], skipped: [] };
  if (pages.size === 0) return empty;
  const dir = mkdtempSync(join(tmpdir(), 'contracts-history-'));
  // The folder is named after the clone so the extractor's file names read `<clone>/<path in the repo>`.
  const root = join(dir, basename(repo));
  try {
    for (const [path, text] of pages) {
      const file = join(root, ...path.split('/'));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    let result: Awaited<ReturnType<Extract>>;
    try {
      result = await extract({ docs: [root], metadataDir: null, family });
    } catch (e) {
      // One revision the extractor cannot read must not end the history: the commit says so, the next is compared
      // with the last good state.
      return { ...empty, pages: [...pages.keys()].sort(), error: e instanceof Error ? e.message : String(e) };
    }
    if (result.broken.length > 0) {
      // A page of this revision could not be read: comparing what was left would report its operations as removed.
      const why = result.broken.map((b) => `${b.file}:${b.line}: ${b.reason}`).join('; ');
      return { ...empty, pages: [...pages.keys()].sort(), error: `unreadable page(s): ${why}` };
    }
    const findingsFile = JSON.parse(result.files.get('doc-findings.json') ?? '{"generatedFrom":[]}') as {
      generatedFrom: SourceRecord[];
    };
    return {
      commit,
      pages: [...pages.keys()].sort(),
      operations: new Map(result.operations.map((o) => [o.id, o])),
      schemas: result.schemas,
      sources: findingsFile.generatedFrom.map((s) => ({ ...s, commit })),
      skipped: result.skipped.map((s) => `${s.file}:${s.line}: ${s.reason}`),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
