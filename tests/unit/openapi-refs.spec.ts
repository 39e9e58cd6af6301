/**
 * The pieces of the OpenAPI export on invented input: `$id` references to component references, `$defs` hoisting,
 * errors that name the place and the fix, the widget fixture family as a second document, and the CLI.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadContracts } from '../../contracts/load.js';
import { schemaId } from '../../contracts/model.js';
import { runCli } from '../../generators/openapi/cli.js';
import { buildOpenApi } from '../../generators/openapi/document.js';
import { OpenApiExportError, rewriteRef, rewriteSchema, schemaComponents } from '../../generators/openapi/schema-refs.js';
import { openApiProblems } from '../../generators/openapi/validate.js';
import { WIDGET_CONTRACTS_DIR } from '../fixtures/mock/harness.js';

const KNOWN = new Set(['gizmo', 'sprocket']);

test.describe('references', () => {
  test('a type $id becomes its component; $defs entries become hoisted components; other pointers are kept', () => {
    expect(rewriteRef(schemaId('gizmo'), null, KNOWN, 'x')).toBe('#/components/schemas/gizmo');
    expect(rewriteRef(`${schemaId('gizmo')}#/$defs/base`, null, KNOWN, 'x')).toBe('#/components/schemas/gizmo.base');
    expect(rewriteRef(`${schemaId('gizmo')}#/$defs/base/properties/size`, null, KNOWN, 'x')).toBe(
      '#/components/schemas/gizmo.base/properties/size',
    );
    expect(rewriteRef(`${schemaId('gizmo')}#/properties/size`, null, KNOWN, 'x')).toBe('#/components/schemas/gizmo/properties/size');
    expect(rewriteRef('#/$defs/base', 'sprocket', KNOWN, 'x')).toBe('#/components/schemas/sprocket.base');
    expect(rewriteRef('#', 'sprocket', KNOWN, 'x')).toBe('#/components/schemas/sprocket');
  });

  test('mistakes are errors naming the place, the reference and the fix', () => {
    expect(() => rewriteRef(schemaId('widget'), null, KNOWN, 'contracts/operations/op.json#/request/schema')).toThrow(
      /contracts\/operations\/op\.json#\/request\/schema: .*"widget", which contracts\/schemas does not define\. Known types: gizmo, sprocket/,
    );
    expect(() => rewriteRef('https://example.com/other.json', null, KNOWN, 'here')).toThrow(/here: .*neither a local reference nor a type/);
    expect(() => rewriteRef('#/$defs/base', null, KNOWN, 'here')).toThrow(/here: the local reference "#\/\$defs\/base" has no schema file/);
    expect(() => rewriteRef('https://graph-esim-conformance.invalid/schemas/gizmo.json', null, KNOWN, 'here')).toThrow(OpenApiExportError);
  });

  test('rewriteSchema rewrites nested references and leaves everything else as it was', () => {
    const input = {
      type: 'object',
      properties: { a: { $ref: schemaId('gizmo'), readOnly: true }, b: { items: [{ $ref: '#/$defs/base' }] } },
      $comment: 'kept',
    };
    expect(rewriteSchema(input, 'sprocket', KNOWN, 'x')).toEqual({
      type: 'object',
      properties: {
        a: { $ref: '#/components/schemas/gizmo', readOnly: true },
        b: { items: [{ $ref: '#/components/schemas/sprocket.base' }] },
      },
      $comment: 'kept',
    });
    expect(input.properties.a.$ref).toBe(schemaId('gizmo'));
  });

  test('schemaComponents drops $schema/$id, hoists $defs, sorts, and refuses names OpenAPI does not allow', () => {
    const schemas = new Map<string, Record<string, unknown>>([
      [
        'sprocket',
        {
          $schema: 'https://json-schema.org/draft/2020-12/schema',
          $id: schemaId('sprocket'),
          title: 'sprocket',
          $defs: { base: { type: 'object' } },
          allOf: [{ $ref: '#/$defs/base' }],
        },
      ],
      ['gizmo', { $id: schemaId('gizmo'), title: 'gizmo', type: 'string' }],
    ]);
    const out = schemaComponents(schemas);
    expect(Object.keys(out)).toEqual(['gizmo', 'sprocket', 'sprocket.base']);
    expect(out.sprocket).toEqual({ title: 'sprocket', allOf: [{ $ref: '#/components/schemas/sprocket.base' }] });
    expect(out['sprocket.base']).toEqual({ $comment: '$defs/base of sprocket', type: 'object' });
    expect(() => schemaComponents(new Map([['bad name', { type: 'string' }]]))).toThrow(/"bad name" cannot be an OpenAPI component name/);
    expect(() =>
      schemaComponents(
        new Map([
          ['a', { $defs: { b: {} } }],
          ['a.b', {}],
        ]),
      ),
    ).toThrow(/two schemas would both become the component "a\.b"/);
  });
});

test.describe('the widget fixture family as a second document', () => {
  test('exports valid OpenAPI 3.1 with the inherited base as a component', () => {
    const widgets = loadContracts(WIDGET_CONTRACTS_DIR);
    const doc = buildOpenApi(widgets);
    expect(openApiProblems(doc)).toEqual([]);
    const schemas = (doc.components as { schemas: Record<string, unknown> }).schemas;
    expect(Object.keys(schemas)).toContain('gadget.base');
    expect(JSON.stringify(schemas.widget)).toContain('"#/components/schemas/gadget.base"');
    expect(Object.keys(doc.paths as object).length).toBeGreaterThan(1);
  });

  test('a pathParameters list that disagrees with the path template is an error naming the file and the fix', () => {
    const widgets = loadContracts(WIDGET_CONTRACTS_DIR);
    const op = widgets.operations.find((o) => o.pathParameters.length > 0);
    if (!op) throw new Error('fixture: a widget operation with a path parameter');
    const broken = { ...widgets, operations: [{ ...op, pathParameters: ['somethingElse'] }] };
    expect(() => buildOpenApi(broken)).toThrow(
      new RegExp(`contracts/operations/${op.id}\\.json#/pathParameters: \\[somethingElse\\] does not match`),
    );
  });

  test('operations of different API versions cannot share a document', () => {
    const widgets = loadContracts(WIDGET_CONTRACTS_DIR);
    const [a, b] = widgets.operations;
    if (!a || !b) throw new Error('fixture: two widget operations');
    expect(() => buildOpenApi({ ...widgets, operations: [a, { ...b, apiVersion: 'v1.0' }] })).toThrow(/mix API versions/);
  });
});

test.describe('npm run contracts:openapi', () => {
  test('writes the document where --out says, reports what it wrote, and the file is the document', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-cli-'));
    try {
      const out = join(dir, 'sub', 'openapi.json');
      const r = runCli(['--out', out, '--server', 'http://127.0.0.1:4010/beta/']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        /OpenAPI 3\.1\.\d: 16 operations on 7 paths, \d+ schemas -> .*openapi\.json \(valid against https:\/\/spec\.openapis\.org/,
      );
      const written = JSON.parse(readFileSync(out, 'utf8')) as { servers: unknown };
      expect(written.servers).toEqual([{ url: 'http://127.0.0.1:4010/beta', description: 'given with --server' }]);
      expect(written).toEqual(
        JSON.parse(
          JSON.stringify(
            buildOpenApi(loadContracts(), { servers: [{ url: 'http://127.0.0.1:4010/beta', description: 'given with --server' }] }),
          ),
        ),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('bad arguments and a missing contracts folder are explained, not thrown', () => {
    expect(runCli(['--frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown argument "--frobnicate"') });
    expect(runCli(['--server', 'not a url'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--server needs a URL') });
    expect(runCli(['--out'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--out needs a value') });
    const missing = runCli(['--contracts', join(tmpdir(), 'no-such-contracts-folder'), '--out', join(tmpdir(), 'unused.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no-such-contracts-folder\/schemas: folder not found\. Run `npm run contracts:extract`/);
    expect(runCli(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: npm run contracts:openapi') });
  });
});
