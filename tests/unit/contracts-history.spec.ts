/**
 * contracts:history on a git repository built by the test (tests/support/gizmo-history-repo.ts): renames followed,
 * a layout-only commit that changes nothing, a real change reported exactly, --since, the report's schema, and
 * clear errors for bad input. The clone is only read.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { extractContracts } from '../../generators/contracts/extract.js';
import { diffContracts } from '../../generators/contracts/history/contract-diff.js';
import { HistoryError } from '../../generators/contracts/history/git.js';
import { buildHistory, type DocHistory } from '../../generators/contracts/history/history.js';
import { docHistoryMarkdown } from '../../generators/contracts/history/report-md.js';
import { buildGizmoRepo, GIZMO_FAMILY, GIZMO_NAMES, type GizmoRepo } from '../support/gizmo-history-repo.js';
import { REPO_ROOT } from '../support/shared.js';

const SCHEMA = resolve(REPO_ROOT, 'generators/contracts/history/doc-history.schema.json');
const gizmo = { family: GIZMO_FAMILY, names: GIZMO_NAMES };

let repo: GizmoRepo;
let history: DocHistory;
test.beforeAll(async () => {
  repo = buildGizmoRepo();
  history = await buildHistory({ repo: repo.dir, ...gizmo });
});
test.afterAll(() => repo?.remove());

const [CREATED, RENAMED, RELAID, CHANGED, UNRELATED] = [0, 1, 2, 3, 4];
const commit = (i: number) => history.commits.find((c) => c.hash === repo.commits[i]);

test('lists the commits that touched the family, oldest first, with hash, date and subject', () => {
  expect(history.commits.map((c) => c.hash)).toEqual(repo.commits.slice(0, 4));
  expect(commit(UNRELATED)).toBeUndefined();
  expect(commit(CHANGED)).toMatchObject({ date: '2024-07-01T10:00:00+00:00', subject: 'Application permission and size type' });
  expect(commit(CREATED)?.changes.map((c) => `${c.kind} ${c.subject} ${c.id}`)).toEqual([
    'added operation createGizmoThing',
    'added type gizmoThing',
    'added type graphError',
  ]);
});

test('a rename from underscore to hyphen names is followed and is no contract change', () => {
  const renamed = commit(RENAMED);
  expect(renamed?.files).toEqual([
    { status: 'R', from: 'beta/api/intune_gizmo_gizmothing_create.md', path: 'beta/api/intune-gizmo-gizmothing-create.md' },
    { status: 'R', from: 'beta/resources/intune_gizmo_gizmothing.md', path: 'beta/resources/intune-gizmo-gizmothing.md' },
  ]);
  expect(renamed?.changes).toEqual([]);
  expect(renamed?.operations).toBe(1);
});

test('a layout-only change (tables realigned, example reflowed) is no change', () => {
  const relaid = commit(RELAID);
  expect(relaid?.files.map((f) => f.status)).toEqual(['M', 'M']);
  expect(relaid?.changes).toEqual([]);
});

test('a permission and a property type change give exactly those two changes, with before and after', () => {
  expect(commit(CHANGED)?.changes).toEqual([
    {
      subject: 'operation',
      id: 'createGizmoThing',
      kind: 'changed',
      pointer: '/permissions/application',
      before: ['Gizmo.ReadWrite.All'],
      after: ['Gizmo.Manage.All'],
    },
    {
      subject: 'type',
      id: 'gizmoThing',
      kind: 'changed',
      pointer: '/$defs/base/properties/size',
      before: { type: 'boolean' },
      after: { type: 'string' },
    },
  ]);
});

test('sources cite the commit the pages were read from', () => {
  const c = commit(CHANGED);
  expect(c?.sources.map((s) => [s.file, s.commit])).toEqual([
    ['gizmo-docs/beta/api/intune-gizmo-gizmothing-create.md', repo.commits[CHANGED]],
    ['gizmo-docs/beta/resources/intune-gizmo-gizmothing.md', repo.commits[CHANGED]],
  ]);
});

test('--since starts from the state just before it', async () => {
  const since = await buildHistory({ repo: repo.dir, since: '2024-04-01', ...gizmo });
  expect(since.baseline).toMatchObject({ hash: repo.commits[RENAMED], operations: 1, types: 2 });
  expect(since.commits.map((c) => c.hash)).toEqual([repo.commits[RELAID], repo.commits[CHANGED]]);
  expect(since.commits.map((c) => c.changes.length)).toEqual([0, 2]);
  // A --since equal to a commit's own time lists that commit and compares it with its parent, not with itself.
  const exact = await buildHistory({ repo: repo.dir, since: '2024-05-01T10:00:00Z', ...gizmo });
  expect(exact.commits.map((c) => c.hash)).toEqual([repo.commits[RELAID], repo.commits[CHANGED]]);
  expect(exact.baseline?.hash).toBe(repo.commits[RENAMED]);
  // After the last family commit: nothing to list, the baseline is the state then.
  const late = await buildHistory({ repo: repo.dir, since: '2024-08-01', ...gizmo });
  expect(late.commits).toEqual([]);
  expect(late.baseline?.hash).toBe(repo.commits[CHANGED]);
});

test('doc-history.json validates against its schema; a broken one does not', () => {
  // strictRequired off: the if/then rules name before and after, which the change object itself declares.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
  const json = JSON.parse(JSON.stringify(history)) as DocHistory;
  expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  const broken = structuredClone(json);
  delete (broken.commits[CHANGED]?.changes[0] as { before?: unknown }).before;
  expect(validate(broken)).toBe(false);
});

test('doc-history.md has a line per change and says when a commit changed nothing', () => {
  const md = docHistoryMarkdown(history);
  expect(md).toContain('- operation `createGizmoThing` `/permissions/application`: `["Gizmo.ReadWrite.All"]` → `["Gizmo.Manage.All"]`');
  expect(md).toContain('- type `gizmoThing` `/$defs/base/properties/size`: `{"type":"boolean"}` → `{"type":"string"}`');
  expect(md.match(/No contract change/g)).toHaveLength(2);
});

test('a commit the extractor fails on is reported, and the next one is compared with the last good state', async () => {
  const failing: NonNullable<Parameters<typeof buildHistory>[0]['extract']> = async (opts) => {
    const text = readFileSync(join(opts.docs[0]!, 'beta/resources/intune-gizmo-gizmothing.md'), { encoding: 'utf8', flag: 'r' });
    // Fails on the relaid commit only (aligned tables, size still Boolean).
    if (text.includes('| ') && text.includes('Boolean')) throw new Error('layout not understood');
    return extractContracts(opts);
  };
  const h = await buildHistory({ repo: repo.dir, ...gizmo, extract: failing });
  const relaid = h.commits.find((c) => c.hash === repo.commits[RELAID]);
  const changed = h.commits.find((c) => c.hash === repo.commits[CHANGED]);
  expect(relaid).toMatchObject({ error: 'layout not understood', changes: [] });
  expect(changed?.error).toBeUndefined();
  expect(changed?.changes.map((c) => `${c.id} ${c.pointer}`)).toEqual([
    'createGizmoThing /permissions/application',
    'gizmoThing /$defs/base/properties/size',
  ]);
  expect(h.commits.find((c) => c.hash === repo.commits[RENAMED])?.error).toBeUndefined();
  expect(docHistoryMarkdown(h)).toContain('Extraction failed at this commit (layout not understood)');
});

test('a commit whose page is unreadable (emptied) is an error, never a removed contract', async () => {
  const own = buildGizmoRepo();
  try {
    const page = join(own.dir, 'beta/api/intune-gizmo-gizmothing-create.md');
    writeFileSync(page, '');
    const env = { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 'T' };
    const dated = {
      GIT_COMMITTER_EMAIL: 't@example.invalid',
      GIT_AUTHOR_DATE: '2024-10-01T10:00:00Z',
      GIT_COMMITTER_DATE: '2024-10-01T10:00:00Z',
    };
    execFileSync('git', ['-C', own.dir, 'commit', '-qam', 'Empty the create page'], { env: { ...env, ...dated } });
    const h = await buildHistory({ repo: own.dir, ...gizmo });
    const emptied = h.commits.at(-1);
    expect(emptied?.subject).toBe('Empty the create page');
    expect(emptied?.error).toContain('intune-gizmo-gizmothing-create.md');
    expect(emptied?.changes).toEqual([]);
  } finally {
    own.remove();
  }
});

test('the clone is only read: no work tree or index change, HEAD where it was', () => {
  const status = execFileSync('git', ['-C', repo.dir, 'status', '--porcelain'], { encoding: 'utf8' });
  const head = execFileSync('git', ['-C', repo.dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  expect(status).toBe('');
  expect(head).toBe(repo.commits[UNRELATED]);
});

test.describe('bad input is a clear error', () => {
  let scratch: string;
  test.beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'history-bad-'));
  });
  test.afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test('not a git repository', async () => {
    const plain = join(scratch, 'plain');
    mkdirSync(plain);
    await expect(buildHistory({ repo: plain })).rejects.toThrow(/--repo .*plain: not a git repository/);
    await expect(buildHistory({ repo: join(scratch, 'missing') })).rejects.toThrow(/no such folder/);
  });

  test('no family pages', async () => {
    const other = join(scratch, 'other');
    mkdirSync(other);
    execFileSync('git', ['-C', other, 'init', '-q']);
    writeFileSync(join(other, 'notes.md'), '# Nothing about the family\n');
    execFileSync('git', ['-C', other, 'add', '-A']);
    execFileSync('git', ['-C', other, '-c', 'user.name=T', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'x']);
    await expect(buildHistory({ repo: other })).rejects.toThrow(/no family pages found .*Is this a clone of the Graph docs/);
  });

  test('a bad --since', async () => {
    await expect(buildHistory({ repo: repo.dir, since: 'last tuesday', ...gizmo })).rejects.toThrow(
      /--since "last tuesday": not a date\. Give YYYY-MM-DD/,
    );
    await expect(buildHistory({ repo: repo.dir, since: '2024-13-45', ...gizmo })).rejects.toBeInstanceOf(HistoryError);
  });

  test('the CLI says which option is missing or wrong, without a stack trace', () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'generators/contracts/history/cli.ts', ...args], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      });
    const missing = run([]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--repo is required');
    const notRepo = run(['--repo', scratch]);
    expect(notRepo.status).toBe(1);
    expect(notRepo.stderr).toMatch(/^contracts:history: --repo .*: not a git repository/);
    expect(notRepo.stderr).not.toMatch(/\n\s+at /);
  });
});

test('diffContracts: wording and file names in $comment are no change; a computed count is', () => {
  const schema = (comment: string) =>
    new Map([['t', { $id: 'x', properties: { n: { type: 'integer', $comment: comment } }, $comment: 'from a/b.md' }]]);
  const ops = new Map();
  expect(
    diffContracts(
      { operations: ops, schemas: schema('readOnly: "System generated"') },
      { operations: ops, schemas: schema('readOnly: "Generated by the system"') },
    ),
  ).toEqual([]);
  expect(
    diffContracts(
      { operations: ops, schemas: schema('computed: count of codes ("the count of codes")') },
      { operations: ops, schemas: schema('computed: count of codes ("how many codes")') },
    ),
  ).toEqual([]);
  expect(
    diffContracts(
      { operations: ops, schemas: schema('computed: count of codes ("the count")') },
      { operations: ops, schemas: schema('readOnly: "set by the service"') },
    ),
  ).toEqual([{ subject: 'type', id: 't', kind: 'removed', pointer: '/properties/n/$comment', before: 'computed: count of codes' }]);
});
