/**
 * The paging walk (runner/query-walk.ts) and the query checks over real HTTP, against a fake list server that pages
 * correctly or gets one thing wrong: a repeated item, a dropped item, $select ignored, a nextLink to another host
 * (which the walk must not follow: the token would go with it).
 */
import { expect, test } from '@playwright/test';
import { CHECKS } from '../../checks/registry.js';
import { loadContracts } from '../../contracts/load.js';
import { GraphClient } from '../../runner/graph-client.js';
import { walkQuery } from '../../runner/query-walk.js';
import { FAKE_POOLS_PATH, startFakePagingGraph, type PagingMode } from '../support/fake-paging-graph.js';

const contracts = loadContracts();
const list = contracts.operation('listEmbeddedSIMActivationCodePools');
const TOKEN = 'walk-token-0c1d';

async function walkOn(mode: PagingMode, query: string) {
  const fake = await startFakePagingGraph(mode);
  try {
    const client = new GraphClient({ name: 'live', baseUrl: fake.url, cloud: null, tenantId: null }, async () => TOKEN);
    const walk = await walkQuery({ client, contracts, checks: [...CHECKS] }, list, `${FAKE_POOLS_PATH}${query}`, {
      name: `${mode} ${query}`,
    });
    const findings = walk.results.flatMap((r) => r.findings).map((f) => `${f.check} ${f.pointer}`);
    return { walk, findings, requests: [...fake.requests] };
  } finally {
    await fake.close();
  }
}

test('a server that pages correctly: five pools over three pages, no finding', async () => {
  const { walk, findings } = await walkOn('correct', '?$count=true');
  expect(walk.exchanges).toHaveLength(3);
  expect(walk.items.map((i) => i.displayName)).toEqual(['Pool 1', 'Pool 2', 'Pool 3', 'Pool 4', 'Pool 5']);
  expect(walk.stopped).toBeNull();
  expect(findings).toEqual([]);
});

test('a server that repeats an item across pages: paging_complete reports the repeat', async () => {
  const { findings } = await walkOn('repeat', '');
  expect(findings).toEqual(['paging_complete /value/0/id', 'paging_complete /value/0/id']);
});

test('a server that drops an item between pages: paging_complete reports the loss against @odata.count', async () => {
  const { walk, findings } = await walkOn('drop', '?$count=true');
  expect(walk.items).toHaveLength(4);
  expect(findings).toEqual(['paging_complete /value']);
});

test('a server that ignores $select: query_select reports every unselected property on every page', async () => {
  const { walk, findings } = await walkOn('ignore-select', '?$select=displayName');
  expect(walk.exchanges).toHaveLength(3);
  // One finding per property and page: the items of a page alike are one finding ("and 1 more place alike").
  const props = ['id', 'createdDateTime', 'modifiedDateTime', 'activationCodeCount'];
  expect([...findings].sort()).toEqual(props.flatMap((p) => [0, 1, 2].map(() => `query_select /value/0/${p}`)).sort());
});

test('a nextLink to another host is reported and not followed: the token stays with the target', async () => {
  const { walk, findings, requests } = await walkOn('off-host', '');
  expect(walk.exchanges).toHaveLength(1);
  expect(walk.stopped).toMatch(/leaves the target/);
  expect(findings).toEqual(['paging_complete /@odata.nextLink']);
  expect(requests.map((r) => new URL(r.url).host)).toEqual([new URL(walk.exchanges[0]?.request.url ?? '').host]);
});
