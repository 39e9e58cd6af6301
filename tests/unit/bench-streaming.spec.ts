/**
 * The streamed pass of the scale rows (bench/streaming-pass.ts) and the sizing of runAll, against the embedded mock
 * in this process; and the mock dispatch experiments (bench/msw-dispatch.ts), checked in a child process so the
 * patched msw never reaches this worker. Correctness only.
 */
import { expect, test } from '@playwright/test';
import { selectChecks } from '../../checks/registry.js';
import { loadContracts } from '../../contracts/load.js';
import { planReplay } from '../../bench/bare-loop.js';
import { runNode, tsArgs } from '../../bench/child-process.js';
import { dispatchFromEnv, looseRegExp } from '../../bench/msw-dispatch.js';
import { exchangesPerPass, streamCases, validCountFor } from '../../bench/streaming-pass.js';
import type { BareResult } from '../../bench/bare-child.js';
import { payloadSource } from '../../runner/payload-source.js';
import { runAll } from '../../runner/run-all.js';
import { startMockTarget } from '../../runner/target.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const contracts = loadContracts();
const payloads = payloadSource(contracts, '');

test('streamCases stops at the exchange limit and leaves nothing behind in the tenant', async () => {
  const target = await startMockTarget({ tenant: 'bench-stream-test' });
  try {
    let exchanges = 0;
    let results = 0;
    for await (const r of streamCases({ client: target.client, contracts, checks: selectChecks(), payloads, seed: 7, validCount: 1 }, 40)) {
      exchanges += r.exchanges.length;
      results++;
      expect(r.findings).toEqual([]);
    }
    expect(exchanges).toBeGreaterThanOrEqual(40);
    expect(exchanges).toBeLessThanOrEqual(41);
    expect(results).toBeGreaterThan(30);
    const list = await target.client.send({ operation: 'listEmbeddedSIMActivationCodePools', caseKind: 'valid', caseName: 'check', method: 'GET', path: contracts.operation('listEmbeddedSIMActivationCodePools').path });
    expect((list.response.body as { value: unknown[] }).value).toEqual([]);
  } finally {
    await target.close();
  }
});

test('streamCases goes on pass after pass beyond one pass', async () => {
  const perPass = exchangesPerPass(contracts, payloads.invalid, 0, 7);
  const target = await startMockTarget({ tenant: 'bench-stream-passes' });
  try {
    let exchanges = 0;
    for await (const r of streamCases({ client: target.client, contracts, checks: selectChecks(), payloads, seed: 7, validCount: 0 }, perPass + 20)) exchanges += r.exchanges.length;
    expect(exchanges).toBeGreaterThanOrEqual(perPass + 20);
  } finally {
    await target.close();
  }
});

test('exchangesPerPass counts what runAll makes, so runAll can be sized to N exchanges', async () => {
  const target = await startMockTarget({ tenant: 'bench-sizing' });
  try {
    for (const seed of [7, 20240801]) {
      const results = await runAll({ client: target.client, contracts, checks: selectChecks(), payloads, settings: { seed, validCount: 2 } });
      const made = results.reduce((n, r) => n + r.exchanges.length, 0);
      expect(exchangesPerPass(contracts, payloads.invalid, 2, seed), `seed ${seed}`).toBe(made);
    }
  } finally {
    await target.close();
  }
});

test('validCountFor picks the smallest count that reaches the target, and says when even 0 is too many', () => {
  const perPass = (v: number): number => 200 + 7 * v;
  expect(validCountFor(1000, perPass)).toEqual({ validCount: 115, exchanges: 1005 });
  expect(validCountFor(200, perPass)).toEqual({ validCount: 0, exchanges: 200 });
  expect(validCountFor(100, perPass)).toBeNull();
});

test.describe('mock dispatch experiments', () => {
  test('the loose path regex matches what msw patterns match, one segment per parameter, with the parameters captured', () => {
    const re = looseRegExp('*/beta/deviceManagement/embeddedSIMActivationCodePools/:poolId');
    expect(re.exec('http://127.0.0.1:1/beta/deviceManagement/embeddedSIMActivationCodePools/abc-1')?.groups).toEqual({ poolId: 'abc-1' });
    expect(re.test('http://127.0.0.1:1/beta/devicemanagement/embeddedsimactivationcodepools/abc/')).toBe(true);
    expect(re.test('http://127.0.0.1:1/beta/deviceManagement/embeddedSIMActivationCodePools/abc?$select=id')).toBe(true);
    expect(re.test('http://127.0.0.1:1/beta/deviceManagement/embeddedSIMActivationCodePools/abc/assign')).toBe(false);
    expect(re.test('http://127.0.0.1:1/beta/deviceManagement/embeddedSIMActivationCodePools')).toBe(false);
    expect(looseRegExp('*/beta/a.b').test('http://h/beta/aXb')).toBe(false);
  });

  test('BENCH_MOCK_DISPATCH names an experiment or is an error', () => {
    expect(dispatchFromEnv({})).toBeNull();
    expect(dispatchFromEnv({ BENCH_MOCK_DISPATCH: 'direct' })).toBe('direct');
    expect(() => dispatchFromEnv({ BENCH_MOCK_DISPATCH: 'fast' })).toThrow(/must be prefilter or direct; got "fast"/);
  });

  test('a recorded sequence replayed against the mock with each experiment gets the recorded statuses', async () => {
    // Record against the shipped mock in this process (unpatched), replay in children with the experiments.
    const target = await startMockTarget({ tenant: 'bench-dispatch' });
    const dir = mkdtempSync(join(tmpdir(), 'bench-dispatch-'));
    try {
      const recorded: string[] = [];
      const record = async (method: string, path: string, body?: unknown, noToken = false): Promise<string> => {
        const ex = await target.client.send({ operation: 'x', caseKind: 'valid', caseName: 'x', method, path, ...(body !== undefined ? { body } : {}), ...(noToken ? { noToken } : {}) });
        const id = method === 'POST' && ex.response.status < 300 ? String((ex.response.body as { id?: unknown }).id) : null;
        recorded.push(JSON.stringify({ t: recorded.length, method, url: ex.request.url, headers: { ...ex.request.headers, authorization: noToken ? undefined : 'Bearer mock-token-bench-dispatch' }, body: body === undefined ? null : JSON.stringify(body), status: ex.response.status, id }));
        return id ?? '';
      };
      const pools = contracts.operation('listEmbeddedSIMActivationCodePools').path;
      const id = await record('POST', pools, payloads.valid('createEmbeddedSIMActivationCodePool', 3));
      await record('GET', `${pools}/${id}`);
      await record('POST', `${pools}/${id}/assignments`, payloads.valid('createEmbeddedSIMActivationCodePoolAssignment', 3));
      await record('GET', `${pools}/${id}/assignments`);
      await record('PUT', `${pools}/${id}`, { displayName: 'x' });
      await record('GET', `${pools}/${id}/nothing`);
      await record('GET', pools, undefined, true);
      await record('POST', pools, { displayName: 5 });
      await record('DELETE', `${pools}/${id}`);
      await record('GET', `${pools}/${id}`);
      const file = join(dir, 'rec-1.jsonl');
      writeFileSync(file, `${recorded.join('\n')}\n`);
      const statuses = planReplay(recorded.map((l) => JSON.parse(l) as never)).steps.map((s) => s.expectedStatus);
      expect(statuses).toEqual([201, 200, 201, 200, 405, 400, 401, 400, 204, 404]);
      for (const kind of ['prefilter', 'direct']) {
        const run = await runNode<BareResult>(tsArgs('bench/bare-child.ts', [file]), { env: { ...process.env, BENCH_MOCK_DISPATCH: kind }, timeoutMs: 60_000 });
        expect(run.stderr, kind).toBe('');
        expect(run.result?.mismatchCount, `${kind}: ${JSON.stringify(run.result?.firstMismatches)}`).toBe(0);
        expect(run.result?.requests).toBe(10);
      }
    } finally {
      await target.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
