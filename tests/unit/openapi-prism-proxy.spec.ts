/**
 * The OpenAPI export as a third party reads it: Stoplight Prism (pinned, bench/prism.ts) runs as a validating proxy
 * (`prism proxy --errors`) in front of the embedded mock on 127.0.0.1, and a whole pool lifecycle goes through it.
 * Prism checks every request and every answer against the export; the lifecycle must pass with zero violations,
 * and a deviation (a PATCH answered 204, a request breaking the schema) must be caught.
 *
 * Prism is not a project dependency: it is installed on demand under node_modules/.cache/bench-prism (CI installs it
 * first with `npx tsx bench/prism-install.ts`). Without it and without a registry, the test fails under CI and
 * skips with the reason elsewhere.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { runProxyLifecycle, prismViolations } from '../../bench/prism-lifecycle.js';
import { ensurePrism } from '../../bench/prism.js';
import { type RunningServer, startPrismProxy } from '../../bench/servers.js';
import { loadContracts } from '../../contracts/load.js';
import { buildOpenApi } from '../../generators/openapi/document.js';
import { type MockServer, startMockServer } from '../../mocks/http-server.js';

const contracts = loadContracts();
test.describe.configure({ mode: 'serial' });

let dir: string;
let mock: MockServer | null = null;
let prism: RunningServer | null = null;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const install = await ensurePrism();
  if ('skipped' in install) {
    const why = `Prism is needed for this test and could not be installed: ${install.skipped}. Run \`npx tsx bench/prism-install.ts\` with the npm registry reachable.`;
    if (process.env.CI) throw new Error(why);
    test.skip(true, why);
    return;
  }
  dir = mkdtempSync(join(tmpdir(), 'prism-proxy-'));
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(buildOpenApi(contracts)));
  mock = await startMockServer({ port: 0 });
  prism = await startPrismProxy(install.entry, file, mock.url, contracts.operation('listEmbeddedSIMActivationCodePools').path);
});

test.afterAll(async () => {
  await prism?.stop();
  await mock?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a whole pool lifecycle through prism proxy --errors: zero violations', async () => {
  const result = await runProxyLifecycle(prism!.origin, contracts);
  const report = result.steps.map((s) => `${s.step}: ${s.method} ${s.status} (expected ${s.expected}) ${s.violations.join('; ')}`);
  expect(result.steps).toHaveLength(18);
  expect(result.violations, report.join('\n')).toBe(0);
  expect(result.unexpected, report.join('\n')).toBe(0);
  expect(result.steps.map((s) => s.step)).toEqual(expect.arrayContaining(['assign', 'update device state', 'get after delete']));
});

test('the proxy is not blind: an answer and a request that break the export are violations', async () => {
  const pools = contracts.operation('listEmbeddedSIMActivationCodePools').path;
  const auth = { authorization: 'Bearer prism-negative', 'content-type': 'application/json' };
  const created = await fetch(`${prism!.origin}${pools}`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({
      displayName: 'Pool',
      activationCodes: [
        { integratedCircuitCardIdentifier: '8901260000000000001', matchingIdentifier: 'M-1', smdpPlusServerAddress: 'smdp.example.com' },
      ],
    }),
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  // The mock answers this PATCH with 204 and no body, which the export (200 with the pool) does not allow.
  const patch204 = await fetch(`${prism!.origin}${pools}/${id}`, {
    method: 'PATCH',
    headers: { ...auth, 'x-mock-fault': 'patch-204' },
    body: JSON.stringify({ displayName: 'Renamed' }),
  });
  const patchViolations = prismViolations(patch204.headers, await patch204.text());
  expect(patch204.status).toBe(500);
  expect(patchViolations.join('\n')).toMatch(/response/);
  // A request the schema rejects (displayName must be a string) never reaches the mock.
  const badRequest = await fetch(`${prism!.origin}${pools}/${id}`, {
    method: 'PATCH',
    headers: auth,
    body: JSON.stringify({ displayName: 5 }),
  });
  expect(prismViolations(badRequest.headers, await badRequest.text()).join('\n')).toMatch(/displayName/);
  // An undocumented member: unevaluatedProperties is enforced because the export declares the 2020-12 dialect.
  const extra = await fetch(`${prism!.origin}${pools}/${id}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ colour: 'red' }) });
  expect(prismViolations(extra.headers, await extra.text()).join('\n')).toMatch(/unevaluated properties: 'colour'/);
});
