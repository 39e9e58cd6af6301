/**
 * Where a page's date comes from when the page itself shows no `ms.date`:
 *   - `--docs DIR@YYYY-MM-DD`: the date the caller gives every page of that input (wins over everything);
 *   - `<!-- Sitemap-Last-Modified: YYYY-MM-DD -->`: the date Learn's sitemap gives a saved page text;
 *   - the commit date of the page when the docs folder is a git work tree (`git log -1 --format=%cI -- file`),
 *     for pages that are committed and unchanged. The project's own checkout is not a docs history: its test
 *     fixtures get no commit dates.
 */
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from './shared-location.js';

export type DateSource = 'given' | 'ms.date' | 'sitemap' | 'commit';

export interface PageDate {
  date: string;
  source: DateSource;
}

const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** `../docs@2024-08-01` -> the folder and its date; a `@` not followed by a date is part of the path. */
export function splitDatedInput(input: string): { path: string; date: string | null } {
  const m = /^(.*)@([^@/\\]+)$/.exec(input);
  if (!m?.[1]) return { path: input, date: null };
  if (!ISO_DAY.test(m[2] ?? '')) {
    throw new Error(`--docs ${input}: '${m[2]}' after '@' is not a date; write --docs DIR@YYYY-MM-DD, e.g. --docs ${m[1]}@2024-08-01`);
  }
  return { path: m[1], date: m[2] ?? null };
}

/** The Learn sitemap date a saved page text carries in its first lines, if any. */
export function sitemapDate(text: string): string | null {
  const m = /^<!--\s*Sitemap-Last-Modified:\s*(\d{4}-\d{2}-\d{2})\s*-->/m.exec(text.slice(0, 2000));
  return m?.[1] && ISO_DAY.test(m[1]) ? m[1] : null;
}

function git(cwd: string, args: string[]): string | null {
  try {
    return execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

/** Commit dates of files below `root` when it is inside a git work tree (other than this project's). */
export function commitDates(root: string, files: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const top = git(root, ['rev-parse', '--show-toplevel'])?.trim();
  if (!top || top === REPO_ROOT || files.length === 0) return out;
  // Untracked or changed since its commit: the commit date would lie about the page as it is.
  const status = git(root, ['status', '--porcelain', '-z', '--untracked-files=all', '--', '.']);
  if (status === null) return out;
  const changed = new Set(
    status
      .split('\0')
      .filter((e) => e.length > 3) // `XY path`: the two status letters, a space, the path from the top
      .map((e) => resolve(top, e.slice(3))),
  );
  for (const file of files) {
    if (changed.has(realpathSync(file))) continue;
    const iso = git(root, ['log', '-1', '--format=%cI', '--', file])?.trim();
    if (iso && /^\d{4}-\d{2}-\d{2}T/.test(iso)) out.set(file, iso.slice(0, 10));
  }
  return out;
}
