/**
 * The embedded mock against the query checks: walks with each option (and several together) over pages of two give
 * no finding from any registered check; and documented_property_missing leaves $select answers to query_select.
 */
import { expect, test } from '@playwright/test';
import { CHECKS, checkByName } from '../../checks/registry.js';
import { loadContracts } from '../../contracts/load.js';
import { formatFindings } from '../../checks/format-finding.js';
import { walkQuery } from '../../runner/query-walk.js';
import { startMockTarget, type Target } from '../../runner/target.js';
import { buildExchange, context, pool } from '../support/exchange-builder.js';

const contracts = loadContracts();
const POOLS = '/deviceManagement/embeddedSIMActivationCodePools';
const NAMES = ['Delta', 'alpha', 'Charlie', 'bravo', 'Echo'];
let target: Target;
const ids: string[] = [];

test.beforeAll(async () => {
  target = await startMockTarget({ mock: { pageSize: 2 }, tenant: 'checks-query' });
  for (const displayName of NAMES) {
    const made = await target.client.send({
      operation: 'createEmbeddedSIMActivationCodePool',
      caseKind: 'valid',
      caseName: 'setup',
      method: 'POST',
      path: POOLS,
      body: {
        displayName,
        activationCodes: [
          { integratedCircuitCardIdentifier: '8901260000000000001', matchingIdentifier: 'M', smdpPlusServerAddress: 'smdp.example.com' },
        ],
      },
    });
    ids.push(String((made.response.body as { id: string }).id));
  }
});
test.afterAll(async () => target.close());

/** Query, and how many pools its walk must deliver (pages of 2, or of $top). */
const QUERIES: [string, number][] = [
  ['', 5],
  ['?$top=3', 5],
  ['?$count=true', 5],
  ['?$select=displayName,createdDateTime', 5],
  [`?$filter=${encodeURIComponent("startswith(displayName,'e')")}`, 1],
  [`?$filter=${encodeURIComponent("displayName eq 'ALPHA'")}`, 1],
  ['?$orderby=displayName%20desc&$count=true', 5],
  ['?$orderby=createdDateTime', 5],
  [`?$select=displayName&$orderby=displayName&$top=1&$count=true&$filter=${encodeURIComponent("displayName ne 'x'")}`, 5],
];

for (const [q, count] of QUERIES)
  test(`the mock's walk of ${q || '(no options)'} gives no finding from any check`, async () => {
    const walk = await walkQuery(
      { client: target.client, contracts, checks: [...CHECKS] },
      contracts.operation('listEmbeddedSIMActivationCodePools'),
      `${POOLS}${q}`,
      {
        name: q,
      },
    );
    const findings = walk.results.flatMap((r) => r.findings);
    expect(findings, formatFindings(findings)).toEqual([]);
    expect(walk.stopped).toBeNull();
    expect(walk.items).toHaveLength(count);
  });

test("the mock's get with $select gives no finding from any check", async () => {
  const op = contracts.operation('getEmbeddedSIMActivationCodePool');
  const walk = await walkQuery({ client: target.client, contracts, checks: [...CHECKS] }, op, `${POOLS}/${ids[0]}?$select=displayName`, {
    name: 'select',
  });
  expect(walk.exchanges[0]?.response.status).toBe(200);
  expect(walk.results.flatMap((r) => r.findings)).toEqual([]);
});

test('documented_property_missing: quiet on a $select answer, firing on the same answer without $select', () => {
  const check = checkByName('documented_property_missing');
  const body = pool();
  delete body.createdDateTime;
  const url = `http://127.0.0.1:4010/beta${POOLS}/5b1f4a52-3c7e-4d0a-9b8e-0c2d6f1e7a10`;
  const op = contracts.operation('getEmbeddedSIMActivationCodePool');
  const selected = buildExchange(op.id, {
    request: { url: `${url}?$select=id,displayName,modifiedDateTime,activationCodeCount` },
    response: { status: 200, body },
  });
  const plain = buildExchange(op.id, { request: { url }, response: { status: 200, body } });
  expect(check.run(selected, op, context())).toEqual([]);
  expect(check.run(plain, op, context()).map((d) => d.pointer)).toEqual(['/createdDateTime']);
});
