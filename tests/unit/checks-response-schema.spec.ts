/**
 * response_schema in depth: one deviation, one finding. Polymorphic targets are judged as the variant their
 * @odata.type names (not with every other variant's complaints), undocumented and writeOnly properties are left to
 * their own checks, and repeated item errors become one finding through runChecks.
 */
import { expect, test } from '@playwright/test';
import type { ErrorObject } from 'ajv';
import { familyVariants, walkTyped } from '../../checks/body-walk.js';
import { runChecks } from '../../checks/findings.js';
import { responseSchema, schemaIssues } from '../../checks/response-schema.js';
import type { Exchange, FindingDraft } from '../../checks/types.js';
import {
  activationCode,
  assignment,
  buildExchange,
  contracts,
  context,
  groupTarget,
  pool,
  poolCreateBody,
} from '../support/exchange-builder.js';

const run = (x: Exchange): FindingDraft[] => responseSchema.run(x, contracts.operation(x.operation), context());
const getAssignment = (target: unknown): Exchange =>
  buildExchange('getEmbeddedSIMActivationCodePoolAssignment', { response: { status: 200, body: assignment({ target }) } });

test('a wrong type inside a group target is one finding, not one per target variant', () => {
  const drafts = run(getAssignment(groupTarget({ groupId: 5 })));
  expect(drafts.map((d) => [d.pointer, d.stableKey])).toEqual([['/target/groupId', 'type']]);
  expect(drafts[0]?.observed).toBe(5);
});

test('a target whose @odata.type names no variant is one finding at @odata.type', () => {
  const drafts = run(getAssignment(groupTarget({ '@odata.type': '#microsoft.graph.everyoneAssignmentTarget' })));
  expect(drafts.map((d) => [d.pointer, d.stableKey])).toEqual([['/target/@odata.type', 'oneOf']]);
  expect(drafts[0]?.message).toContain('everyoneAssignmentTarget');
  expect(JSON.stringify(drafts[0]?.expected)).toContain('#microsoft.graph.groupAssignmentTarget');
});

test('a target without @odata.type is one finding at @odata.type', () => {
  const { '@odata.type': _t, ...untyped } = groupTarget();
  const drafts = run(getAssignment(untyped));
  expect(drafts.map((d) => d.pointer)).toEqual(['/target/@odata.type']);
});

test('every target variant validates when its @odata.type names it', () => {
  const variants = familyVariants(contracts.schemas, 'deviceAndAppManagementAssignmentTarget') ?? [];
  expect(variants).toHaveLength(5);
  for (const t of variants) {
    const target: Record<string, unknown> = { '@odata.type': `#microsoft.graph.${t}`, deviceAndAppManagementAssignmentFilterType: 'none' };
    if (t.includes('Group')) target.groupId = 'g';
    if (t.includes('Collection')) target.collectionId = 'c';
    expect(run(getAssignment(target)), t).toEqual([]);
  }
});

test('undocumented properties (top level and in a target) are left to undocumented_property', () => {
  const x = buildExchange('getEmbeddedSIMActivationCodePoolAssignment', {
    response: { status: 200, body: assignment({ extra: 1, target: groupTarget({ collectionId: 'c' }) }) },
  });
  expect(run(x)).toEqual([]);
});

test('echoed writeOnly codes are left to write_only_echoed, even when they would not validate', () => {
  const x = buildExchange('createEmbeddedSIMActivationCodePool', {
    request: { body: poolCreateBody(1) },
    response: { status: 201, body: pool({ activationCodes: [{ ...activationCode(1), integratedCircuitCardIdentifier: 'not digits' }] }) },
  });
  expect(run(x)).toEqual([]);
});

test('the body is not changed by the check (undocumented properties are removed from a copy)', () => {
  const x = buildExchange('getEmbeddedSIMActivationCodePool', { response: { status: 200, body: pool({ extra: 1 }) } });
  run(x);
  expect((x.response.body as Record<string, unknown>).extra).toBe(1);
});

test('the same error in several list items is one finding that says how many places', () => {
  const bad = pool({ displayName: 42 });
  const x = buildExchange('listEmbeddedSIMActivationCodePools', { response: { status: 200, body: { value: [bad, pool(), bad, bad] } } });
  const findings = runChecks([responseSchema], x, contracts.operation(x.operation), context());
  expect(findings).toHaveLength(1);
  expect(findings[0]?.pointer).toBe('/value/0/displayName');
  expect(findings[0]?.message).toContain('and 2 more places alike');
});

test('the documented status without a body is a finding; another 2xx without one is not', () => {
  const empty200 = buildExchange('getEmbeddedSIMActivationCodePool', { response: { status: 200 } });
  expect(run(empty200).map((d) => d.stableKey)).toEqual(['no-body']);
  const empty204 = buildExchange('getEmbeddedSIMActivationCodePool', { response: { status: 204 } });
  expect(run(empty204)).toEqual([]);
});

test('error answers and operations without a documented body are not judged', () => {
  const notFound = buildExchange('getEmbeddedSIMActivationCodePool', {
    caseKind: 'unknown-id',
    response: { status: 404, bodyText: 'oops' },
  });
  expect(run(notFound)).toEqual([]);
  const deleted = buildExchange('deleteEmbeddedSIMActivationCodePool', { response: { status: 204, bodyText: 'not json' } });
  expect(run(deleted)).toEqual([]);
});

test('a missing required property that documented_property_missing owns is dropped; others are kept', () => {
  const body = { id: 'x' };
  const walk = walkTyped(contracts.schemas, 'embeddedSIMActivationCodePool', body);
  const required = (missingProperty: string): ErrorObject => ({
    keyword: 'required',
    instancePath: '',
    schemaPath: '#/required',
    params: { missingProperty },
    message: `must have required property '${missingProperty}'`,
  });
  const issues = schemaIssues([required('displayName'), required('@odata.type'), required('activationCodes')], walk, body);
  // displayName: documented_property_missing's. activationCodes: writeOnly, so documented_property_missing skips it.
  expect(issues.map((i) => i.pointer)).toEqual(['/@odata.type', '/activationCodes']);
});
