/**
 * The live preflight through `npm run conformance -- --project=live` (runner/conformance-cli.ts) against fakes on
 * 127.0.0.1. A run that cannot test stops with one line naming the setting to fix, exit 2, reports with verdict
 * error, and nothing sent beyond the one preflight request; a typo host or a v1.0 URL is refused before any token is
 * asked for. A run that can test signs in once, however many workers Playwright restarts.
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { reportSchemaErrors } from '../../reporting/validate-report.js';
import { startMockServer } from '../../mocks/index.js';
import { cleanLiveEnv, runChild, type ChildResult } from '../support/child-run.js';
import { startFakeEntra, type FakeEntra } from '../support/fake-entra.js';
import { startFakeGraph } from '../support/fake-graph.js';
import { REPO_ROOT } from '../support/shared.js';

const TOKEN = 'preflight-planted-token-7c1e';

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'live-preflight-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

function conformance(extra: NodeJS.ProcessEnv, args: string[] = []): Promise<ChildResult> {
  return runChild(process.execPath, ['--import', 'tsx', 'runner/conformance-cli.ts', '--project=live', ...args], {
    cwd: REPO_ROOT,
    env: cleanLiveEnv({ REPORTS_DIR: join(dir, 'reports'), GITHUB_STEP_SUMMARY: '', ...extra }),
    limitMs: 170_000,
  });
}

/** The one line a stopped run prints, and what it wrote: exit 2, verdict error everywhere, no token anywhere. */
function expectStopped(run: ChildResult, mentions: RegExp): string {
  const out = `${run.stdout}${run.stderr}`;
  const lines = out.split('\n').filter((l) => l.trim() !== '');
  expect(run.killed, out).toBe(false);
  expect(run.status, out).toBe(2);
  expect(lines, out).toHaveLength(1);
  expect(lines[0]).toMatch(/^live preflight failed: .*Nothing else was sent; no test ran\.$/);
  expect(lines[0]).toMatch(mentions);
  expect(out).not.toContain(TOKEN);
  const drift = JSON.parse(readFileSync(join(dir, 'reports', 'drift.json'), 'utf8'));
  expect(reportSchemaErrors(drift)).toEqual([]);
  expect(drift.run).toMatchObject({ verdict: 'error', target: 'live', tests: { total: 0 } });
  expect(drift.run.verdictReasons).toEqual([lines[0]]);
  expect(readFileSync(join(dir, 'reports', 'drift.md'), 'utf8')).toMatch(/^## 🛑 Error: the run could not test/);
  expect(readFileSync(join(dir, 'reports', 'drift.html'), 'utf8')).toContain('<div class="verdict error"');
  return lines[0] as string;
}

function filesUnder(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** Accepts connections and never answers (a stalled server); counts the connections. */
async function stallingServer(): Promise<{ url: string; connections: () => number; close(): Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((s) => void sockets.push(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/beta`,
    connections: () => sockets.length,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

test('a closed port: one line naming GRAPH_BASE_URL, exit 2, verdict error', async () => {
  const port = await closedPort();
  const line = expectStopped(
    await conformance({ GRAPH_BASE_URL: `http://127.0.0.1:${port}/beta`, GRAPH_ACCESS_TOKEN: TOKEN }),
    /GRAPH_BASE_URL/,
  );
  expect(line).toContain(`nothing listens at http://127.0.0.1:${port} (connection refused)`);
});

test('a Graph-like server answering 401 to everything: the token is refused, one request seen', async () => {
  const graph = await startFakeGraph({ checkToken: () => 'Access token validation failure. Invalid audience.' });
  try {
    const line = expectStopped(await conformance({ GRAPH_BASE_URL: graph.url, GRAPH_ACCESS_TOKEN: TOKEN }), /Check GRAPH_ACCESS_TOKEN/);
    expect(line).toContain('answered 401 InvalidAuthenticationToken: Access token validation failure. Invalid audience., request-id ');
    expect(graph.log.map((l) => `${l.method} ${l.path}`)).toEqual(['GET /deviceManagement/embeddedSIMActivationCodePools?$top=1']);
  } finally {
    await graph.close();
  }
});

test('a server answering 404 on its root: no such route, GRAPH_BASE_URL named, one request seen', async () => {
  // A Graph-like server whose every path is unknown (a base URL that is not the version root looks like this).
  const seen: string[] = [];
  const server = createHttpServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(404, { 'content-type': 'application/json', 'request-id': '0f0f0f0f-0000-4000-8000-000000000404' });
    res.end(JSON.stringify({ error: { code: 'BadRequest', message: 'Resource not found for the segment' } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  try {
    const run = await conformance({ GRAPH_BASE_URL: `http://127.0.0.1:${port}/beta`, GRAPH_ACCESS_TOKEN: TOKEN });
    const line = expectStopped(run, /GRAPH_BASE_URL must be the Graph beta root/);
    expect(line).toContain('answered 404 BadRequest: Resource not found for the segment, request-id 0f0f0f0f-0000-4000-8000-000000000404');
    expect(seen).toEqual(['GET /beta/deviceManagement/embeddedSIMActivationCodePools?$top=1']);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});

test('a server that never answers: stopped after GRAPH_PREFLIGHT_TIMEOUT_MS, GRAPH_BASE_URL named', async () => {
  const stall = await stallingServer();
  try {
    const line = expectStopped(
      await conformance({ GRAPH_BASE_URL: stall.url, GRAPH_ACCESS_TOKEN: TOKEN, GRAPH_PREFLIGHT_TIMEOUT_MS: '1500' }),
      /did not answer within 1\.5 s: check GRAPH_BASE_URL/,
    );
    expect(line).toContain('GRAPH_PREFLIGHT_TIMEOUT_MS sets the wait');
    expect(stall.connections()).toBe(1);
  } finally {
    await stall.close();
  }
});

test('a read-only run skips its writes: verdict incomplete everywhere, exit 1', async () => {
  test.setTimeout(150_000);
  const graph = await startMockServer({ port: 0 });
  try {
    const run = await conformance({ GRAPH_BASE_URL: graph.url, GRAPH_ACCESS_TOKEN: TOKEN, GRAPH_READ_ONLY: '1' }, [
      '--grep',
      'createEmbeddedSIMActivationCodePool |listEmbeddedSIMActivationCodePools ',
      `--output=${join(dir, 'test-results')}`,
    ]);
    const out = `${run.stdout}\n${run.stderr}`;
    expect(run.status, out.slice(-3000)).toBe(1);
    expect(out).toContain('drift: incomplete, 0 new');
    const drift = JSON.parse(readFileSync(join(dir, 'reports', 'drift.json'), 'utf8'));
    expect(reportSchemaErrors(drift)).toEqual([]);
    expect(drift.run.verdict).toBe('incomplete');
    expect(drift.run.verdictReasons[0]).toMatch(/^\d+ tests? skipped: read-only mode \(GRAPH_READ_ONLY=1\)/);
    expect(readFileSync(join(dir, 'reports', 'drift.md'), 'utf8')).toMatch(/^## ⚠️ Incomplete: not everything ran/);
    expect(readFileSync(join(dir, 'reports', 'drift.html'), 'utf8')).toContain('<div class="verdict incomplete"');
  } finally {
    await graph.close();
  }
});

test('a token refused after the preflight: a setup fault, verdict error, and drift:accept refuses the run', async () => {
  test.setTimeout(150_000);
  let calls = 0;
  // The preflight's request goes through; from then on the tenant refuses the token (revoked mid-run).
  const graph = await startFakeGraph({ checkToken: () => (++calls > 1 ? 'Access token has been revoked.' : null) });
  try {
    const run = await conformance({ GRAPH_BASE_URL: graph.url, GRAPH_ACCESS_TOKEN: TOKEN }, [
      '--grep',
      'createEmbeddedSIMActivationCodePool |listEmbeddedSIMActivationCodePools ',
      `--output=${join(dir, 'test-results')}`,
    ]);
    const out = `${run.stdout}\n${run.stderr}`;
    expect(run.status, out.slice(-3000)).toBe(1);
    const drift = JSON.parse(readFileSync(join(dir, 'reports', 'drift.json'), 'utf8'));
    expect(reportSchemaErrors(drift)).toEqual([]);
    expect(drift.run.verdict).toBe('error');
    expect(drift.run.setupFault).toMatchObject({ kind: 'auth', sample: { status: 401 } });
    expect(drift.run.setupFault.message).toContain('the token is refused (check AZURE_TENANT_ID');
    expect(drift.run.setupFault.sample.excerpt).toContain('Access token has been revoked.');
    expect(drift.run.setupFault.sample.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const md = readFileSync(join(dir, 'reports', 'drift.md'), 'utf8');
    expect(md).toMatch(/^## 🛑 Error: the run could not test/);
    expect(md).toContain('**Setup fault (auth)**');
    const accept = await runChild(
      process.execPath,
      [
        '--import',
        'tsx',
        'reporting/accept-cli.ts',
        '--report',
        join(dir, 'reports', 'drift.json'),
        '--ledger',
        join(dir, 'ledger.json'),
        '--note',
        'x',
      ],
      { cwd: REPO_ROOT, env: cleanLiveEnv({}) },
    );
    expect(accept.status).toBe(2);
    expect(accept.stderr).toContain("the run's verdict is error (setup fault: every one of");
    expect(out).not.toContain(TOKEN);
  } finally {
    await graph.close();
  }
});

test.describe('with a sign-in', () => {
  let entra: FakeEntra;
  test.beforeAll(async () => {
    entra = await startFakeEntra();
  });
  test.afterAll(async () => {
    await entra.close();
  });
  test.beforeEach(() => {
    entra.requests.length = 0;
  });

  const app = (graphUrl: string, secret = 'a-client-secret-value-1'): NodeJS.ProcessEnv => ({
    GRAPH_BASE_URL: graphUrl,
    AZURE_AUTHORITY_HOST: entra.url,
    NODE_EXTRA_CA_CERTS: entra.caFile,
    AZURE_TENANT_ID: entra.tenantId,
    AZURE_CLIENT_ID: '0d5b2c1a-0000-4000-8000-00000000c11e',
    AZURE_CLIENT_SECRET: secret,
  });

  test('a typo host and a v1.0 URL are refused before any token is asked for', async () => {
    const typo = expectStopped(await conformance(app('https://graph.microsoft.con/beta')), /GRAPH_ALLOW_HOST=graph\.microsoft\.con/);
    expect(typo).toContain('host "graph.microsoft.con" is not the Graph host of any cloud');
    const v1 = expectStopped(await conformance(app('https://graph.microsoft.com/v1.0')), /API version v1\.0; this suite tests beta only/);
    expect(v1).toContain('Use https://graph.microsoft.com/beta');
    expect(entra.requests).toEqual([]);
  });

  test('TLS that fails (a private CA not trusted): NODE_EXTRA_CA_CERTS named', async () => {
    // The fake Entra's https server stands in for a Graph endpoint behind a private CA; its CA is not given.
    const line = expectStopped(
      await conformance({ GRAPH_BASE_URL: `${entra.url}/beta`, GRAPH_ACCESS_TOKEN: TOKEN }),
      /TLS with https:\/\/127\.0\.0\.1:\d+ failed \(.+\): check GRAPH_BASE_URL; for a private CA set NODE_EXTRA_CA_CERTS/,
    );
    expect(line).not.toContain(TOKEN);
    expect(entra.requests).toEqual([]); // the handshake failed: no request reached it
  });

  test('a wrong client secret: the sign-in fails, AZURE_CLIENT_SECRET named, Graph never contacted', async () => {
    const graph = await startFakeGraph();
    try {
      const line = expectStopped(await conformance(app(graph.url, 'wrong-secret-value-42')), /AZURE_CLIENT_SECRET/);
      expect(line).toContain(`sign-in failed at ${entra.url}`);
      expect(line).not.toContain('wrong-secret-value-42');
      expect(graph.log).toEqual([]);
      expect(entra.tokenRequests()).toHaveLength(1);
    } finally {
      await graph.close();
    }
  });

  test('a run that can test signs in once, though failing tests restart the worker', async () => {
    test.setTimeout(150_000);
    // PATCH answered 204: the update tests fail (new drift), so Playwright restarts the worker after each.
    const graph = await startMockServer({ port: 0, faults: 'patch-204' });
    try {
      const run = await conformance(app(graph.url), [
        '--grep',
        'updateEmbeddedSIMActivationCodePool |getEmbeddedSIMActivationCodePool |pool lifecycle',
        `--output=${join(dir, 'test-results')}`,
      ]);
      const out = `${run.stdout}\n${run.stderr}`;
      expect(run.status, out.slice(-3000)).toBe(1);
      expect(out.split('\n')[0]).toMatch(
        /^live preflight: GET http:\/\/127\.0\.0\.1:\d+\/beta\/deviceManagement\/embeddedSIMActivationCodePools answered 200 in \d+ ms/,
      );
      expect(out).toContain('signed in once with client secret (AZURE_CLIENT_SECRET)');
      const failed = Number(/(\d+) failed/.exec(run.stdout)?.[1] ?? 0);
      expect(failed, out.slice(-3000)).toBeGreaterThan(1);
      expect(entra.tokenRequests()).toHaveLength(1);
      const drift = JSON.parse(readFileSync(join(dir, 'reports', 'drift.json'), 'utf8'));
      expect(drift.run.verdict).toBe('drift');
      // The shared token travels in the environment only: no file the run wrote holds it, nor its output.
      const issued = entra.issued[0] ?? 'no token issued';
      expect(out).not.toContain(issued);
      for (const file of filesUnder(dir)) expect(readFileSync(file, 'latin1'), file).not.toContain(issued);
    } finally {
      await graph.close();
    }
  });
});
