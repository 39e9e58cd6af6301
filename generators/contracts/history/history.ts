/**
 * contracts:history: the eSIM family's contracts commit by commit. Which commits: those on HEAD's first-parent line
 * that touched a family page, under any of its names (the pages moved from `intune_esim_*.md` to `intune-esim-*.md`:
 * every path a snapshot used is followed, and git's rename detection links the old name to the new), to a fixpoint.
 * Each commit's contracts are extracted and compared with the previous commit's (see contract-diff.ts).
 */
import type { SourceRecord } from '../../../contracts/model.js';
import { ESIM_FAMILY } from '../discover.js';
import { diffContracts, type ContractChange } from './contract-diff.js';
import { type CommitInfo, commitBefore, commitsTouching, type FileChange, firstParent, HistoryError, repoRoot } from './git.js';
import { type Extract, type Snapshot, snapshotAt } from './snapshot.js';

export const DOC_HISTORY_FORMAT = 'graph-esim-doc-history/1';

export interface HistoryCommit {
  hash: string;
  date: string;
  subject: string;
  /** The family's files this commit touched (renames with their old path). */
  files: FileChange[];
  /** Family pages in the commit's tree after it. */
  pages: number;
  operations: number;
  types: number;
  /** Empty: the commit changed the pages' text but not what they promise (layout, wording outside the contract). */
  changes: ContractChange[];
  sources: SourceRecord[];
  skipped: string[];
  /** The extractor failed on this commit's pages: no changes are reported for it; the next commit is compared with the last good one. */
  error?: string;
}

export interface DocHistory {
  format: typeof DOC_HISTORY_FORMAT;
  repo: string;
  since: string | null;
  /** The commit the history starts from (the last one before --since), or null from the family's first page. */
  baseline: { hash: string; date: string; subject: string; operations: number; types: number } | null;
  commits: HistoryCommit[];
}

export interface HistoryOptions {
  repo: string;
  /** YYYY-MM-DD or an ISO 8601 date-time; only commits from then on. */
  since?: string | null;
  /** Pages of the family mention this (default: the eSIM family, /embeddedSIM/). */
  family?: RegExp;
  /** A git glob (any case) for the family's file names under every spelling they had; default: names with `esim`. */
  names?: string;
  /** The extractor (default: extractContracts); a test may wrap it. */
  extract?: Extract;
  log?: (line: string) => void;
}

/** Pages named for the family: under both spellings of the eSIM page names. */
const ESIM_NAMES = '**/*esim*';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function checkSince(since: string): string {
  if (!ISO_DATE.test(since) || Number.isNaN(Date.parse(since.replace(' ', 'T')))) {
    throw new HistoryError(
      `--since ${JSON.stringify(since)}: not a date. Give YYYY-MM-DD (e.g. --since 2024-01-31) or an ISO 8601 date-time.`,
    );
  }
  return since;
}

/** First-parent commits touching the family under any path it ever had, oldest first. */
async function familyCommits(
  repo: string,
  names: string,
  since: string | null,
  snapshot: (c: string) => Promise<Snapshot>,
  baselinePaths: readonly string[],
): Promise<CommitInfo[]> {
  const paths = new Set<string>(baselinePaths);
  const seen = new Set<string>();
  let commits: CommitInfo[] = [];
  for (let round = 0; round < 50; round++) {
    commits = commitsTouching(repo, [`:(icase,glob)${names}`, ...[...paths].map((p) => `:(literal)${p}`)], since);
    const fresh = commits.filter((c) => !seen.has(c.hash));
    if (fresh.length === 0) return commits;
    const before = paths.size;
    for (const c of fresh) {
      seen.add(c.hash);
      for (const f of c.files) {
        paths.add(f.path);
        if (f.from) paths.add(f.from);
      }
      for (const p of (await snapshot(c.hash)).pages) paths.add(p);
    }
    if (paths.size === before) return commits;
  }
  return commits;
}

export async function buildHistory(opts: HistoryOptions): Promise<DocHistory> {
  const repo = repoRoot(opts.repo);
  const since = opts.since ? checkSince(opts.since) : null;
  const family = opts.family ?? ESIM_FAMILY;
  const log = opts.log ?? (() => undefined);
  const cache = new Map<string, Promise<Snapshot>>();
  const snapshot = (c: string): Promise<Snapshot> => {
    let s = cache.get(c);
    if (!s) {
      s = snapshotAt(repo, c, family, opts.extract);
      cache.set(c, s);
    }
    return s;
  };

  // The state before --since: its pages are followed too (a page renamed before then is still found), and the
  // first listed commit is compared with its own parent (exactly the state before it, whatever the clock says).
  const before = since ? commitBefore(repo, since) : null;
  const beforePages = before ? (await snapshot(before.hash)).pages : [];
  const commits = await familyCommits(repo, opts.names ?? ESIM_NAMES, since, snapshot, beforePages);
  const first = commits[0];
  const base = since ? (first ? firstParent(repo, first.hash) : before) : null;
  const baseSnap = base ? await snapshot(base.hash) : null;
  if (commits.length === 0 && !baseSnap?.pages.length) {
    throw new HistoryError(
      `${repo}: no family pages found${since ? ` in commits since ${since}` : ''} (no file named like ${opts.names ?? ESIM_NAMES} on HEAD's first-parent history, and no page mentioning ${family.source}). Is this a clone of the Graph docs (microsoft-graph-docs-contrib)?`,
    );
  }
  log(`${commits.length} commit(s) touch the family${since ? ` since ${since}` : ''}`);

  let previous: Snapshot | null = baseSnap;
  const out: HistoryCommit[] = [];
  for (const c of commits) {
    const snap = await snapshot(c.hash);
    const changes = snap.error ? [] : diffContracts(previous ?? { operations: new Map(), schemas: new Map() }, snap);
    log(`${c.hash.slice(0, 10)} ${c.date.slice(0, 10)} ${changes.length} change(s)  ${c.subject}`);
    const touched = new Set(snap.pages.concat(previous?.pages ?? []));
    out.push({
      hash: c.hash,
      date: c.date,
      subject: c.subject,
      files: c.files.filter((f) => touched.has(f.path) || (f.from !== undefined && touched.has(f.from))),
      pages: snap.pages.length,
      operations: snap.operations.size,
      types: snap.schemas.size,
      changes,
      sources: snap.sources,
      skipped: snap.skipped,
      ...(snap.error ? { error: snap.error } : {}),
    });
    if (!snap.error) previous = snap;
  }
  return {
    format: DOC_HISTORY_FORMAT,
    repo,
    since,
    baseline:
      base && baseSnap
        ? { hash: base.hash, date: base.date, subject: base.subject, operations: baseSnap.operations.size, types: baseSnap.schemas.size }
        : null,
    commits: out,
  };
}
