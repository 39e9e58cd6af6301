/**
 * Fault injection: off by default; chosen per request (x-mock-fault header) or per server (options), each profile;
 * in-process (msw) and over HTTP.
 */
import { FaultSpecError, parseFaults } from '../../mocks/faults.js';
import { startMockServer } from '../../mocks/http-server.js';
import { errorOf, field, httpClient, items, widgetBody, widgetContracts } from '../fixtures/mock/harness.js';
import { expect, test, VIAS } from '../support/mock-transports.js';

const W = '/gadgetry/widgets';
const fault = (spec: string) => ({ headers: { 'x-mock-fault': spec } });

test.describe('fault specs', () => {
  test('each profile with its defaults and parameters', () => {
    expect(parseFaults('throttle', 'x')).toEqual([{ kind: 'throttle', retryAfter: 1, ms: 200, count: null, op: null }]);
    expect(parseFaults('throttle;retry-after=0.5', 'x')[0]?.retryAfter).toBe(0.5);
    expect(parseFaults('unavailable', 'x')[0]?.retryAfter).toBeNull();
    expect(parseFaults('unavailable; retry-after=3; count=2', 'x')[0]).toMatchObject({ retryAfter: 3, count: 2 });
    expect(parseFaults('slow;ms=50', 'x')[0]).toMatchObject({ kind: 'slow', ms: 50 });
    expect(parseFaults('SLOW', 'x')[0]?.ms).toBe(200);
    expect(parseFaults(' slow;ms=5 , patch-204 ', 'x').map((f) => f.kind)).toEqual(['slow', 'patch-204']);
    expect(parseFaults('', 'x')).toEqual([]);
    expect(parseFaults('patch-204;op=updateEmbeddedSIMActivationCodePool', 'x')[0]).toMatchObject({
      kind: 'patch-204',
      op: 'updateEmbeddedSIMActivationCodePool',
    });
    expect(() => parseFaults('patch-204;op=Update Pool', 'h')).toThrow(/op must be an operation id/);
  });

  test('mistakes name where the spec came from, the fault and the fix', () => {
    expect(() => parseFaults('explode', '--fault')).toThrow(FaultSpecError);
    expect(() => parseFaults('explode', '--fault')).toThrow(
      /--fault: unknown fault "explode". Known faults: throttle, unavailable, slow, patch-204/,
    );
    expect(() => parseFaults('slow;retry-after=1', 'h')).toThrow(/"slow" takes no parameter "retry-after". Its parameters: ms, count/);
    expect(() => parseFaults('throttle;retry-after=-1', 'h')).toThrow(/retry-after must be a non-negative number/);
    expect(() => parseFaults('slow;ms=1.5', 'h')).toThrow(/ms must be a non-negative integer/);
    expect(() => parseFaults('throttle;retry-after=', 'h')).toThrow(/retry-after=;/);
  });
});

for (const via of VIAS) {
  test.describe(`via ${via}`, () => {
    test.use({ via });

    test.describe('faults per request (x-mock-fault header)', () => {
      test('off by default: no fault without the header', async ({ openMock }) => {
        const mock = await openMock();
        for (let i = 0; i < 5; i++) expect((await mock.send('POST', W, { json: widgetBody(i) })).status).toBe(201);
      });

      test('throttle: 429 TooManyRequests with Retry-After (default 1 s), and nothing is created', async ({ openMock }) => {
        const mock = await openMock();
        const a = await mock.send('POST', W, { json: widgetBody(1), ...fault('throttle') });
        expect(a.status).toBe(429);
        expect(a.headers.get('retry-after')).toBe('1');
        expect(errorOf(a).code).toBe('TooManyRequests');
        expect(errorOf(a).innerError['request-id']).toBe(a.headers.get('request-id'));
        expect(items(await mock.send('GET', W))).toEqual([]);
      });

      test('throttle with a fractional Retry-After', async ({ openMock }) => {
        const mock = await openMock();
        const a = await mock.send('GET', W, fault('throttle;retry-after=0.5'));
        expect(a.status).toBe(429);
        expect(a.headers.get('retry-after')).toBe('0.5');
      });

      test('unavailable: 503 ServiceUnavailable, Retry-After only when asked for', async ({ openMock }) => {
        const mock = await openMock();
        const plain = await mock.send('GET', W, fault('unavailable'));
        expect(plain.status).toBe(503);
        expect(errorOf(plain).code).toBe('ServiceUnavailable');
        expect(plain.headers.get('retry-after')).toBeNull();
        expect((await mock.send('GET', W, fault('unavailable;retry-after=2.25'))).headers.get('retry-after')).toBe('2.25');
      });

      test('slow: the answer waits the given milliseconds, then is the normal answer', async ({ openMock }) => {
        const waits: number[] = [];
        const mock = await openMock({ sleep: async (ms) => void waits.push(ms) });
        const a = await mock.send('POST', W, { json: widgetBody(1), ...fault('slow;ms=250') });
        expect(a.status).toBe(201);
        await mock.send('GET', W, fault('slow'));
        await mock.send('GET', W, fault('slow;ms=10,slow;ms=20'));
        await mock.send('GET', W);
        expect(waits).toEqual([250, 200, 30]);
      });

      test('slow with the real timer still answers normally', async ({ openMock }) => {
        const mock = await openMock();
        expect((await mock.send('GET', W, fault('slow;ms=5'))).status).toBe(200);
      });

      test('patch-204: a successful PATCH answers 204 with no body, and the update is applied', async ({ openMock }) => {
        const mock = await openMock();
        const id = String(field(await mock.send('POST', W, { json: widgetBody(1), ...fault('patch-204') }), 'id'));
        const a = await mock.send('PATCH', `${W}/${id}`, { json: { note: 'patched' }, ...fault('patch-204') });
        expect(a.status).toBe(204);
        expect(a.text).toBe('');
        expect(a.headers.get('content-type')).toBeNull();
        expect(a.headers.get('request-id')).not.toBeNull();
        expect(field(await mock.send('GET', `${W}/${id}`), 'note')).toBe('patched');
        const bad = await mock.send('PATCH', `${W}/${id}`, { json: { serial: 'x' }, ...fault('patch-204') });
        expect(bad.status).toBe(400);
      });

      test('a malformed x-mock-fault header is 400 naming the header and the known faults', async ({ openMock }) => {
        const mock = await openMock();
        const a = await mock.send('GET', W, fault('teapot'));
        expect(a.status).toBe(400);
        expect(errorOf(a).message).toMatch(/x-mock-fault header: unknown fault "teapot". Known faults: throttle/);
      });
    });

    test.describe('faults per server', () => {
      test('a counted throttle refuses the next N requests and then lets them through', async ({ openMock }) => {
        const mock = await openMock({ faults: 'throttle;retry-after=0.25;count=2' });
        const statuses = [];
        for (let i = 0; i < 4; i++) statuses.push((await mock.send('GET', W)).status);
        expect(statuses).toEqual([429, 429, 200, 200]);
      });

      test('an uncounted fault applies to every request', async ({ openMock }) => {
        const mock = await openMock({ faults: [{ kind: 'unavailable', retryAfter: 1, ms: 0, count: null, op: null }] });
        for (let i = 0; i < 3; i++) expect((await mock.send('GET', W)).status).toBe(503);
      });

      test('server patch-204 affects only PATCH (and only PATCH uses up its count)', async ({ openMock }) => {
        const mock = await openMock({ faults: 'patch-204;count=1' });
        const created = await mock.send('POST', W, { json: widgetBody(1) });
        expect(created.status).toBe(201);
        const url = `${W}/${String(field(created, 'id'))}`;
        expect((await mock.send('PATCH', url, { json: { note: 'a' } })).status).toBe(204);
        expect((await mock.send('PATCH', url, { json: { note: 'b' } })).status).toBe(200);
      });

      test('a bad server fault spec fails at construction with the reason', async ({ openMock }) => {
        await expect(openMock({ faults: 'throttle;count=x' })).rejects.toThrow(/mock server faults: "throttle" has count=x/);
      });
    });
  });
}

test('over HTTP: the fractional Retry-After and the 503 pass through the server unchanged', async () => {
  const server = await startMockServer({ contracts: widgetContracts(), faults: 'throttle;retry-after=1.5;count=1' });
  try {
    const send = httpClient(server.url);
    const a = await send('GET', W);
    expect(a.status).toBe(429);
    expect(a.headers.get('retry-after')).toBe('1.5');
    expect((await send('GET', W)).status).toBe(200);
    expect((await send('GET', W, fault('unavailable'))).status).toBe(503);
  } finally {
    await server.close();
  }
});
