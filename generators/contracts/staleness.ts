/**
 * Are the checked-in contracts what the docs say today? Compares freshly extracted files with the folder, naming each
 * stale file and the first JSON pointer where it differs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstDifference } from './json-diff.js';

export interface Staleness {
  file: string;
  problem: 'missing' | 'extra' | 'changed';
  detail: string;
}

/** The generated files under a contracts folder (what extract owns and check compares). */
export function generatedFilesIn(dir: string): string[] {
  const list = (sub: string, suffix: string): string[] =>
    existsSync(join(dir, sub))
      ? readdirSync(join(dir, sub))
          .filter((n) => n.endsWith(suffix))
          .map((n) => `${sub}/${n}`)
      : [];
  const out = [...list('operations', '.json'), ...list('schemas', '.schema.json')];
  for (const f of ['doc-findings.json', 'doc-findings.md']) if (existsSync(join(dir, f))) out.push(f);
  return out.sort();
}

function short(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? 'absent' : s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

/** Where a committed file first differs from the regenerated one: a JSON pointer, or a line for text files. */
function describeChange(name: string, committed: string, regenerated: string): string {
  if (!name.endsWith('.json')) {
    const a = committed.split('\n');
    const b = regenerated.split('\n');
    const i = a.findIndex((line, k) => line !== b[k]);
    const at = i < 0 ? a.length : i;
    return `from line ${at + 1}: committed ${short(a[at])}, docs give ${short(b[at])}`;
  }
  try {
    const d = firstDifference(JSON.parse(committed), JSON.parse(regenerated));
    return d ? `at ${d.pointer}: committed ${short(d.committed)}, docs give ${short(d.regenerated)}` : 'the text differs (layout only)';
  } catch (e) {
    return `the committed file is not JSON (${(e as Error).message})`;
  }
}

export function compareWithDisk(files: Map<string, string>, dir: string): Staleness[] {
  const out: Staleness[] = [];
  const onDisk = new Set(generatedFilesIn(dir));
  for (const [name, text] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (!onDisk.has(name)) {
      out.push({ file: name, problem: 'missing', detail: 'the docs give this file but it is not checked in' });
      continue;
    }
    const committed = readFileSync(join(dir, name), 'utf8');
    if (committed === text) continue;
    out.push({ file: name, problem: 'changed', detail: describeChange(name, committed, text) });
  }
  for (const name of onDisk) {
    if (!files.has(name)) out.push({ file: name, problem: 'extra', detail: 'checked in, but the docs no longer give it' });
  }
  return out;
}
