/**
 * Every operation of the invented widget family (tests/fixtures/mock), in-process through msw's getResponse and over
 * HTTP (tests/unit/mock-transports.ts): proves the mock's behaviour comes from the contracts (kind, path, schemas),
 * not from eSIM-specific code, and is the same both ways it is served.
 */
import { getResponse } from 'msw';
import { setupServer } from 'msw/node';
import { GRAPH_JSON_CONTENT_TYPE } from '../../mocks/graph-protocol.js';
import { MonotonicClock, TenantStore } from '../../mocks/tenant-store.js';
import { field, inProcessMock, items, widgetBody, widgetContracts, type Answer } from '../fixtures/mock/harness.js';
import { expect, test, VIAS } from '../support/mock-transports.js';

const W = '/gadgetry/widgets';
const ROOT = 'https://graph.microsoft.com/beta';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function expectValid(opId: string, a: Answer): void {
  const r = widgetContracts().validateResponse(opId, a.body);
  expect(r.errors, `${opId} response must satisfy its documented schema`).toEqual([]);
}

for (const via of VIAS) {
  test.describe(`via ${via}`, () => {
    test.use({ via });

    test.describe('widget family, every operation', () => {
      test('createWidget: 201, server-set GUID id and timestamps, @odata.context and the Graph headers', async ({ openMock }) => {
        const mock = await openMock();
        const a = await mock.send('POST', W, { json: widgetBody(1), headers: { 'client-request-id': 'my-client-id' } });
        expect(a.status).toBe(201);
        expect(a.headers.get('content-type')).toBe(GRAPH_JSON_CONTENT_TYPE);
        expect(a.headers.get('request-id')).toMatch(GUID);
        expect(a.headers.get('client-request-id')).toBe('my-client-id');
        expect(new Date(a.headers.get('date') ?? '').getTime()).not.toBeNaN();
        expect(field(a, 'id')).toMatch(GUID);
        expect(field(a, 'createdDateTime')).toMatch(ISO_MS);
        expect(field(a, 'modifiedDateTime')).toBe(field(a, 'createdDateTime'));
        expect(field(a, '@odata.context')).toBe(`${mock.root}/$metadata#gadgetry/widgets/$entity`);
        expect(field(a, '@odata.type')).toBe('#microsoft.graph.widget');
        expect(field(a, 'displayName')).toBe('Widget 1');
        expect(field(a, 'color')).toBeNull();
        expectValid('createWidget', a);
      });

      test('request-id is fresh for every request; without client-request-id it reports the request id', async ({ openMock }) => {
        const mock = await openMock();
        const a = await mock.send('GET', W);
        const b = await mock.send('GET', W);
        expect(a.headers.get('request-id')).not.toBe(b.headers.get('request-id'));
        expect(a.headers.get('client-request-id')).toBe(a.headers.get('request-id'));
      });

      test('listWidgets: { @odata.context, value } with every created widget', async ({ openMock }) => {
        const mock = await openMock();
        const empty = await mock.send('GET', W);
        expect(empty.status).toBe(200);
        expect(empty.body).toEqual({ '@odata.context': `${mock.root}/$metadata#gadgetry/widgets`, value: [] });
        const ids = [];
        for (let n = 0; n < 3; n++) ids.push(field(await mock.send('POST', W, { json: widgetBody(n) }), 'id'));
        const list = await mock.send('GET', W);
        expect(items(list).map((w) => w.id)).toEqual(ids);
        expect(items(list)[0]?.['@odata.context']).toBeUndefined();
        expectValid('listWidgets', list);
      });

      test('getWidget: 200 with the stored widget', async ({ openMock }) => {
        const mock = await openMock();
        const created = await mock.send('POST', W, { json: widgetBody(2, { note: 'n' }) });
        const a = await mock.send('GET', `${W}/${String(field(created, 'id'))}`);
        expect(a.status).toBe(200);
        expect(a.body).toEqual(created.body);
        expectValid('getWidget', a);
      });

      test('updateWidget: 200 with the updated widget; createdDateTime kept, modifiedDateTime strictly advancing in the same millisecond', async ({
        openMock,
      }) => {
        const frozen = Date.parse('2030-01-01T00:00:00.000Z');
        const mock = await openMock({ store: new TenantStore(new MonotonicClock(() => frozen)) });
        const created = await mock.send('POST', W, { json: widgetBody(3) });
        const url = `${W}/${String(field(created, 'id'))}`;
        const stamps = [String(field(created, 'modifiedDateTime'))];
        for (const color of ['red', 'green', 'blue']) {
          const a = await mock.send('PATCH', url, { json: { color } });
          expect(a.status).toBe(200);
          expect(field(a, 'color')).toBe(color);
          expect(field(a, 'displayName')).toBe('Widget 3');
          expect(field(a, 'createdDateTime')).toBe(field(created, 'createdDateTime'));
          expectValid('updateWidget', a);
          stamps.push(String(field(a, 'modifiedDateTime')));
        }
        for (let i = 1; i < stamps.length; i++) expect(Date.parse(stamps[i] ?? '')).toBeGreaterThan(Date.parse(stamps[i - 1] ?? ''));
        expect(field(await mock.send('GET', url), 'color')).toBe('blue');
      });

      test('deleteWidget: 204 without a body, then 404 for the id and its children', async ({ openMock }) => {
        const mock = await openMock();
        const id = String(field(await mock.send('POST', W, { json: widgetBody(4) }), 'id'));
        const part = String(field(await mock.send('POST', `${W}/${id}/parts`, { json: { label: 'p' } }), 'id'));
        const a = await mock.send('DELETE', `${W}/${id}`);
        expect(a.status).toBe(204);
        expect(a.text).toBe('');
        expect((await mock.send('GET', `${W}/${id}`)).status).toBe(404);
        expect((await mock.send('DELETE', `${W}/${id}`)).status).toBe(404);
        expect((await mock.send('GET', `${W}/${id}/parts/${part}`)).status).toBe(404);
        expect(mock.store.tenant(mock.store.tenantKeys()[0] ?? '').size()).toBe(0);
      });

      test('child collection: create, list, get, update, delete parts under their widget', async ({ openMock }) => {
        const mock = await openMock();
        const id = String(field(await mock.send('POST', W, { json: widgetBody(5) }), 'id'));
        const other = String(field(await mock.send('POST', W, { json: widgetBody(6) }), 'id'));
        const parts = `${W}/${id}/parts`;

        const created = await mock.send('POST', parts, { json: { label: 'bolt', id: 'client-chosen' } });
        expect(created.status).toBe(201);
        expect(field(created, 'id')).toMatch(GUID);
        expect(field(created, 'weight')).toBeNull();
        expect(field(created, '@odata.context')).toBe(`${mock.root}/$metadata#gadgetry/widgets('${id}')/parts/$entity`);
        expectValid('createWidgetPart', created);
        const partId = String(field(created, 'id'));

        const list = await mock.send('GET', parts);
        expect(field(list, '@odata.context')).toBe(`${mock.root}/$metadata#gadgetry/widgets('${id}')/parts`);
        expect(items(list).map((p) => p.label)).toEqual(['bolt']);
        expectValid('listWidgetParts', list);
        expect(items(await mock.send('GET', `${W}/${other}/parts`))).toEqual([]);

        const got = await mock.send('GET', `${parts}/${partId}`);
        expect(got.status).toBe(200);
        expectValid('getWidgetPart', got);
        expect((await mock.send('GET', `${W}/${other}/parts/${partId}`)).status).toBe(404);

        const updated = await mock.send('PATCH', `${parts}/${partId}`, { json: { weight: 7 } });
        expect(updated.status).toBe(200);
        expect(field(updated, 'weight')).toBe(7);
        expect(field(updated, 'label')).toBe('bolt');
        expectValid('updateWidgetPart', updated);

        expect((await mock.send('DELETE', `${parts}/${partId}`)).status).toBe(204);
        expect((await mock.send('GET', `${parts}/${partId}`)).status).toBe(404);
        expect((await mock.send('GET', `${W}/${id}`)).status).toBe(200);
      });

      test('attachWidget (action): replaces the child collection and answers it as { value }', async ({ openMock }) => {
        const mock = await openMock();
        const id = String(field(await mock.send('POST', W, { json: widgetBody(7) }), 'id'));
        await mock.send('POST', `${W}/${id}/parts`, { json: { label: 'old' } });
        const a = await mock.send('POST', `${W}/${id}/attach`, {
          json: {
            parts: [
              { id: 'kept-id', label: 'a' },
              { label: 'b', weight: 2 },
              { id: 'kept-id', label: 'dup' },
            ],
          },
        });
        expect(a.status).toBe(200);
        expect(field(a, '@odata.context')).toBe(`${mock.root}/$metadata#Collection(microsoft.graph.widgetPart)`);
        const value = items(a);
        expect(value.map((p) => p.label)).toEqual(['a', 'b', 'dup']);
        expect(value[0]?.id).toBe('kept-id');
        expect(value[1]?.id).toMatch(GUID);
        expect(value[2]?.id).toMatch(GUID);
        expectValid('attachWidget', a);
        const list = await mock.send('GET', `${W}/${id}/parts`);
        expect(items(list).map((p) => p.label)).toEqual(['a', 'b', 'dup']);
        expect((await mock.send('GET', `${W}/${id}/parts/kept-id`)).status).toBe(200);

        const cleared = await mock.send('POST', `${W}/${id}/attach`, { json: { parts: [] } });
        expect(items(cleared)).toEqual([]);
        expect(items(await mock.send('GET', `${W}/${id}/parts`))).toEqual([]);
      });
    });

    test.describe('paths', () => {
      test('literal segments in any letter case and one trailing slash address the same widget', async ({ openMock }) => {
        const mock = await openMock();
        const created = await mock.send('POST', W, { json: widgetBody(10) });
        const id = String(field(created, 'id'));
        const a = await mock.send('GET', `/GADGETRY/Widgets/${id.toUpperCase()}/`);
        expect(a.status).toBe(200);
        expect(a.body).toEqual(created.body);
        expect(items(await mock.send('GET', `${W}/?$top=1`)).map((w) => w.id)).toEqual([id]);
      });

      test('a malformed percent escape is an unknown id (404) or an unknown segment (400), never a crash', async ({ openMock }) => {
        const mock = await openMock();
        const a = await mock.send('GET', `${W}/%E0%A4%A`);
        expect(a.status).toBe(404);
        expect(String((a.body?.error as { message: string }).message)).toContain("'%E0%A4%A'");
        const b = await mock.send('GET', '/nowhere/%ZZ');
        expect(b.status).toBe(400);
        expect(String((b.body?.error as { message: string }).message)).toContain("segment 'nowhere'");
      });
    });

    test.describe('what the schemas say about properties', () => {
      test('readOnly values sent by the client are ignored, on create and on update', async ({ openMock }) => {
        const mock = await openMock();
        const created = await mock.send('POST', W, {
          json: widgetBody(8, {
            id: 'client-id',
            createdDateTime: '2001-01-01T00:00:00Z',
            modifiedDateTime: '2001-01-01T00:00:00Z',
            keyCount: 99,
            '@odata.type': '#microsoft.graph.widget',
          }),
        });
        expect(created.status).toBe(201);
        expect(field(created, 'id')).not.toBe('client-id');
        expect(field(created, 'createdDateTime')).not.toBe('2001-01-01T00:00:00Z');
        expect(field(created, 'keyCount')).toBe(0);
        const url = `${W}/${String(field(created, 'id'))}`;
        const updated = await mock.send('PATCH', url, { json: { id: 'other', createdDateTime: '2001-01-01T00:00:00Z', keyCount: 5 } });
        expect(field(updated, 'id')).toBe(field(created, 'id'));
        expect(field(updated, 'createdDateTime')).toBe(field(created, 'createdDateTime'));
        expect(field(updated, 'keyCount')).toBe(0);
      });

      test('writeOnly values are stored but never returned; the computed count follows them', async ({ openMock }) => {
        const mock = await openMock();
        const keys = [{ code: 'ABC-001' }, { code: 'ABC-002' }, { code: 'ABC-003' }];
        const created = await mock.send('POST', W, { json: widgetBody(9, { keys }) });
        expect(created.body).not.toHaveProperty('keys');
        expect(created.text).not.toContain('ABC-001');
        expect(field(created, 'keyCount')).toBe(3);
        const url = `${W}/${String(field(created, 'id'))}`;
        const got = await mock.send('GET', url);
        expect(got.body).not.toHaveProperty('keys');
        expect(field(got, 'keyCount')).toBe(3);
        expect(JSON.stringify((await mock.send('GET', W)).body)).not.toContain('ABC-00');
        const updated = await mock.send('PATCH', url, { json: { keys: [{ code: 'XYZ-999' }] } });
        expect(updated.body).not.toHaveProperty('keys');
        expect(field(updated, 'keyCount')).toBe(1);
        const stored = mock.store.tenant(mock.store.tenantKeys()[0] ?? '').list('gadgetry/widgets')[0];
        expect(stored?.data.keys).toEqual([{ code: 'XYZ-999' }]);
      });
    });
  });
}

test('in-process, any origin is answered under /beta with its own origin; other paths are left to other handlers', async () => {
  const mock = inProcessMock();
  const request = (url: string) =>
    new Request(url, {
      method: 'POST',
      headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
      body: JSON.stringify(widgetBody(1)),
    });
  const response = await getResponse(mock.handlers, request(`http://localhost:9/beta${W}`));
  expect(response?.status).toBe(201);
  expect(((await response?.json()) as Record<string, unknown>)['@odata.context']).toBe(
    `http://localhost:9/beta/$metadata#gadgetry/widgets/$entity`,
  );
  expect(await getResponse(mock.handlers, request(`${ROOT.replace('/beta', '/v1.0')}${W}`))).toBeUndefined();
  expect(await getResponse(mock.handlers, request(`https://graph.microsoft.com/beta`))).toBeUndefined();
  expect(await getResponse(mock.handlers, request(`https://graph.microsoft.com/other/beta${W}`))).toBeUndefined();
});

test('the handler list works with msw setupServer: fetch to graph.microsoft.com is answered in-process', async () => {
  const mock = inProcessMock();
  const server = setupServer(...mock.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const response = await fetch(`${ROOT}${W}`, {
      method: 'POST',
      headers: { authorization: 'Bearer in-process', 'content-type': 'application/json' },
      body: JSON.stringify(widgetBody(1)),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body['@odata.context']).toBe(`${ROOT}/$metadata#gadgetry/widgets/$entity`);
    const list = await fetch(`${ROOT}${W}`, { headers: { authorization: 'Bearer in-process' } });
    expect(((await list.json()) as { value: unknown[] }).value).toHaveLength(1);
  } finally {
    server.close();
  }
});
