/**
 * The mock's router (mocks/router.ts), shared by the HTTP server and the msw handler: which operation, 405 or 400 a
 * method and path get, and which paths are not the mock's at all. Driven by the invented widget contracts.
 */
import { expect, test } from '@playwright/test';
import type { OperationContract } from '../../contracts/model.js';
import { buildMockModel } from '../../mocks/mock-model.js';
import { firstUnknownSegment, RouteIndex, type RouteMatch } from '../../mocks/router.js';
import { parsePath } from '../../mocks/routes.js';
import { widgetContracts } from '../fixtures/mock/harness.js';

const contracts = widgetContracts();
const router = new RouteIndex(buildMockModel(contracts, '/beta'));
const W = '/beta/gadgetry/widgets';

function summary(m: RouteMatch): string {
  switch (m.kind) {
    case 'operation':
      return `${m.route.op.id} ${JSON.stringify(m.params)}`;
    case 'methodNotAllowed':
      return `405 ${m.path} [${m.methods.join(', ')}]`;
    case 'unknownPath':
      return `400 '${m.segment}'`;
    case 'outside':
      return 'outside';
  }
}
const route = (method: string, path: string): string => summary(router.match(method, path));

test('each documented method and path template reaches its operation, with the parameters', () => {
  expect(route('GET', W)).toBe('listWidgets {}');
  expect(route('POST', W)).toBe('createWidget {}');
  expect(route('GET', `${W}/w1`)).toBe('getWidget {"widgetId":"w1"}');
  expect(route('PATCH', `${W}/w1`)).toBe('updateWidget {"widgetId":"w1"}');
  expect(route('DELETE', `${W}/w1`)).toBe('deleteWidget {"widgetId":"w1"}');
  expect(route('GET', `${W}/w1/parts/p2`)).toBe('getWidgetPart {"widgetId":"w1","widgetPartId":"p2"}');
  expect(route('POST', `${W}/w1/attach`)).toBe('attachWidget {"widgetId":"w1"}');
});

test('literal segments match in any letter case, one trailing slash is allowed, parameters are decoded', () => {
  expect(route('GET', '/BETA/Gadgetry/WIDGETS/')).toBe('listWidgets {}');
  expect(route('GET', `${W}/a%20b%2Fc`)).toBe('getWidget {"widgetId":"a b/c"}');
  // A malformed escape is kept as sent: it names no stored entity (404), it does not crash the router.
  expect(route('GET', `${W}/%E0%A4%A`)).toBe('getWidget {"widgetId":"%E0%A4%A"}');
  expect(route('GET', `${W}//`)).toBe("400 'widgets'");
});

test('a documented path with an undocumented method is 405 with the methods documented for it', () => {
  expect(route('PUT', `${W}/w1`)).toBe('405 /gadgetry/widgets/{widgetId} [DELETE, GET, PATCH]');
  expect(route('HEAD', W)).toBe('405 /gadgetry/widgets [POST, GET]');
  expect(route('GET', `${W}/w1/attach`)).toBe('405 /gadgetry/widgets/{widgetId}/attach [POST]');
});

test("an unknown path under the version root is 400 naming its first unknown segment; other paths are not the mock's", () => {
  expect(route('GET', '/beta/gadgetry/gizmos')).toBe("400 'gizmos'");
  expect(route('GET', `${W}/w1/bolts/b1`)).toBe("400 'bolts'");
  expect(route('GET', '/beta/nowhere/%ZZ')).toBe("400 'nowhere'");
  expect(route('GET', '/beta/')).toBe("400 ''");
  expect(route('GET', '/beta')).toBe('outside');
  expect(route('GET', '/v1.0/gadgetry/widgets')).toBe('outside');
  expect(route('GET', '/betamax/gadgetry/widgets')).toBe('outside');
});

test("where a literal and a parameter both fit, the contracts' order decides, as msw's handler order did", () => {
  const base = contracts.operation('getWidget');
  const op = (id: string, kind: OperationContract['kind'], path: string): OperationContract => ({
    ...base,
    id,
    kind,
    method: 'GET',
    path,
    pathParameters: parsePath(path).flatMap((s) => (s.param === undefined ? [] : [s.param])),
  });
  const both = [op('getThing', 'get', '/gadgetry/widgets/{widgetId}'), op('listLatest', 'list', '/gadgetry/widgets/latest')];
  const first = new RouteIndex(buildMockModel({ ...contracts, operations: both }, '/beta'));
  expect(summary(first.match('GET', `${W}/latest`))).toBe('getThing {"widgetId":"latest"}');
  const swapped = new RouteIndex(buildMockModel({ ...contracts, operations: [...both].reverse() }, '/beta'));
  expect(summary(swapped.match('GET', `${W}/latest`))).toBe('listLatest {}');
  expect(summary(swapped.match('GET', `${W}/other`))).toBe('getThing {"widgetId":"other"}');
});

test('the unknown segment is the first one no template accepts at its position', () => {
  const templates = ['/a/{x}/b', '/a/{x}/c/{y}'].map(parsePath);
  expect(firstUnknownSegment(['a', '1', 'd'], templates)).toBe('d');
  expect(firstUnknownSegment(['z'], templates)).toBe('z');
  expect(firstUnknownSegment(['a', '1', 'c', '2', 'e'], templates)).toBe('e');
  expect(firstUnknownSegment(['A', '1'], templates)).toBe('1');
});
