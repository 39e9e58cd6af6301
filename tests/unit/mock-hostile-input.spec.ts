/**
 * The mock against hostile input, as its explorer found it (each a regression test): prototype-named members
 * (`__proto__`, `constructor`, `toString`) are unknown properties (400) and never reach a stored object; every answer
 * is a Graph answer with a request-id (a request target that is not a URL path, too); HEAD is answered as GET without
 * the body; fault parameters are bounded and `count=0` means no fault.
 */
import { request as httpRequest } from 'node:http';
import { loadContracts } from '../../contracts/load.js';
import { FaultPlan, MAX_DELAY_MS, parseFaults } from '../../mocks/faults.js';
import { isPrototypeKey, prototypeKeys } from '../../lib/prototype-keys.js';
import { startMockServer } from '../../mocks/http-server.js';
import { errorOf, field, items } from '../fixtures/mock/harness.js';
import { expect, test, VIAS } from '../support/mock-transports.js';

const contracts = loadContracts();
const POOLS = '/deviceManagement/embeddedSIMActivationCodePools';
const code = {
  integratedCircuitCardIdentifier: '8901260000000000001',
  matchingIdentifier: 'M-1',
  smdpPlusServerAddress: 'smdp.example.com',
};
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test('isPrototypeKey and prototypeKeys name the members Object.prototype answers to, at any depth', () => {
  for (const k of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) expect(isPrototypeKey(k)).toBe(true);
  for (const k of ['displayName', 'id', 'proto', '']) expect(isPrototypeKey(k)).toBe(false);
  expect(prototypeKeys(JSON.parse('{"a":[{"b":1},{"__proto__":{"x":1}}],"toString":2}'))).toEqual([
    { parent: '', key: 'toString' },
    { parent: '/a/1', key: '__proto__' },
  ]);
  expect(prototypeKeys({ a: [{ b: 1 }], c: 'constructor' })).toEqual([]);
});

test('contracts reject prototype-named members the way they reject any undocumented member', () => {
  const body = JSON.parse(`{"displayName":"p","activationCodes":[${JSON.stringify(code).slice(0, -1)},"__proto__":{}}],"constructor":1}`);
  const result = contracts.validateRequest('createEmbeddedSIMActivationCodePool', body);
  expect(result.valid).toBe(false);
  expect(result.errors.map((e) => [e.instancePath, e.keyword, (e.params as { unevaluatedProperty: string }).unevaluatedProperty])).toEqual([
    ['', 'unevaluatedProperties', 'constructor'],
    ['/activationCodes/0', 'unevaluatedProperties', '__proto__'],
  ]);
  expect(contracts.validateRequest('createEmbeddedSIMActivationCodePool', { displayName: 'p', activationCodes: [code] }).valid).toBe(true);
});

for (const via of VIAS) {
  test.describe(`via ${via}`, () => {
    test.use({ via });

    for (const [name, text] of [
      [
        '__proto__ at the top',
        `{"displayName":"p","activationCodes":[],"__proto__":{"id":"evil","createdDateTime":"1999-01-01T00:00:00Z","isAdmin":true}}`,
      ],
      ['constructor at the top', `{"displayName":"p","activationCodes":[],"constructor":{"prototype":{"x":1}}}`],
      ['toString in an activation code', `{"displayName":"p","activationCodes":[${JSON.stringify({ ...code, toString: 'x' })}]}`],
      [
        '__proto__ in an activation code',
        `{"displayName":"p","activationCodes":[${JSON.stringify(code).slice(0, -1)},"__proto__":{"y":2}}]}`,
      ],
    ] as const) {
      test(`a body with ${name} is a 400 naming the member, and nothing is stored`, async ({ openMock }) => {
        const mock = await openMock({ contracts });
        const a = await mock.send('POST', POOLS, { raw: text, headers: { 'content-type': 'application/json' } });
        expect(a.status).toBe(400);
        expect(errorOf(a).code).toBe('BadRequest');
        expect(errorOf(a).message).toMatch(/'(activationCodes\[0\]\.)?(__proto__|constructor|toString)': is not a property of this type/);
        expect(a.headers.get('request-id')).toMatch(GUID);
        expect(items(await mock.send('GET', POOLS))).toEqual([]);
      });
    }

    test('a PATCH with __proto__ is refused and the stored pool keeps its server-set values', async ({ openMock }) => {
      const mock = await openMock({ contracts });
      const created = await mock.send('POST', POOLS, { json: { displayName: 'p', activationCodes: [code] } });
      const url = `${POOLS}/${String(field(created, 'id'))}`;
      const patch = await mock.send('PATCH', url, {
        raw: '{"displayName":"q","__proto__":{"id":"evil","activationCodeCount":99,"createdDateTime":"1999-01-01T00:00:00Z"}}',
        headers: { 'content-type': 'application/json' },
      });
      expect(patch.status).toBe(400);
      expect((await mock.send('GET', url)).body).toEqual(created.body);
    });

    test('a deeply nested body is a Graph 400, not a crash', async ({ openMock }) => {
      const mock = await openMock({ contracts });
      for (const raw of [
        `{"displayName":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
        `{"displayName":"p","activationCodes":[${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}]}`,
      ]) {
        const a = await mock.send('POST', POOLS, { raw, headers: { 'content-type': 'application/json' } });
        expect(a.status).toBe(400);
        expect(errorOf(a).code).toBe('BadRequest');
        expect(a.headers.get('request-id')).toMatch(GUID);
      }
      expect(items(await mock.send('GET', POOLS))).toEqual([]);
    });

    test('HEAD is answered as GET without a body', async ({ openMock }) => {
      const mock = await openMock({ contracts });
      const head = await mock.send('HEAD', POOLS);
      expect(head.status).toBe(200);
      expect(head.text).toBe('');
      expect(head.headers.get('request-id')).toMatch(GUID);
      expect((await mock.send('HEAD', `${POOLS}/00000000-0000-4000-8000-00000000dead`)).status).toBe(404);
      expect((await mock.send('HEAD', POOLS, { token: null })).status).toBe(401);
    });

    test('fault parameters are bounded: a delay too long for a timer is a 400 naming the limit', async ({ openMock }) => {
      const mock = await openMock({ contracts });
      const a = await mock.send('GET', POOLS, { headers: { 'x-mock-fault': 'slow;ms=3000000000' } });
      expect(a.status).toBe(400);
      expect(errorOf(a).message).toMatch(`no larger than ${MAX_DELAY_MS}`);
      const b = await mock.send('GET', POOLS, { headers: { 'x-mock-fault': 'throttle;retry-after=1e300' } });
      expect(b.status).toBe(400);
    });

    test('count=0 means no fault, in a header as on a server', async ({ openMock }) => {
      const mock = await openMock({ contracts, faults: 'unavailable;count=0' });
      expect((await mock.send('GET', POOLS)).status).toBe(200);
      expect((await mock.send('GET', POOLS, { headers: { 'x-mock-fault': 'throttle;count=0' } })).status).toBe(200);
      expect((await mock.send('GET', POOLS, { headers: { 'x-mock-fault': 'throttle;count=1' } })).status).toBe(429);
    });
  });
}

test('several slow faults on one request add up to at most the delay limit', () => {
  const outcome = new FaultPlan().outcome('GET', 'x', parseFaults(`slow;ms=${MAX_DELAY_MS},slow;ms=${MAX_DELAY_MS}`, 'h'));
  expect(outcome.delayMs).toBe(MAX_DELAY_MS);
});

/** A raw request, bypassing fetch's URL parsing: the target exactly as given. */
function raw(port: number, path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers: { authorization: 'Bearer t' } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('odd request targets get Graph answers with a request-id, never a bare 500', async () => {
  const server = await startMockServer({ contracts });
  try {
    for (const target of [
      '//[',
      'http://[',
      '/beta/%',
      '/beta//deviceManagement',
      '/beta/deviceManagement/embeddedSIMActivationCodePools/%E0%A4%A',
    ]) {
      const a = await raw(server.port, target);
      expect(a.status, target).toBeGreaterThanOrEqual(400);
      expect(a.status, target).toBeLessThan(500);
      expect(a.headers['request-id'], target).toMatch(GUID);
      expect(JSON.parse(a.body).error.innerError['request-id'], target).toBe(a.headers['request-id']);
    }
  } finally {
    await server.close();
  }
});
