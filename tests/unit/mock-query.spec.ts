/**
 * The mock's OData query options and server-driven paging (mocks/odata-query.ts, mocks/list-page.ts), over both
 * transports, on the real eSIM contracts: each option honoured, each bad option a Graph 400, and a walk over
 * @odata.nextLink that returns every pool once.
 */
import { loadContracts } from '../../contracts/load.js';
import { errorOf, field, items, type Answer } from '../fixtures/mock/harness.js';
import { expect, test, VIAS, type OpenMock } from '../support/mock-transports.js';

const contracts = loadContracts();
const POOLS = '/deviceManagement/embeddedSIMActivationCodePools';
const NAMES = ['Delta', 'alpha', 'Charlie', 'bravo', 'Echo'];

const pool = (displayName: string) => ({
  displayName,
  activationCodes: [
    { integratedCircuitCardIdentifier: '8901260000000000001', matchingIdentifier: 'M-1', smdpPlusServerAddress: 'smdp.example.com' },
  ],
});

async function seeded(openMock: (o?: object) => Promise<OpenMock>, pageSize = 2): Promise<OpenMock & { ids: string[] }> {
  const mock = await openMock({ contracts, pageSize });
  const ids: string[] = [];
  for (const name of NAMES) {
    const made = await mock.send('POST', POOLS, { json: pool(name) });
    expect(made.status).toBe(201);
    ids.push(String(field(made, 'id')));
  }
  return Object.assign(mock, { ids });
}

const names = (a: Answer): string[] => items(a).map((i) => String(i.displayName));

/** Follows @odata.nextLink from `first` (bounded), returning every page. */
async function walk(mock: OpenMock, first: Answer): Promise<Answer[]> {
  const pages = [first];
  for (let i = 0; i < 20; i++) {
    const next = field(pages[pages.length - 1] as Answer, '@odata.nextLink');
    if (typeof next !== 'string') return pages;
    expect(next.startsWith(`${mock.root}${POOLS}?`)).toBe(true);
    const page = await mock.send('GET', next.slice(mock.root.length));
    expect(page.status).toBe(200);
    pages.push(page);
  }
  throw new Error('more than 20 pages');
}

for (const via of VIAS)
  test.describe(`OData query options and paging via ${via}`, () => {
    test.use({ via });

    test('paging: pages of pageSize with an opaque $skiptoken, every pool once, in store order', async ({ openMock }) => {
      const mock = await seeded(openMock);
      const first = await mock.send('GET', POOLS);
      expect(items(first)).toHaveLength(2);
      const next = String(field(first, '@odata.nextLink'));
      expect(next).toMatch(/\?\$skiptoken=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
      const pages = await walk(mock, first);
      expect(pages.map((p) => items(p).length)).toEqual([2, 2, 1]);
      expect(pages.flatMap(items).map((i) => i.id)).toEqual(mock.ids);
      expect(field(pages[2] as Answer, '@odata.nextLink')).toBeUndefined();
    });

    test('the default page size holds every item of a small collection, without a nextLink', async ({ openMock }) => {
      const mock = await seeded(openMock, 1000);
      const all = await mock.send('GET', POOLS);
      expect(items(all)).toHaveLength(5);
      expect(field(all, '@odata.nextLink')).toBeUndefined();
    });

    test('$top is the page size; the nextLink keeps it and the other options', async ({ openMock }) => {
      const mock = await seeded(openMock, 1000);
      const first = await mock.send('GET', `${POOLS}?$top=3&$count=true`);
      expect(items(first)).toHaveLength(3);
      expect(String(field(first, '@odata.nextLink'))).toContain('$top=3&$count=true&$skiptoken=');
      const pages = await walk(mock, first);
      expect(pages.map((p) => items(p).length)).toEqual([3, 2]);
      expect(pages.map((p) => field(p, '@odata.count'))).toEqual([5, 5]);
      expect((await mock.send('GET', `${POOLS}?$top=0`)).body).toMatchObject({ value: [] });
    });

    test('$skip skips from the start of the ordered result', async ({ openMock }) => {
      const mock = await seeded(openMock, 1000);
      expect(names(await mock.send('GET', `${POOLS}?$skip=3`))).toEqual(['bravo', 'Echo']);
      expect(names(await mock.send('GET', `${POOLS}?$orderby=displayName&$skip=1&$top=2`))).toEqual(['Delta', 'Echo']);
    });

    test('$select: only the selected properties plus annotations, on lists and gets; the context names them', async ({ openMock }) => {
      const mock = await seeded(openMock);
      const list = await mock.send('GET', `${POOLS}?$select=displayName`);
      expect(items(list)[0]).toEqual({ '@odata.type': '#microsoft.graph.embeddedSIMActivationCodePool', displayName: 'Delta' });
      expect(String(field(list, '@odata.context'))).toMatch(/#deviceManagement\/embeddedSIMActivationCodePools\(displayName\)$/);
      const one = await mock.send('GET', `${POOLS}/${mock.ids[0]}?$select=id,activationCodeCount`);
      expect(Object.keys(one.body ?? {}).sort()).toEqual(['@odata.context', '@odata.type', 'activationCodeCount', 'id']);
      expect(field(one, 'activationCodeCount')).toBe(1);
      const pages = await walk(mock, list);
      for (const p of pages) for (const i of items(p)) expect(Object.keys(i).sort()).toEqual(['@odata.type', 'displayName']);
    });

    test('$filter on displayName: eq (any letter case), startswith, and, or, not', async ({ openMock }) => {
      const mock = await seeded(openMock, 1000);
      const f = async (expr: string) => names(await mock.send('GET', `${POOLS}?$filter=${encodeURIComponent(expr)}`));
      expect(await f("displayName eq 'alpha'")).toEqual(['alpha']);
      expect(await f("displayName eq 'ALPHA'")).toEqual(['alpha']);
      expect(await f("startswith(displayName,'d')")).toEqual(['Delta']);
      expect(await f("startswith(displayName,'e') or displayName eq 'bravo'")).toEqual(['bravo', 'Echo']);
      expect(await f("not startswith(displayName,'a') and displayName ne 'Echo'")).toEqual(['Delta', 'Charlie', 'bravo']);
      expect(await f("displayName eq 'O''Brien'")).toEqual([]);
      expect(await f(`${'('.repeat(32)}displayName eq 'Echo'${')'.repeat(32)}`)).toEqual(['Echo']);
    });

    test('$filter with paging: every page filtered, the nextLink carries the filter', async ({ openMock }) => {
      const mock = await seeded(openMock, 1);
      const first = await mock.send('GET', `${POOLS}?$filter=${encodeURIComponent("displayName ne 'Echo'")}&$count=true`);
      expect(field(first, '@odata.count')).toBe(4);
      expect(field(await mock.send('GET', `${POOLS}?$skip=2&$count=true`), '@odata.count')).toBe(5);
      const pages = await walk(mock, first);
      expect(pages.flatMap(names)).toEqual(['Delta', 'alpha', 'Charlie', 'bravo']);
    });

    test('$orderby asc and desc on displayName and on the timestamps', async ({ openMock }) => {
      const mock = await seeded(openMock, 1000);
      const o = async (expr: string) => names(await mock.send('GET', `${POOLS}?$orderby=${encodeURIComponent(expr)}`));
      // Ordinal order: capitals before lower case, as the values are compared code unit by code unit.
      expect(await o('displayName')).toEqual(['Charlie', 'Delta', 'Echo', 'alpha', 'bravo']);
      expect(await o('displayName desc')).toEqual(['bravo', 'alpha', 'Echo', 'Delta', 'Charlie']);
      expect(await o('createdDateTime desc')).toEqual([...NAMES].reverse());
      expect(await o('modifiedDateTime asc')).toEqual(NAMES);
    });

    test('$count=true gives @odata.count of the whole (filtered) collection; $count=false none', async ({ openMock }) => {
      const mock = await seeded(openMock);
      const counted = await mock.send('GET', `${POOLS}?$count=true`);
      expect(field(counted, '@odata.count')).toBe(5);
      expect(items(counted)).toHaveLength(2);
      expect(field(await mock.send('GET', `${POOLS}?$count=false`), '@odata.count')).toBeUndefined();
    });

    test('a $skiptoken is bound to its query: made up, edited, or sent with other options is a 400', async ({ openMock }) => {
      const mock = await seeded(openMock);
      const next = String(field(await mock.send('GET', `${POOLS}?$top=1`), '@odata.nextLink'));
      const token = next.slice(next.indexOf('$skiptoken=') + '$skiptoken='.length);
      for (const path of [
        `${POOLS}?$skiptoken=abc`,
        `${POOLS}?$skiptoken=${token}`, // without the $top it was issued with
        `${POOLS}?$top=1&$skiptoken=${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
        `${POOLS}?$top=1&$skiptoken=${Buffer.from('{"o":0}').toString('base64url')}.${'A'.repeat(22)}`,
      ]) {
        const bad = await mock.send('GET', path);
        expect(bad.status, path).toBe(400);
        expect(errorOf(bad).message).toContain('$skiptoken');
      }
      expect((await mock.send('GET', `${POOLS}?$top=1&$skiptoken=${token}`)).status).toBe(200);
    });

    const BAD: [string, string, string][] = [
      ['unknown option', `${POOLS}?$foo=1`, "'$foo' is not supported"],
      ['negative $top', `${POOLS}?$top=-1`, "for query option '$top'"],
      ['text $top', `${POOLS}?$top=abc`, "for query option '$top'"],
      ['text $skip', `${POOLS}?$skip=x`, "for query option '$skip'"],
      ['bad $count', `${POOLS}?$count=maybe`, 'for $count'],
      ['twice', `${POOLS}?$top=1&$top=2`, 'more than once'],
      ['unknown $select property', `${POOLS}?$select=nope`, "property named 'nope'"],
      ['empty $select item', `${POOLS}?$select=displayName,`, 'empty property name'],
      ['$filter on another property', `${POOLS}?$filter=${encodeURIComponent("id eq 'x'")}`, "filtering on 'id'"],
      ['$filter operator', `${POOLS}?$filter=${encodeURIComponent("displayName gt 'a'")}`, "Unsupported operator 'gt'"],
      ['$filter syntax', `${POOLS}?$filter=${encodeURIComponent("startswith(displayName 'a')")}`, 'Syntax error'],
      ['$filter unterminated', `${POOLS}?$filter=${encodeURIComponent("displayName eq 'a")}`, 'Unterminated'],
      ['$filter empty', `${POOLS}?$filter=`, 'empty'],
      ['$orderby unknown', `${POOLS}?$orderby=nope`, "property named 'nope'"],
      ['$orderby direction', `${POOLS}?$orderby=${encodeURIComponent('displayName up')}`, 'Invalid $orderby'],
      ['$expand', `${POOLS}?$expand=assignments`, "'$expand' is not supported by the mock"],
      ['$top on a single entity', `${POOLS}/00000000-0000-4000-8000-000000000000?$top=1`, 'not allowed on a single entity'],
      ['bad escape', `${POOLS}?$filter=%E0%A4%A`, 'malformed percent-escape'],
      ['deep $filter', `${POOLS}?$filter=${'('.repeat(5000)}displayName eq 'a'${')'.repeat(5000)}`, 'nested more than 32 levels'],
      ['deep not', `${POOLS}?$filter=${'not '.repeat(1000)}displayName eq 'a'`, 'nested more than 32 levels'],
    ];
    for (const [what, path, message] of BAD)
      test(`bad query option (${what}) is a Graph 400`, async ({ openMock }) => {
        const mock = await openMock({ contracts });
        const answer = await mock.send('GET', path);
        expect(answer.status).toBe(400);
        expect(errorOf(answer).code).toBe('BadRequest');
        expect(errorOf(answer).message).toContain(message);
        expect(errorOf(answer).innerError['request-id']).toMatch(/^[0-9a-f-]{36}$/);
      });

    test('parameters without $ are ignored, and query strings on writes are not read', async ({ openMock }) => {
      const mock = await seeded(openMock, 1000);
      expect(items(await mock.send('GET', `${POOLS}?foo=bar`))).toHaveLength(5);
      expect((await mock.send('POST', `${POOLS}?$top=abc`, { json: pool('x') })).status).toBe(201);
    });
  });

test('a page size that is not a positive integer is refused with a message naming it', async ({ openMock }) => {
  await expect(openMock({ contracts, pageSize: 0 })).rejects.toThrow(/pageSize must be a positive integer/);
});
