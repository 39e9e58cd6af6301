/**
 * Which doc files to read. Inputs are files or folders (a seeds folder, ../shared/graph-docs, or a whole clone of
 * microsoft-graph-docs-contrib), each optionally dated (`DIR@YYYY-MM-DD`). From the folders, together, we take the
 * eSIM family: pages that mention embeddedSIM, the resource pages they link to (relative `../resources/x.md` links,
 * and Learn's absolute `https://learn.microsoft.com/.../resources/x` links, mapped to the `resources/x.md` present
 * in any input), and the resource pages that inherit from those, to a fixpoint. `includes/` files are not pages.
 *
 * A file that cannot be read as UTF-8 text is kept with its error when its name or text places it in the family, so
 * the extractor can fail loudly instead of losing an operation.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { decodeDocBytes } from './doc-decode.js';
import { commitDates, type PageDate, sitemapDate, splitDatedInput } from './doc-dates.js';
import { DocParseError } from './doc-page.js';

export interface DocFile {
  /** Absolute path. */
  path: string;
  /** Display name: the input folder's name and the path below it, e.g. `seeds/000_….txt`. */
  name: string;
  /** The page text ('' when `error` is set). */
  text: string;
  /** The page's date from outside its front matter (given, sitemap or commit), when there is one. */
  date: PageDate | null;
  /** Why the file could not be read as a doc page. */
  error: DocParseError | null;
}

/** The API family the suite is about; a clone of the whole docs repo holds thousands of other pages. */
export const ESIM_FAMILY = /embeddedSIM/;
const DOC_EXT = /\.(md|txt)$/i;

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'includes') continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (DOC_EXT.test(entry.name)) out.push(p);
  }
  return out;
}

export class InputError extends Error {}

function readDoc(path: string, name: string, given: string | null): DocFile {
  try {
    const text = decodeDocBytes(name, readFileSync(path));
    const sitemap = sitemapDate(text);
    const date: PageDate | null = given ? { date: given, source: 'given' } : sitemap ? { date: sitemap, source: 'sitemap' } : null;
    return { path, name, text, date, error: null };
  } catch (e) {
    if (!(e instanceof DocParseError)) throw e;
    return { path, name, text: '', date: given ? { date: given, source: 'given' } : null, error: e };
  }
}

export function discoverDocs(inputs: string[], family: RegExp = ESIM_FAMILY): DocFile[] {
  const found = new Map<string, DocFile>();
  const pool = new Map<string, DocFile>();
  /** The input folder of each file not dated with `@DATE` (where git is asked for its commit date). */
  const baseOf = new Map<string, string>();
  for (const input of inputs) {
    const { path: given, date } = splitDatedInput(input);
    const root = resolve(given);
    if (!existsSync(root)) {
      throw new InputError(
        `${input}: no such file or folder. Pass doc folders or files, e.g. \`--docs ../shared/seeds --docs ../shared/graph-docs\`.`,
      );
    }
    const isDir = statSync(root).isDirectory();
    const files = isDir ? walk(root).sort() : [root];
    const base = isDir ? root : dirname(root);
    for (const path of files) {
      const f = readDoc(path, `${basename(base)}/${relative(base, path).split('\\').join('/')}`, date);
      if (!date) baseOf.set(path, base);
      // Single files are taken as given; folders are filtered to the family (below, over all folders together).
      if (isDir) pool.set(path, f);
      else found.set(path, f);
    }
  }
  for (const f of familyOf(pool, family)) found.set(f.path, f);
  addCommitDates([...found.values()], baseOf);
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Commit dates for the taken pages that have no date yet (only those: a docs clone holds thousands of pages). */
function addCommitDates(files: DocFile[], baseOf: Map<string, string>): void {
  const byBase = new Map<string, DocFile[]>();
  for (const f of files) {
    const base = baseOf.get(f.path);
    if (base && !f.date) byBase.set(base, [...(byBase.get(base) ?? []), f]);
  }
  for (const [base, group] of byBase) {
    const dates = commitDates(
      base,
      group.map((f) => f.path),
    );
    for (const f of group) {
      const date = dates.get(f.path);
      if (date) f.date = { date, source: 'commit' };
    }
  }
}

/** `https://learn.microsoft.com/en-us/graph/api/resources/x?view=graph-rest-beta` -> `x`. */
const LEARN_RESOURCE =
  /\]\(https:\/\/learn\.microsoft\.com\/(?:[a-z]{2}-[a-z]{2}\/)?graph\/api\/resources\/([\w.-]+?)(?:\.md)?(?:\?[^)#]*)?(?:#[^)]*)?\)/g;

function familyOf(all: Map<string, DocFile>, family: RegExp): DocFile[] {
  const byName = new RegExp(family.source, 'i');
  const taken = new Map<string, DocFile>();
  for (const f of all.values()) if (family.test(f.text) || (f.error && byName.test(basename(f.path)))) taken.set(f.path, f);
  const resourcePages = new Map<string, DocFile[]>();
  for (const f of all.values()) {
    if (basename(dirname(f.path)) !== 'resources') continue;
    const key = basename(f.path).replace(DOC_EXT, '').toLowerCase();
    resourcePages.set(key, [...(resourcePages.get(key) ?? []), f]);
  }
  const typeOf = (f: DocFile): string | null => /^#\s+(\w+)\s+(?:resource|enum) type/m.exec(f.text)?.[1] ?? null;
  let grew = true;
  const take = (hit: DocFile | undefined): void => {
    if (hit && !taken.has(hit.path)) {
      taken.set(hit.path, hit);
      grew = true;
    }
  };
  while (grew) {
    grew = false;
    const names = new Set([...taken.values()].map(typeOf).filter((n): n is string => n !== null));
    for (const f of [...taken.values()]) {
      for (const m of f.text.matchAll(/\]\((\.\.\/resources\/[\w.-]+\.md)\)/g)) take(all.get(resolve(dirname(f.path), m[1] ?? '')));
      for (const m of f.text.matchAll(LEARN_RESOURCE)) for (const hit of resourcePages.get((m[1] ?? '').toLowerCase()) ?? []) take(hit);
    }
    for (const f of all.values()) {
      const parent = /Inherits from \[(\w+)\]/.exec(f.text)?.[1];
      if (parent && names.has(parent)) take(f);
    }
  }
  return [...taken.values()];
}
