/**
 * The git plumbing of contracts:history, read-only: commits that touched a set of paths (renames detected), the
 * files of a commit's tree, a blob's text, `git grep` in a tree. Nothing here checks out, writes or moves anything
 * in the user's clone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

export class HistoryError extends Error {}

const MAX_BUFFER = 512 * 1024 * 1024;

function git(repo: string, args: string[], okCodes: number[] = [0]): string {
  try {
    return execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: MAX_BUFFER, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { status?: number | null; stdout?: string; stderr?: string; code?: string };
    if (err.code === 'ENOENT')
      throw new HistoryError('git is not installed (or not on PATH): contracts:history reads the history with it.');
    if (typeof err.status === 'number' && okCodes.includes(err.status)) return err.stdout ?? '';
    throw new HistoryError(`git ${args.slice(0, 3).join(' ')} failed in ${repo}: ${(err.stderr ?? '').trim() || String(e)}`);
  }
}

/** The repository's top-level folder; a clear error when `path` is not a folder in a git work tree. */
export function repoRoot(path: string): string {
  const abs = resolve(path);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new HistoryError(`--repo ${path}: no such folder. Pass a clone of the Graph docs, e.g. --repo ../microsoft-graph-docs-contrib.`);
  }
  let top: string;
  try {
    top = execFileSync('git', ['-C', abs, 'rev-parse', '--show-toplevel'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    throw new HistoryError(
      `--repo ${path}: not a git repository (git rev-parse found none). Pass a clone of the Graph docs made with git clone.`,
    );
  }
  const head = git(top, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], [0, 1]).trim();
  if (!head) throw new HistoryError(`--repo ${path}: the repository has no commits yet.`);
  return top;
}

export interface FileChange {
  /** A (added), M (modified), D (deleted), R (renamed), C (copied), T (type changed). */
  status: string;
  path: string;
  /** The old path of a rename or copy. */
  from?: string;
}

export interface CommitInfo {
  hash: string;
  /** Committer date, ISO 8601 (what --since compares with). */
  date: string;
  subject: string;
  files: FileChange[];
}

const RS = '\u001e';
const US = '\u001f';

function parseLog(out: string): CommitInfo[] {
  const commits: CommitInfo[] = [];
  for (const chunk of out.split(RS)) {
    if (!chunk.trim()) continue;
    const [head = '', ...rest] = chunk.split('\n');
    const [hash = '', date = '', subject = ''] = head.split(US);
    const files: FileChange[] = [];
    for (const line of rest) {
      if (!line.trim()) continue;
      const [code = '', a = '', b] = line.split('\t');
      const status = code.charAt(0);
      files.push(b !== undefined ? { status, path: b, from: a } : { status, path: a });
    }
    commits.push({ hash, date, subject, files });
  }
  return commits;
}

/**
 * Commits on HEAD's first-parent line that touched any of `pathspecs`, oldest first, with their file changes
 * (renames detected, `-M`). First parent: the states the main branch went through, one after the other.
 */
export function commitsTouching(repo: string, pathspecs: readonly string[], since: string | null): CommitInfo[] {
  const args = ['log', '--first-parent', '--reverse', '-M', '--name-status', `--format=${RS}%H${US}%cI${US}%s`];
  if (since) args.push(`--since=${since}`);
  return parseLog(git(repo, [...args, 'HEAD', '--', ...pathspecs]));
}

/** The newest first-parent commit strictly before `since` (the state the history starts from), or null. */
export function commitBefore(repo: string, since: string): CommitInfo | null {
  const out = git(repo, ['log', '--first-parent', '-1', `--until=${since}`, `--format=${RS}%H${US}%cI${US}%s`, 'HEAD']);
  return parseLog(out)[0] ?? null;
}

/** A commit's first parent, or null for a root commit. */
export function firstParent(repo: string, commit: string): CommitInfo | null {
  const out = git(repo, ['log', '-1', `--format=${RS}%H${US}%cI${US}%s`, `${commit}^1`, '--'], [0, 128]);
  return parseLog(out)[0] ?? null;
}

/** Every file path in a commit's tree. */
export function treeFiles(repo: string, commit: string): Set<string> {
  return new Set(git(repo, ['ls-tree', '-r', '--name-only', '-z', commit]).split('\0').filter(Boolean));
}

/** The text of a file as it was in a commit. */
export function showFile(repo: string, commit: string, path: string): string {
  return git(repo, ['show', `${commit}:${path}`]);
}

/** Paths of the .md/.txt files in a commit's tree whose text matches the (extended) regex. */
export function grepTree(repo: string, commit: string, pattern: string, ignoreCase = false): string[] {
  const flags = ignoreCase ? ['-i'] : [];
  const out = git(repo, ['grep', '-l', '-I', '-E', ...flags, '-e', pattern, commit, '--', '*.md', '*.txt'], [0, 1]);
  const prefix = `${commit}:`;
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => (l.startsWith(prefix) ? l.slice(prefix.length) : l));
}
