/**
 * A small git repository of an invented "gizmo" family, built in a temp dir for the contracts:history tests: pages
 * we wrote ourselves, committed with chosen dates. Its history:
 *   1. 2024-01-10  the pages appear, named `intune_gizmo_*.md`
 *   2. 2024-03-01  renamed to `intune-gizmo-*.md` (links follow), nothing else
 *   3. 2024-05-01  layout only: tables realigned, blank lines, the example JSON reflowed
 *   4. 2024-07-01  a real change: the application permission and the type of `size`
 *   5. 2024-09-01  a file outside the family (never listed)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const GIZMO_FAMILY = /gizmoThing/;
export const GIZMO_NAMES = '**/*gizmo*';

interface Revision {
  sep: '_' | '-';
  permission: string;
  sizeType: string;
  aligned: boolean;
}

const row = (cells: string[], aligned: boolean): string =>
  aligned ? `| ${cells.map((c) => c.padEnd(28)).join(' | ')} |` : `|${cells.join('|')}|`;

function table(rows: string[][], aligned: boolean): string {
  const [head = [], ...rest] = rows;
  return [
    row(head, aligned),
    row(
      head.map(() => ':---'),
      aligned,
    ),
    ...rest.map((r) => row(r, aligned)),
  ].join('\n');
}

function resourcePage(r: Revision): string {
  const props = [
    ['Property', 'Type', 'Description'],
    ['id', 'String', 'Key of the gizmoThing. System generated.'],
    ['label', 'String', 'A label the admin picks.'],
    ['size', r.sizeType, 'How big the gizmoThing is.'],
  ];
  return `---
title: "gizmoThing resource type"
description: "An invented type for the history tests."
---

# gizmoThing resource type

Namespace: microsoft.graph

A gizmoThing is made up for tests.${r.aligned ? '\n' : ''}

## Properties
${table(props, r.aligned)}

## JSON Representation
\`\`\` json
{
  "@odata.type": "#microsoft.graph.gizmoThing",
  "id": "String (identifier)",
  "label": "String"
}
\`\`\`
`;
}

function createPage(r: Revision): string {
  const perms = [
    ['Permission type', 'Permissions (from least to most privileged)'],
    ['Delegated (work or school account)', 'Gizmo.ReadWrite.All'],
    ['Delegated (personal Microsoft account)', 'Not supported.'],
    ['Application', r.permission],
  ];
  const body = r.aligned ? '{\n    "label": "G1"\n}' : '{"label": "G1"}';
  return `---
title: "Create gizmoThing"
description: "Create a new gizmoThing object."
---

# Create gizmoThing

Namespace: microsoft.graph

Create a new [gizmoThing](../resources/intune${r.sep}gizmo${r.sep}gizmothing.md) object.

## Permissions
${table(perms, r.aligned)}

## HTTP Request
\`\`\` http
POST /gizmoThings
\`\`\`

## Request headers
${table(
  [
    ['Header', 'Value'],
    ['Authorization', 'Bearer {token}. Required.'],
  ],
  r.aligned,
)}

## Request body
${table(
  [
    ['Property', 'Type', 'Description'],
    ['label', 'String', 'A label the admin picks.'],
  ],
  r.aligned,
)}

## Response
If successful, this method returns a \`201 Created\` response code and a [gizmoThing](../resources/intune${r.sep}gizmo${r.sep}gizmothing.md) object in the response body.

## Example

### Request
\`\`\` http
POST https://graph.microsoft.com/beta/gizmoThings
Content-type: application/json

${body}
\`\`\`
`;
}

function writePages(dir: string, r: Revision): void {
  const files: Record<string, string> = {
    [`beta/api/intune${r.sep}gizmo${r.sep}gizmothing${r.sep}create.md`]: createPage(r),
    [`beta/resources/intune${r.sep}gizmo${r.sep}gizmothing.md`]: resourcePage(r),
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

function git(dir: string, args: string[], date?: string): string {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.invalid' };
  const dated = date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {};
  return execFileSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    env: { ...env, GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.invalid', ...dated },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface GizmoRepo {
  dir: string;
  /** Commit hashes, oldest first: created, renamed, relaid, changed, unrelated. */
  commits: string[];
  remove(): void;
}

export function buildGizmoRepo(): GizmoRepo {
  const root = mkdtempSync(join(tmpdir(), 'gizmo-docs-'));
  const dir = join(root, 'gizmo-docs');
  mkdirSync(dir);
  git(dir, ['init', '-q', '-b', 'main']);
  const commit = (message: string, date: string): string => {
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', message], date);
    return git(dir, ['rev-parse', 'HEAD']).trim();
  };
  const base: Revision = { sep: '_', permission: 'Gizmo.ReadWrite.All', sizeType: 'Boolean', aligned: false };
  const commits: string[] = [];
  writePages(dir, base);
  commits.push(commit('Add the gizmoThing pages', '2024-01-10T10:00:00Z'));
  rmSync(join(dir, 'beta'), { recursive: true });
  writePages(dir, { ...base, sep: '-' });
  commits.push(commit('Rename intune_gizmo_* pages to intune-gizmo-*', '2024-03-01T10:00:00Z'));
  writePages(dir, { ...base, sep: '-', aligned: true });
  commits.push(commit('Realign tables, reflow the example', '2024-05-01T10:00:00Z'));
  writePages(dir, { ...base, sep: '-', aligned: true, permission: 'Gizmo.Manage.All', sizeType: 'String' });
  commits.push(commit('Application permission and size type', '2024-07-01T10:00:00Z'));
  writeFileSync(join(dir, 'README.md'), 'Unrelated.\n');
  commits.push(commit('Unrelated readme', '2024-09-01T10:00:00Z'));
  return { dir, commits, remove: () => rmSync(root, { recursive: true, force: true }) };
}
