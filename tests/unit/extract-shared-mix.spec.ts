/**
 * The real Graph docs in ../shared, old and current mixed: the 2021 markdown, the seeds, the 2024 contrib pages
 * (ms.date) and Learn's 2025 page text (sitemap date, absolute links, national-cloud table). The newest revision
 * gives the contract whatever order the inputs come in, and each change is a transition finding.
 */
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { DocFinding } from '../../contracts/model.js';
import { extractContracts, type ExtractResult } from '../../generators/contracts/extract.js';
import { DEFAULT_METADATA } from '../../generators/contracts/shared-location.js';
import { scratch } from '../support/doc-fixtures.js';
import { requireShared, sharedPath } from '../support/shared.js';

test.describe('old and current Graph docs mixed', () => {
  requireShared();
  const inputs = () => [sharedPath('seeds'), sharedPath('graph-docs'), sharedPath('graph-docs-current')];
  let mix: ExtractResult;
  test.beforeAll(async () => {
    mix = await extractContracts({ docs: inputs(), metadataDir: DEFAULT_METADATA });
  });
  const op = (id: string) => mix.operations.find((o) => o.id === id)!;
  const transitions = (id: string, pointer: string): DocFinding[] =>
    mix.findings.filter((f) => f.subject === id && f.pointer === pointer && f.kind === 'doc-vs-doc');

  test('the result does not depend on the order of the inputs', async () => {
    const reversed = await extractContracts({ docs: inputs().reverse(), metadataDir: DEFAULT_METADATA });
    expect([...reversed.files.entries()]).toEqual([...mix.files.entries()]);
    expect(mix.broken).toEqual([]);
  });

  test('create and update come from Learn 2025 (sitemap date), get from the 2024 page (ms.date)', () => {
    const create = op('createEmbeddedSIMActivationCodePool');
    expect(create.sources[0]).toMatchObject({
      file: 'graph-docs-current/learn-2025/api/intune-esim-embeddedsimactivationcodepool-create.md',
      date: '2025-07-11',
      rank: 0,
    });
    expect(create.clouds).toMatchObject({ global: true, usGovL4: true, usGovL5: true, china: true });
    expect(create.clouds?.source).toMatch(
      /learn-2025\/api\/intune-esim-embeddedsimactivationcodepool-create\.md:\d+ \(national-cloud table\)/,
    );
    expect(op('updateEmbeddedSIMActivationCodePool').sources[0]?.date).toBe('2025-07-11');
    const get = op('getEmbeddedSIMActivationCodePool');
    expect(get.sources[0]).toMatchObject({
      file: 'graph-docs-current/contrib-2024/api/intune-esim-embeddedsimactivationcodepool-get.md',
      date: '2024-08-01',
    });
    expect(get.clouds?.source).toMatch(/INCLUDE all-clouds/);
    // The oldest revision is the 2021 markdown, last.
    expect(create.sources.at(-1)?.file).toBe('graph-docs/beta/api/intune-esim-embeddedsimactivationcodepool-create.md');
  });

  test('a transition per change: the cloud statement appears, Application permissions arrive', () => {
    const clouds = transitions('createEmbeddedSIMActivationCodePool', '/clouds');
    expect(clouds).toHaveLength(1);
    expect(clouds[0]).toMatchObject({
      rule: 'revision-change',
      observed: null,
      expected: { global: true, usGovL4: true, usGovL5: true, china: true },
    });
    expect(clouds[0]?.transition?.from).toMatchObject({
      file: 'graph-docs/beta/api/intune-esim-embeddedsimactivationcodepool-create.md',
      date: null,
    });
    expect(clouds[0]?.transition?.to.file).toMatch(/learn-2025/);
    const app = transitions('assignEmbeddedSIMActivationCodePool', '/permissions/application');
    expect(
      app.map((f) => [
        f.transition?.from.file,
        f.transition?.from.line,
        f.observed,
        f.transition?.to.file,
        f.transition?.to.line,
        f.expected,
      ]),
    ).toEqual([
      [
        'seeds/004_4404cc4ddf5897bb.txt',
        24,
        null,
        'graph-docs/beta/api/intune-esim-embeddedsimactivationcodepool-assign.md',
        27,
        ['DeviceManagementConfiguration.ReadWrite.All'],
      ],
    ]);
    expect(mix.findings.filter((f) => f.rule === 'revision-order-unknown')).toEqual([]);
  });

  test('Learn pages alone: absolute links reach the assignment-target pages present elsewhere, no stub', async () => {
    const s = scratch('learn-links');
    try {
      const targets = join(s.dir, 'shared-types/resources');
      mkdirSync(targets, { recursive: true });
      const from = sharedPath('graph-docs/beta/resources');
      for (const f of readdirSync(from).filter((n) => n.startsWith('intune-shared-'))) cpSync(join(from, f), join(targets, f));
      const r = await extractContracts({
        docs: [sharedPath('graph-docs-current/learn-2025'), join(s.dir, 'shared-types')],
        metadataDir: null,
      });
      // Only the two types whose pages are in neither folder stay stubs; the assignment-target family is found.
      expect(r.findings.filter((f) => f.rule === 'unresolved-type').map((f) => f.subject)).toEqual([
        'embeddedSIMActivationCode',
        'embeddedSIMDeviceStateValue',
      ]);
      expect(r.schemas.get('deviceAndAppManagementAssignmentTarget')?.$comment).toMatch(/^from shared-types\/resources\//);
      const pool = r.schemas.get('embeddedSIMActivationCodePool')!;
      expect(Object.keys((pool.$defs as { navigation: { properties: object } }).navigation.properties)).toEqual([
        'assignments',
        'deviceStates',
      ]);
    } finally {
      s.dispose();
    }
  });

  test('dating the 2021 clone (--docs DIR@DATE) orders it by date against the dated pages', async () => {
    const r = await extractContracts({
      docs: [`${sharedPath('graph-docs')}@2021-07-16`, sharedPath('graph-docs-current')],
      metadataDir: null,
    });
    const get = r.operations.find((o) => o.id === 'getEmbeddedSIMActivationCodePool')!;
    expect(get.sources.map((s) => [s.file.split('/')[0], s.date])).toEqual([
      ['graph-docs-current', '2024-08-01'],
      ['graph-docs', '2021-07-16'],
    ]);
    expect(r.findings.find((f) => f.subject === get.id && f.pointer === '/clouds')?.message).toMatch(/ordered by date/);
  });
});
