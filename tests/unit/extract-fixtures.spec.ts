/**
 * The extractor on an invented "widget" family (tests/fixtures/extract): schemas from prose, merging of revisions,
 * doc findings and bad input, with no need for ../shared.
 */
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { createAjv } from '../../contracts/ajv.js';
import { schemaId } from '../../contracts/model.js';
import { extractContracts, type ExtractResult } from '../../generators/contracts/extract.js';
import { REPO_ROOT } from '../support/shared.js';

const FIXTURES = resolve(REPO_ROOT, 'tests/fixtures/extract');
const WIDGETS = resolve(FIXTURES, 'widgets');

let result: ExtractResult;
test.beforeAll(async () => {
  result = await extractContracts({ docs: [WIDGETS], metadataDir: null, family: /\bwidget\b/i });
});

const rules = (r: ExtractResult, subject?: string): string[] =>
  r.findings.filter((f) => !subject || f.subject === subject).map((f) => f.rule);

test('finds the operations and types of the family', () => {
  expect(result.operations.map((o) => o.id)).toEqual(['createWidget', 'getWidget']);
  // sprocketCode and widgetColor are reached through links; sprocketPlus only through its "Inherits from".
  expect([...result.schemas.keys()].sort()).toEqual(['graphError', 'sprocketCode', 'sprocketPlus', 'widget', 'widgetColor']);
  expect(result.skipped.filter((s) => !s.reason.startsWith('kept, but'))).toEqual([]);
});

test('prose becomes schema: readOnly, writeOnly, computed, date-time, Int32, pattern, enum', () => {
  const props = (result.schemas.get('widget')?.$defs as { base: { properties: Record<string, Record<string, unknown>> } }).base.properties;
  expect(props.id).toMatchObject({ type: 'string', readOnly: true });
  expect(props.createdDateTime).toMatchObject({ type: 'string', format: 'date-time', readOnly: true });
  expect(props.sprocketCodes).toMatchObject({ type: 'array', writeOnly: true, items: { $ref: schemaId('sprocketCode') } });
  expect(props.sprocketCount).toMatchObject({ type: 'integer', minimum: -2147483648, maximum: 2147483647, readOnly: true });
  expect(String(props.sprocketCount?.$comment)).toMatch(/^computed: count of sprocketCodes/);
  expect(props.color).toEqual({ $ref: schemaId('widgetColor') });
  expect(props.name).toEqual({ type: 'string' });
  const serial = (result.schemas.get('sprocketCode')?.$defs as { base: { properties: Record<string, unknown> } }).base.properties.serial;
  expect(serial).toMatchObject({ type: 'string', pattern: '^[0-9]{4}$' });
  expect(result.schemas.get('widgetColor')).toMatchObject({ type: 'string', enum: ['red', 'green'] });
});

test('a derived type keeps its own properties and takes the inherited ones from its base', () => {
  const plus = result.schemas.get('sprocketPlus')!;
  const base = (plus.$defs as { base: { allOf: unknown[]; properties: Record<string, unknown> } }).base;
  expect(Object.keys(base.properties)).toEqual(['batch']);
  expect(base.allOf).toEqual([{ $ref: `${schemaId('sprocketCode')}#/$defs/base` }]);
  const validate = createAjv([...result.schemas.values()]).compile({ $ref: schemaId('sprocketPlus') });
  expect(validate({ serial: '1234', batch: 7 })).toBe(true);
  expect(validate({ serial: '12', batch: 7 })).toBe(false); // the inherited pattern applies
});

test('every schema and operation body compiles under Ajv 2020 strict mode', () => {
  const ajv = createAjv([...result.schemas.values()]);
  for (const op of result.operations) {
    if (op.request) expect(() => ajv.compile(op.request!.schema)).not.toThrow();
    if (op.response.body) expect(() => ajv.compile(op.response.body!.schema)).not.toThrow();
  }
  const validate = ajv.compile({ $ref: schemaId('widget') });
  expect(validate({ '@odata.type': '#microsoft.graph.widget', name: 'x', color: 'red' })).toBe(true);
  expect(validate({ name: 'x', colour: 'red' })).toBe(false); // undocumented property
  expect(validate({ '@odata.context': 'https://x/$metadata#widgets/$entity', name: 'x' })).toBe(true); // annotation
  expect(validate({ '@odata.type': '#microsoft.graph.sprocketCode' })).toBe(false);
});

test('create requires the writable properties only', () => {
  const create = result.operations.find((o) => o.id === 'createWidget');
  expect(create?.request?.schema.required).toEqual(['name', 'sprocketCodes', 'color']);
  expect(create?.response.status).toBe(201);
});

test('two revisions merge: the newest wins and the disagreement is kept with its sources', () => {
  const create = result.operations.find((o) => o.id === 'createWidget')!;
  expect(create.sources.map((s) => [s.file, s.format, s.rank])).toEqual([
    ['widgets/api/widget-create.md', 'markdown', 0],
    ['widgets/api/widget-create-old.txt', 'page-text', 1],
  ]);
  expect(create.sources[0]?.date).toBe('2025-03-04');
  expect(create.sources[1]?.revision).toMatch(/most to least/);
  expect(create.permissions).toEqual({
    delegatedWork: ['Widget.ReadWrite.All'],
    delegatedPersonal: null,
    application: ['Widget.ReadWrite.All'],
  });
  const app = create.disagreements.find((d) => d.pointer === '/permissions/application');
  expect(app?.kept).toEqual(['Widget.ReadWrite.All']);
  expect(app?.values).toEqual([
    { value: ['Widget.ReadWrite.All'], sources: ['widgets/api/widget-create.md'] },
    { value: null, sources: ['widgets/api/widget-create-old.txt'] },
  ]);
  // "Bearer {token}" and "Bearer <token>" are one placeholder: no disagreement on headers.
  expect(create.disagreements.map((d) => d.pointer)).not.toContain('/requestHeaders');
  expect(result.findings.filter((f) => f.kind === 'doc-vs-doc').map((f) => f.pointer)).toContain('/permissions/application');
});

test('doc findings: each rule fires where the fixture breaks it', () => {
  const create = rules(result, 'createWidget');
  expect(create).toContain('content-length-mismatch'); // declares 99, body is neither LF nor CRLF length
  expect(create).toContain('example-count-mismatch'); // sprocketCount 2 with one code
  expect(create).toContain('required-lists-server-generated'); // id in the "required when you create" table
  expect(create).toContain('request-example-sends-read-only'); // sprocketCount is computed
  expect(rules(result, 'getWidget')).toContain('get-example-wrapped-in-value');
  expect(rules(result, 'getWidget')).toContain('example-fails-schema');
  const count = result.findings.find((f) => f.rule === 'example-count-mismatch' && f.file.endsWith('widget-create.md'));
  expect(count).toMatchObject({ expected: 1, observed: 2, pointer: '/request/body/sprocketCount' });
});

test('a conformant example gives no finding of its kind', () => {
  // The create response example is valid, not wrapped, and returns no write-only property.
  const responseFindings = result.findings.filter(
    (f) => f.subject === 'createWidget' && f.pointer?.startsWith('/response') && f.file.endsWith('widget-create.md'),
  );
  expect(responseFindings).toEqual([]);
});

test('output is deterministic', async () => {
  const again = await extractContracts({ docs: [WIDGETS], metadataDir: null, family: /\bwidget\b/i });
  expect([...again.files.entries()]).toEqual([...result.files.entries()]);
});

test('bad input: each bad page is named with its line and reason, the others are still processed', async () => {
  const r = await extractContracts({
    docs: [
      WIDGETS,
      resolve(FIXTURES, 'broken/widget-bad-permissions.md'),
      resolve(FIXTURES, 'broken/widget-bad-json.md'),
      resolve(FIXTURES, 'broken/garbage.md'),
    ],
    metadataDir: null,
    family: /\bwidget\b/i,
  });
  const skipped = r.skipped.map((s) => `${s.file}:${s.line}: ${s.reason}`).join('\n');
  const broken = r.broken.map((s) => `${s.file}:${s.line}: ${s.reason}`).join('\n');
  expect(broken).toMatch(
    /broken\/widget-bad-permissions\.md:1[0-9]: the permissions table has columns \[Permission type \| Permissions \| Notes\]/,
  );
  expect(broken).toMatch(/broken\/garbage\.md:\d+: the file is binary/);
  expect(r.broken.every((b) => /^nothing/.test(b.kept))).toBe(true); // no other revision, no checked-in contracts given
  expect(skipped).toMatch(/broken\/widget-bad-json\.md:\d+: kept, but: .*not valid JSON/i);
  expect(r.operations.map((o) => o.id)).toEqual(['createWidget', 'getWidget', 'updateWidget']);
  expect(r.findings.some((f) => f.rule === 'example-not-json' && f.file === 'broken/widget-bad-json.md')).toBe(true);
});

test('a missing input folder is a clear error naming it', async () => {
  await expect(extractContracts({ docs: [resolve(FIXTURES, 'nope')], metadataDir: null })).rejects.toThrow(/nope: no such file or folder/);
});
