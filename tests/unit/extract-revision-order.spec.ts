/**
 * Which revision is newest, on the invented gizmo family: by date (ms.date, Learn sitemap, commit date, or
 * `--docs DIR@DATE`), else by template generation, never by file or folder name, and never by the order the inputs
 * are given in. Unknown orders and ties are reported. Each change between revisions is a transition finding.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { DocFinding } from '../../contracts/model.js';
import { copyLayouts, extractGizmos, REVISIONS, scratch, withoutNames } from '../support/doc-fixtures.js';

const ALL = ['gen1', 'gen2', 'dated2024', 'learn', 'new2026', 'inline2026', 'base', 'parts'];

test('the newest revision wins whatever the folders are called and whatever order they are given in', async () => {
  const s = scratch('gizmo-order');
  try {
    // Folder names that lie: alphabetical (or date-named) order would make the 2018 page the newest.
    const lying: [string, string][] = ALL.map((l, i) => [l, `${2030 - i}-01-01-${l === 'gen1' ? 'newest' : 'old'}${i}`]);
    const dirs = copyLayouts(s.dir, lying);
    const names = lying.map(([, as]) => as);
    const forward = await extractGizmos(dirs);
    const backward = await extractGizmos([...dirs].reverse());
    expect(withoutNames(backward, names)).toEqual(withoutNames(forward, names));
    const op = forward.operations.find((o) => o.id === 'createGizmo')!;
    // inline2026 (ms.date 2026-02-01, three columns) is the newest; the 2018 page's "Not supported" is history.
    expect(op.sources[0]?.file).toMatch(/old5\/api\/gizmo-create\.md$/);
    expect(op.permissions.application).toEqual(['Gizmo.Create.All', 'Gizmo.ReadWrite.All']);
    expect(op.sources.map((s) => s.rank)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(op.sources[5]?.revision).toMatch(/generation 1/);
  } finally {
    s.dispose();
  }
});

test('each change between adjacent revisions is a transition: from which to which, before and after, file and line', async () => {
  const r = await extractGizmos(ALL.map((l) => join(REVISIONS, l)));
  const app = r.findings.filter((f) => f.subject === 'createGizmo' && f.pointer === '/permissions/application');
  const steps = app.map((f) => [f.rule, f.transition?.from.file, f.transition?.to.file]);
  expect(steps).toEqual([
    ['revision-change', 'gen1/api/gizmo-create.md', 'gen2/api/gizmo-create.md'],
    ['revision-change', 'dated2024/api/gizmo-create.md', 'learn/api/gizmo-create.md'],
    ['revision-change', 'learn/api/gizmo-create.md', 'new2026/includes/permissions/gizmo-create-permissions.md'],
    ['revision-order-unknown', 'new2026/includes/permissions/gizmo-create-permissions.md', 'inline2026/api/gizmo-create.md'],
  ]);
  const first = app[0] as Required<DocFinding>;
  expect(first).toMatchObject({
    kind: 'doc-vs-doc',
    file: 'gen2/api/gizmo-create.md',
    line: 21,
    expected: ['Gizmo.ReadWrite.All'],
    observed: null,
  });
  expect(first.transition.from).toMatchObject({ file: 'gen1/api/gizmo-create.md', line: 21, value: null, date: null });
  expect(first.transition.to).toMatchObject({ value: ['Gizmo.ReadWrite.All'], revision: expect.stringMatching(/generation 2/) });
  expect(first.message).toMatch(/ordered by generation/);
  const learn = app[1] as Required<DocFinding>;
  expect(learn.transition.from).toMatchObject({ date: '2024-03-15', line: 23 });
  expect(learn.transition.to).toMatchObject({ date: '2025-06-01', line: 24 });
  expect(learn.message).toMatch(/ordered by date/);
  // Resource pages are ordered and compared the same way.
  const size = r.findings.filter((f) => f.subject === 'gizmo' && f.pointer === '/properties/size');
  expect(size.map((f) => [f.rule, f.transition?.from.value, f.transition?.to.value, f.transition?.to.file])).toEqual([
    ['revision-change', 'Int32', 'Int64', 'new2026/resources/gizmo.md'],
  ]);
  expect(r.schemas.get('gizmo')?.$comment).toBe('from new2026/resources/gizmo.md (ms.date 2026-02-01)');
});

test('an unknown order is reported and settled by content, not by name: the same page wins under either name', async () => {
  const kept = async (names: [string, string]): Promise<{ app: unknown; finding: DocFinding | undefined }> => {
    const s = scratch('gizmo-tie');
    try {
      // Two 2020-layout pages, both dated 2020-05-05 with --docs DIR@DATE, that differ in one permission: a tie.
      const dirs = copyLayouts(s.dir, [
        ['gen2', names[0]],
        ['gen2', names[1]],
      ]);
      const other = join(dirs[1]!, 'api/gizmo-create.md');
      execFileSync('sed', ['-i', 's/|Application|Gizmo.ReadWrite.All|/|Application|Gizmo.Other.All|/', other]);
      const r = await extractGizmos([`${dirs[0]}@2020-05-05`, `${dirs[1]}@2020-05-05`, join(REVISIONS, 'base')]);
      return {
        app: r.operations[0]?.permissions.application,
        finding: r.findings.find((f) => f.rule === 'revision-order-unknown' && f.pointer === '/permissions/application'),
      };
    } finally {
      s.dispose();
    }
  };
  const a = await kept(['aaa', 'zzz']);
  const b = await kept(['zzz', 'aaa']); // the same two pages, names swapped
  expect(a.app).toEqual(b.app);
  expect(a.finding?.message).toMatch(/which is newer is unknown .* Give the pages a date/);
  expect(b.finding).toBeDefined();
});

test('--docs DIR@YYYY-MM-DD dates every page of a folder, over its own template generation', async () => {
  const r = await extractGizmos([`${join(REVISIONS, 'gen1')}@2027-01-01`, join(REVISIONS, 'dated2024'), join(REVISIONS, 'base')]);
  const op = r.operations[0]!;
  expect(op.sources[0]).toMatchObject({ file: 'gen1/api/gizmo-create.md', date: '2027-01-01' });
  expect(op.sources[0]?.revision).toMatch(/^date given with --docs 2027-01-01/);
  expect(op.permissions.application).toBeNull();
  await expect(extractGizmos([`${join(REVISIONS, 'gen1')}@yesterday`])).rejects.toThrow(
    /'yesterday' after '@' is not a date; write --docs DIR@YYYY-MM-DD/,
  );
});

test('in a git work tree the commit date orders pages that carry no date', async () => {
  const s = scratch('gizmo-git');
  try {
    const git = (args: string[], date?: string) =>
      execFileSync('git', ['-C', s.dir, ...args], {
        env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_CONFIG_NOSYSTEM: '1', HOME: s.dir },
        stdio: 'pipe',
      });
    git(['init', '-q']);
    git(['config', 'user.email', 'tests@example.invalid']);
    git(['config', 'user.name', 'tests']);
    // "a-newer" holds the 2018-layout page committed in 2022; "b-older" the 2020-layout page committed in 2019.
    // Commit dates decide against both the names and the template generations.
    mkdirSync(join(s.dir, 'docs'));
    cpSync(join(REVISIONS, 'gen2'), join(s.dir, 'docs/b-older'), { recursive: true });
    git(['add', '.']);
    git(['commit', '-qm', 'older'], '2019-04-02T10:00:00+00:00');
    cpSync(join(REVISIONS, 'gen1'), join(s.dir, 'docs/a-newer'), { recursive: true });
    git(['add', '.']);
    git(['commit', '-qm', 'newer'], '2022-09-30T10:00:00+00:00');
    const r = await extractGizmos([join(s.dir, 'docs/b-older'), join(s.dir, 'docs/a-newer'), join(REVISIONS, 'base')]);
    const op = r.operations[0]!;
    expect(op.sources.map((x) => [x.file, x.date])).toEqual([
      ['a-newer/api/gizmo-create.md', '2022-09-30'],
      ['b-older/api/gizmo-create.md', '2019-04-02'],
    ]);
    expect(op.sources[0]?.revision).toMatch(/^commit date 2022-09-30/);
    expect(op.permissions.application).toBeNull();
    // A page changed since its commit has no trustworthy commit date: it is then undated.
    const page = join(s.dir, 'docs/a-newer/api/gizmo-create.md');
    writeFileSync(page, `${readFileSync(page, 'utf8')}\nEdited after the commit.\n`);
    const again = await extractGizmos([join(s.dir, 'docs/a-newer'), join(s.dir, 'docs/b-older'), join(REVISIONS, 'base')]);
    expect(again.operations[0]?.sources.map((x) => [x.file, x.date])).toEqual([
      ['b-older/api/gizmo-create.md', '2019-04-02'],
      ['a-newer/api/gizmo-create.md', null],
    ]);
  } finally {
    s.dispose();
  }
});
