/**
 * Which doc files to read. Inputs are files or folders (a seeds folder, ../shared/graph-docs, or a whole clone of
 * microsoft-graph-docs-contrib). From a folder we take the eSIM family: pages that mention embeddedSIM, the resource
 * pages they link to, and the resource pages that inherit from those (the derived assignment targets are linked
 * from nowhere else), to a fixpoint.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';

export interface DocFile {
  /** Absolute path. */
  path: string;
  /** Display name: the input folder's name and the path below it, e.g. `seeds/000_….txt`. */
  name: string;
  text: string;
}

/** The API family the suite is about; a clone of the whole docs repo holds thousands of other pages. */
export const ESIM_FAMILY = /embeddedSIM/;
const DOC_EXT = /\.(md|txt)$/i;

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (DOC_EXT.test(entry.name)) out.push(p);
  }
  return out;
}

export class InputError extends Error {}

export function discoverDocs(inputs: string[], family: RegExp = ESIM_FAMILY): DocFile[] {
  const found = new Map<string, DocFile>();
  for (const input of inputs) {
    const root = resolve(input);
    if (!existsSync(root)) {
      throw new InputError(
        `${input}: no such file or folder. Pass doc folders or files, e.g. \`--docs ../shared/seeds --docs ../shared/graph-docs\`.`,
      );
    }
    const isDir = statSync(root).isDirectory();
    const files = isDir ? walk(root).sort() : [root];
    const base = isDir ? root : dirname(root);
    const all = new Map<string, DocFile>();
    for (const path of files) {
      all.set(path, { path, name: `${basename(base)}/${relative(base, path).split('\\').join('/')}`, text: readFileSync(path, 'utf8') });
    }
    // Single files are taken as given; folders are filtered to the family.
    const take = isDir ? familyOf(all, family) : [...all.values()];
    for (const f of take) found.set(f.path, f);
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function familyOf(all: Map<string, DocFile>, family: RegExp): DocFile[] {
  const taken = new Map<string, DocFile>();
  for (const f of all.values()) if (family.test(f.text)) taken.set(f.path, f);
  const typeOf = (f: DocFile): string | null => /^#\s+(\w+)\s+(?:resource|enum) type/m.exec(f.text)?.[1] ?? null;
  let grew = true;
  while (grew) {
    grew = false;
    const names = new Set([...taken.values()].map(typeOf).filter((n): n is string => n !== null));
    for (const f of [...taken.values()]) {
      for (const m of f.text.matchAll(/\]\((\.\.\/resources\/[\w.-]+\.md)\)/g)) {
        const target = resolve(dirname(f.path), m[1] ?? '');
        const hit = all.get(target);
        if (hit && !taken.has(hit.path)) {
          taken.set(hit.path, hit);
          grew = true;
        }
      }
    }
    for (const f of all.values()) {
      const parent = /Inherits from \[(\w+)\]/.exec(f.text)?.[1];
      if (parent && names.has(parent) && !taken.has(f.path)) {
        taken.set(f.path, f);
        grew = true;
      }
    }
  }
  return [...taken.values()];
}
