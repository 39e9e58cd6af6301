/**
 * Valid bodies: every operation with a request body, 200 seeds each, all pass contracts.validateRequest; the
 * domain values are what the domain expects; readOnly and computed members never appear; seeds replay exactly.
 * The widget fixture covers constraints the eSIM contracts lack (Int32, ranges, formats, nullability).
 */
import { expect, test } from '@playwright/test';
import { loadContracts } from '../../contracts/load.js';
import { schemaId } from '../../contracts/model.js';
import type { BodySpec } from '../../contracts/model.js';
import {
  COLLECTION_ID_FORMAT,
  DEVICE_NAME_FORMAT,
  GUID_FORMAT,
  MATCHING_ID_FORMAT,
  SMDP_HOST_FORMAT,
  USER_NAME_FORMAT,
} from '../../generators/payloads/domain.js';
import { isValidEid, isValidIccid } from '../../generators/payloads/identifiers.js';
import { concreteTypes, operationsWithBodies, resolveBody } from '../../generators/payloads/source.js';
import { validBody } from '../../generators/payloads/valid.js';
import { createWidget, validateWidget, widgetSource } from '../support/payloads-fixture.js';

const contracts = loadContracts();
const SEEDS = Array.from({ length: 200 }, (_, i) => i);
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => v as Obj;
const list = (v: unknown): Obj[] => v as Obj[];

const POOL = 'createEmbeddedSIMActivationCodePool';
const ASSIGNMENT = 'createEmbeddedSIMActivationCodePoolAssignment';
const ASSIGN = 'assignEmbeddedSIMActivationCodePool';
const DEVICE_STATE = 'createEmbeddedSIMDeviceState';

test.describe('every operation with a request body', () => {
  test('the operations are the seven documented ones', () => {
    expect(operationsWithBodies(contracts).sort()).toEqual([
      ASSIGN,
      POOL,
      ASSIGNMENT,
      DEVICE_STATE,
      'updateEmbeddedSIMActivationCodePool',
      'updateEmbeddedSIMActivationCodePoolAssignment',
      'updateEmbeddedSIMDeviceState',
    ]);
  });

  for (const op of operationsWithBodies(loadContracts())) {
    test(`${op}: 200 seeds, every body passes validateRequest (both optional modes)`, () => {
      for (const seed of SEEDS) {
        for (const optional of ['random', 'all'] as const) {
          const body = validBody(op, { seed, contracts, optional });
          const result = contracts.validateRequest(op, body);
          expect(result.errors, `seed ${seed}, optional ${optional}: ${JSON.stringify(body)}`).toEqual([]);
          expect(result.valid).toBe(true);
        }
      }
    });

    test(`${op}: the same seed gives byte-identical JSON, whatever was generated before`, () => {
      const first = JSON.stringify(validBody(op, { seed: 11, contracts }));
      for (const other of operationsWithBodies(contracts)) validBody(other, { seed: 99, contracts });
      expect(JSON.stringify(validBody(op, { seed: 11, contracts }))).toBe(first);
      expect(JSON.stringify(validBody(op, { seed: 12, contracts }))).not.toBe(first);
    });

    test(`${op}: readOnly and computed members never appear; bodies are never empty`, () => {
      for (const seed of SEEDS) {
        const text = JSON.stringify(validBody(op, { seed, contracts, optional: 'all' }));
        for (const member of ['"id"', '"createdDateTime"', '"modifiedDateTime"', '"lastSyncDateTime"', '"activationCodeCount"']) {
          expect(text).not.toContain(`${member}:`);
        }
        expect(Object.keys(obj(validBody(op, { seed, contracts }))).length).toBeGreaterThan(0);
      }
    });
  }

  test('the shape of an operation is resolved once and reused', () => {
    expect(resolveBody(POOL, contracts).shape).toBe(resolveBody(POOL, contracts).shape);
  });
});

test.describe('domain values in bodies', () => {
  test('pools: tagged display name, 1-5 activation codes, each a valid ICCID, matching id and SM-DP+ host', () => {
    const counts = new Set<number>();
    for (const seed of SEEDS) {
      const body = obj(validBody(POOL, { seed, contracts, runTag: 'conformance-run7-' }));
      expect(String(body.displayName).startsWith('conformance-run7-')).toBe(true);
      const codes = list(body.activationCodes); // writeOnly, and included
      counts.add(codes.length);
      for (const code of codes) {
        expect(isValidIccid(String(code.integratedCircuitCardIdentifier))).toBe(true);
        expect(code.matchingIdentifier).toMatch(MATCHING_ID_FORMAT);
        expect(code.smdpPlusServerAddress).toMatch(SMDP_HOST_FORMAT);
      }
    }
    expect([...counts].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  test('without a run tag, display names carry none', () => {
    expect(String(obj(validBody(POOL, { seed: 1, contracts })).displayName).startsWith('conformance-')).toBe(false);
  });

  test('assignment targets: any five consecutive seeds cover the five concrete types, each with its own values', () => {
    const types = concreteTypes(ASSIGNMENT, contracts);
    expect(types).toEqual([
      'allDevicesAssignmentTarget',
      'allLicensedUsersAssignmentTarget',
      'configurationManagerCollectionAssignmentTarget',
      'groupAssignmentTarget',
      'exclusionGroupAssignmentTarget',
    ]);
    for (const start of [0, 37, 4000]) {
      const seen = new Set<string>();
      for (let seed = start; seed < start + 5; seed++) {
        const target = obj(obj(validBody(ASSIGNMENT, { seed, contracts })).target);
        seen.add(String(target['@odata.type']));
      }
      expect([...seen].sort()).toEqual(types.map((t) => `#microsoft.graph.${t}`).sort());
    }
    for (const seed of SEEDS) {
      const target = obj(obj(validBody(ASSIGNMENT, { seed, contracts })).target);
      const type = String(target['@odata.type']);
      if (type.endsWith('.groupAssignmentTarget') || type.endsWith('.exclusionGroupAssignmentTarget'))
        expect(target.groupId).toMatch(GUID_FORMAT);
      if (type.endsWith('.configurationManagerCollectionAssignmentTarget')) expect(target.collectionId).toMatch(COLLECTION_ID_FORMAT);
      if (typeof target.deviceAndAppManagementAssignmentFilterId === 'string') {
        expect(target.deviceAndAppManagementAssignmentFilterId).toMatch(GUID_FORMAT);
        expect(target.deviceAndAppManagementAssignmentFilterType).not.toBe('none');
      }
    }
  });

  test('assign: 1-3 assignments, each target with its @odata.type', () => {
    const counts = new Set<number>();
    for (const seed of SEEDS) {
      const assignments = list(obj(validBody(ASSIGN, { seed, contracts })).assignments);
      counts.add(assignments.length);
      for (const a of assignments) expect(String(obj(a.target)['@odata.type'])).toMatch(/^#microsoft\.graph\.\w+AssignmentTarget$/);
    }
    expect([...counts].sort()).toEqual([1, 2, 3]);
  });

  test('device states: an enum state, an EID, a DESKTOP- name and a contoso.com UPN', () => {
    const states = new Set<string>();
    for (const seed of SEEDS) {
      const body = obj(validBody(DEVICE_STATE, { seed, contracts, optional: 'all' }));
      states.add(String(body.state));
      expect(isValidEid(String(body.universalIntegratedCircuitCardIdentifier))).toBe(true);
      expect(body.deviceName).toMatch(DEVICE_NAME_FORMAT);
      expect(body.userName).toMatch(USER_NAME_FORMAT);
    }
    expect(states.size).toBe(8);
  });
});

test.describe('options', () => {
  test("@odata.type: only on polymorphic values by default, on every typed object with 'all' (still valid)", () => {
    const plain = obj(validBody(ASSIGN, { seed: 3, contracts }));
    expect(list(plain.assignments)[0]?.['@odata.type']).toBeUndefined();
    for (const seed of SEEDS.slice(0, 50)) {
      const pool = obj(validBody(POOL, { seed, contracts, odataType: 'all' }));
      expect(pool['@odata.type']).toBe('#microsoft.graph.embeddedSIMActivationCodePool');
      expect(list(pool.activationCodes)[0]?.['@odata.type']).toBe('#microsoft.graph.embeddedSIMActivationCode');
      expect(contracts.validateRequest(POOL, pool).valid).toBe(true);
      const assign = obj(validBody(ASSIGN, { seed, contracts, odataType: 'all' }));
      expect(list(assign.assignments)[0]?.['@odata.type']).toBe('#microsoft.graph.embeddedSIMActivationCodePoolAssignment');
      expect(assign['@odata.type']).toBeUndefined(); // the action's parameters are no Graph type
      expect(contracts.validateRequest(ASSIGN, assign).valid).toBe(true);
    }
  });

  test('prefer picks a concrete type whenever it is offered', () => {
    for (const seed of SEEDS.slice(0, 20)) {
      const target = obj(
        obj(validBody(ASSIGNMENT, { seed, contracts, prefer: ['configurationManagerCollectionAssignmentTarget'] })).target,
      );
      expect(target['@odata.type']).toBe('#microsoft.graph.configurationManagerCollectionAssignmentTarget');
    }
  });

  test('nullRate 1 makes every optional nullable member null, and the body stays valid', () => {
    const body = obj(validBody('updateEmbeddedSIMDeviceState', { seed: 2, contracts, optional: 'all', nullRate: 1 }));
    expect(body).toMatchObject({ deviceName: null, userName: null, stateDetails: null, universalIntegratedCircuitCardIdentifier: null });
    expect(contracts.validateRequest('updateEmbeddedSIMDeviceState', body).valid).toBe(true);
    expect(() => validBody(POOL, { seed: 1, contracts, nullRate: 2 })).toThrow(/nullRate 2 must be between 0 and 1/);
  });

  test('overrides are used as given, and one the schema refuses is an error naming the property', () => {
    const group = '11111111-2222-4333-8444-555555555555';
    const target = obj(
      obj(validBody(ASSIGNMENT, { seed: 1, contracts, prefer: ['groupAssignmentTarget'], overrides: { groupId: group } })).target,
    );
    expect(target.groupId).toBe(group);
    expect(() => validBody(DEVICE_STATE, { seed: 1, contracts, overrides: { state: 'bogus' } })).toThrow(
      /createEmbeddedSIMDeviceState \/state: override for "state" \("bogus"\) not one of/,
    );
  });

  test('a seed that is not a whole number 0..2^32-1 is refused', () => {
    expect(() => validBody(POOL, { seed: -1, contracts })).toThrow(/seed -1 is not a seed/);
    expect(() => validBody(POOL, { seed: 1.5, contracts })).toThrow(/seed 1.5 is not a seed/);
  });

  test('an unknown operation lists the known ones; an operation without a body says so', () => {
    expect(() => validBody('createWidget', { seed: 1, contracts })).toThrow(/No operation "createWidget".*Known: /);
    expect(() => validBody('getEmbeddedSIMDeviceState', { seed: 1, contracts })).toThrow(
      /getEmbeddedSIMDeviceState \(GET\) documents no request body.*Operations with a body: assignEmbeddedSIMActivationCodePool/,
    );
  });
});

test.describe('the widget fixture (constraints the eSIM contracts lack)', () => {
  test('200 seeds: valid, Int32 in range, RFC 3339 date-times, bounded arrays, no readOnly or computed member', () => {
    const seenKeys = new Set<string>();
    for (const seed of SEEDS) {
      for (const optional of ['random', 'all'] as const) {
        const body = obj(validBody(createWidget, { seed, contracts: widgetSource, optional, nullRate: 0.3 }));
        expect(validateWidget(createWidget, body), JSON.stringify(body)).toBeNull();
        Object.keys(body).forEach((k) => seenKeys.add(k));
        expect(Number.isInteger(body.size)).toBe(true);
        if (typeof body.dueDateTime === 'string') expect(new Date(body.dueDateTime).toISOString()).toBe(body.dueDateTime);
        const tags = body.tags as unknown[] | undefined;
        if (tags) expect(tags.length).toBeLessThanOrEqual(2);
      }
    }
    expect([...seenKeys].sort()).toEqual(['color', 'dueDateTime', 'enabled', 'label', 'ratio', 'size', 'tags']);
  });

  test('a keyword the generator does not understand is an error naming it and where it is', () => {
    const spec: BodySpec = {
      type: 'widget',
      collection: false,
      schema: { type: 'object', properties: { x: { type: 'string', not: { const: 'a' } } } },
    };
    expect(() => validBody(spec, { seed: 1, contracts: widgetSource })).toThrow(
      /cannot generate for the keyword "not" at body spec widget\/properties\/x\/not/,
    );
  });

  test('a pattern with no domain generator is an error pointing at DOMAIN_VALUES', () => {
    const spec: BodySpec = {
      type: 'widget',
      collection: false,
      schema: { type: 'object', required: ['code'], properties: { code: { type: 'string', pattern: '^[A-Z]{3}$' } } },
    };
    expect(() => validBody(spec, { seed: 1, contracts: widgetSource })).toThrow(
      /\/code: no generator for a string with pattern.*DOMAIN_VALUES/,
    );
  });

  test('a $ref to a type with no schema names the type', () => {
    const spec: BodySpec = { type: 'widget', collection: false, schema: { $ref: schemaId('gadget') } };
    expect(() => validBody(spec, { seed: 1, contracts: widgetSource })).toThrow(/names type "gadget", which has no schema/);
  });
});
