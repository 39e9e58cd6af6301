/**
 * The streaming CSDL reader: the invented widget CSDL (tests/fixtures/metadata), chunk boundaries, a synthetic large
 * file read with a bounded buffer, errors for people, and (with ../shared) the real 2021 Graph beta CSDL and the 2026
 * type mappings for the eSIM types.
 */
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { expect, test } from '@playwright/test';
import {
  allPropertiesOf,
  annotationOf,
  csdlFacts,
  CsdlReadError,
  derivedTypesOf,
  parseTypeRef,
  patternFromLongDescription,
  readCsdl,
} from '../../generators/contracts/csdl-reader.js';
import type { CsdlModel } from '../../generators/contracts/csdl-reader.js';
import { newestCsdlFile } from '../../generators/contracts/metadata-files.js';
import { readTypeMappings } from '../../generators/contracts/type-mappings.js';
import { XmlTokenizer } from '../../generators/contracts/xml-tokenizer.js';
import type { XmlToken } from '../../generators/contracts/xml-tokenizer.js';
import { REPO_ROOT, requireShared, sharedPath } from '../support/shared.js';

const FIXTURE = resolve(REPO_ROOT, 'tests/fixtures/metadata/widgets_metadata-2020-01-01.xml');

let scratch = '';
test.beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'csdl-reader-'));
});
test.afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function writeScratch(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

async function readError(path: string): Promise<CsdlReadError> {
  try {
    await readCsdl(path);
  } catch (e) {
    expect(e).toBeInstanceOf(CsdlReadError);
    return e as CsdlReadError;
  }
  throw new Error(`expected reading ${path} to fail`);
}

/** The parts of a model that must not depend on how the file was chunked. */
const content = (m: CsdlModel): unknown => ({ types: m.types, annotations: m.annotations, aliases: m.aliases, missing: m.missing });

test.describe('the widget CSDL, every type kept', () => {
  let model: CsdlModel;
  test.beforeAll(async () => {
    model = await readCsdl(FIXTURE);
  });

  test('keeps entity, complex and enum types by short name, other namespaces qualified', () => {
    expect([...model.types.keys()]).toEqual([
      'allWidgetsTarget',
      'entity',
      'excludedTeamWidgetTarget',
      'extras.gizmo',
      'gadget',
      'gadgetPart',
      'teamWidgetTarget',
      'widgetCode',
      'widgetColor',
      'widgetLink',
      'widgetPool',
      'widgetState',
      'widgetStatus',
      'widgetTarget',
    ]);
    expect(model.fileName).toBe('widgets_metadata-2020-01-01.xml');
    expect(model.aliases).toEqual({ Core: 'Org.OData.Core.V1', graph: 'microsoft.graph' });
    expect(model.types.get('extras.gizmo')).toMatchObject({ qualifiedName: 'microsoft.graph.extras.gizmo', baseType: 'entity' });
  });

  test('reads properties with the CSDL nullable default, navigation properties and base types', () => {
    const pool = model.types.get('widgetPool');
    expect(pool).toMatchObject({ kind: 'entity', baseType: 'entity', abstract: false, line: 24 });
    expect(pool?.properties.map((p) => [p.name, p.type, p.nullable])).toEqual([
      ['widgetCount', 'Edm.Int32', false],
      ['codes', 'Collection(graph.widgetCode)', false],
      ['createdDateTime', 'Edm.DateTimeOffset', false],
      ['label', 'Edm.String', false],
      ['note', 'Edm.String', true],
      ['tags', 'Collection(Edm.String)', true],
    ]);
    expect(pool?.navigationProperties).toEqual([
      { name: 'links', type: 'Collection(graph.widgetLink)', containsTarget: true, nullable: true, line: 33 },
      { name: 'states', type: 'Collection(graph.widgetState)', containsTarget: true, nullable: true, line: 34 },
    ]);
    expect(model.types.get('entity')).toMatchObject({ abstract: true, baseType: null });
    expect(model.types.get('widgetTarget')?.abstract).toBe(true);
    expect(allPropertiesOf(model, 'excludedTeamWidgetTarget').properties.map((p) => `${p.declaredOn}.${p.name}`)).toEqual([
      'widgetTarget.filterId',
      'teamWidgetTarget.teamId',
    ]);
    expect(derivedTypesOf(model, 'widgetTarget')).toEqual(['allWidgetsTarget', 'excludedTeamWidgetTarget', 'teamWidgetTarget']);
  });

  test('reads enum members with their values; actions, parameters and containers are not types', () => {
    expect(model.types.get('widgetStatus')?.members).toEqual([
      { name: 'idle', value: 0 },
      { name: 'spinning', value: 1 },
      { name: 'broken', value: 2 },
    ]);
    expect(model.types.get('widgetStatus')?.properties).toEqual([]);
    expect(model.types.has('spin')).toBe(false);
    expect(model.types.has('WidgetService')).toBe(false);
  });

  test('keeps Description and LongDescription in every form, decoded, and nothing else', () => {
    expect(annotationOf(model, 'widgetCode', 'serial')).toEqual({
      description: 'Serial number printed on the widget, café ✓.',
      longDescription: "The input must match the following regular expression: '^[0-9]{6}[A-Z]?$'.",
      pattern: null,
      computed: false,
    });
    // Inline in the Property, with the Core alias and entities.
    expect(annotationOf(model, 'widgetPool', 'note')?.description).toBe('Free text kept with the pool & shown to operators <verbatim>.');
    // As a <String> child element, and Core.Computed.
    expect(annotationOf(model, 'widgetPool', 'createdDateTime')).toMatchObject({
      description: 'When the pool was made; set by the service.',
      computed: true,
    });
    expect(annotationOf(model, 'widgetPool', 'links')?.description).toBe("Where the pool's widgets go → links.");
    // Target written with the alias.
    expect(annotationOf(model, 'widgetCode', 'vendorKey')?.pattern).toBe("^[a-z'\\-]+$");
    expect(annotationOf(model, 'widgetCode')?.description).toBe('One code of a pool, as the supplier issues it.');
    // A PropertyValue named Description inside a Record is not a Description annotation; function targets are skipped.
    expect(annotationOf(model, 'gadget', 'size')?.description).toBe('How big the gadget is.');
    expect([...model.annotations.keys()].some((k) => k.includes('('))).toBe(false);
  });

  test('csdlFacts gives nullability, pattern and Edm type, inherited properties included', () => {
    expect(csdlFacts(model, 'widgetCode', 'serial')).toEqual({
      nullable: false,
      pattern: '^[0-9]{6}[A-Z]?$',
      edmType: 'Edm.String',
      description: 'Serial number printed on the widget, café ✓.',
      computed: false,
      declaredOn: 'widgetCode',
    });
    // Validation.Pattern wins over the LongDescription wording.
    expect(csdlFacts(model, 'widgetCode', 'vendorKey').pattern).toBe("^[a-z'\\-]+$");
    expect(csdlFacts(model, 'widgetPool', 'id')).toMatchObject({ nullable: false, edmType: 'Edm.String', declaredOn: 'entity' });
    expect(csdlFacts(model, 'widgetPool', 'note')).toMatchObject({ nullable: true, pattern: null });
    expect(csdlFacts(model, 'widgetPool', 'links')).toMatchObject({ edmType: 'Collection(graph.widgetLink)' });
    expect(csdlFacts(model, 'widgetPool', 'nothing')).toMatchObject({ nullable: null, pattern: null, edmType: null });
    expect(csdlFacts(null, 'widgetPool', 'id').nullable).toBeNull();
  });
});

test.describe('wanted types', () => {
  test("keeps a wanted type and its base types, not its base types' other descendants", async () => {
    const m = await readCsdl(FIXTURE, new Set(['widgetPool']));
    expect([...m.types.keys()]).toEqual(['entity', 'widgetPool']);
    expect(m.stats.passes).toBe(2);
    expect([...m.annotations.keys()]).toEqual(['widgetPool/createdDateTime', 'widgetPool/links', 'widgetPool/note']);
  });

  test('keeps the types derived from a wanted type, at any depth, unless told not to', async () => {
    const m = await readCsdl(FIXTURE, new Set(['widgetTarget']));
    expect([...m.types.keys()]).toEqual(['allWidgetsTarget', 'excludedTeamWidgetTarget', 'teamWidgetTarget', 'widgetTarget']);
    const only = await readCsdl(FIXTURE, new Set(['widgetTarget']), { derived: false });
    expect([...only.types.keys()]).toEqual(['widgetTarget']);
  });

  test('optionally keeps the types of structural properties (not navigation targets)', async () => {
    const m = await readCsdl(FIXTURE, new Set(['widgetPool', 'widgetState']), { propertyTypes: true, derived: false });
    expect([...m.types.keys()]).toEqual(['entity', 'widgetCode', 'widgetPool', 'widgetState', 'widgetStatus']);
  });

  test('accepts qualified names and names wanted types the document does not define', async () => {
    const m = await readCsdl(FIXTURE, new Set(['microsoft.graph.widgetPool', 'sprocket']));
    expect(m.missing).toEqual(['sprocket']);
    expect([...m.types.keys()]).toEqual(['entity', 'widgetPool']);
  });
});

test.describe('chunk boundaries', () => {
  for (const highWaterMark of [1, 7, 13]) {
    test(`reading ${highWaterMark} byte(s) at a time gives the same model as the default`, async () => {
      const whole = await readCsdl(FIXTURE);
      const tiny = await readCsdl(FIXTURE, undefined, { highWaterMark });
      expect(tiny.stats.chunks).toBeGreaterThan(whole.stats.chunks);
      expect(content(tiny)).toEqual(content(whole));
      const wantedWhole = await readCsdl(FIXTURE, new Set(['widgetTarget', 'widgetCode']));
      const wantedTiny = await readCsdl(FIXTURE, new Set(['widgetTarget', 'widgetCode']), { highWaterMark });
      expect(content(wantedTiny)).toEqual(content(wantedWhole));
    });
  }

  test('the tokenizer handles > in attribute values, comments with markup, CDATA and split entities', () => {
    const doc = `<r a="x > y" b='&lt;&#65;&#x42;'><!-- <not a="tag"> --><s>t&amp;u<![CDATA[<v>&amp;]]></s></r>`;
    const collect = (step: number): XmlToken[] => {
      const out: XmlToken[] = [];
      const tok = new XmlTokenizer((t) => out.push(t));
      for (let i = 0; i < doc.length; i += step) tok.push(doc.slice(i, i + step));
      tok.end();
      return out;
    };
    const tokens = collect(doc.length);
    expect(tokens[0]).toMatchObject({ kind: 'start', name: 'r', attrs: { a: 'x > y', b: '<AB' } });
    const text = tokens
      .filter((t) => t.kind === 'text')
      .map((t) => (t.kind === 'text' ? t.text : ''))
      .join('');
    expect(text).toBe('t&u<v>&amp;');
    for (const step of [1, 2, 3, 5]) {
      const split = collect(step);
      const joined = split
        .filter((t) => t.kind === 'text')
        .map((t) => (t.kind === 'text' ? t.text : ''))
        .join('');
      expect(joined).toBe(text);
      expect(split.filter((t) => t.kind !== 'text')).toEqual(tokens.filter((t) => t.kind !== 'text'));
    }
  });
});

test.describe('a large CSDL', () => {
  test('40 MB of filler types are streamed with a bounded buffer and the wanted types found', async () => {
    test.setTimeout(180_000);
    const path = join(scratch, 'large_metadata.xml');
    const out = createWriteStream(path);
    const write = async (s: string): Promise<void> => {
      if (!out.write(s)) await once(out, 'drain');
    };
    await write(
      '<?xml version="1.0" encoding="utf-8"?>\n<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">\n',
    );
    await write(
      '<edmx:DataServices>\n<Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">\n',
    );
    await write('<EntityType Name="entity" Abstract="true"><Property Name="id" Type="Edm.String" Nullable="false" /></EntityType>\n');
    let written = 0;
    let n = 0;
    while (written < 40 * 1024 * 1024) {
      const half = n === 50_000;
      const block =
        `<EntityType Name="filler${n}" BaseType="graph.entity">\n` +
        `  <Property Name="alpha" Type="Edm.String" />\n  <Property Name="beta" Type="Edm.Int32" Nullable="false" />\n` +
        `  <NavigationProperty Name="gamma" Type="Collection(graph.filler${n + 1})" ContainsTarget="true" />\n</EntityType>\n` +
        `<Annotations Target="microsoft.graph.filler${n}/alpha"><Annotation Term="Org.OData.Core.V1.Description" String="Filler &amp; more filler ${n}." /></Annotations>\n` +
        (half ? '<ComplexType Name="needle"><Property Name="eye" Type="Edm.String" Nullable="false" /></ComplexType>\n' : '');
      await write(block);
      written += block.length;
      n += 1;
    }
    await write(
      '<Annotations Target="microsoft.graph.needle/eye"><Annotation Term="Org.OData.Core.V1.LongDescription" String="The input must match the following regular expression: \'^o+$\'." /></Annotations>\n',
    );
    await write('</Schema>\n</edmx:DataServices>\n</edmx:Edmx>\n');
    out.end();
    await once(out, 'finish');

    try {
      const m = await readCsdl(path, new Set(['needle', 'filler7']));
      expect([...m.types.keys()]).toEqual(['entity', 'filler7', 'needle']);
      expect(m.stats.chars).toBeGreaterThan(40 * 1024 * 1024);
      expect(m.stats.maxBufferedChars).toBeLessThan(1024 * 1024);
      expect(csdlFacts(m, 'needle', 'eye')).toMatchObject({ pattern: '^o+$', nullable: false });
      expect(annotationOf(m, 'filler7', 'alpha')?.description).toBe('Filler & more filler 7.');
      expect(m.annotations.size).toBe(2);
    } finally {
      rmSync(path, { force: true });
    }
  });
});

test.describe('errors for people', () => {
  test('a missing file names the path, where the metadata is expected and --metadata', async () => {
    const e = await readError(join(scratch, 'nowhere', 'beta_metadata-2099-01-01.xml'));
    expect(e.message).toContain(join(scratch, 'nowhere', 'beta_metadata-2099-01-01.xml'));
    expect(e.message).toContain('../shared/graph-metadata');
    expect(e.message).toContain('--metadata');
  });

  test('a directory instead of a file is refused by name', async () => {
    const e = await readError(scratch);
    expect(e.message).toContain(`not a file: ${scratch}`);
  });

  test('a mismatched closing tag names the file, line and column', async () => {
    const path = writeScratch(
      'mismatch.xml',
      '<edmx:Edmx>\n  <edmx:DataServices>\n    <Schema Namespace="n">\n    </Scheme>\n</edmx:Edmx>\n',
    );
    const e = await readError(path);
    expect(e.message).toContain(`${path}:4:5`);
    expect(e.message).toContain('</Scheme> does not match <Schema> opened at line 3');
    expect([e.line, e.column]).toEqual([4, 5]);
  });

  test('a truncated file says so, with the position', async () => {
    const whole = await import('node:fs').then((fs) => fs.readFileSync(FIXTURE, 'utf8'));
    const cut = whole.slice(0, whole.indexOf('<ComplexType Name="widgetCode">') + 20);
    const e = await readError(writeScratch('cut.xml', cut));
    expect(e.message).toContain('cut.xml');
    expect(e.message).toContain('truncated');
    expect(e.line).toBe(cut.split('\n').length);
    const cutBetweenTags = whole.slice(0, whole.indexOf('<ComplexType Name="widgetCode">'));
    const e2 = await readError(writeScratch('cut2.xml', cutBetweenTags));
    expect(e2.message).toMatch(/ends before <\/Schema> \(element opened at line 8; file truncated\?\)/);
  });

  test('a file that is not XML, or not CSDL, is refused with the position', async () => {
    const json = await readError(writeScratch('not.xml', '\n  {"microsoft.graph": {}}\n'));
    expect(json.message).toContain('not.xml:2:3');
    expect(json.message).toContain('outside the root element');
    const html = await readError(writeScratch('page.xml', '<html><body>Sign in</body></html>'));
    expect(html.message).toContain('root element <html> is not edmx:Edmx');
    const empty = await readError(writeScratch('empty.xml', ''));
    expect(empty.message).toContain('no root element');
    const attr = await readError(writeScratch('attr.xml', '<edmx:Edmx>\n<Schema Namespace=microsoft.graph></Schema></edmx:Edmx>'));
    expect(attr.message).toContain('attr.xml:2:19');
    expect(attr.message).toContain('attribute Namespace of <Schema> is not quoted');
    const entity = await readError(writeScratch('entity.xml', '<edmx:Edmx a="&nbsp;"></edmx:Edmx>'));
    expect(entity.message).toContain('unknown entity reference "&nbsp;"');
  });
});

test.describe('helpers', () => {
  test('patternFromLongDescription takes the quoted expression, quotes inside included', () => {
    expect(patternFromLongDescription("The input must match the following regular expression: '^[0-9]{4}$'.")).toBe('^[0-9]{4}$');
    expect(patternFromLongDescription("The input must match the following regular expression: '^[a-z']+$'.")).toBe("^[a-z']+$");
    expect(patternFromLongDescription('Nothing to match here.')).toBeNull();
    expect(patternFromLongDescription(null)).toBeNull();
  });

  test('parseTypeRef strips namespace and alias and tells collections and primitives', () => {
    expect(parseTypeRef('Collection(graph.widgetCode)')).toEqual({ collection: true, name: 'widgetCode', edm: false });
    expect(parseTypeRef('microsoft.graph.widgetCode')).toEqual({ collection: false, name: 'widgetCode', edm: false });
    expect(parseTypeRef('Collection(Edm.String)')).toEqual({ collection: true, name: 'Edm.String', edm: true });
    expect(parseTypeRef('w.thing', { w: 'microsoft.graph' }).name).toBe('thing');
  });
});

test.describe('the real Graph metadata (../shared)', () => {
  requireShared();
  const ESIM = [
    'embeddedSIMActivationCodePool',
    'embeddedSIMActivationCode',
    'embeddedSIMActivationCodePoolAssignment',
    'embeddedSIMDeviceState',
    'embeddedSIMDeviceStateValue',
    'deviceAndAppManagementAssignmentTarget',
  ];
  let model: CsdlModel;
  test.beforeAll(async () => {
    const file = newestCsdlFile(sharedPath('graph-metadata'));
    expect(file?.fileName).toBe('beta_metadata-2021-07-13.xml');
    model = await readCsdl(file?.path ?? '', new Set(ESIM));
  });

  test('the pool: 5 properties, 2 navigation properties, base entity with id', () => {
    const pool = model.types.get('embeddedSIMActivationCodePool');
    expect(pool?.baseType).toBe('entity');
    expect(pool?.properties.map((p) => p.name)).toEqual([
      'activationCodeCount',
      'activationCodes',
      'createdDateTime',
      'displayName',
      'modifiedDateTime',
    ]);
    expect(pool?.navigationProperties.map((p) => [p.name, p.containsTarget])).toEqual([
      ['assignments', true],
      ['deviceStates', true],
    ]);
    expect(model.types.get('entity')?.properties.map((p) => p.name)).toEqual(['id']);
    expect(model.missing).toEqual([]);
  });

  test('the assignment target is abstract, with its 5 derived types', () => {
    expect(model.types.get('deviceAndAppManagementAssignmentTarget')?.abstract).toBe(true);
    expect(derivedTypesOf(model, 'deviceAndAppManagementAssignmentTarget')).toEqual([
      'allDevicesAssignmentTarget',
      'allLicensedUsersAssignmentTarget',
      'configurationManagerCollectionAssignmentTarget',
      'exclusionGroupAssignmentTarget',
      'groupAssignmentTarget',
    ]);
    expect(model.types.get('exclusionGroupAssignmentTarget')?.baseType).toBe('groupAssignmentTarget');
  });

  test('the activation code patterns come from LongDescription', () => {
    expect(csdlFacts(model, 'embeddedSIMActivationCode', 'integratedCircuitCardIdentifier')).toMatchObject({
      pattern: '^[0-9]{19}[0-9]?$',
      nullable: false,
    });
    expect(csdlFacts(model, 'embeddedSIMActivationCode', 'matchingIdentifier').pattern).toBe('^[a-zA-Z0-9\\-]*$');
    expect(csdlFacts(model, 'embeddedSIMActivationCode', 'smdpPlusServerAddress').pattern).toBe(
      '^([a-zA-Z0-9]+(-[a-zA-Z0-9]+)*\\.)+[a-zA-Z]{2,}$',
    );
    expect(model.types.get('embeddedSIMDeviceStateValue')?.members.map((m) => m.name)).toContain('removedByUser');
    expect(model.stats.maxBufferedChars).toBeLessThan(1024 * 1024);
  });

  test('the 2026 type mappings are read, newest file per kind recorded', () => {
    const mappings = readTypeMappings(sharedPath('graph-metadata'));
    expect(Object.values(mappings.files).map((f) => f.fileName)).toEqual([
      'beta-entity-types-2026-08-20.json',
      'beta-complex-types-2026-08-20.json',
      'beta-enum-types-2026-08-20.json',
    ]);
    expect(mappings.types.get('embeddedSIMActivationCodePool')).toEqual({
      kind: 'entity',
      name: 'embeddedSIMActivationCodePool',
      properties: ['activationCodeCount', 'activationCodes', 'createdDateTime', 'displayName', 'modifiedDateTime'],
      navigationProperties: ['assignments', 'deviceStates'],
    });
    expect(mappings.types.get('embeddedSIMActivationCode')?.kind).toBe('complex');
    expect(mappings.enums.get('embeddedSIMDeviceStateValue')).toContain('removedByUser');
  });
});
