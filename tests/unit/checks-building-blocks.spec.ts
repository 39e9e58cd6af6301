/** The small pieces the checks share: RFC 3339 instants, GUIDs and object ids, JSON pointers, and the body walk. */
import { expect, test } from '@playwright/test';
import { COLLECTION_OWNER, typeNameFromODataType, walkBody, walkTyped } from '../../checks/body-walk.js';
import { mediaType } from '../../checks/content-type.js';
import { isGuid, lastPathSegment } from '../../checks/identifiers.js';
import { compareInstants, parseInstant } from '../../checks/instants.js';
import { normalisePointer } from '../../checks/pointer.js';
import { joinPointer, valueAt } from '../../lib/json-pointer.js';
import { assignment, contracts, groupTarget, IDS, pool } from '../support/exchange-builder.js';

test('instants: zones, fractions beyond milliseconds, and what is not RFC 3339', () => {
  expect(compareInstants('2025-07-01T10:00:00Z', '2025-07-01T12:00:00+02:00')).toBe(0);
  expect(compareInstants('2025-07-01T10:00:00.1Z', '2025-07-01T10:00:00.1000000Z')).toBe(0);
  expect(compareInstants('2025-07-01T10:00:00.0000001Z', '2025-07-01T10:00:00Z')).toBeGreaterThan(0);
  expect(compareInstants('2025-07-01T09:59:59.9999999Z', '2025-07-01T10:00:00Z')).toBeLessThan(0);
  expect(compareInstants('2025-07-01T10:00:00', '2025-07-01T10:00:00Z')).toBeNull();
  expect(compareInstants(5, '2025-07-01T10:00:00Z')).toBeNull();
  expect(parseInstant('2025-02-30T10:00:00Z')).toBeNull();
  expect(parseInstant('2025-07-01T24:00:00Z')).toBeNull();
  // Years below 100 are years, not 19xx.
  expect(parseInstant('0001-01-01T00:00:00Z')?.seconds).toBe(-62135596800);
});

test('GUIDs and the id a URL addresses', () => {
  expect(isGuid(IDS.pool)).toBe(true);
  expect(isGuid(IDS.pool.toUpperCase())).toBe(true);
  expect(isGuid(`{${IDS.pool}}`)).toBe(false);
  expect(isGuid(42)).toBe(false);
  expect(lastPathSegment(`http://127.0.0.1:1/beta/deviceManagement/embeddedSIMActivationCodePools/${IDS.pool}?$select=id`)).toBe(IDS.pool);
  expect(lastPathSegment(`https://graph.microsoft.com/beta/pools('${IDS.pool}')`)).toBe(IDS.pool);
  expect(lastPathSegment('http://h/a%20b')).toBe('a b');
});

test('pointers: escaping, reading back, normalising', () => {
  expect(joinPointer('', 'a/b~c')).toBe('/a~1b~0c');
  expect(joinPointer('/value', 3)).toBe('/value/3');
  const doc = { 'a/b~c': [{ x: 1 }], value: [null] };
  expect(valueAt(doc, '/a~1b~0c/0/x')).toBe(1);
  expect(valueAt(doc, '/a~1b~0c/1/x')).toBeUndefined();
  expect(valueAt(doc, '/value/0')).toBeNull();
  expect(valueAt(doc, '/value/x')).toBeUndefined();
  expect(valueAt(doc, '')).toBe(doc);
  expect(normalisePointer('/0/a0/10')).toBe('/*/a0/*');
});

test('media types without parameters, lower-cased', () => {
  expect(mediaType('Application/JSON;odata.metadata=minimal')).toBe('application/json');
  expect(mediaType('text/plain')).toBe('text/plain');
});

test('@odata.type names, with and without the # and namespace', () => {
  expect(typeNameFromODataType('#microsoft.graph.groupAssignmentTarget')).toBe('groupAssignmentTarget');
  expect(typeNameFromODataType('microsoft.graph.groupAssignmentTarget')).toBe('groupAssignmentTarget');
  expect(typeNameFromODataType(3)).toBeNull();
});

test('the walk reads nested values by their schemas and skips annotations', () => {
  const walk = walkTyped(contracts.schemas, 'embeddedSIMActivationCodePoolAssignment', assignment({ 'target@odata.bind': 'x', extra: 1 }));
  expect(walk.objects.map((o) => [o.pointer, o.type, o.topLevel])).toEqual([
    ['', 'embeddedSIMActivationCodePoolAssignment', true],
    ['/target', 'groupAssignmentTarget', false],
  ]);
  expect(walk.undocumented.map((p) => p.pointer)).toEqual(['/extra']);
  expect(walk.polymorphs).toEqual([
    expect.objectContaining({ pointer: '/target', family: 'deviceAndAppManagementAssignmentTarget', variant: 'groupAssignmentTarget' }),
  ]);
});

test("a target naming no variant admits any variant's properties (the @odata.type is response_schema's finding)", () => {
  const walk = walkTyped(
    contracts.schemas,
    'embeddedSIMActivationCodePoolAssignment',
    assignment({ target: groupTarget({ '@odata.type': '#x', collectionId: 'c', bogus: 1 }) }),
  );
  expect(walk.polymorphs[0]?.variant).toBeNull();
  expect(walk.undocumented.map((p) => p.pointer)).toEqual(['/target/bogus']);
});

test('a collection wrapper admits only value and annotations; its items are top level', () => {
  const op = contracts.operation('listEmbeddedSIMActivationCodePools');
  if (!op.response.body) throw new Error('list documents a body');
  const walk = walkBody(contracts.schemas, op.response.body, {
    '@odata.context': 'c',
    total: 1,
    value: [pool(), 'junk', pool({ activationCodes: [] })],
  });
  expect(walk.undocumented).toEqual([{ pointer: '/total', name: 'total', owner: COLLECTION_OWNER, value: 1 }]);
  expect(walk.objects.map((o) => o.pointer)).toEqual(['/value/0', '/value/2']);
  expect(walk.writeOnly.map((p) => p.pointer)).toEqual(['/value/2/activationCodes']);
});
