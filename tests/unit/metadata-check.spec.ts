/**
 * Doc vs metadata: the invented widget CSDL and type mappings (tests/fixtures/metadata) against doc schemas that
 * agree with them (tests/fixtures/metadata/doc-schemas.json), then each rule fired by one change to a copy. Also the
 * type-mapping reader, and (with ../shared) the real eSIM pool schema against the real metadata.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { schemaId } from '../../contracts/model.js';
import type { DocFinding } from '../../contracts/model.js';
import { readCsdl } from '../../generators/contracts/csdl-reader.js';
import type { CsdlModel } from '../../generators/contracts/csdl-reader.js';
import { checkAgainstMetadata, csdlFacts } from '../../generators/contracts/metadata-check.js';
import type { JsonSchemaObject } from '../../generators/contracts/metadata-check.js';
import { mappingFileOf, readTypeMappings } from '../../generators/contracts/type-mappings.js';
import type { TypeMappings } from '../../generators/contracts/type-mappings.js';
import { REPO_ROOT, requireShared, sharedPath } from '../support/shared.js';

const DIR = resolve(REPO_ROOT, 'tests/fixtures/metadata');
const CSDL_FILE = 'widgets_metadata-2020-01-01.xml';

let csdl: CsdlModel;
let agree: TypeMappings;
let changed: TypeMappings;
test.beforeAll(async () => {
  csdl = await readCsdl(resolve(DIR, CSDL_FILE));
  agree = readTypeMappings(resolve(DIR, 'mappings-agree'));
  changed = readTypeMappings(resolve(DIR, 'mappings-changed'));
});

/** A fresh copy of the agreeing doc schemas, by title. */
function docSchemas(): Map<string, JsonSchemaObject> {
  const list = JSON.parse(readFileSync(resolve(DIR, 'doc-schemas.json'), 'utf8')) as JsonSchemaObject[];
  return new Map(list.map((s) => [String(s.title), s]));
}

function schema(schemas: Map<string, JsonSchemaObject>, name: string): JsonSchemaObject {
  const s = schemas.get(name);
  if (!s) throw new Error(`fixture has no schema ${name}`);
  return s;
}

function props(schemas: Map<string, JsonSchemaObject>, name: string): Record<string, unknown> {
  return schema(schemas, name).properties as Record<string, unknown>;
}

/** Findings as `rule subject pointer` lines: compact to compare. */
const brief = (fs: DocFinding[]): string[] => fs.map((f) => `${f.rule} ${f.subject} ${f.pointer}`);

test.describe('quiet on agreeing input', () => {
  test('the fixture schemas use the project naming', () => {
    for (const [name, s] of docSchemas()) expect(s.$id).toBe(schemaId(name));
  });

  test('doc schemas that agree with the CSDL and the mappings give no findings', () => {
    expect(checkAgainstMetadata(docSchemas(), csdl, agree)).toEqual([]);
    expect(checkAgainstMetadata(docSchemas(), csdl, null)).toEqual([]);
  });

  test("with the mappings alone, bases come from the docs' allOf and entity types get entity's id", () => {
    expect(checkAgainstMetadata(docSchemas(), null, agree)).toEqual([]);
  });

  test('no metadata at all: nothing to compare', () => {
    const schemas = docSchemas();
    props(schemas, 'widgetCode').color = { type: 'string' };
    expect(checkAgainstMetadata(schemas, null, null)).toEqual([]);
  });

  test('inherited properties found inline instead of through allOf also count', () => {
    const schemas = docSchemas();
    const state = schema(schemas, 'widgetState');
    delete state.allOf;
    props(schemas, 'widgetState').id = { type: 'string' };
    expect(checkAgainstMetadata(schemas, csdl, agree)).toEqual([]);
  });
});

test.describe('each rule fires', () => {
  test('metadata-property-undocumented: a navigation property and an inherited property the docs leave out', () => {
    const schemas = docSchemas();
    delete props(schemas, 'widgetPool').links;
    delete schema(schemas, 'widgetState').allOf;
    const found = checkAgainstMetadata(schemas, csdl, agree);
    expect(brief(found)).toEqual([
      'metadata-property-undocumented widgetPool /properties/links',
      'metadata-property-undocumented widgetState /properties/id',
    ]);
    expect(found[0]).toEqual({
      rule: 'metadata-property-undocumented',
      kind: 'doc-vs-metadata',
      subject: 'widgetPool',
      file: CSDL_FILE,
      line: 33,
      pointer: '/properties/links',
      message: expect.stringContaining('navigation property links of widgetPool'),
      expected: {
        kind: 'navigationProperty',
        type: 'Collection(graph.widgetLink)',
        sources: [CSDL_FILE, 'beta-entity-types-2025-01-01.json'],
      },
      observed: null,
    });
    expect(found[1]?.message).toContain('inherited from entity');
  });

  test('doc-property-not-in-metadata: a property the docs invent', () => {
    const schemas = docSchemas();
    props(schemas, 'widgetCode').color = { type: 'string' };
    props(schemas, 'widgetCode')['color@odata.type'] = { type: 'string' };
    const found = checkAgainstMetadata(schemas, csdl, agree);
    expect(found).toEqual([
      expect.objectContaining({
        rule: 'doc-property-not-in-metadata',
        subject: 'widgetCode',
        pointer: '/properties/color',
        file: CSDL_FILE,
        expected: null,
        observed: 'string',
      }),
    ]);
  });

  test('type-mismatch: primitives, formats, collections, references and enums', () => {
    const schemas = docSchemas();
    const pool = props(schemas, 'widgetPool');
    pool.widgetCount = { type: 'number' };
    pool.createdDateTime = { type: 'string' };
    pool.label = { type: 'string', format: 'date-time' };
    pool.codes = { type: 'array', items: { type: 'string' } };
    pool.tags = { type: 'string' };
    props(schemas, 'widgetLink').target = { $ref: schemaId('widgetCode') };
    props(schemas, 'widgetState').status = { type: 'string' };
    const found = checkAgainstMetadata(schemas, csdl, agree);
    expect(found.map((f) => [f.subject, f.pointer, f.expected, f.observed])).toEqual([
      ['widgetLink', '/properties/target', 'graph.widgetTarget', '$ref widgetCode'],
      ['widgetPool', '/properties/codes', 'Collection(graph.widgetCode)', 'array of string'],
      ['widgetPool', '/properties/createdDateTime', 'Edm.DateTimeOffset', 'string'],
      ['widgetPool', '/properties/label', 'Edm.String', 'string (date-time)'],
      ['widgetPool', '/properties/tags', 'Collection(Edm.String)', 'string'],
      ['widgetPool', '/properties/widgetCount', 'Edm.Int32', 'number'],
      ['widgetState', '/properties/status', 'graph.widgetStatus', 'string'],
    ]);
    expect(found.every((f) => f.rule === 'type-mismatch' && f.kind === 'doc-vs-metadata')).toBe(true);
    expect(found.find((f) => f.pointer === '/properties/createdDateTime')?.message).toContain('string (date-time)');
  });

  test('type-mismatch stays quiet on equivalent forms: allOf-wrapped $ref, anyOf with null, inline string enum', () => {
    const schemas = docSchemas();
    props(schemas, 'widgetLink').target = { allOf: [{ $ref: schemaId('widgetTarget') }], description: 'where' };
    props(schemas, 'widgetState').status = { type: 'string', enum: ['idle', 'spinning', 'broken'] };
    props(schemas, 'widgetPool').note = { anyOf: [{ type: 'string' }, { type: 'null' }] };
    expect(checkAgainstMetadata(schemas, csdl, agree)).toEqual([]);
  });

  test('enum-members-mismatch: an inline enum of an enum-typed property that differs', () => {
    const schemas = docSchemas();
    props(schemas, 'widgetState').status = { type: 'string', enum: ['idle', 'spinning', 'melted'] };
    const found = checkAgainstMetadata(schemas, csdl, agree);
    expect(brief(found)).toEqual(['enum-members-mismatch widgetState /properties/status/enum']);
    expect(found[0]?.message).toContain('missing from the docs: broken; not in the metadata: melted');
  });

  test('nullability-mismatch: both directions, and null in a collection CSDL says is not nullable', () => {
    const schemas = docSchemas();
    const pool = props(schemas, 'widgetPool');
    pool.label = { type: ['string', 'null'] };
    pool.note = { type: 'string' };
    pool.codes = { type: 'array', items: { anyOf: [{ $ref: schemaId('widgetCode') }, { type: 'null' }] } };
    pool.tags = { type: 'array', items: { type: 'string' } }; // nullable items in the CSDL: not reported
    const found = checkAgainstMetadata(schemas, csdl, agree);
    expect(found.map((f) => [f.rule, f.pointer, f.expected, f.observed, f.line])).toEqual([
      ['nullability-mismatch', '/properties/codes', { nullable: false }, { nullable: true }, 26],
      ['nullability-mismatch', '/properties/label', { nullable: false }, { nullable: true }, 28],
      ['nullability-mismatch', '/properties/note', { nullable: true }, { nullable: false }, 29],
    ]);
  });

  test('enum-members-mismatch: an enum schema with a member missing and one too many', () => {
    const schemas = docSchemas();
    schema(schemas, 'widgetStatus').enum = ['idle', 'broken', 'melted'];
    const found = checkAgainstMetadata(schemas, csdl, agree);
    expect(found).toEqual([
      expect.objectContaining({
        rule: 'enum-members-mismatch',
        subject: 'widgetStatus',
        pointer: '/enum',
        line: 9,
        expected: ['idle', 'spinning', 'broken'],
        observed: ['idle', 'broken', 'melted'],
        message: expect.stringContaining('missing from the docs: spinning; not in the metadata: melted'),
      }),
    ]);
  });

  test('abstract-type: an abstract type described as a concrete object, or as a family admitting itself', () => {
    const concrete = docSchemas();
    const target = schema(concrete, 'widgetTarget');
    delete target.oneOf;
    Object.assign(target, { type: 'object', allOf: [{ $ref: '#/$defs/base' }] });
    const found = checkAgainstMetadata(concrete, csdl, agree);
    expect(found.map((f) => [f.rule, f.subject, f.expected, f.observed])).toEqual([
      ['abstract-type', 'widgetTarget', 'abstract', 'concrete object schema'],
    ]);
    const selfFamily = docSchemas();
    (schema(selfFamily, 'widgetTarget').oneOf as unknown[]).push({ $ref: '#/$defs/base' });
    expect(brief(checkAgainstMetadata(selfFamily, csdl, agree))).toEqual(['abstract-type widgetTarget ']);
  });

  test('metadata-revision-change: properties, kinds and enum members that differ between CSDL and mappings', () => {
    const found = checkAgainstMetadata(docSchemas(), csdl, changed);
    expect(changed.files.entity.fileName).toBe('beta-entity-types-2026-02-02.json');
    const revisions = found.filter((f) => f.rule === 'metadata-revision-change');
    expect(revisions.map((f) => [f.subject, f.pointer, f.expected, f.observed, f.file])).toEqual([
      ['widgetPool', '/properties/archivedDateTime', 'property', 'absent', 'beta-entity-types-2026-02-02.json'],
      ['widgetPool', '/properties/tags', 'absent', 'property', 'beta-entity-types-2026-02-02.json'],
      ['widgetState', '/properties/reason', 'navigationProperty', 'property', 'beta-entity-types-2026-02-02.json'],
      ['widgetStatus', '/enum/unknownFutureValue', 'member', 'absent', 'beta-enum-types-2026-02-02.json'],
    ]);
    expect(revisions[0]?.message).toBe(
      `widgetPool: property archivedDateTime added between ${CSDL_FILE} and beta-entity-types-2026-02-02.json.`,
    );
    // What only the newer mappings list is still metadata the docs leave out.
    expect(brief(found.filter((f) => f.rule !== 'metadata-revision-change'))).toEqual([
      'metadata-property-undocumented widgetPool /properties/archivedDateTime',
      'enum-members-mismatch widgetStatus /enum',
    ]);
  });

  test('doc-type-not-in-metadata: a type neither source defines', () => {
    const schemas = docSchemas();
    schemas.set('sprocket', { $id: schemaId('sprocket'), title: 'sprocket', type: 'object', properties: { teeth: { type: 'integer' } } });
    expect(brief(checkAgainstMetadata(schemas, csdl, agree))).toEqual(['doc-type-not-in-metadata sprocket ']);
  });

  test('an enum in the metadata described as an object is a type-mismatch', () => {
    const schemas = docSchemas();
    schemas.set('widgetStatus', { $id: schemaId('widgetStatus'), title: 'widgetStatus', type: 'object', properties: {} });
    expect(brief(checkAgainstMetadata(schemas, csdl, agree))).toEqual(['type-mismatch widgetStatus ']);
  });
});

test.describe('output', () => {
  test('is sorted by subject, rule and pointer whatever the order of the schemas', () => {
    const schemas = docSchemas();
    delete props(schemas, 'widgetPool').links;
    props(schemas, 'widgetPool').label = { type: 'integer' };
    props(schemas, 'widgetCode').color = { type: 'string' };
    schema(schemas, 'widgetStatus').enum = ['idle'];
    const forward = checkAgainstMetadata(schemas, csdl, changed);
    const backward = checkAgainstMetadata(new Map([...schemas].reverse()), csdl, changed);
    expect(backward).toEqual(forward);
    const keys = forward.map((f) => `${f.subject}\u0000${f.rule}\u0000${f.pointer}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(forward.map((f) => f.subject))).toEqual(new Set(['widgetCode', 'widgetPool', 'widgetState', 'widgetStatus']));
  });

  test('csdlFacts is re-exported for the schema builder', () => {
    expect(csdlFacts(csdl, 'widgetCode', 'serial')).toMatchObject({ pattern: '^[0-9]{6}[A-Z]?$', nullable: false, edmType: 'Edm.String' });
  });
});

test.describe('type mappings', () => {
  test('the newest dated file of each kind is used and recorded; other names are ignored', () => {
    expect(changed.files.entity).toEqual({
      path: resolve(DIR, 'mappings-changed', 'beta-entity-types-2026-02-02.json'),
      fileName: 'beta-entity-types-2026-02-02.json',
      date: '2026-02-02',
    });
    expect(changed.types.get('widgetPool')?.properties).toContain('archivedDateTime');
    expect(agree.files.enum.fileName).toBe('beta-enum-types-2025-01-01.json');
  });

  test('types of other namespaces keep their sub-namespace; kinds are told apart', () => {
    expect(agree.types.get('extras.gizmo')).toEqual({
      kind: 'entity',
      name: 'extras.gizmo',
      properties: ['widget'],
      navigationProperties: [],
    });
    expect(agree.types.get('widgetCode')?.kind).toBe('complex');
    expect(mappingFileOf(agree, 'widgetCode')).toBe('beta-complex-types-2025-01-01.json');
    expect(mappingFileOf(agree, 'widgetStatus')).toBe('beta-enum-types-2025-01-01.json');
    expect(mappingFileOf(agree, 'sprocket')).toBeNull();
  });

  test('a directory without mappings, or an unreadable one, is named with the fix', () => {
    expect(() => readTypeMappings(resolve(DIR, 'mappings-agree'), 'v1.0')).toThrow(
      /No v1\.0-entity-types-<YYYY-MM-DD>\.json in .*mappings-agree\. Copy the type mappings/,
    );
    expect(() => readTypeMappings(resolve(DIR, 'no-such-dir'))).toThrow(/not readable \(ENOENT\): .*no-such-dir.*--metadata/);
  });
});

test.describe('the real eSIM pool against the real metadata (../shared)', () => {
  requireShared();

  test('a pool schema without the navigation properties gets exactly those two findings', async () => {
    const real = await readCsdl(sharedPath('graph-metadata', 'beta_metadata-2021-07-13.xml'), new Set(['embeddedSIMActivationCodePool']));
    const mappings = readTypeMappings(sharedPath('graph-metadata'));
    const pool: JsonSchemaObject = {
      $id: schemaId('embeddedSIMActivationCodePool'),
      title: 'embeddedSIMActivationCodePool',
      type: 'object',
      properties: {
        '@odata.type': { type: 'string' },
        id: { type: 'string' },
        activationCodeCount: { type: 'integer', minimum: -2147483648, maximum: 2147483647 },
        activationCodes: { type: 'array', items: { $ref: schemaId('embeddedSIMActivationCode') } },
        createdDateTime: { type: 'string', format: 'date-time' },
        displayName: { type: 'string' },
        modifiedDateTime: { type: 'string', format: 'date-time' },
      },
    };
    const found = checkAgainstMetadata(new Map([['embeddedSIMActivationCodePool', pool]]), real, mappings);
    expect(found.map((f) => [f.rule, f.pointer, f.file, f.line])).toEqual([
      ['metadata-property-undocumented', '/properties/assignments', 'beta_metadata-2021-07-13.xml', 9819],
      ['metadata-property-undocumented', '/properties/deviceStates', 'beta_metadata-2021-07-13.xml', 9820],
    ]);
  });
});
