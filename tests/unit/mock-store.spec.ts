import { expect, test } from '@playwright/test';
import type { OperationContract } from '../../contracts/model.js';
import { parseArgs, UsageError } from '../../mocks/cli-args.js';
import { collectionTemplate, parsePath, pathProblem } from '../../mocks/routes.js';
import { MonotonicClock, Tenant, TenantStore } from '../../mocks/tenant-store.js';
import { typeFactsOf } from '../../mocks/type-facts.js';
import { widgetContracts } from '../fixtures/mock/harness.js';

test.describe('MonotonicClock', () => {
  test('never repeats or goes back, even when the wall clock stands still or jumps back', () => {
    let now = 1_700_000_000_000;
    const clock = new MonotonicClock(() => now);
    const a = clock.next().getTime();
    const b = clock.next().getTime();
    now -= 5_000;
    const c = clock.next().getTime();
    expect(b).toBeGreaterThan(a);
    expect(c).toBeGreaterThan(b);
    now += 60_000;
    expect(clock.next().getTime()).toBe(now);
  });
});

test.describe('Tenant', () => {
  const entity = (id: string) => ({ id, type: 't', data: {} });

  test('keeps collections apart, finds ids case-insensitively, lists in insertion order', () => {
    const t = new Tenant();
    t.put('a', entity('ID-1'));
    t.put('a', entity('id-2'));
    t.put('b', entity('id-3'));
    expect(t.list('a').map((e) => e.id)).toEqual(['ID-1', 'id-2']);
    expect(t.get('a', 'id-1')?.id).toBe('ID-1');
    expect(t.get('b', 'id-1')).toBeUndefined();
  });

  test('removing an entity removes its child collections, recursively, and nothing else', () => {
    const t = new Tenant();
    t.put('p', entity('p1'));
    t.put('p', entity('p2'));
    t.put('p/p1/kids', entity('k1'));
    t.put('p/p1/kids/k1/grandkids', entity('g1'));
    t.put('p/p2/kids', entity('k2'));
    expect(t.remove('p', 'P1')).toBe(true);
    expect(t.list('p/p1/kids')).toEqual([]);
    expect(t.list('p/p1/kids/k1/grandkids')).toEqual([]);
    expect(t.list('p/p2/kids').map((e) => e.id)).toEqual(['k2']);
    expect(t.size()).toBe(2);
    expect(t.remove('p', 'p1')).toBe(false);
  });

  test('replace swaps a whole collection', () => {
    const t = new Tenant();
    t.put('c', entity('old'));
    t.put('c/old/x', entity('below-old'));
    t.replace('c', [entity('n1'), entity('n2')]);
    expect(t.list('c').map((e) => e.id)).toEqual(['n1', 'n2']);
    expect(t.list('c/old/x')).toEqual([]);
  });

  test('the store gives each key its own tenant', () => {
    const store = new TenantStore();
    store.tenant('a').put('c', entity('1'));
    expect(store.tenant('b').list('c')).toEqual([]);
    expect(store.tenant('a').list('c')).toHaveLength(1);
    expect(store.tenantKeys().sort()).toEqual(['a', 'b']);
  });
});

test.describe('type facts from the schemas', () => {
  test('finds readOnly and writeOnly properties, inherited ones through allOf $defs/base, in base-first order', () => {
    const facts = typeFactsOf('widget', widgetContracts().schemas);
    expect(facts.properties.map((p) => p.name)).toEqual([
      'id',
      'createdDateTime',
      'modifiedDateTime',
      'displayName',
      'serial',
      'color',
      'note',
      'keys',
      'keyCount',
    ]);
    expect(facts.properties.filter((p) => p.readOnly).map((p) => p.name)).toEqual([
      'id',
      'createdDateTime',
      'modifiedDateTime',
      'keyCount',
    ]);
    expect(facts.properties.filter((p) => p.writeOnly).map((p) => p.name)).toEqual(['keys']);
    expect(facts.properties.filter((p) => p.nullable).map((p) => p.name)).toEqual(['color', 'note']);
  });

  test('a computed property is the count of the property its $comment names', () => {
    expect(typeFactsOf('widget', widgetContracts().schemas).property('keyCount')?.countOf).toBe('keys');
  });

  test('without a $comment, a readOnly integer <x>Count beside an array <x>s is its count (convention)', () => {
    const schemas = new Map<string, Record<string, unknown>>([
      [
        'pool',
        {
          $id: 'https://graph-esim-conformance.invalid/schemas/pool.schema.json',
          type: 'object',
          properties: {
            codes: { type: 'array', writeOnly: true },
            codeCount: { type: 'integer', readOnly: true },
            otherCount: { type: 'integer', readOnly: true },
          },
        },
      ],
    ]);
    const facts = typeFactsOf('pool', schemas);
    expect(facts.property('codeCount')?.countOf).toBe('codes');
    expect(facts.property('otherCount')?.countOf).toBeNull();
  });

  test('a type without a schema is an error that says how to fix it', () => {
    expect(() => typeFactsOf('nothing', widgetContracts().schemas)).toThrow(/no nothing\.schema\.json.*contracts:extract/);
  });
});

test.describe('routes from operation contracts', () => {
  const op = (kind: OperationContract['kind'], path: string, pathParameters: string[]): OperationContract => ({
    ...widgetContracts().operation('getWidget'),
    kind,
    path,
    pathParameters,
  });

  test('path templates are parsed into literal and parameter segments', () => {
    expect(parsePath('/a/{aId}/b/{bId}')).toEqual([{ literal: 'a' }, { param: 'aId' }, { literal: 'b' }, { param: 'bId' }]);
    expect(parsePath('/a/{not a param}')).toEqual([{ literal: 'a' }, { literal: '{not a param}' }]);
  });

  test('the collection of an operation comes from its kind and path', () => {
    expect(collectionTemplate(op('list', '/a/{aId}/b', ['aId']))).toBe('/a/{aId}/b');
    expect(collectionTemplate(op('get', '/a/{aId}/b/{bId}', ['aId', 'bId']))).toBe('/a/{aId}/b');
    expect(collectionTemplate(op('action', '/a/{aId}/go', ['aId']))).toBeNull();
  });

  test('a path that does not fit its kind is named with the problem', () => {
    expect(pathProblem(op('get', '/a', []))).toMatch(/must end in an \{id\} parameter/);
    expect(pathProblem(op('create', '/a/{aId}', ['aId']))).toMatch(/must end in a collection name/);
    expect(pathProblem(op('action', '/a/go', []))).toMatch(/\/\{id\}\/<actionName>/);
    expect(pathProblem(op('get', '/a/{aId}', ['other']))).toMatch(/differ from pathParameters/);
    expect(pathProblem(op('get', '/a/{aId}', ['aId']))).toBeNull();
  });
});

test.describe('mock command line', () => {
  test('reads port, contracts, repeated faults and body limit', () => {
    const o = parseArgs([
      '--port',
      '0',
      '--contracts=x',
      '--fault',
      'throttle;retry-after=0.5',
      '--fault',
      'patch-204',
      '--body-limit',
      '10',
    ]);
    expect(o.port).toBe(0);
    expect(o.contracts).toBe('x');
    expect(o.bodyLimit).toBe(10);
    expect(o.faults).toEqual([
      { kind: 'throttle', retryAfter: 0.5, ms: 200, count: null, op: null },
      { kind: 'patch-204', retryAfter: null, ms: 200, count: null, op: null },
    ]);
    expect(parseArgs([]).port).toBe(4010);
  });

  test('mistakes are usage errors that name the flag', () => {
    expect(() => parseArgs(['--port', 'x'])).toThrow(UsageError);
    expect(() => parseArgs(['--port', '70000'])).toThrow(/--port needs an integer from 0 to 65535/);
    expect(() => parseArgs(['--fault', 'explode'])).toThrow(/--fault: unknown fault "explode"/);
    expect(() => parseArgs(['--verbose'])).toThrow(/Unknown argument "--verbose"/);
  });
});
