/**
 * Invalid bodies: each case breaks exactly one rule of a valid base body. Per case: the base passes
 * validateRequest, the case fails it, the case differs from the base only at or under its pointer, and ajv blames
 * that place (errors at or under the pointer; otherwise only on its ancestors, or from the concrete types a
 * polymorphic value is not).
 */
import { expect, test } from '@playwright/test';
import type { ErrorObject } from 'ajv';
import { loadContracts } from '../../contracts/load.js';
import { isValidIccid } from '../../generators/payloads/identifiers.js';
import { invalidBodies, invalidSuite } from '../../generators/payloads/invalid.js';
import type { InvalidCase } from '../../generators/payloads/invalid.js';
import { isWithin as isAtOrUnder, joinPointer, valueAt as getAt } from '../../lib/json-pointer.js';
import { operationsWithBodies } from '../../generators/payloads/source.js';
import { createWidget, validateWidget, widgetSource } from '../support/payloads-fixture.js';

const contracts = loadContracts();

/** Where an error points: its instance path, plus the member it names for required/unknown-member errors. */
function location(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  const member = p.missingProperty ?? p.unevaluatedProperty ?? p.additionalProperty;
  return typeof member === 'string' ? joinPointer(e.instancePath, member) : e.instancePath;
}

/** JSON pointers of every place two JSON values differ (a member present in one only counts as a difference). */
function differences(a: unknown, b: unknown, at = '', out: string[] = []): string[] {
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], joinPointer(at, k), out);
  } else if (JSON.stringify(a) !== JSON.stringify(b)) out.push(at);
  return out;
}

/**
 * ajv blames the case's place. A polymorphic value is checked against every concrete type, so the types it is not
 * also report, on the same object: their @odata.type pattern, and members of the base body they do not declare.
 */
function expectBlamed(c: InvalidCase, errors: ErrorObject[], base: unknown): void {
  const where = errors.map((e) => `${location(e)} ${e.keyword}`);
  expect(
    errors.some((e) => isAtOrUnder(location(e), c.pointer)),
    `${c.name}: no error at or under the pointer: ${where.join('; ')}`,
  ).toBe(true);
  for (const e of errors) {
    const at = location(e);
    const ancestor = isAtOrUnder(c.pointer, at);
    const parent = at.slice(0, at.lastIndexOf('/'));
    const otherVariant =
      isAtOrUnder(c.pointer, parent) &&
      ((e.keyword === 'pattern' && at.endsWith('/@odata.type')) ||
        (e.keyword === 'unevaluatedProperties' && getAt(base, at) !== undefined));
    expect(isAtOrUnder(at, c.pointer) || ancestor || otherVariant, `${c.name}: unrelated error ${at} ${e.keyword}`).toBe(true);
  }
}

for (const op of operationsWithBodies(loadContracts())) {
  test(`${op}: over 20 seeds, the base is valid and every case fails exactly where it says`, () => {
    for (let seed = 0; seed < 20; seed++) {
      const suite = invalidSuite(op, { seed, contracts });
      expect(contracts.validateRequest(op, suite.base).errors, `base, seed ${seed}`).toEqual([]);
      expect(suite.cases.length).toBeGreaterThan(5);
      expect(new Set(suite.cases.map((c) => c.name)).size).toBe(suite.cases.length);
      for (const c of suite.cases) {
        const result = contracts.validateRequest(op, c.body);
        expect(result.valid, `seed ${seed}: ${c.name} passed validation: ${JSON.stringify(c.body)}`).toBe(false);
        expectBlamed(c, result.errors, suite.base);
        for (const d of differences(suite.base, c.body)) expect(isAtOrUnder(d, c.pointer), `${c.name} also changed ${d}`).toBe(true);
        expect(c.description.length).toBeGreaterThan(5);
      }
      for (const a of suite.acceptedBySchema) {
        expect(contracts.validateRequest(op, a.body).valid, `${a.name} is said to be accepted by the schema`).toBe(true);
      }
    }
  });
}

const names = (cases: InvalidCase[]): string[] => cases.map((c) => c.name);

test('create pool: the cases the docs make possible', () => {
  const cases = invalidBodies('createEmbeddedSIMActivationCodePool', { seed: 1, contracts });
  const code = '/activationCodes/0';
  expect(names(cases)).toEqual(
    expect.arrayContaining([
      'not-an-object:',
      'array-for-object:',
      'missing-required:/displayName',
      'missing-required:/activationCodes',
      'wrong-type:/displayName',
      `wrong-type:${code}/integratedCircuitCardIdentifier`,
      `wrong-type:${code}/matchingIdentifier`,
      `wrong-type:${code}/smdpPlusServerAddress`,
      `pattern:${code}/integratedCircuitCardIdentifier#too-short`,
      `pattern:${code}/integratedCircuitCardIdentifier#too-long`,
      `pattern:${code}/integratedCircuitCardIdentifier#hex-filler`,
      `pattern:${code}/matchingIdentifier#underscore`,
      `pattern:${code}/smdpPlusServerAddress#no-dot`,
      'unknown-property:/undocumentedProperty',
      `unknown-property:${code}/undocumentedProperty`,
      'object-for-array:/activationCodes',
      'odata-type-mismatch:/@odata.type',
    ]),
  );
  // No writable integer in the eSIM contracts (activationCodeCount is computed): no range case to make.
  expect(cases.filter((c) => c.rule === 'out-of-range')).toEqual([]);
  const tooShort = cases.find((c) => c.name === `pattern:${code}/integratedCircuitCardIdentifier#too-short`);
  expect(String(getAt(tooShort?.body, `${code}/integratedCircuitCardIdentifier`))).toHaveLength(18);
});

test('a bad Luhn digit is not a schema error: listed as accepted by the schema, with the reason', () => {
  const suite = invalidSuite('createEmbeddedSIMActivationCodePool', { seed: 4, contracts });
  const luhn = suite.acceptedBySchema.find((a) => a.name.endsWith('#bad-luhn'));
  expect(luhn?.why).toMatch(/accepts .*only a domain check \(Luhn digit/);
  const value = String(getAt(luhn?.body, '/activationCodes/0/integratedCircuitCardIdentifier'));
  expect(value).toMatch(/^89[0-9]{17,18}$/);
  expect(isValidIccid(value)).toBe(false);
  expect(suite.cases.some((c) => c.name.includes('bad-luhn'))).toBe(false);
});

test('assignments: target as an array, abstract and foreign @odata.type, missing @odata.type, unknown member', () => {
  for (let seed = 0; seed < 5; seed++) {
    const cases = names(invalidBodies('createEmbeddedSIMActivationCodePoolAssignment', { seed, contracts }));
    expect(cases).toEqual(
      expect.arrayContaining([
        'missing-required:/target',
        'array-for-object:/target',
        'abstract-type:/target/@odata.type',
        'odata-type-mismatch:/target/@odata.type',
        'missing-required:/target/@odata.type',
        'unknown-property:/target/undocumentedProperty',
      ]),
    );
  }
  const abstract = invalidBodies('createEmbeddedSIMActivationCodePoolAssignment', { seed: 0, contracts }).find(
    (c) => c.rule === 'abstract-type',
  );
  expect(getAt(abstract?.body, '/target/@odata.type')).toBe('#microsoft.graph.deviceAndAppManagementAssignmentTarget');
});

test('assign: the action rejects an object for assignments and an unknown parameter', () => {
  const cases = names(invalidBodies('assignEmbeddedSIMActivationCodePool', { seed: 2, contracts }));
  expect(cases).toEqual(
    expect.arrayContaining([
      'missing-required:/assignments',
      'object-for-array:/assignments',
      'unknown-property:/undocumentedProperty',
      'array-for-object:/assignments/0/target',
      'abstract-type:/assignments/0/target/@odata.type',
    ]),
  );
});

test('device states: state outside the enum, in another case, of another type, and missing', () => {
  const cases = invalidBodies('createEmbeddedSIMDeviceState', { seed: 3, contracts });
  expect(names(cases)).toEqual(
    expect.arrayContaining([
      'enum:/state#unknown',
      'enum:/state#case',
      'wrong-type:/state',
      'missing-required:/state',
      'wrong-type:/deviceName',
      'wrong-type:/userName',
      'wrong-type:/universalIntegratedCircuitCardIdentifier',
    ]),
  );
  expect(getAt(cases.find((c) => c.name === 'enum:/state#unknown')?.body, '/state')).toBe('unknownFutureValue');
});

test('updates require nothing: no missing-required case', () => {
  for (const op of [
    'updateEmbeddedSIMActivationCodePool',
    'updateEmbeddedSIMActivationCodePoolAssignment',
    'updateEmbeddedSIMDeviceState',
  ]) {
    expect(
      invalidBodies(op, { seed: 1, contracts }).filter((c) => c.rule === 'missing-required' && !c.pointer.endsWith('@odata.type')),
    ).toEqual([]);
  }
});

test('the same seed gives the same suite', () => {
  const a = JSON.stringify(invalidSuite('createEmbeddedSIMActivationCodePool', { seed: 9, contracts }));
  expect(JSON.stringify(invalidSuite('createEmbeddedSIMActivationCodePool', { seed: 9, contracts }))).toBe(a);
});

test('widget fixture: Int32 and range breaks, a fraction, a date-time without offset, booleans and enums', () => {
  for (let seed = 0; seed < 20; seed++) {
    const suite = invalidSuite(createWidget, { seed, contracts: widgetSource });
    expect(validateWidget(createWidget, suite.base)).toBeNull();
    expect(names(suite.cases)).toEqual(
      expect.arrayContaining([
        'out-of-range:/size#above',
        'out-of-range:/size#below',
        'wrong-type:/size#string',
        'wrong-type:/size#fraction',
        'out-of-range:/ratio#above',
        'out-of-range:/ratio#below',
        'wrong-type:/enabled',
        'format:/dueDateTime#no-offset',
        'enum:/color#unknown',
        'missing-required:/label',
        'missing-required:/size',
        'object-for-array:/tags',
      ]),
    );
    for (const c of suite.cases) {
      const errors = validateWidget(createWidget, c.body);
      expect(errors, `${c.name} passed`).not.toBeNull();
      expectBlamed(c, errors ?? [], suite.base);
    }
    expect(getAt(suite.cases.find((c) => c.name === 'out-of-range:/size#above')?.body, '/size')).toBe(2147483648);
  }
});
