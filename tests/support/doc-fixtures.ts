/**
 * The invented "gizmo" doc family (tests/fixtures/revisions) in every layout, copied into temporary folders under
 * names the test chooses (so that a folder's name can be made to lie about its age), and an extractor run over it.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extractContracts, type ExtractResult } from '../../generators/contracts/extract.js';
import { REPO_ROOT } from './shared.js';

export const REVISIONS = resolve(REPO_ROOT, 'tests/fixtures/revisions');
export const GIZMO = /\bgizmo\b/i;

/** A temporary folder; remove it with `dispose()`. */
export function scratch(prefix: string): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Copies fixture folders (`layout` -> new name) into `dir`; returns the new folders' paths in the order given. */
export function copyLayouts(dir: string, layouts: [layout: string, as: string][]): string[] {
  return layouts.map(([layout, as]) => {
    const to = join(dir, as);
    cpSync(join(REVISIONS, layout), to, { recursive: true });
    return to;
  });
}

export function extractGizmos(docs: string[], previous: string | null = null): Promise<ExtractResult> {
  return extractContracts({ docs, metadataDir: null, family: GIZMO, previous });
}

/** A result without the folder names, so runs over differently named copies can be compared. */
export function withoutNames(r: ExtractResult, names: string[]): string {
  let text = JSON.stringify([...r.files.entries()].filter(([k]) => !k.endsWith('.md')));
  for (const n of names) text = text.split(`${n}/`).join('<input>/');
  return text;
}
