/**
 * What the OpenAPI export declares so that tools read it as we do: the JSON Schema dialect, the error answers
 * (with Retry-After where due), request examples without readOnly members, `@odata.type` as an enum, and a response
 * example for every answer with a body, each satisfying the contract.
 */
import { expect, test } from '@playwright/test';
import { loadContracts } from '../../contracts/load.js';
import { escapeToken } from '../../lib/json-pointer.js';
import { bodyShape } from '../../generators/payloads/shape.js';
import { buildOpenApi, JSON_SCHEMA_DIALECT } from '../../generators/openapi/document.js';
import { withoutReadOnly } from '../../generators/openapi/examples.js';
import { odataTypeEnum, odataTypesAsEnums } from '../../generators/openapi/odata-type.js';
import type { JsonObject } from '../../generators/openapi/schema-refs.js';
import { compileSchemas, resolveLocal } from '../../generators/openapi/validate.js';

const contracts = loadContracts();
const doc = buildOpenApi(contracts);
type Media = { schema: unknown; examples?: Record<string, { summary: string; value: unknown }> };
type Op = { operationId: string; responses: Record<string, JsonObject>; requestBody?: { content: Record<string, Media> } };

const operations = Object.entries(doc.paths as Record<string, Record<string, Op>>).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([m]) => m !== 'parameters')
    .map(([method, op]) => ({ path, method, op })),
);

test('declares the JSON Schema 2020-12 dialect', () => {
  expect(doc.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema');
  expect(JSON_SCHEMA_DIALECT).toBe(doc.jsonSchemaDialect);
});

test('documents 400, 401, 403, 404 (paths with ids), 429 and 503 with the Graph error body; Retry-After where due', () => {
  for (const { op } of operations) {
    const c = contracts.operation(op.operationId);
    for (const status of ['400', '401', '403', '429', '503']) expect(op.responses[status], `${c.id} ${status}`).toBeDefined();
    expect(op.responses['404'] !== undefined, `${c.id} 404`).toBe(c.pathParameters.length > 0);
  }
  const resp = (name: string) =>
    resolveLocal(doc, `#/components/responses/${name}`) as { headers: Record<string, JsonObject>; content: Record<string, Media> };
  expect(resp('tooManyRequests').headers['Retry-After']).toEqual({ $ref: '#/components/headers/Retry-After' });
  expect((resolveLocal(doc, '#/components/headers/Retry-After') as JsonObject).required).toBe(true);
  expect(resp('serviceUnavailable').headers['Retry-After']).toEqual({ $ref: '#/components/headers/Retry-After-optional' });
  expect(resp('badRequest').headers['Retry-After']).toBeUndefined();
  const errorSchema = compileSchemas(doc).validators.get('/components/schemas/graphError');
  const example = resp('notFound').content['application/json']?.examples?.graph?.value;
  expect(errorSchema?.(example)).toBe(true);
});

test('request examples carry no readOnly member; the ones dropped are named', () => {
  let carried = 0;
  const summaries: string[] = [];
  for (const { op } of operations) {
    const c = contracts.operation(op.operationId);
    for (const ex of Object.values(op.requestBody?.content['application/json']?.examples ?? {})) {
      const shape = bodyShape(c.request!, contracts.schemas, c.id);
      expect(withoutReadOnly(ex.value, shape).dropped, c.id).toEqual([]);
      expect(contracts.validateRequest(c.id, ex.value).valid).toBe(true);
      summaries.push(ex.summary);
      carried++;
    }
  }
  expect(carried).toBe(contracts.operations.filter((o) => o.request !== null).length);
  expect(summaries.join('\n')).toContain('readOnly members left out: /assignments/0/id');
  expect(summaries.filter((x) => x.startsWith('Built from the contract')).length).toBeGreaterThan(0);
});

test('withoutReadOnly drops what the contract calls readOnly, nested and in the right union variant', () => {
  const c = contracts.operation('assignEmbeddedSIMActivationCodePool');
  const shape = bodyShape(c.request!, contracts.schemas, c.id);
  const body = {
    assignments: [{ id: 'x', target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: 'g' } }],
  };
  expect(withoutReadOnly(body, shape)).toEqual({
    value: { assignments: [{ target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: 'g' } }] },
    dropped: ['/assignments/0/id'],
  });
  expect(withoutReadOnly({ assignments: [] }, shape).dropped).toEqual([]);
});

test('@odata.type is an enum of the # and plain forms; no pattern is left for it', () => {
  expect(odataTypeEnum('^#?microsoft\\.graph\\.embeddedSIMActivationCodePool$')).toEqual([
    '#microsoft.graph.embeddedSIMActivationCodePool',
    'microsoft.graph.embeddedSIMActivationCodePool',
  ]);
  expect(odataTypeEnum('^#?microsoft\\.graph\\.(a|b)$')).toBeNull();
  expect(odataTypesAsEnums({ properties: { '@odata.type': { type: 'string', pattern: '^x$' } } })).toEqual({
    properties: { '@odata.type': { type: 'string', pattern: '^x$' } },
  });
  const text = JSON.stringify(doc);
  expect(text).not.toMatch(/"@odata\.type":\{"type":"string","pattern"/);
  const pool = resolveLocal(doc, '#/components/schemas/embeddedSIMActivationCodePool') as { allOf: JsonObject[] };
  expect(JSON.stringify(pool.allOf)).toContain(
    '"enum":["#microsoft.graph.embeddedSIMActivationCodePool","microsoft.graph.embeddedSIMActivationCodePool"]',
  );
});

test('every answer with a body has an example that satisfies the contract and the exported schema', () => {
  const { validators } = compileSchemas(doc);
  for (const { path, method, op } of operations) {
    const c = contracts.operation(op.operationId);
    if (!c.response.body) continue;
    const pointer = `/paths/${escapeToken(path)}/${method}/responses/${c.response.status}/content/application~1json`;
    const media = (op.responses[String(c.response.status)] as { content: Record<string, Media> }).content['application/json'];
    const examples = Object.values(media?.examples ?? {});
    expect(examples, `${c.id} response example`).toHaveLength(1);
    const value = examples[0]?.value;
    expect(contracts.validateResponse(c.id, value).valid, c.id).toBe(true);
    expect(validators.get(`${pointer}/schema`)?.(value), c.id).toBe(true);
  }
  const pool = operations.find((o) => o.op.operationId === 'getEmbeddedSIMActivationCodePool')!;
  const media = (pool.op.responses['200'] as { content: Record<string, Media> }).content['application/json']!;
  const value = Object.values(media.examples ?? {})[0]?.value as JsonObject;
  expect(value['@odata.type']).toBe('#microsoft.graph.embeddedSIMActivationCodePool');
  expect(value.activationCodes).toBeUndefined(); // writeOnly: never in an answer
});
