/**
 * The OpenAPI 3.1 export of contracts/ (generators/openapi): valid against the official OpenAPI 3.1 JSON Schema,
 * every reference resolvable, every Schema Object strict JSON Schema 2020-12, and saying the same as the contracts
 * (the exported schemas accept and reject what the contracts' own validators do).
 */
import { expect, test } from '@playwright/test';
import { loadContracts } from '../../contracts/load.js';
import { escapeToken } from '../../lib/json-pointer.js';
import type { OperationContract } from '../../contracts/model.js';
import { invalidBodies, validBody } from '../../generators/payloads/index.js';
import { buildOpenApi } from '../../generators/openapi/document.js';
import type { JsonObject } from '../../generators/openapi/schema-refs.js';
import {
  compileSchemas,
  OFFICIAL_SCHEMA_ID,
  officialSchemaProblems,
  openApiProblems,
  refsIn,
  resolveLocal,
  unresolvedRefs,
} from '../../generators/openapi/validate.js';

const contracts = loadContracts();
const doc = buildOpenApi(contracts);

type Operation = JsonObject & {
  operationId: string;
  responses: Record<string, JsonObject>;
  security: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema: unknown }> };
};

function operationsOf(d: JsonObject): { path: string; method: string; op: Operation; item: JsonObject }[] {
  return Object.entries(d.paths as Record<string, JsonObject>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => method !== 'parameters')
      .map(([method, op]) => ({ path, method, op: op as Operation, item })),
  );
}

test.describe('OpenAPI 3.1 export of contracts/', () => {
  test('is valid against the official OpenAPI 3.1 JSON Schema, with sound references and schemas', () => {
    expect(OFFICIAL_SCHEMA_ID).toMatch(/^https:\/\/spec\.openapis\.org\/oas\/3\.1\/schema\//);
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(openApiProblems(doc)).toEqual([]);
  });

  test('the validation bites: a broken document is reported with pointers', () => {
    const bad = structuredClone(doc) as {
      info: JsonObject;
      paths: Record<string, Record<string, { responses: Record<string, JsonObject> }>>;
    };
    delete bad.info.title;
    const list = bad.paths['/deviceManagement/embeddedSIMActivationCodePools']?.get;
    if (!list) throw new Error('fixture: the list operation is missing from the export');
    delete list.responses['200']?.description;
    const problems = officialSchemaProblems(bad);
    expect(problems.map((p) => p.pointer)).toContain('/info');
    expect(problems.some((p) => p.pointer.endsWith('/get/responses/200') && /description/.test(p.message))).toBe(true);
    expect(officialSchemaProblems({ ...doc, openapi: '3.0.3' }).length).toBeGreaterThan(0);
  });

  test('a dangling $ref and a schema with an unknown keyword are reported', () => {
    const bad = structuredClone(doc) as { components: { schemas: Record<string, unknown> } };
    bad.components.schemas.broken = { type: 'object', properties: { a: { $ref: '#/components/schemas/nothingHere' } } };
    bad.components.schemas.typo = { type: 'object', requird: ['a'] };
    expect(unresolvedRefs(bad)).toEqual([
      { pointer: '/components/schemas/broken/properties/a/$ref', message: expect.stringContaining('nothingHere') },
    ]);
    const pointers = compileSchemas(bad).problems.map((p) => p.pointer);
    expect(pointers).toContain('/components/schemas/typo');
  });

  test('every contract is an operation on its path, with path parameters, success and Graph error responses', () => {
    const exported = operationsOf(doc);
    expect(exported.map((e) => e.op.operationId).sort()).toEqual(contracts.operations.map((o) => o.id).sort());
    for (const { path, method, op, item } of exported) {
      const c: OperationContract = contracts.operation(op.operationId);
      expect(`${method.toUpperCase()} ${path}`).toBe(`${c.method} ${c.path}`);
      const params = ((item.parameters ?? []) as { name: string; in: string; required: boolean }[]).filter((p) => p.in === 'path');
      expect(
        params.map((p) => p.name),
        `${c.id} path parameters`,
      ).toEqual(c.pathParameters);
      expect(params.every((p) => p.required)).toBe(true);
      const errors = ['400', '401', '403', ...(c.pathParameters.length ? ['404'] : []), '429', '503'];
      expect(Object.keys(op.responses).sort()).toEqual([String(c.response.status), ...errors, 'default'].sort());
      expect(op.responses.default).toEqual({ $ref: '#/components/responses/graphError' });
      const success = op.responses[String(c.response.status)] as { content?: Record<string, unknown> };
      expect(success.content === undefined, `${c.id}: a body exactly when the contract documents one`).toBe(c.response.body === null);
      expect(op.requestBody === undefined).toBe(c.request === null);
    }
    const error = resolveLocal(doc, '#/components/responses/graphError') as { content: Record<string, { schema: unknown }> };
    expect(error.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/graphError' });
  });

  test('no reference to the contracts $id base is left; types and their $defs are components', () => {
    const refs = refsIn(doc).map((r) => r.ref);
    expect(refs.filter((r) => !r.startsWith('#/'))).toEqual([]);
    const names = Object.keys((doc.components as { schemas: JsonObject }).schemas);
    for (const type of contracts.schemas.keys()) expect(names).toContain(type);
    expect(names).toContain('embeddedSIMActivationCodePool.base');
    expect(refs).toContain('#/components/schemas/deviceAndAppManagementAssignmentTarget.base');
    for (const name of names) expect(name).toMatch(/^[a-zA-Z0-9.\-_]+$/);
    const pool = resolveLocal(doc, '#/components/schemas/embeddedSIMActivationCodePool') as JsonObject;
    expect(pool.$id).toBeUndefined();
    expect(pool.$schema).toBeUndefined();
    expect(pool.$defs).toBeUndefined();
  });

  test('security: OAuth2 (delegated and application) and bearer; each documented permission is one alternative', () => {
    const schemes = (
      doc.components as { securitySchemes: Record<string, { type: string; flows?: Record<string, { scopes: Record<string, string> }> }> }
    ).securitySchemes;
    expect(schemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes.azureAdDelegated?.type).toBe('oauth2');
    for (const { op } of operationsOf(doc)) {
      const c = contracts.operation(op.operationId);
      expect(op.security.at(-1)).toEqual({ bearer: [] });
      const delegated = op.security.flatMap((r) => r.azureAdDelegated ?? []);
      expect(delegated).toEqual([...new Set([...(c.permissions.delegatedWork ?? []), ...(c.permissions.delegatedPersonal ?? [])])]);
      expect(op.security.flatMap((r) => r.azureAdApplication ?? [])).toEqual(c.permissions.application ?? []);
      for (const requirement of op.security) {
        for (const [scheme, scopes] of Object.entries(requirement)) {
          expect(schemes[scheme], `${op.operationId} names the undefined scheme ${scheme}`).toBeDefined();
          const flows = Object.values(schemes[scheme]?.flows ?? {});
          for (const s of scopes)
            expect(
              flows.some((f) => s in f.scopes),
              `${s} is a scope of ${scheme}`,
            ).toBe(true);
        }
      }
    }
  });

  test('the exported request schemas accept the generated valid bodies and reject the invalid ones, as the contracts do', () => {
    const { validators, problems } = compileSchemas(doc);
    expect(problems).toEqual([]);
    let compared = 0;
    for (const { path, method, op } of operationsOf(doc)) {
      if (!op.requestBody) continue;
      const validate = validators.get(`/paths/${escapeToken(path)}/${method}/requestBody/content/application~1json/schema`);
      if (!validate) throw new Error(`no compiled request schema for ${op.operationId}`);
      for (let seed = 1; seed <= 5; seed++) {
        const body = validBody(op.operationId, { seed, contracts });
        expect(validate(body), `${op.operationId} seed ${seed}`).toBe(true);
        compared++;
      }
      for (const c of invalidBodies(op.operationId, { seed: 7, contracts })) {
        expect(validate(c.body), `${op.operationId} ${c.rule} at ${c.pointer}`).toBe(
          contracts.validateRequest(op.operationId, c.body).valid,
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  test('the exported response schemas judge every documented example response as the contracts do', () => {
    const { validators } = compileSchemas(doc);
    let valid = 0;
    let invalid = 0;
    for (const { path, method, op } of operationsOf(doc)) {
      const c = contracts.operation(op.operationId);
      if (!c.response.body) continue;
      const validate = validators.get(
        `/paths/${escapeToken(path)}/${method}/responses/${c.response.status}/content/application~1json/schema`,
      );
      if (!validate) throw new Error(`no compiled response schema for ${c.id}`);
      for (const ex of c.examples) {
        if (!ex.response || ex.response.body === null) continue;
        const expected = contracts.validateResponse(c.id, ex.response.body).valid;
        expect(validate(ex.response.body), `${c.id} example from ${ex.source}`).toBe(expected);
        if (expected) valid++;
        else invalid++;
      }
    }
    // Both verdicts occur among the documented examples, so this compares acceptance and rejection.
    expect(valid).toBeGreaterThan(0);
    expect(invalid).toBeGreaterThan(0);
  });

  test('documented examples are carried only where they satisfy the contract', () => {
    let carried = 0;
    for (const { op } of operationsOf(doc)) {
      const c = contracts.operation(op.operationId);
      const media = (op.requestBody?.content['application/json'] ?? {}) as { examples?: Record<string, { value: unknown }> };
      for (const ex of Object.values(media.examples ?? {})) {
        expect(contracts.validateRequest(c.id, ex.value).valid).toBe(true);
        carried++;
      }
    }
    expect(carried).toBeGreaterThan(0);
  });

  test('the export is deterministic', () => {
    expect(JSON.stringify(buildOpenApi(loadContracts()))).toBe(JSON.stringify(doc));
  });
});
