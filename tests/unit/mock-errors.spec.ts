/**
 * Every error path of the mock, in-process (msw) and over HTTP: each answered the way Graph does (status, code, error
 * body with innerError), never a crash, never a change to the tenant.
 */
import { loadContracts } from '../../contracts/load.js';
import type { MockOptions } from '../../mocks/handlers.js';
import { TenantStore, type Tenant } from '../../mocks/tenant-store.js';
import { errorOf, field, items, widgetBody, type Answer } from '../fixtures/mock/harness.js';
import { expect, test, VIAS, type OpenMock } from '../support/mock-transports.js';

const W = '/gadgetry/widgets';

function expectError(a: Answer, status: number, code: string, message?: RegExp): void {
  expect(a.status, a.text).toBe(status);
  const e = errorOf(a);
  expect(e.code).toBe(code);
  if (message) expect(e.message).toMatch(message);
  expect(e.innerError['request-id']).toBe(a.headers.get('request-id'));
  expect(e.innerError['client-request-id']).toBe(a.headers.get('client-request-id'));
  expect(e.innerError.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  expect(a.headers.get('content-type')).toMatch(/^application\/json;/);
}

type Open = (options?: MockOptions) => Promise<OpenMock>;

async function oneWidget(openMock: Open) {
  const mock = await openMock();
  const created = await mock.send('POST', W, { json: widgetBody(1, { keys: [{ code: 'ABC-123' }] }) });
  return { mock, id: String(field(created, 'id')), created };
}

for (const via of VIAS) {
  test.describe(`via ${via}`, () => {
    test.use({ via });

    test.describe('401: bearer token', () => {
      test('a missing Authorization header is InvalidAuthenticationToken', async ({ openMock }) => {
        const { mock } = await oneWidget(openMock);
        expectError(await mock.send('GET', W, { token: null }), 401, 'InvalidAuthenticationToken', /empty/);
      });

      for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer    ', 'Bearer two words', 'token-without-scheme']) {
        test(`a malformed Authorization header "${header}" is 401`, async ({ openMock }) => {
          const { mock } = await oneWidget(openMock);
          expectError(await mock.send('GET', W, { token: null, headers: { authorization: header } }), 401, 'InvalidAuthenticationToken');
        });
      }

      test('any well-formed bearer token is accepted, the scheme in any case', async ({ openMock }) => {
        const { mock } = await oneWidget(openMock);
        expect((await mock.send('GET', W, { token: null, headers: { authorization: 'bearer x' } })).status).toBe(200);
        expect((await mock.send('GET', W, { token: 'eyJ0eXAi.anything.at-all' })).status).toBe(200);
      });

      test('auth is checked on every path under the version root, known or not', async ({ openMock }) => {
        const { mock, id } = await oneWidget(openMock);
        expect((await mock.send('PUT', `${W}/${id}`, { token: null })).status).toBe(401);
        expect((await mock.send('GET', '/nowhere', { token: null })).status).toBe(401);
      });
    });

    test.describe('400: bad bodies', () => {
      test('malformed JSON', async ({ openMock }) => {
        const { mock } = await oneWidget(openMock);
        const a = await mock.send('POST', W, { raw: '{"displayName": "x",', headers: { 'content-type': 'application/json' } });
        expectError(a, 400, 'BadRequest', /Invalid JSON/);
      });

      test('no body where the operation needs one', async ({ openMock }) => {
        const { mock } = await oneWidget(openMock);
        expectError(await mock.send('POST', W), 400, 'BadRequest', /requires a JSON request body/);
      });

      const cases: [string, Record<string, unknown>, RegExp][] = [
        ['a wrong type', widgetBody(1, { displayName: 42 }), /'displayName': must be string/],
        ['an unknown property', widgetBody(1, { colour: 'red' }), /'colour': is not a property/],
        ['a value failing a pattern', widgetBody(1, { serial: '12' }), /'serial': must match pattern/],
        ['a value outside an enum', widgetBody(1, { color: 'purple' }), /'color': must be one of/],
        ['a missing required property', { displayName: 'x' }, /'serial': is required/],
        [
          'a bad item in a nested array',
          widgetBody(1, { keys: [{ code: 'ABC-123' }, { code: 'nope' }] }),
          /'keys\[1\]\.code': must match pattern/,
        ],
        ['a body that is not an object', [] as unknown as Record<string, unknown>, /body/],
      ];
      for (const [what, body, message] of cases) {
        test(`a body with ${what} is 400 naming the property`, async ({ openMock }) => {
          const { mock } = await oneWidget(openMock);
          expectError(await mock.send('POST', W, { json: body }), 400, 'BadRequest', message);
        });
      }

      test('PATCH bodies are validated too, and a refused PATCH changes nothing', async ({ openMock }) => {
        const { mock, id, created } = await oneWidget(openMock);
        expectError(await mock.send('PATCH', `${W}/${id}`, { json: { displayName: 'ok', serial: 'abcd' } }), 400, 'BadRequest', /'serial'/);
        expect((await mock.send('GET', `${W}/${id}`)).body).toEqual(created.body);
      });

      test('action bodies are validated against the action schema', async ({ openMock }) => {
        const { mock, id } = await oneWidget(openMock);
        expectError(
          await mock.send('POST', `${W}/${id}/attach`, { json: { parts: [{ weight: -1 }] } }),
          400,
          'BadRequest',
          /'parts\[0\]\.weight'/,
        );
        expectError(await mock.send('POST', `${W}/${id}/attach`, { json: {} }), 400, 'BadRequest', /'parts': is required/);
      });
    });

    test.describe('415: Content-Type', () => {
      for (const contentType of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
        test(`a JSON body sent as ${contentType} is UnsupportedMediaType`, async ({ openMock }) => {
          const { mock } = await oneWidget(openMock);
          const a = await mock.send('POST', W, { raw: JSON.stringify(widgetBody(2)), headers: { 'content-type': contentType } });
          expectError(a, 415, 'UnsupportedMediaType', /application\/json/);
        });
      }

      test('a body without Content-Type is 415; application/json with parameters is fine', async ({ openMock }) => {
        const { mock } = await oneWidget(openMock);
        expectError(await mock.send('POST', W, { raw: JSON.stringify(widgetBody(3)) }), 415, 'UnsupportedMediaType', /\(none\)/);
        const ok = await mock.send('POST', W, { json: widgetBody(3), headers: { 'content-type': 'Application/JSON; charset=utf-8' } });
        expect(ok.status).toBe(201);
      });
    });

    test.describe('404 and 405: ids, methods and paths', () => {
      test('an unknown id is ResourceNotFound for get, update, delete', async ({ openMock }) => {
        const { mock } = await oneWidget(openMock);
        const missing = `${W}/00000000-0000-0000-0000-000000000000`;
        expectError(await mock.send('GET', missing), 404, 'ResourceNotFound', /No widget with id '00000000-/);
        expectError(await mock.send('PATCH', missing, { json: { note: 'x' } }), 404, 'ResourceNotFound');
        expectError(await mock.send('DELETE', missing), 404, 'ResourceNotFound');
      });

      test('a child of an unknown parent is 404 naming the parent', async ({ openMock }) => {
        const { mock } = await oneWidget(openMock);
        const parts = `${W}/no-such-widget/parts`;
        expectError(await mock.send('GET', parts), 404, 'ResourceNotFound', /No widget with id 'no-such-widget'/);
        expectError(await mock.send('POST', parts, { json: { label: 'x' } }), 404, 'ResourceNotFound', /widget/);
        expectError(await mock.send('GET', `${parts}/p1`), 404, 'ResourceNotFound', /No widget/);
        expectError(await mock.send('POST', `${W}/no-such-widget/attach`, { json: { parts: [] } }), 404, 'ResourceNotFound');
      });

      test('an unknown child of a known parent is 404 naming the child type', async ({ openMock }) => {
        const { mock, id } = await oneWidget(openMock);
        expectError(await mock.send('GET', `${W}/${id}/parts/p1`), 404, 'ResourceNotFound', /No widgetPart with id 'p1'/);
      });

      test('an undocumented method on a documented path is 405 with an Allow header', async ({ openMock }) => {
        const { mock, id } = await oneWidget(openMock);
        const put = await mock.send('PUT', `${W}/${id}`, { json: {} });
        expectError(put, 405, 'MethodNotAllowed', /PUT is not supported/);
        expect(put.headers.get('allow')?.split(', ').sort()).toEqual(['DELETE', 'GET', 'PATCH']);
        const del = await mock.send('DELETE', W);
        expectError(del, 405, 'MethodNotAllowed');
        expect(del.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'POST']);
        expect((await mock.send('GET', `${W}/${id}/attach`)).headers.get('allow')).toBe('POST');
      });

      test('an unknown path under the version root is 400 naming the segment, as Graph answers', async ({ openMock }) => {
        const { mock, id } = await oneWidget(openMock);
        expectError(await mock.send('GET', '/gadgetry/gizmos'), 400, 'BadRequest', /segment 'gizmos'/);
        expectError(await mock.send('GET', `${W}/${id}/bolts`), 400, 'BadRequest', /segment 'bolts'/);
      });
    });

    test.describe('413: body size', () => {
      test('a body over the limit is RequestEntityTooLarge, whatever else is wrong with it', async ({ openMock }) => {
        const mock = await openMock({ bodyLimit: 64 });
        const a = await mock.send('POST', W, { json: widgetBody(1, { note: 'x'.repeat(100) }) });
        expectError(a, 413, 'RequestEntityTooLarge', /limit of 64 bytes/);
        expect((await mock.send('POST', W, { raw: 'y'.repeat(65), headers: { 'content-type': 'text/plain' } })).status).toBe(413);
        expect((await mock.send('POST', W, { json: widgetBody(1) })).status).toBe(201);
      });

      test('the default limit is 1 MiB', async ({ openMock }) => {
        const mock = await openMock();
        const a = await mock.send('POST', W, { json: widgetBody(1, { note: 'x'.repeat(1024 * 1024) }) });
        expectError(a, 413, 'RequestEntityTooLarge', /1048576/);
      });
    });

    test.describe('never a crash, never corrupted state', () => {
      test('a failure inside the mock is a Graph 500, not a thrown exception', async ({ openMock }) => {
        class BrokenStore extends TenantStore {
          override tenant(): Tenant {
            throw new Error('disk on fire');
          }
        }
        const mock = await openMock({ store: new BrokenStore() });
        expectError(await mock.send('GET', W), 500, 'InternalServerError', /disk on fire/);
      });

      test('after a run of bad requests the tenant holds exactly what the good ones made', async ({ openMock }) => {
        const { mock, id } = await oneWidget(openMock);
        const bad: Promise<Answer>[] = [
          mock.send('POST', W, { raw: '{', headers: { 'content-type': 'application/json' } }),
          mock.send('POST', W, { json: { displayName: 1 } }),
          mock.send('POST', W, { json: widgetBody(2), token: null }),
          mock.send('POST', W, { raw: 'x', headers: { 'content-type': 'text/plain' } }),
          mock.send('PATCH', `${W}/${id}`, { json: { serial: 'x' } }),
          mock.send('POST', `${W}/${id}/attach`, { json: { parts: [{ label: 1 }] } }),
          mock.send('DELETE', `${W}/${id}/parts/none`),
        ];
        for (const a of await Promise.all(bad)) expect(a.status).toBeGreaterThanOrEqual(400);
        const list = await mock.send('GET', W);
        expect(items(list).map((w) => w.id)).toEqual([id]);
        expect(items(list)[0]?.serial).toBe('1001');
      });

      test("every error body satisfies the contracts' graphError schema", async ({ openMock }) => {
        const contracts = loadContracts();
        test.skip(!contracts.schemas.has('graphError'), 'contracts/schemas has no graphError.schema.json yet');
        const mock = await openMock({ bodyLimit: 10 });
        const answers = [
          await mock.send('GET', W, { token: null }),
          await mock.send('GET', `${W}/x`),
          await mock.send('POST', W, { json: widgetBody(1) }),
          await mock.send('PUT', W),
          await mock.send('GET', '/nope'),
        ];
        for (const a of answers) expect(contracts.validateType('graphError', a.body).errors).toEqual([]);
      });
    });
  });
}
