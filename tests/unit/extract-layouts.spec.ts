/**
 * Every layout the Graph docs used over the years, on the invented gizmo family (tests/fixtures/revisions):
 * permissions from most to least (2018), least to most (2020), under "Permissions" with an ms.date (2024), three
 * columns inline or INCLUDEd from a permissions file with "Not available." cells (2026), Learn's page text with its
 * sitemap date, national-cloud table and absolute links; Relationships; a missing INCLUDE.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createAjv } from '../../contracts/ajv.js';
import { schemaId } from '../../contracts/model.js';
import { copyLayouts, extractGizmos, REVISIONS, scratch } from '../support/doc-fixtures.js';

const only = async (...layouts: string[]) => {
  const r = await extractGizmos(layouts.map((l) => join(REVISIONS, l)));
  const op = r.operations.find((o) => o.id === 'createGizmo');
  if (!op) throw new Error(`no createGizmo from ${layouts.join(', ')}: ${JSON.stringify(r.broken)}`);
  return { r, op };
};

test('2018 layout: most to least privileged, "Not supported." is null', async () => {
  const { op } = await only('gen1', 'base');
  expect(op.permissions).toEqual({ delegatedWork: ['Gizmo.Read.All', 'Gizmo.ReadWrite.All'], delegatedPersonal: null, application: null });
  expect(op.sources[0]?.revision).toMatch(/generation 1/);
  expect(op.clouds).toBeNull(); // the page does not say: unknown, not "nowhere"
});

test('2024 layout: ms.date, and the national-cloud INCLUDE names the clouds', async () => {
  const { op } = await only('dated2024', 'base');
  expect(op.sources[0]).toMatchObject({
    date: '2024-03-15',
    revision: expect.stringMatching(/^ms\.date 2024-03-15; template generation 3/),
  });
  expect(op.clouds).toMatchObject({ global: true, usGovL4: true, usGovL5: true, china: false });
  expect(op.clouds?.source).toMatch(/dated2024\/api\/gizmo-create\.md:\d+ \(INCLUDE global-us\)/);
});

test('today\'s layout: the INCLUDEd three-column table, read relative to the page, "Not available." empty', async () => {
  const { op } = await only('new2026', 'base');
  expect(op.permissions).toEqual({
    delegatedWork: ['Gizmo.Create.All', 'Gizmo.ReadWrite.All'],
    delegatedPersonal: null,
    application: ['Gizmo.Create.All'],
  });
  expect(op.sources[0]?.revision).toMatch(
    /generation 4 \(three-column permissions, included from new2026\/includes\/permissions\/gizmo-create-permissions\.md\)/,
  );
  expect(op.clouds).toMatchObject({ global: true, usGovL4: false, usGovL5: false, china: false });
});

test("today's layout inline: three columns, least privileged first", async () => {
  const { op } = await only('inline2026', 'base');
  expect(op.permissions).toEqual({
    delegatedWork: ['Gizmo.Create.All', 'Gizmo.ReadWrite.All'],
    delegatedPersonal: null,
    application: ['Gizmo.Create.All', 'Gizmo.ReadWrite.All'],
  });
});

test('Learn page text: sitemap date, national-cloud table, absolute links followed to the resource pages present', async () => {
  const { r, op } = await only('learn', 'parts');
  expect(op.sources[0]).toMatchObject({ date: '2025-06-01', revision: expect.stringMatching(/^Learn sitemap date 2025-06-01/) });
  expect(op.permissions.application).toEqual(['Gizmo.ReadWrite.All', 'Gizmo.Manage.All']);
  expect(op.clouds).toMatchObject({ global: true, usGovL4: true, usGovL5: true, china: false });
  expect(op.clouds?.source).toMatch(/national-cloud table/);
  // learn/resources/gizmo.md links to gizmopart by absolute URL; the page is in another input folder (parts/).
  const part = r.schemas.get('gizmoPart');
  expect(part?.$comment).toMatch(/^from parts\/resources\/gizmopart\.md/);
  expect(r.findings.filter((f) => f.rule === 'unresolved-type')).toEqual([]);
  const validate = createAjv([...r.schemas.values()]).compile({ $ref: schemaId('gizmoPart') });
  expect(validate({ partNumber: 'P-1' })).toBe(true);
  expect(validate({ partNumber: 'P-1', colour: 'red' })).toBe(false); // not a stub that accepts anything
});

test('without the linked page the type is a stub, and a finding says so', async () => {
  const { r } = await only('learn');
  expect(r.findings.filter((f) => f.rule === 'unresolved-type').map((f) => f.subject)).toEqual(['gizmoPart']);
});

test('the Relationships table gives navigation properties apart from the body', async () => {
  const { r } = await only('dated2024', 'base', 'parts');
  const gizmo = r.schemas.get('gizmo')!;
  const defs = gizmo.$defs as { base: { properties: object }; navigation: { properties: Record<string, unknown> } };
  expect(Object.keys(defs.base.properties)).toEqual(['id', 'label', 'size']);
  expect(defs.navigation.properties.parts).toEqual({ type: 'array', items: { $ref: schemaId('gizmoPart') } });
  const validate = createAjv([...r.schemas.values()]).compile({ $ref: schemaId('gizmo') });
  expect(validate({ label: 'x' })).toBe(true);
});

test('a missing permissions INCLUDE is a loud error naming the page line and the path, not "Not supported"', async () => {
  const s = scratch('gizmo-include');
  try {
    const [dir] = copyLayouts(s.dir, [['new2026', 'docs']]);
    rmSync(join(dir!, 'includes'), { recursive: true });
    const r = await extractGizmos([dir!, join(REVISIONS, 'base')]);
    expect(r.operations.map((o) => o.id)).toEqual([]);
    expect(r.broken).toHaveLength(1);
    expect(r.broken[0]).toMatchObject({ file: 'docs/api/gizmo-create.md', line: 19 }); // the INCLUDE line
    expect(r.broken[0]?.reason).toMatch(
      /permissions INCLUDE points to \.\.\/includes\/permissions\/gizmo-create-permissions\.md, which is not there/,
    );
  } finally {
    s.dispose();
  }
});
