/**
 * Signing in through @azure/identity against a fake Entra (https on 127.0.0.1, self-signed certificate made with
 * openssl, trusted through tlsOptions.ca) and calling a fake Graph: every credential path that can run offline
 * (client secret, certificate, workload identity federation, managed identity, Azure CLI, device code, a token given
 * directly), the scope of each cloud, token renewal mid-run, and the evidence a live exchange carries.
 * Not covered: interactive browser sign-in (it opens a browser and waits for a person at the redirect).
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createPublicKey, verify, constants } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { loadContracts } from '../../contracts/load.js';
import { evidenceOf } from '../../checks/findings.js';
import { createLiveTarget, type LiveTarget } from '../../runner/live/live-target.js';
import { LiveConfigError } from '../../runner/live/errors.js';
import { fakeJwt, makeTestCertificate, startFakeEntra, type FakeEntra } from '../support/fake-entra.js';
import { fakeTiming, startFakeGraph, type FakeGraph } from '../support/fake-graph.js';

const POOLS = '/deviceManagement/embeddedSIMActivationCodePools';
const contracts = loadContracts();

let entra: FakeEntra;
let graph: FakeGraph;
let dir: string;
const targets: LiveTarget[] = [];

test.beforeAll(async () => {
  entra = await startFakeEntra({ tenantId: '0a0b0c0d-1111-4222-8333-444455556666' });
  graph = await startFakeGraph();
});
test.afterAll(async () => {
  await entra.close();
  await graph.close();
});
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'live-auth-'));
  entra.requests.length = 0;
  graph.log.length = 0;
});
test.afterEach(async () => {
  for (const t of targets.splice(0)) await t.close();
  rmSync(dir, { recursive: true, force: true });
});

function env(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { GRAPH_BASE_URL: graph.url, AZURE_AUTHORITY_HOST: entra.url, GRAPH_REPORTS_DIR: dir, GRAPH_RUN_ID: 'auth-test', ...extra };
}

async function live(extra: NodeJS.ProcessEnv, opts: Parameters<typeof createLiveTarget>[1] = {}): Promise<LiveTarget> {
  const t = await createLiveTarget(env(extra), { contracts, authorityCa: entra.caPem, signals: false, writeStats: false, ...opts });
  targets.push(t);
  return t;
}

async function listPools(t: LiveTarget) {
  return t.client.send({
    operation: 'listEmbeddedSIMActivationCodePools',
    caseKind: 'valid',
    caseName: 'list',
    method: 'GET',
    path: POOLS,
  });
}

/** The token the fake Graph saw last. */
const lastToken = (): string | undefined => graph.log.at(-1)?.authorization?.replace(/^Bearer /, '');
const app = { AZURE_TENANT_ID: '0a0b0c0d-1111-4222-8333-444455556666', AZURE_CLIENT_ID: '99999999-aaaa-4bbb-8ccc-dddddddddddd' };

test('client secret: client-credentials grant with the secret, scope of the cloud, the token reaches Graph', async () => {
  const t = await live({ ...app, AZURE_CLIENT_SECRET: 'not-a-real-secret-123' });
  expect((await listPools(t)).response.status).toBe(200);
  const [req] = entra.tokenRequests();
  expect(req?.form).toMatchObject({
    grant_type: 'client_credentials',
    client_id: app.AZURE_CLIENT_ID,
    client_secret: 'not-a-real-secret-123',
    scope: 'https://graph.microsoft.com/.default',
  });
  expect(req?.path).toBe(`/${app.AZURE_TENANT_ID}/oauth2/v2.0/token`);
  expect(entra.issued).toContain(lastToken());
  expect(t.authMode).toBe('env');
  expect(t.info).toEqual({ name: 'live', baseUrl: graph.url, cloud: 'global', tenantId: entra.tenantId });
});

test('certificate: a client assertion signed with the certificate key', async () => {
  const cert = makeTestCertificate('conformance-client');
  try {
    const t = await live({ ...app, AZURE_CLIENT_CERTIFICATE_PATH: cert.combinedFile });
    expect((await listPools(t)).response.status).toBe(200);
    const form = entra.tokenRequests()[0]?.form ?? {};
    expect(form.client_assertion_type).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(form.client_secret).toBeUndefined();
    const [h, p, s] = String(form.client_assertion).split('.') as [string, string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg: string };
    const key = createPublicKey(cert.certPem);
    const data = Buffer.from(`${h}.${p}`);
    const sig = Buffer.from(s, 'base64url');
    const ok =
      header.alg === 'PS256'
        ? verify('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, sig)
        : verify('sha256', data, key, sig);
    expect(ok, `assertion (${header.alg}) verifies with the certificate's public key`).toBe(true);
    expect(JSON.parse(Buffer.from(p, 'base64url').toString())).toMatchObject({ iss: app.AZURE_CLIENT_ID, sub: app.AZURE_CLIENT_ID });
    expect(entra.issued).toContain(lastToken());
  } finally {
    cert.remove();
  }
});

test('workload identity federation: the federated token file is the client assertion', async () => {
  const file = join(dir, 'federated-token');
  const federated = fakeJwt({ iss: 'https://token.actions.githubusercontent.com', sub: 'repo:contoso/esim:ref:refs/heads/main' });
  writeFileSync(file, federated);
  const t = await live({ ...app, AZURE_FEDERATED_TOKEN_FILE: file });
  expect(t.authMode).toBe('workload');
  expect((await listPools(t)).response.status).toBe(200);
  expect(entra.tokenRequests()[0]?.form).toMatchObject({
    grant_type: 'client_credentials',
    client_assertion: federated,
    client_id: app.AZURE_CLIENT_ID,
  });
});

test('managed identity (App Service endpoint): resource of the cloud, the identity header sent', async () => {
  const saved = { IDENTITY_ENDPOINT: process.env.IDENTITY_ENDPOINT, IDENTITY_HEADER: process.env.IDENTITY_HEADER };
  // MSAL finds the managed-identity source in the process environment only.
  process.env.IDENTITY_ENDPOINT = `${entra.url}/msi/token`;
  process.env.IDENTITY_HEADER = entra.identityHeader;
  try {
    const t = await live({ GRAPH_AUTH: 'managed', GRAPH_CLOUD: 'usgov' });
    expect((await listPools(t)).response.status).toBe(200);
    const req = entra.tokenRequests()[0];
    expect(req?.path).toBe('/msi/token');
    expect(req?.form.resource).toBe('https://graph.microsoft.us');
    expect(entra.issued).toContain(lastToken());
    expect(t.info.cloud).toBe('usgov');
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
});

test('Azure CLI: `az account get-access-token` for the Graph resource (a stand-in az on PATH)', async () => {
  const bin = join(dir, 'bin');
  const argsFile = join(dir, 'az-args');
  const token = fakeJwt({
    tid: 'cccccccc-0000-4000-8000-000000000001',
    scp: 'DeviceManagementConfiguration.Read.All',
    exp: Math.floor(Date.now() / 1000) + 3600,
  });
  const expiresOn = Math.floor(Date.now() / 1000) + 3600;
  writeFileSync(
    join(dir, 'az-out.json'),
    JSON.stringify({ accessToken: token, expiresOn: new Date(expiresOn * 1000).toISOString(), expires_on: expiresOn, tokenType: 'Bearer' }),
  );
  mkdirSync(bin);
  writeFileSync(join(bin, 'az'), `#!/bin/sh\necho "$@" > '${argsFile}'\ncat '${join(dir, 'az-out.json')}'\n`);
  chmodSync(join(bin, 'az'), 0o755);
  const savedPath = process.env.PATH;
  process.env.PATH = `${bin}:${savedPath ?? ''}`;
  try {
    const t = await live({ GRAPH_AUTH: 'cli', GRAPH_CLOUD: 'china', GRAPH_BASE_URL: graph.url });
    expect(readFileSync(argsFile, 'utf8')).toContain(
      'account get-access-token --output json --resource https://microsoftgraph.chinacloudapi.cn',
    );
    expect((await listPools(t)).response.status).toBe(200);
    expect(lastToken()).toBe(token);
    expect(t.info.tenantId).toBe('cccccccc-0000-4000-8000-000000000001');
  } finally {
    process.env.PATH = savedPath;
  }
});

test('device code (delegated): the sign-in instructions are shown, the device-code grant gets the token', async () => {
  const lines: string[] = [];
  const t = await live(
    { GRAPH_AUTH: 'devicecode', AZURE_CLIENT_ID: app.AZURE_CLIENT_ID, AZURE_TENANT_ID: app.AZURE_TENANT_ID },
    { log: (l) => lines.push(l) },
  );
  expect(lines.join('\n')).toContain('enter the code FAKE-CODE');
  expect(entra.requests.map((r) => r.path)).toContain(`/${app.AZURE_TENANT_ID}/oauth2/v2.0/devicecode`);
  expect(entra.tokenRequests()[0]?.form.grant_type).toMatch(/device_code$/);
  expect((await listPools(t)).response.status).toBe(200);
  expect(t.authMode).toBe('devicecode');
});

test('a token given directly is sent as is; nothing asks Entra', async () => {
  const token = fakeJwt({
    tid: 'dddddddd-0000-4000-8000-000000000002',
    roles: ['DeviceManagementConfiguration.ReadWrite.All'],
    exp: Math.floor(Date.now() / 1000) + 3600,
  });
  const t = await live({ GRAPH_ACCESS_TOKEN: token });
  expect((await listPools(t)).response.status).toBe(200);
  expect(lastToken()).toBe(token);
  expect(entra.requests).toEqual([]);
  expect(t.info.tenantId).toBe('dddddddd-0000-4000-8000-000000000002');
});

test('an expired token given directly fails before anything is sent, saying how to get one that renews', async () => {
  const token = fakeJwt({ tid: 't', exp: Math.floor(Date.now() / 1000) - 60 });
  await expect(live({ GRAPH_ACCESS_TOKEN: token })).rejects.toThrow(
    /GRAPH_ACCESS_TOKEN expired at .*cannot be renewed.*GRAPH_AUTH=env\|workload/,
  );
  expect(graph.log).toEqual([]);
});

test('a refused secret fails at start with what Entra said, naming the authority; Graph hears nothing; the secret is not repeated', async () => {
  const e = await live({ ...app, AZURE_CLIENT_SECRET: 'wrong-secret-value-42' }).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(LiveConfigError);
  const message = String((e as Error).message);
  expect(message).toContain('AADSTS7000215');
  expect(message).toContain(`Authority: ${entra.url}`);
  expect(message).not.toContain('wrong-secret-value-42');
  expect(graph.log).toEqual([]);
});

test('a token that expires mid-run is renewed before it is sent again', async () => {
  const shortLived = await startFakeEntra({ lifetimeSec: 60 });
  try {
    const timing = fakeTiming(Date.now());
    const t = await createLiveTarget(env({ ...app, AZURE_CLIENT_SECRET: 'not-a-real-secret-123', AZURE_AUTHORITY_HOST: shortLived.url }), {
      contracts,
      authorityCa: shortLived.caPem,
      signals: false,
      writeStats: false,
      timing,
    });
    targets.push(t);
    await listPools(t);
    const first = lastToken();
    await listPools(t);
    expect(lastToken(), 'still fresh: the cached token').toBe(first);
    timing.advance(10 * 60_000);
    await listPools(t);
    expect(lastToken(), 'after its expiry: a new token').not.toBe(first);
    expect(shortLived.issued).toHaveLength(2);
    expect(t.tokens.acquired).toBe(2);
  } finally {
    await shortLived.close();
  }
});

test('a token the service calls expired is dropped, a fresh one asked for, and the request sent again', async () => {
  const shortLived = await startFakeEntra({ lifetimeSec: 60 });
  const strict = await startFakeGraph({
    checkToken: (tok) => (tok === shortLived.issued[0] ? 'Lifetime validation failed, the token is expired.' : null),
  });
  try {
    const t = await createLiveTarget(
      env({ ...app, AZURE_CLIENT_SECRET: 'not-a-real-secret-123', AZURE_AUTHORITY_HOST: shortLived.url, GRAPH_BASE_URL: strict.url }),
      { contracts, authorityCa: shortLived.caPem, signals: false, writeStats: false },
    );
    targets.push(t);
    const ex = await listPools(t);
    expect(ex.response.status).toBe(200);
    expect(strict.log.map((l) => l.authorization)).toEqual([`Bearer ${shortLived.issued[0]}`, `Bearer ${shortLived.issued[1]}`]);
  } finally {
    await strict.close();
    await shortLived.close();
  }
});

test('evidence: request-id, a fresh client-request-id per request, date, cloud and tenant id', async () => {
  const t = await live({ ...app, AZURE_CLIENT_SECRET: 'not-a-real-secret-123' });
  const a = await listPools(t);
  const b = await listPools(t);
  const ev = evidenceOf(a);
  expect(ev.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(ev.clientRequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(ev.clientRequestId).toBe(graph.log[0]?.clientRequestId);
  expect(evidenceOf(b).clientRequestId).not.toBe(ev.clientRequestId);
  expect(ev.date).not.toBeNull();
  expect(ev).toMatchObject({ target: 'live', cloud: 'global', tenantId: entra.tenantId });
});
