/**
 * A page of the family that cannot be read never silently removes its contract: truncated, empty, binary, UTF-16,
 * Latin-1. The extractor names file, line and reason; contracts:extract and contracts:check exit non-zero (writing
 * nothing); --allow-partial makes it a warning and keeps the checked-in contract, saying so.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { copyLayouts, extractGizmos, REVISIONS, scratch } from '../support/doc-fixtures.js';
import { REPO_ROOT } from '../support/shared.js';

const PAGE = 'api/gizmo-create.md';
const good = readFileSync(join(REVISIONS, 'dated2024', PAGE), 'utf8');
const permissionsEnd = good.split('\n').findIndex((l) => l.startsWith('|Application|')) + 1;

const BREAKS: { name: string; bytes: () => Buffer; line: number; reason: RegExp }[] = [
  {
    name: 'cut off after its Permissions section',
    bytes: () => Buffer.from(`${good.split('\n').slice(0, permissionsEnd).join('\n')}\n`),
    line: permissionsEnd,
    reason: /page ends at line \d+ after the "Permissions" section without an "HTTP Request" section/,
  },
  { name: 'empty', bytes: () => Buffer.alloc(0), line: 1, reason: /the file is empty/ },
  {
    name: 'binary',
    bytes: () => Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.from([0, 0, 0, 13, 73, 72, 68, 82])]),
    line: 3, // the PNG signature holds two line feeds before its first NUL
    reason: /the file is binary \(a NUL byte at offset \d+\)/,
  },
  {
    name: 'UTF-16 with a byte order mark',
    bytes: () => Buffer.from(`\ufeff${good}`, 'utf16le'),
    line: 1,
    reason: /UTF-16 \(LE\), not UTF-8/,
  },
  { name: 'UTF-16 without one', bytes: () => Buffer.from(good, 'utf16le'), line: 1, reason: /UTF-16 \(LE\), not UTF-8/ },
  {
    name: 'Latin-1',
    bytes: () => Buffer.from(good.replace('Create a new [gizmo]', 'Créez a new [gizmo]'), 'latin1'),
    line: good.split('\n').findIndex((l) => l.startsWith('Create a new')) + 1,
    reason: /byte 0xe9 at offset \d+ is not UTF-8 \(Latin-1/,
  },
];

for (const b of BREAKS) {
  test(`a page ${b.name}: named with file, line and reason; the contract is kept from the checked-in one`, async () => {
    const s = scratch('gizmo-broken');
    try {
      const [docs, base] = copyLayouts(s.dir, [
        ['dated2024', 'docs'],
        ['base', 'base'],
      ]);
      const contracts = join(s.dir, 'contracts');
      const cli = run(['extract', '--docs', docs!, '--docs', base!, '--out', contracts]);
      expect(cli.status).toBe(0);
      writeFileSync(join(docs!, PAGE), b.bytes());

      const r = await extractGizmos([docs!, base!], contracts);
      expect(r.broken).toHaveLength(1);
      expect(r.broken[0]).toMatchObject({ file: `docs/${PAGE}`, line: b.line });
      expect(r.broken[0]?.reason).toMatch(b.reason);
      expect(r.broken[0]?.kept).toBe('operations/createGizmo.json as checked in');
      expect(r.operations.map((o) => o.id)).toEqual(['createGizmo']);
      expect(r.files.get('operations/createGizmo.json')).toBe(readFileSync(join(contracts, 'operations/createGizmo.json'), 'utf8'));
      // contracts:check exits 1 naming file:line: reason.
      const check = run(['check', '--docs', docs!, '--docs', base!, '--out', contracts]);
      expect(check.status).toBe(1);
      expect(check.out).toContain(`docs/${PAGE}:${b.line}: `);
      expect(check.out).toMatch(b.reason);
    } finally {
      s.dispose();
    }
  });
}

test('a resource page cut off before its Properties: named, and the checked-in schema is kept', async () => {
  const s = scratch('gizmo-broken-resource');
  try {
    const [docs, base] = copyLayouts(s.dir, [
      ['dated2024', 'docs'],
      ['base', 'base'],
    ]);
    const contracts = join(s.dir, 'contracts');
    expect(run(['extract', '--docs', docs!, '--docs', base!, '--out', contracts]).status).toBe(0);
    const page = join(base!, 'resources/gizmo.md');
    const text = readFileSync(page, 'utf8');
    writeFileSync(page, text.slice(0, text.indexOf('## Properties')));
    const r = await extractGizmos([docs!, base!], contracts);
    // Without the gizmo type its operation page cannot be read either: both are named, both contracts are kept.
    expect(r.broken.map((b) => [b.file, b.kept])).toEqual([
      ['base/resources/gizmo.md', 'schemas/gizmo.schema.json as checked in'],
      ['docs/api/gizmo-create.md', 'operations/createGizmo.json as checked in'],
    ]);
    expect(r.broken[1]?.reason).toBe('cannot tell which Graph type this operation is about');
    expect(r.broken[0]?.reason).toMatch(/without an "HTTP Request" section \(operation pages\) or "Properties"/);
    expect(r.files.get('schemas/gizmo.schema.json')).toBe(readFileSync(join(contracts, 'schemas/gizmo.schema.json'), 'utf8'));
  } finally {
    s.dispose();
  }
});

test('without a checked-in contract or another revision the report says nothing was kept', async () => {
  const s = scratch('gizmo-broken');
  try {
    const [docs] = copyLayouts(s.dir, [['dated2024', 'docs']]);
    writeFileSync(join(docs!, PAGE), '');
    const r = await extractGizmos([docs!, join(REVISIONS, 'base')]);
    expect(r.broken[0]?.kept).toMatch(/^nothing: no other revision and no checked-in contract names this page/);
    // With an older revision beside it, that revision's contract stands in, and the report names it.
    const withOld = await extractGizmos([docs!, join(REVISIONS, 'gen2'), join(REVISIONS, 'base')]);
    expect(withOld.broken[0]?.kept).toBe('createGizmo from its other revisions (gen2/api/gizmo-create.md)');
    expect(withOld.operations[0]?.sources.map((x) => x.file)).toEqual(['gen2/api/gizmo-create.md']);
  } finally {
    s.dispose();
  }
});

function run(args: string[]): { status: number | null; out: string } {
  const p = spawnSync(
    join(REPO_ROOT, 'node_modules/.bin/tsx'),
    ['generators/contracts/cli.ts', ...args, '--no-metadata', '--family', '\\bgizmo\\b'],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    },
  );
  return { status: p.status, out: `${p.stdout}${p.stderr}` };
}

test('contracts:extract and contracts:check exit 1 on a broken page; --allow-partial warns and keeps the contract', () => {
  const s = scratch('gizmo-cli');
  try {
    const [docs, base] = copyLayouts(s.dir, [
      ['dated2024', 'docs'],
      ['base', 'base'],
    ]);
    const contracts = join(s.dir, 'contracts');
    const docsArgs = ['--docs', docs!, '--docs', base!, '--out', contracts];
    expect(run(['extract', ...docsArgs]).status).toBe(0);
    const checkedIn = readFileSync(join(contracts, 'operations/createGizmo.json'), 'utf8');
    writeFileSync(join(docs!, PAGE), Buffer.from(`\ufeff${good}`, 'utf16le'));

    for (const command of ['check', 'extract']) {
      const failed = run([command, ...docsArgs]);
      expect(failed.status).toBe(1);
      expect(failed.out).toContain(`docs/${PAGE}:1: the file is UTF-16 (LE), not UTF-8; save the page as UTF-8`);
      expect(failed.out).toContain('kept: operations/createGizmo.json as checked in');
      expect(failed.out).toMatch(new RegExp(`contracts:${command}: 1 page\\(s\\) of the family could not be read`));
    }
    const partial = run(['extract', ...docsArgs, '--allow-partial']);
    expect(partial.status).toBe(0);
    expect(partial.out).toContain('WARNING: pages that could not be read (1):');
    expect(readFileSync(join(contracts, 'operations/createGizmo.json'), 'utf8')).toBe(checkedIn);
    expect(run(['check', ...docsArgs, '--allow-partial']).status).toBe(0);
  } finally {
    s.dispose();
  }
});
