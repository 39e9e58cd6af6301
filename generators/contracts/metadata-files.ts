/**
 * Finds the Graph metadata files in a directory by the date in their names (`beta_metadata-2021-07-13.xml`,
 * `beta-entity-types-2026-08-20.json`) and picks the newest, so a refreshed copy is used without code changes.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface DatedFile {
  path: string;
  fileName: string;
  /** YYYY-MM-DD from the file name. */
  date: string;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The file in `dir` named `<prefix><YYYY-MM-DD><suffix>` with the newest date, or null when there is none.
 * Throws with the directory and the fix when `dir` cannot be listed.
 */
export function newestDatedFile(dir: string, prefix: string, suffix: string): DatedFile | null {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new Error(
      `Graph metadata directory not readable (${code}): ${dir}. It is expected at ../shared/graph-metadata beside ` +
        'the checkout (set GRAPH_ESIM_SHARED to point elsewhere), or pass --metadata <dir>.',
    );
  }
  const re = new RegExp(`^${escapeRegExp(prefix)}(\\d{4}-\\d{2}-\\d{2})${escapeRegExp(suffix)}$`);
  const found = names
    .map((fileName) => ({ fileName, date: re.exec(fileName)?.[1] }))
    .filter((f): f is { fileName: string; date: string } => f.date !== undefined)
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const best = found[0];
  return best ? { path: join(dir, best.fileName), fileName: best.fileName, date: best.date } : null;
}

/** The newest `<version>_metadata-<date>.xml` in `dir` (the CSDL), or null. */
export function newestCsdlFile(dir: string, version: 'beta' | 'v1.0' = 'beta'): DatedFile | null {
  return newestDatedFile(dir, `${version}_metadata-`, '.xml');
}
