/**
 * The extractor on the real Graph docs in ../shared: the checked-in contracts are exactly what the docs give, and
 * the facts and doc findings the project promises are there. Skips (saying why) where ../shared is absent.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createAjv } from '../../contracts/ajv.js';
import { loadContracts } from '../../contracts/load.js';
import { schemaId } from '../../contracts/model.js';
import { extractContracts, type ExtractResult } from '../../generators/contracts/extract.js';
import { DEFAULT_DOCS, DEFAULT_METADATA } from '../../generators/contracts/shared-location.js';
import { compareWithDisk } from '../../generators/contracts/staleness.js';
import { requireShared } from '../support/shared.js';

requireShared();

let result: ExtractResult;
test.beforeAll(async () => {
  result = await extractContracts({ docs: DEFAULT_DOCS, metadataDir: DEFAULT_METADATA });
});

const POOLS = '/deviceManagement/embeddedSIMActivationCodePools';

test('regenerating from ../shared reproduces contracts/ exactly (contracts:check)', () => {
  const contracts = loadContracts();
  expect(compareWithDisk(result.files, contracts.dir)).toEqual([]);
});

test('all 16 documented operations are found', () => {
  expect(result.operations.map((o) => o.id).sort()).toEqual(
    [
      'assignEmbeddedSIMActivationCodePool',
      'createEmbeddedSIMActivationCodePool',
      'createEmbeddedSIMActivationCodePoolAssignment',
      'createEmbeddedSIMDeviceState',
      'deleteEmbeddedSIMActivationCodePool',
      'deleteEmbeddedSIMActivationCodePoolAssignment',
      'deleteEmbeddedSIMDeviceState',
      'getEmbeddedSIMActivationCodePool',
      'getEmbeddedSIMActivationCodePoolAssignment',
      'getEmbeddedSIMDeviceState',
      'listEmbeddedSIMActivationCodePoolAssignments',
      'listEmbeddedSIMActivationCodePools',
      'listEmbeddedSIMDeviceStates',
      'updateEmbeddedSIMActivationCodePool',
      'updateEmbeddedSIMActivationCodePoolAssignment',
      'updateEmbeddedSIMDeviceState',
    ].sort(),
  );
  expect(result.skipped.filter((s) => !s.reason.startsWith('kept, but'))).toEqual([]);
});

test('the four seed operations have their documented method, path, status, example and sources', () => {
  const op = (id: string) => result.operations.find((o) => o.id === id)!;
  const create = op('createEmbeddedSIMActivationCodePool');
  expect([create.method, create.path, create.response.status]).toEqual(['POST', POOLS, 201]);
  expect(create.sources.map((s) => [s.file, s.rank])).toEqual([
    ['seeds/000_43c8c6b22ce8c85f.txt', 0],
    ['seeds/001_eea2c8bb4c057bcd.txt', 0], // the same revision, rendered
    ['graph-docs/beta/api/intune-esim-embeddedsimactivationcodepool-create.md', 1],
  ]);
  expect(create.sources[0]?.date).toBe('2024-08-01');
  expect(create.examples[0]?.request?.body).toMatchObject({ displayName: 'Display Name value', activationCodeCount: 3 });

  const assignment = op('createEmbeddedSIMActivationCodePoolAssignment');
  expect([assignment.method, assignment.path, assignment.response.status]).toEqual([
    'POST',
    `${POOLS}/{embeddedSIMActivationCodePoolId}/assignments`,
    201,
  ]);
  expect(assignment.sources.map((s) => s.file)).toContain('seeds/002_a027dcb9e1d75f58.txt');
  expect(assignment.examples.some((e) => e.source === 'seeds/002_a027dcb9e1d75f58.txt')).toBe(true);

  const update = op('updateEmbeddedSIMActivationCodePool');
  expect([update.method, update.path, update.response.status]).toEqual(['PATCH', `${POOLS}/{embeddedSIMActivationCodePoolId}`, 200]);
  expect(update.sources[0]).toMatchObject({ file: 'seeds/003_1b3f4827d9c43755.txt', format: 'page-text', rank: 0 });

  const assign = op('assignEmbeddedSIMActivationCodePool');
  expect([assign.method, assign.path, assign.response.status, assign.kind]).toEqual([
    'POST',
    `${POOLS}/{embeddedSIMActivationCodePoolId}/assign`,
    200,
    'action',
  ]);
  expect(assign.response.body).toMatchObject({ type: 'embeddedSIMActivationCodePoolAssignment', collection: true });
  expect(assign.request?.schema.required).toEqual(['assignments']);
  expect(assign.sources.map((s) => s.file)).toContain('seeds/004_4404cc4ddf5897bb.txt');
});

test('doc-vs-doc: Application "Not supported" in the older revisions is kept as history', () => {
  for (const id of ['assignEmbeddedSIMActivationCodePool', 'createEmbeddedSIMActivationCodePoolAssignment']) {
    const op = result.operations.find((o) => o.id === id)!;
    expect(op.permissions.application).toEqual(['DeviceManagementConfiguration.ReadWrite.All']);
    const d = op.disagreements.find((x) => x.pointer === '/permissions/application');
    expect(d?.values.map((v) => v.value)).toEqual([['DeviceManagementConfiguration.ReadWrite.All'], null]);
  }
});

test('schemas carry the prose and the CSDL: readOnly, writeOnly, date-time, Int32, patterns, abstract family', () => {
  const props = (name: string) =>
    (result.schemas.get(name)?.$defs as { base: { properties: Record<string, Record<string, unknown>> } }).base.properties;
  const pool = props('embeddedSIMActivationCodePool');
  expect(pool.id?.readOnly).toBe(true);
  expect(pool.createdDateTime).toMatchObject({ format: 'date-time', readOnly: true });
  expect(pool.activationCodes?.writeOnly).toBe(true);
  expect(pool.activationCodeCount).toMatchObject({ type: 'integer', maximum: 2147483647 });
  const code = props('embeddedSIMActivationCode');
  expect(code.integratedCircuitCardIdentifier?.pattern).toBe('^[0-9]{19}[0-9]?$');
  expect(code.matchingIdentifier?.pattern).toBe('^[a-zA-Z0-9\\-]*$');
  expect(code.smdpPlusServerAddress?.pattern).toBe('^([a-zA-Z0-9]+(-[a-zA-Z0-9]+)*\\.)+[a-zA-Z]{2,}$');
  const family = result.schemas.get('deviceAndAppManagementAssignmentTarget')!;
  expect((family.oneOf as { $ref: string }[]).map((r) => r.$ref).sort()).toEqual(
    ['allDevices', 'allLicensedUsers', 'configurationManagerCollection', 'exclusionGroup', 'group']
      .map((t) => schemaId(`${t}AssignmentTarget`))
      .sort(),
  );
  expect(family.required).toEqual(['@odata.type']);
});

test('the doc findings the issue names are found in the real pages', () => {
  const has = (rule: string, file: RegExp) => result.findings.some((f) => f.rule === rule && file.test(f.file));
  expect(has('content-length-counts-crlf', /seeds\/000_/)).toBe(true);
  expect(has('example-count-mismatch', /seeds\/000_/)).toBe(true);
  expect(has('required-lists-server-generated', /seeds\/000_/)).toBe(true);
  expect(has('patch-reuses-create-wording', /seeds\/003_/)).toBe(true);
  expect(has('get-example-wrapped-in-value', /embeddedsimactivationcodepool-get\.md/)).toBe(true);
  expect(has('example-fails-schema', /seeds\/000_/)).toBe(true);
  expect(has('abstract-type-as-concrete', /seeds\/002_/)).toBe(true);
  expect(has('abstract-type-as-concrete', /seeds\/004_/)).toBe(true);
  expect(has('blank-line-before-headers', /seeds\/004_/)).toBe(true);
  // assignments and deviceStates are in the pool's Relationships table: documented navigation properties, not drift.
  expect(result.findings.some((f) => f.subject === 'embeddedSIMActivationCodePool' && f.pointer === '/properties/assignments')).toBe(false);
  const navigation = (result.schemas.get('embeddedSIMActivationCodePool')?.$defs as { navigation: { properties: object } }).navigation;
  expect(Object.keys(navigation.properties)).toEqual(['assignments', 'deviceStates']);
  const crlf = result.findings.find(
    (f) => f.rule === 'content-length-counts-crlf' && f.file.startsWith('seeds/000_') && f.pointer?.startsWith('/request'),
  );
  expect(crlf).toMatchObject({ expected: 448, observed: 460 });
});

test('every schema and body compiles under Ajv 2020 strict mode with ajv-formats', () => {
  const contracts = loadContracts();
  const ajv = createAjv([...contracts.schemas.values()]);
  for (const name of contracts.schemas.keys()) expect(() => ajv.compile({ $ref: schemaId(name) }), name).not.toThrow();
  for (const op of contracts.operations) {
    if (op.request) expect(() => ajv.compile(op.request!.schema), `${op.id} request`).not.toThrow();
    if (op.response.body) expect(() => ajv.compile(op.response.body!.schema), `${op.id} response`).not.toThrow();
  }
});

test('every documented response example validates, or is a doc finding with the reason', () => {
  const contracts = loadContracts();
  const findings = result.findings;
  let checked = 0;
  for (const op of contracts.operations) {
    for (const ex of op.examples) {
      if (!ex.response || !op.response.body || ex.response.body === null) continue;
      checked++;
      const { valid, errors } = contracts.validateResponse(op.id, ex.response.body);
      if (valid) continue;
      const listed = findings.find(
        (f) => f.rule === 'example-fails-schema' && f.subject === op.id && f.file === ex.source && f.pointer === '/response/body',
      );
      expect(listed, `${op.id} example from ${ex.source} fails: ${JSON.stringify(errors.slice(0, 2))}`).toBeTruthy();
      expect(listed?.message).toMatch(/does not satisfy/);
    }
  }
  expect(checked).toBeGreaterThanOrEqual(12);
});

test('contracts:check names each stale file and the first difference', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stale-'));
  try {
    for (const [name, text] of result.files) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    expect(compareWithDisk(result.files, dir)).toEqual([]);
    const file = join(dir, 'operations/updateEmbeddedSIMActivationCodePool.json');
    const op = JSON.parse(readFileSync(file, 'utf8'));
    op.response.status = 204;
    writeFileSync(file, JSON.stringify(op, null, 2));
    rmSync(join(dir, 'schemas/graphError.schema.json'));
    cpSync(join(dir, 'operations/getEmbeddedSIMDeviceState.json'), join(dir, 'operations/getOldThing.json'));
    const stale = compareWithDisk(result.files, dir).map((s) => `${s.problem} ${s.file}: ${s.detail}`);
    expect(stale).toEqual([
      'changed operations/updateEmbeddedSIMActivationCodePool.json: at /response/status: committed 204, docs give 200',
      'missing schemas/graphError.schema.json: the docs give this file but it is not checked in',
      'extra operations/getOldThing.json: checked in, but the docs no longer give it',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
