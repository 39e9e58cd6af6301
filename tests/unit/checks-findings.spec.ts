/**
 * From drafts to findings: evidence taken from the exchange, and fingerprints that stay the same across runs (other
 * ids, dates, request ids, array positions) and change when what is expected changes.
 */
import { expect, test } from '@playwright/test';
import { canonicalJson, CheckFailedError, evidenceOf, fingerprint, runChecks } from '../../checks/findings.js';
import { normalisePointer } from '../../checks/pointer.js';
import { CHECKS } from '../../checks/registry.js';
import { statusCode } from '../../checks/status-code.js';
import type { Check, Exchange, Finding } from '../../checks/types.js';
import { buildExchange, contracts, context, IDS, OTHER_RUN, pool, T0, T1, T2 } from '../support/exchange-builder.js';

const all = (x: Exchange, prior: Exchange[] = []): Finding[] => runChecks(CHECKS, x, contracts.operation(x.operation), context(prior));

/** The same deviating update, as one run and another would see it. */
function patch204(run: 'first' | 'second'): Exchange {
  const other = run === 'second';
  return buildExchange('updateEmbeddedSIMActivationCodePool', {
    ids: { embeddedSIMActivationCodePoolId: other ? OTHER_RUN.pool : IDS.pool },
    request: {
      body: { displayName: other ? 'Pool 9f' : 'Pool 1a' },
      headers: { 'client-request-id': other ? OTHER_RUN.client : IDS.client },
    },
    response: { status: 204 },
    requestId: other ? OTHER_RUN.request : IDS.request,
    date: other ? OTHER_RUN.date : undefined,
  });
}

test('the same finding in two runs with other ids, dates and request ids has the same fingerprint', () => {
  const [a] = all(patch204('first'));
  const [b] = all(patch204('second'));
  expect(a?.check).toBe('status_code');
  expect(a?.evidence.requestId).not.toBe(b?.evidence.requestId);
  expect(a?.evidence.url).not.toBe(b?.evidence.url);
  expect(a?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  expect(a?.fingerprint).toBe(b?.fingerprint);
});

test('a finding about generated values keeps its fingerprint when the values differ', () => {
  // A created pool whose modifiedDateTime did not advance, with other timestamps and ids in the second run.
  const make = (id: string, created: string, modified: string) => {
    const create = buildExchange('createEmbeddedSIMActivationCodePool', {
      request: { body: { displayName: 'P', activationCodes: [] } },
      response: { status: 201, body: pool({ id, createdDateTime: created, modifiedDateTime: modified, activationCodeCount: 0 }) },
    });
    const update = buildExchange('updateEmbeddedSIMActivationCodePool', {
      ids: { embeddedSIMActivationCodePoolId: id },
      request: { body: { displayName: 'Q' } },
      response: {
        status: 200,
        body: pool({ id, createdDateTime: created, modifiedDateTime: modified, displayName: 'Q', activationCodeCount: 0 }),
      },
    });
    return all(update, [create]);
  };
  const first = make(IDS.pool, T0, T1);
  const second = make(OTHER_RUN.pool, T1, T2);
  expect(first.map((f) => f.check)).toEqual(['server_generated']);
  expect(second.map((f) => f.fingerprint)).toEqual(first.map((f) => f.fingerprint));
  expect(first[0]?.observed).not.toEqual(second[0]?.observed);
});

test('a different expected value gives a different fingerprint', () => {
  const base = { check: 'status_code', operation: 'updateEmbeddedSIMActivationCodePool', pointer: '/status', stableKey: '204' };
  expect(fingerprint({ ...base, expected: 200 })).not.toBe(fingerprint({ ...base, expected: 201 }));
  expect(fingerprint({ ...base, expected: 200 })).not.toBe(fingerprint({ ...base, expected: 200, stableKey: '202' }));
  expect(fingerprint({ ...base, expected: 200 })).not.toBe(fingerprint({ ...base, expected: 200, check: 'auth_enforced' }));
  expect(fingerprint({ ...base, expected: 200 })).not.toBe(fingerprint({ ...base, expected: 200, operation: 'getX' }));
  expect(fingerprint({ ...base, expected: 200 })).not.toBe(fingerprint({ ...base, expected: 200, pointer: '/headers/x' }));
});

test('fingerprints ignore array positions, GUIDs in pointers and key order in expected', () => {
  const base = { check: 'response_schema', operation: 'listX', expected: { enum: ['a', 'b'], note: 1 } };
  expect(fingerprint({ ...base, pointer: '/value/0/state' })).toBe(fingerprint({ ...base, pointer: '/value/17/state' }));
  expect(fingerprint({ ...base, pointer: `/x/${IDS.pool}` })).toBe(fingerprint({ ...base, pointer: `/x/${OTHER_RUN.pool.toUpperCase()}` }));
  expect(fingerprint({ ...base, pointer: '/a' })).toBe(fingerprint({ ...base, pointer: '/a', expected: { note: 1, enum: ['a', 'b'] } }));
  expect(fingerprint({ ...base, pointer: '/a' })).toBe(fingerprint({ ...base, pointer: '/a', stableKey: undefined }));
});

test('normalisePointer and canonicalJson', () => {
  expect(normalisePointer('/value/12/activationCodes/0/x')).toBe('/value/*/activationCodes/*/x');
  expect(normalisePointer(`/pools('${IDS.pool}')/3a`)).toBe("/pools('{id}')/3a");
  expect(normalisePointer('')).toBe('');
  expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
  expect(canonicalJson(undefined)).toBe('null');
});

test('a finding carries check, operation, case, kind and the evidence of its exchange', () => {
  const x = buildExchange('updateEmbeddedSIMActivationCodePool', {
    caseName: 'valid #3',
    request: { body: { displayName: 'B' }, headers: { 'client-request-id': IDS.client } },
    response: { status: 204 },
    target: { name: 'live', baseUrl: 'https://graph.microsoft.us/beta', cloud: 'USGov', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' },
  });
  const [f] = runChecks([statusCode], x, contracts.operation(x.operation), context());
  expect(f).toMatchObject({
    check: 'status_code',
    operation: 'updateEmbeddedSIMActivationCodePool',
    kind: 'doc-vs-service',
    caseName: 'valid #3',
    pointer: '/status',
    expected: 200,
    observed: 204,
    evidence: {
      status: 204,
      requestId: IDS.request,
      clientRequestId: IDS.client,
      date: 'Tue, 01 Jul 2025 10:00:00 GMT',
      target: 'live',
      cloud: 'USGov',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      method: 'PATCH',
      url: x.request.url,
    },
  });
});

test('evidence falls back to the client-request-id sent and says null for missing headers', () => {
  const x = buildExchange('getEmbeddedSIMActivationCodePool', {
    request: { headers: { 'client-request-id': IDS.client } },
    response: { status: 200, body: pool(), headers: { 'client-request-id': null, 'request-id': null, date: null } },
  });
  expect(evidenceOf(x)).toMatchObject({ requestId: null, clientRequestId: IDS.client, date: null, target: 'mock', cloud: null });
});

test('checks run in the given order and only the given checks run', () => {
  const x = buildExchange('getEmbeddedSIMActivationCodePool', { caseKind: 'after-delete', response: { status: 500 } });
  const names = (checks: readonly Check[]) => runChecks(checks, x, contracts.operation(x.operation), context()).map((f) => f.check);
  expect(names(CHECKS)).toEqual(['error_shape', 'not_a_server_error', 'use_after_delete']);
  expect(names(CHECKS.filter((c) => c.name !== 'error_shape'))).toEqual(['not_a_server_error', 'use_after_delete']);
});

test('a check that throws is reported as a bug in that check, naming the exchange', () => {
  const broken: Check = {
    name: 'broken',
    description: 'x',
    run: () => {
      throw new Error('boom');
    },
  };
  const x = buildExchange('getEmbeddedSIMActivationCodePool', { caseName: 'valid #7', response: { status: 200, body: pool() } });
  expect(() => runChecks([broken], x, contracts.operation(x.operation), context())).toThrow(CheckFailedError);
  expect(() => runChecks([broken], x, contracts.operation(x.operation), context())).toThrow(
    /Check broken failed on getEmbeddedSIMActivationCodePool \(valid #7, GET .* -> 200\): boom/,
  );
});
