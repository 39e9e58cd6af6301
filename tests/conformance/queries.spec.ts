/**
 * OData query options and server-driven paging against the target, on six objects made once (two pools, two of
 * each child collection of the first), reused by every step and deleted at the end by the tracker.
 *
 * - Every get whose contract lists query options: `$select` of one documented property (query_select).
 * - Every list: walks over @odata.nextLink with `$top=1` (pages forced on any server), server-driven pages (the mock
 *   here serves one item a page), `$count`, and on pools `$filter` (eq, startswith), `$orderby` (asc, desc, on
 *   displayName and createdDateTime) and `$select`. The list pages in the docs name no query options (their
 *   contracts' queryOptions is null): these steps test Graph's OData protocol, and each says so in an annotation.
 * - Bad options (`$foo`, `$top=-1`, `$top=abc`, a made-up `$skiptoken`, `$select` of an unknown property) must be
 *   rejected with 4xx (negative_rejected).
 *
 * Every page goes through every selected check (the query checks see the walk's earlier pages); the test fails on
 * any finding, and on what a walk must show: every object made, once.
 */
import type { OperationContract } from '../../contracts/model.js';
import type { CaseResult } from '../../runner/execute.js';
import { expect, test } from '../../runner/fixtures.js';
import { skipOnRefusal } from '../../runner/live/refusal-skip.js';
import { makeQueryObjects, type QueryObjects } from '../../runner/query-objects.js';
import { walkQuery, type WalkEnv } from '../../runner/query-walk.js';
import { fillPath } from '../../runner/resources.js';
import { expectNoNewFindings } from '../../runner/report-findings.js';

// Against the mock, one item a page: paging is tested with two objects, not thousands. Live servers keep theirs.
test.use({ mockOptions: { ...(process.env.MOCK_FAULTS ? { faults: process.env.MOCK_FAULTS } : {}), pageSize: 1 } });

const q = (options: Record<string, string>): string =>
  `?${Object.entries(options)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')}`;

/** A documented, readable property of the operation's resource other than id, to $select. */
function selectable(op: OperationContract, schemas: Map<string, Record<string, unknown>>): string | null {
  const schema = schemas.get(op.resource);
  const props = ((schema?.$defs as { base?: { properties?: Record<string, { writeOnly?: boolean }> } } | undefined)?.base?.properties ??
    (schema?.properties as Record<string, { writeOnly?: boolean }> | undefined) ??
    {}) as Record<string, { writeOnly?: boolean }>;
  return Object.entries(props).find(([name, s]) => name !== 'id' && !name.includes('@') && s.writeOnly !== true)?.[0] ?? null;
}

test('OData query options and server-driven paging', async ({
  target,
  contracts,
  checks,
  payloads,
  settings,
  tracker,
  targetName,
}, testInfo) => {
  const createPool = contracts.operation('createEmbeddedSIMActivationCodePool');
  const gap = target.permissionGap?.(createPool) ?? null;
  test.skip(gap !== null, gap ?? '');
  const env: WalkEnv = { client: target.client, contracts, checks };
  const results: CaseResult[] = [];
  const objects: QueryObjects = await skipOnRefusal(
    () => makeQueryObjects({ client: target.client, contracts, payloads, tracker, seed: settings.seed, tag: target.tag ?? '' }),
    (reason) => test.skip(true, reason),
  );
  const poolIds = objects.pools.map((p) => p.id);
  const ids = (items: Record<string, unknown>[]): string[] => items.map((i) => String(i.id));
  const names = (items: Record<string, unknown>[]): string[] => items.map((i) => String(i.displayName));

  async function walk(op: OperationContract, path: string, name: string) {
    const w = await walkQuery(env, op, path, { name });
    results.push(...w.results);
    expect.soft(w.stopped, `${name}: the walk ended on a page without nextLink`).toBeNull();
    expect.soft(w.exchanges[0]?.response.status, `${name}: first page status`).toBe(200);
    return w;
  }

  for (const op of contracts.operations.filter((o) => o.kind === 'get' && (o.queryOptions?.options ?? []).includes('$select'))) {
    await test.step(`${op.id}: $select (documented: ${op.queryOptions?.source})`, async () => {
      const property = selectable(op, contracts.schemas);
      test.skip(property === null, `${op.resource} documents no readable property besides id`);
      const params = { ...objects.poolParams };
      const child = [...objects.children.entries()].find(
        ([listId]) => contracts.operation(listId).path === op.path.slice(0, op.path.lastIndexOf('/')),
      );
      const last = op.pathParameters[op.pathParameters.length - 1] as string;
      if (child) params[last] = child[1][0] as string;
      const w = await walk(op, `${fillPath(op.path, params)}${q({ $select: String(property) })}`, `${op.id} $select=${property}`);
      expect.soft(Object.keys((w.exchanges[0]?.response.body ?? {}) as object)).toContain(String(property));
    });
  }

  const pools = contracts.operation('listEmbeddedSIMActivationCodePools');
  const mine = `startswith(displayName,'${objects.prefix.replace(/'/g, "''")}')`;
  testInfo.annotations.push({
    type: 'protocol',
    description:
      'the list pages document no query options (contracts queryOptions: null); list steps test Graph OData paging and system query options',
  });
  await test.step('pools: $filter startswith, server-driven pages, every pool once', async () => {
    const w = await walk(pools, `${pools.path}${q({ $filter: mine })}`, 'pools $filter startswith');
    expect.soft(ids(w.items).sort()).toEqual([...poolIds].sort());
  });
  await test.step('pools: $top=1 with $count=true pages through every pool once', async () => {
    const w = await walk(pools, `${pools.path}${q({ $filter: mine, $top: '1', $count: 'true' })}`, 'pools $top=1 $count');
    expect.soft(w.exchanges.length, 'pages for two pools at $top=1').toBe(2);
    expect.soft(ids(w.items).sort()).toEqual([...poolIds].sort());
    expect.soft((w.exchanges[0]?.response.body as { '@odata.count'?: unknown })['@odata.count']).toBe(2);
  });
  await test.step("pools: $filter displayName eq '<b>' finds exactly that pool", async () => {
    const b = objects.pools[1] as { id: string; name: string };
    const w = await walk(pools, `${pools.path}${q({ $filter: `displayName eq '${b.name.replace(/'/g, "''")}'` })}`, 'pools $filter eq');
    expect.soft(ids(w.items)).toEqual([b.id]);
  });
  for (const [orderby, expected] of [
    ['displayName desc', ['b', 'a']],
    ['displayName asc', ['a', 'b']],
    ['createdDateTime desc', ['b', 'a']],
  ] as const) {
    await test.step(`pools: $orderby=${orderby} (across pages of $top=1)`, async () => {
      const w = await walk(pools, `${pools.path}${q({ $filter: mine, $orderby: orderby, $top: '1' })}`, `pools $orderby=${orderby}`);
      expect.soft(names(w.items)).toEqual(expected.map((s) => `${objects.prefix}${s}`));
    });
  }
  await test.step('pools: $select=displayName over pages', async () => {
    await walk(pools, `${pools.path}${q({ $filter: mine, $select: 'displayName', $top: '1' })}`, 'pools $select');
  });

  for (const [listId, made] of objects.children) {
    const op = contracts.operation(listId);
    await test.step(`${listId}: $top=1 with $count=true, and server-driven pages, every object once`, async () => {
      const path = fillPath(op.path, objects.poolParams);
      for (const options of [{ $top: '1', $count: 'true' }, {}] as Record<string, string>[]) {
        const w = await walk(op, `${path}${Object.keys(options).length ? q(options) : ''}`, `${listId} ${JSON.stringify(options)}`);
        expect.soft(ids(w.items).sort(), `${listId} ${JSON.stringify(options)}`).toEqual([...made].sort());
      }
    });
  }

  await test.step('bad query options are rejected with 4xx', async () => {
    const get = contracts.operation('getEmbeddedSIMActivationCodePool');
    const onePool = fillPath(get.path, objects.poolParams);
    for (const [op, path] of [
      [pools, `${pools.path}?$foo=1`],
      [pools, `${pools.path}?$top=-1`],
      [pools, `${pools.path}?$top=abc`],
      [pools, `${pools.path}?$top=1&$skiptoken=not-a-token`],
      [get, `${onePool}?$select=noSuchProperty`],
    ] as const) {
      const w = await walkQuery(env, op, path, { name: `bad query ${path.slice(path.indexOf('?'))}`, kind: 'invalid' });
      results.push(
        ...w.results.map((r) => ({
          ...r,
          exchanges: r.exchanges.map((e) => ({ ...e, mutation: { rule: 'query option', pointer: path.slice(path.indexOf('?')) } })),
        })),
      );
      expect.soft(w.exchanges[0]?.response.status, path).toBeGreaterThanOrEqual(400);
      expect.soft(w.exchanges[0]?.response.status, path).toBeLessThan(500);
    }
  });

  await expectNoNewFindings(testInfo, results, { live: targetName === 'live', checks });
});
