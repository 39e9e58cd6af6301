/**
 * The exploration strategies (generators/payloads/strategies), as properties over many seeds: every valid strategy's
 * body satisfies the operation's request schema, every invalid one breaks exactly the rule it names (and nothing
 * else), the same seed gives byte-identical bodies, and together the strategies reach what they promise: text in
 * other scripts, empty and long strings, null for every nullable member, empty and large collections, every enum
 * value and every concrete type, optional members present and absent.
 */
import { expect, test } from '@playwright/test';
import { loadContracts } from '../../contracts/load.js';
import { isWithin } from '../../lib/json-pointer.js';
import { concreteTypes } from '../../generators/payloads/source.js';
import {
  applicableStrategies,
  edgeStrings,
  exploreCases,
  fitText,
  sitesOf,
  STRATEGIES,
  strategyCase,
  UNICODE_SAMPLES,
} from '../../generators/payloads/strategies/index.js';
import { resolveBody } from '../../generators/payloads/source.js';
import type { ScalarShape } from '../../generators/payloads/shape.js';
import { widgetContracts } from '../fixtures/mock/harness.js';

const contracts = loadContracts();
const OPS = contracts.operations.filter((o) => o.request !== null).map((o) => o.id);
const SEEDS = Array.from({ length: 25 }, (_, i) => 1000 + i * 7919);
const TAG = 'conformance-20240801T000000Z-abcd-';

const errorPointer = (e: { instancePath: string; params: unknown }): string => {
  const p = e.params as { unevaluatedProperty?: string; additionalProperty?: string };
  const named = p.unevaluatedProperty ?? p.additionalProperty;
  return named ? `${e.instancePath}/${named}` : e.instancePath;
};

for (const strategy of STRATEGIES) {
  test(`${strategy.name}: ${strategy.kind === 'valid' ? 'satisfies the request schema' : 'breaks exactly the rule it names'} over ${SEEDS.length} seeds and every operation`, () => {
    let made = 0;
    for (const op of OPS) {
      for (const [i, seed] of SEEDS.entries()) {
        const c = strategyCase(op, strategy.name, { seed, round: i, contracts, runTag: TAG, largeItems: 12 });
        if (!c) continue;
        made++;
        const v = contracts.validateRequest(op, c.body);
        if (strategy.kind === 'valid') {
          expect(v.errors, `${op} seed ${seed}: ${c.note}`).toEqual([]);
        } else {
          expect(v.valid, `${op} seed ${seed}`).toBe(false);
          const at = c.mutation?.pointer as string;
          for (const e of v.errors) {
            const inside = isWithin(errorPointer(e), at) || (['oneOf', 'anyOf'].includes(e.keyword) && isWithin(at, e.instancePath));
            expect(inside, `${op} seed ${seed}: error ${JSON.stringify(e)} is not about ${at}`).toBe(true);
          }
        }
        const name = (c.body as { displayName?: unknown }).displayName;
        if (typeof name === 'string') expect(name.startsWith(TAG), `${op}: the run tag stays on displayName`).toBe(true);
      }
    }
    // number-bounds: the eSIM family has no writable number; its own test below uses the widget fixture's.
    if (strategy.name !== 'number-bounds') expect(made, `${strategy.name} applied to no operation`).toBeGreaterThan(0);
  });
}

test('same seed, same round: byte-identical bodies; another seed: another body', () => {
  for (const op of OPS) {
    const a = exploreCases(op, { seed: 42, count: 20, contracts, runTag: TAG });
    const b = exploreCases(op, { seed: 42, count: 20, contracts, runTag: TAG });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a[0]?.name).toMatch(/^explore [a-z-]+ #1 \(seed \d+\)$/);
  }
  const one = strategyCase(OPS[1] as string, 'domain', { seed: 1, contracts });
  const two = strategyCase(OPS[1] as string, 'domain', { seed: 2, contracts });
  expect(JSON.stringify(one?.body)).not.toBe(JSON.stringify(two?.body));
});

test('n consecutive cases cover each of the n applicable strategies once', () => {
  for (const op of OPS) {
    const names = applicableStrategies(op, contracts).map((s) => s.name);
    const cases = exploreCases(op, { seed: 9, count: names.length, contracts });
    expect(cases.map((c) => c.strategy)).toEqual(names);
  }
  expect(applicableStrategies('createEmbeddedSIMActivationCodePool', contracts).map((s) => s.name)).toEqual(
    expect.arrayContaining([
      'unicode-text',
      'edge-text',
      'pattern-edges',
      'collections-empty',
      'collections-large',
      'prototype-keys',
      'fullwidth-pattern',
      'domain',
    ]),
  );
});

test('text: every sample outside ASCII, edges within length limits, the prefix kept', () => {
  for (const s of UNICODE_SAMPLES) expect(s).toMatch(/[^\x00-\x7f]|\t/);
  expect(UNICODE_SAMPLES.some((s) => /\p{M}/u.test(s))).toBe(true); // combining marks
  expect(UNICODE_SAMPLES.some((s) => /[\u0590-\u06ff]/.test(s))).toBe(true); // right to left
  expect(UNICODE_SAMPLES.some((s) => [...s].some((c) => (c.codePointAt(0) as number) > 0xffff))).toBe(true); // astral
  expect(UNICODE_SAMPLES.some((s) => /[\u200b-\u200d\ufeff]/.test(s))).toBe(true); // zero width
  const shape: ScalarShape = {
    kind: 'string',
    nullable: false,
    patterns: [],
    format: null,
    enum: null,
    minimum: null,
    maximum: null,
    minLength: 2,
    maxLength: 5,
  };
  const edges = edgeStrings(shape);
  expect(edges.map((e) => [...e].length).sort()).toEqual(expect.arrayContaining([2, 5]));
  for (const e of edges) expect([...e].length).toBeGreaterThanOrEqual(2);
  for (const e of edges) expect([...e].length).toBeLessThanOrEqual(5);
  expect(edgeStrings({ ...shape, minLength: null, maxLength: null })).toEqual(expect.arrayContaining(['', ' ', 'x']));
  expect(fitText('tag-', '😀😀😀😀😀', shape)).toBe('tag-😀');
});

test('the strategies reach every nullable member, enum value, concrete type, and empty and large collections', () => {
  const seen = {
    nulls: new Set<string>(),
    types: new Set<string>(),
    enums: new Set<unknown>(),
    empty: new Set<string>(),
    large: new Set<string>(),
    absent: new Set<string>(),
  };
  for (const op of OPS) {
    // Ten rounds: the largest enum (the device state) has nine values, one per round.
    const cases = exploreCases(op, { seed: 5, count: applicableStrategies(op, contracts).length * 10, contracts, largeItems: 12 });
    const shape = resolveBody(op, contracts).shape;
    for (const c of cases) {
      for (const s of sitesOf(c.body, shape)) {
        if (s.value === null) seen.nulls.add(`${op}${s.pointer}`.replace(/\/\d+\//g, '/*/'));
        if (s.name === '@odata.type' && typeof s.value === 'string') seen.types.add(s.value);
        if (s.shape.kind === 'string' && s.shape.enum && c.strategy === 'types-and-enums') seen.enums.add(s.value);
        if (Array.isArray(s.value) && s.value.length === 0) seen.empty.add(`${op}${s.pointer}`);
        if (Array.isArray(s.value) && s.value.length === 12) seen.large.add(`${op}${s.pointer}`);
      }
      if (c.strategy === 'required-only') seen.absent.add(op);
    }
  }
  for (const t of concreteTypes('assignEmbeddedSIMActivationCodePool', contracts)) expect(seen.types).toContain(`#microsoft.graph.${t}`);
  const states = (contracts.schemas.get('embeddedSIMDeviceStateValue')?.enum ?? []) as string[];
  expect(states.length).toBeGreaterThan(1);
  for (const s of states) expect(seen.enums).toContain(s);
  for (const f of ['none', 'include', 'exclude']) expect(seen.enums).toContain(f);
  expect([...seen.nulls].some((p) => p.includes('deviceName'))).toBe(true);
  expect([...seen.nulls].some((p) => p.includes('deviceAndAppManagementAssignmentFilterId'))).toBe(true);
  expect(seen.empty).toContain('createEmbeddedSIMActivationCodePool/activationCodes');
  expect(seen.empty).toContain('assignEmbeddedSIMActivationCodePool/assignments');
  expect(seen.large).toContain('createEmbeddedSIMActivationCodePool/activationCodes');
  expect(seen.absent).toContain('updateEmbeddedSIMDeviceState');
});

test('number-bounds: a writable number at its minimum, 0 and 1, schema-valid (widget fixture: weight >= 0)', () => {
  const widgets = widgetContracts();
  const values = new Set<unknown>();
  for (let round = 0; round < 6; round++) {
    const c = strategyCase('createWidgetPart', 'number-bounds', { seed: 3, round, contracts: widgets });
    expect(c, 'applies to a body with a number').not.toBeNull();
    expect(widgets.validateRequest('createWidgetPart', c?.body).errors).toEqual([]);
    values.add((c?.body as { weight?: unknown }).weight);
  }
  expect([...values].sort()).toEqual([0, 1]);
  expect(applicableStrategies('createEmbeddedSIMActivationCodePool', contracts).map((s) => s.name)).not.toContain('number-bounds');
});
