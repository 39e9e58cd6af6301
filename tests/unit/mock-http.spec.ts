/**
 * The mock over real HTTP on 127.0.0.1 (plain fetch) and in-process (msw): the whole lifecycle, concurrency, tenant
 * isolation both ways; then what only the HTTP server does (413 without buffering, paths outside /beta, HEAD,
 * keep-alive and close()) and the command line.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request as httpRequest } from 'node:http';
import { startMockServer, type MockServer } from '../../mocks/http-server.js';
import { REPO_ROOT } from '../support/shared.js';
import { errorOf, field, httpClient, items, widgetBody, widgetContracts, WIDGET_CONTRACTS_DIR } from '../fixtures/mock/harness.js';
import { expect, test, VIAS } from '../support/mock-transports.js';

const W = '/gadgetry/widgets';
let server: MockServer;

test.beforeAll(async () => {
  server = await startMockServer({ contracts: widgetContracts() });
});
test.afterAll(async () => {
  await server.close();
});

test('the server listens on 127.0.0.1 with Graph paths under /beta', () => {
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/beta$/);
  expect(server.port).toBeGreaterThan(0);
});

for (const via of VIAS) {
  test.describe(`via ${via}`, () => {
    test.use({ via });

    test('the whole lifecycle: create, read, list, update, children, action, delete', async ({ openMock }) => {
      const { send, root } = await openMock();
      const token = { token: 'lifecycle' };
      const created = await send('POST', W, { json: widgetBody(1, { keys: [{ code: 'AAA-111' }] }), ...token });
      expect(created.status).toBe(201);
      expect(field(created, '@odata.context')).toBe(`${root}/$metadata#gadgetry/widgets/$entity`);
      const id = String(field(created, 'id'));
      const url = `${W}/${id}`;

      expect((await send('GET', url, token)).body).toEqual(created.body);
      expect(items(await send('GET', W, token)).map((w) => w.id)).toEqual([id]);

      const patched = await send('PATCH', url, { json: { displayName: 'Renamed' }, ...token });
      expect(patched.status).toBe(200);
      expect(field(patched, 'displayName')).toBe('Renamed');
      expect(Date.parse(String(field(patched, 'modifiedDateTime')))).toBeGreaterThan(
        Date.parse(String(field(created, 'modifiedDateTime'))),
      );

      const part = await send('POST', `${url}/parts`, { json: { label: 'p1' }, ...token });
      expect(part.status).toBe(201);
      const attached = await send('POST', `${url}/attach`, { json: { parts: [{ label: 'p2' }, { label: 'p3' }] }, ...token });
      expect(items(attached).map((p) => p.label)).toEqual(['p2', 'p3']);
      expect(items(await send('GET', `${url}/parts`, token)).map((p) => p.label)).toEqual(['p2', 'p3']);
      expect((await send('GET', `${url}/parts/${String(field(part, 'id'))}`, token)).status).toBe(404);

      const deleted = await send('DELETE', url, token);
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');
      expect((await send('GET', url, token)).status).toBe(404);
      expect((await send('GET', `${url}/parts`, token)).status).toBe(404);
      expect(items(await send('GET', W, token))).toEqual([]);
    });

    test('300 parallel creates: exactly 300 listed, all ids unique, all modifiedDateTime distinct', async ({ openMock }) => {
      const { send } = await openMock();
      const token = { token: 'parallel-creates' };
      const answers = await Promise.all(Array.from({ length: 300 }, (_, n) => send('POST', W, { json: widgetBody(n), ...token })));
      expect(answers.every((a) => a.status === 201)).toBe(true);
      const ids = answers.map((a) => String(field(a, 'id')));
      expect(new Set(ids).size).toBe(300);
      expect(new Set(answers.map((a) => field(a, 'modifiedDateTime'))).size).toBe(300);
      const list = items(await send('GET', W, token));
      expect(list).toHaveLength(300);
      expect(new Set(list.map((w) => w.id))).toEqual(new Set(ids));
    });

    test('parallel PATCHes of different properties of one widget: none is lost', async ({ openMock }) => {
      const { send } = await openMock();
      const token = { token: 'parallel-patches' };
      const url = `${W}/${String(field(await send('POST', W, { json: widgetBody(1), ...token }), 'id'))}`;
      const patches: Record<string, unknown>[] = [
        { displayName: 'D' },
        { serial: '4321' },
        { color: 'green' },
        { note: 'N' },
        { keys: [{ code: 'KKK-000' }] },
      ];
      const rounds = await Promise.all(patches.flatMap((p) => [send('PATCH', url, { json: p, ...token }), send('GET', url, token)]));
      expect(rounds.every((a) => a.status === 200)).toBe(true);
      expect(await send('GET', url, token).then((a) => a.body)).toMatchObject({
        displayName: 'D',
        serial: '4321',
        color: 'green',
        note: 'N',
        keyCount: 1,
      });
    });

    test('parallel PATCHes and child creates across 50 widgets: every write lands on its own widget', async ({ openMock }) => {
      const { send } = await openMock();
      const token = { token: 'parallel-many' };
      const ids = await Promise.all(
        Array.from({ length: 50 }, async (_, n) => String(field(await send('POST', W, { json: widgetBody(n), ...token }), 'id'))),
      );
      await Promise.all(
        ids.flatMap((id, n) => [
          send('PATCH', `${W}/${id}`, { json: { note: `note-${n}` }, ...token }),
          ...[0, 1, 2].map((k) => send('POST', `${W}/${id}/parts`, { json: { label: `${n}-${k}` }, ...token })),
        ]),
      );
      for (const [n, id] of ids.entries()) {
        expect(field(await send('GET', `${W}/${id}`, token), 'note')).toBe(`note-${n}`);
        const labels = items(await send('GET', `${W}/${id}/parts`, token)).map((p) => p.label);
        expect(labels.sort()).toEqual([`${n}-0`, `${n}-1`, `${n}-2`]);
      }
    });

    test.describe('tenant isolation', () => {
      test('each token is its own tenant', async ({ openMock }) => {
        const { send } = await openMock();
        const a = await send('POST', W, { json: widgetBody(1), token: 'tenant-token-a' });
        const id = String(field(a, 'id'));
        expect(items(await send('GET', W, { token: 'tenant-token-b' }))).toEqual([]);
        expect((await send('GET', `${W}/${id}`, { token: 'tenant-token-b' })).status).toBe(404);
        expect((await send('DELETE', `${W}/${id}`, { token: 'tenant-token-b' })).status).toBe(404);
        expect((await send('GET', `${W}/${id}`, { token: 'tenant-token-a' })).status).toBe(200);
      });

      test('the x-mock-tenant header chooses the tenant whatever the token', async ({ openMock }) => {
        const { send } = await openMock();
        const one = (token: string) => ({ token, headers: { 'x-mock-tenant': 'worker-1' } });
        const id = String(field(await send('POST', W, { json: widgetBody(1), ...one('t1') }), 'id'));
        expect((await send('GET', `${W}/${id}`, one('t2'))).status).toBe(200);
        expect((await send('GET', `${W}/${id}`, { token: 't1', headers: { 'x-mock-tenant': 'worker-2' } })).status).toBe(404);
        expect((await send('GET', `${W}/${id}`, { token: 't1' })).status).toBe(404);
      });

      test('two mocks share nothing', async ({ openMock }) => {
        const [one, other] = [await openMock(), await openMock()];
        await one.send('POST', W, { json: widgetBody(1), token: 'same-token' });
        expect(items(await other.send('GET', W, { token: 'same-token' }))).toEqual([]);
        expect(items(await one.send('GET', W, { token: 'same-token' }))).toHaveLength(1);
      });

      test('client-request-id is echoed in the header and the error body', async ({ openMock }) => {
        const { send } = await openMock();
        const a = await send('GET', `${W}/nope`, { headers: { 'client-request-id': 'trace-42' } });
        expect(a.headers.get('client-request-id')).toBe('trace-42');
        expect(errorOf(a).innerError['client-request-id']).toBe('trace-42');
      });
    });
  });
}

test.describe('the HTTP bridge', () => {
  test('a body over the limit is 413 without buffering it, and the server keeps serving', async () => {
    const small = await startMockServer({ contracts: widgetContracts(), bodyLimit: 1000 });
    try {
      const client = httpClient(small.url);
      const big = await client('POST', W, { json: widgetBody(1, { note: 'x'.repeat(3 * 1024 * 1024) }) });
      expect(big.status).toBe(413);
      expect(errorOf(big).code).toBe('RequestEntityTooLarge');
      expect(big.headers.get('request-id')).toBe(errorOf(big).innerError['request-id']);
      expect((await client('POST', W, { json: widgetBody(2) })).status).toBe(201);
    } finally {
      await small.close();
    }
  });

  test('paths outside /beta are a Graph 404', async () => {
    const a = await httpClient(server.origin)('GET', '/v1.0/gadgetry/widgets');
    expect(a.status).toBe(404);
    expect(errorOf(a).message).toMatch(/under \/beta/);
  });

  test('HEAD on a documented path is answered as GET, without a body', async () => {
    const response = await fetch(`${server.url}${W}`, { method: 'HEAD', headers: { authorization: 'Bearer x' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.text()).toBe('');
  });

  test('keep-alive: one client reuses one connection for its requests', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const reused: boolean[] = [];
      for (let i = 0; i < 5; i++) {
        await new Promise<void>((resolve, reject) => {
          const req = httpRequest(`${server.url}${W}`, { agent, headers: { authorization: 'Bearer keep-alive' } }, (res) => {
            expect(res.statusCode).toBe(200);
            expect(res.headers.connection).toBe('keep-alive');
            res.resume();
            res.on('end', () => resolve());
          });
          req.on('error', reject);
          req.end();
          reused.push(req.reusedSocket);
        });
      }
      expect(reused).toEqual([false, true, true, true, true]);
    } finally {
      agent.destroy();
    }
  });

  test('close() stops the server even with keep-alive connections open', async () => {
    const temp = await startMockServer({ contracts: widgetContracts() });
    await httpClient(temp.url)('GET', W);
    await temp.close();
    await expect(fetch(`${temp.url}${W}`)).rejects.toThrow();
  });

  test('a taken port is an error that says what to do', async () => {
    await expect(startMockServer({ contracts: widgetContracts(), port: server.port })).rejects.toThrow(
      new RegExp(`Port ${server.port} on 127.0.0.1 is already in use; choose another with --port`),
    );
  });
});

test.describe('npm run mock (mocks/cli.ts)', () => {
  const cli = (args: string[]) =>
    spawn(process.execPath, ['--import', 'tsx', 'mocks/cli.ts', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });

  test('prints its URL, serves the contracts it was given, and stops on SIGINT', async () => {
    const child = cli(['--port', '0', '--contracts', WIDGET_CONTRACTS_DIR]);
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/beta)[\s\S]*Ctrl-C/.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`mock exited (${String(code)}) before printing its URL:\n${out}`)));
      });
      expect(out).toContain('11 operations');
      const created = await httpClient(url)('POST', W, { json: widgetBody(1) });
      expect(created.status).toBe(201);
      child.kill('SIGINT');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  test('a bad argument exits 2 with the usage text', async () => {
    const child = cli(['--port', 'seventy']);
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(err).toContain('--port needs an integer');
    expect(err).toContain('Usage: npm run mock');
  });
});
