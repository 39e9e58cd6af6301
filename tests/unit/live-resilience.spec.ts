/**
 * The live transport against a fake Graph that throttles and fails: Retry-After honoured in all its forms, backoff
 * with jitter, bounded attempts, POSTs that fail ambiguously (looked up, never duplicated), the write pace limit,
 * and the throttled time accounted. Waits go through a fake clock (recorded, not waited) except where a run is
 * throttled for real with fractional Retry-After values.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { loadContracts } from '../../contracts/load.js';
import { createLiveTarget, type LiveTarget, type LiveTargetOptions } from '../../runner/live/live-target.js';
import { backoffDelay, parseRetryAfter } from '../../runner/live/timing.js';
import { readRunStats } from '../../runner/live/stats.js';
import { fakeJwt } from '../support/fake-entra.js';
import { fakeTiming, startFakeGraph, type FakeGraph } from '../support/fake-graph.js';

const POOLS = '/deviceManagement/embeddedSIMActivationCodePools';
const contracts = loadContracts();
const TOKEN = fakeJwt({
  tid: 'eeeeeeee-0000-4000-8000-000000000003',
  roles: ['DeviceManagementConfiguration.ReadWrite.All'],
  exp: Math.floor(Date.now() / 1000) + 3600,
});

let graph: FakeGraph;
let dir: string;
const targets: LiveTarget[] = [];

test.beforeEach(async () => {
  graph = await startFakeGraph();
  dir = mkdtempSync(join(tmpdir(), 'live-resilience-'));
});
test.afterEach(async () => {
  for (const t of targets.splice(0)) await t.close();
  await graph.close();
  rmSync(dir, { recursive: true, force: true });
});

async function live(extra: NodeJS.ProcessEnv = {}, opts: LiveTargetOptions = {}): Promise<LiveTarget> {
  const env = { GRAPH_BASE_URL: graph.url, GRAPH_ACCESS_TOKEN: TOKEN, GRAPH_REPORTS_DIR: dir, GRAPH_RUN_ID: 'res-1', ...extra };
  const t = await createLiveTarget(env, { contracts, signals: false, ...opts });
  targets.push(t);
  return t;
}

const list = (t: LiveTarget) =>
  t.client.send({ operation: 'listEmbeddedSIMActivationCodePools', caseKind: 'valid', caseName: 'list', method: 'GET', path: POOLS });
const create = (t: LiveTarget, name: string) =>
  t.client.send({
    operation: 'createEmbeddedSIMActivationCodePool',
    caseKind: 'valid',
    caseName: 'create',
    method: 'POST',
    path: POOLS,
    body: { displayName: name, activationCodes: [] },
  });

test.describe('Retry-After', () => {
  test('seconds, fractional seconds, HTTP dates; unreadable or absent is null', () => {
    const now = Date.parse('2025-03-01T10:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('0.25', now)).toBe(250);
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1500);
    expect(parseRetryAfter('Sat, 01 Mar 2025 10:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 09:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-1', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  test('backoff doubles per attempt up to the cap, with jitter between half and all of it', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 1000, 5000, () => 0))).toEqual([500, 1000, 2000, 2500]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 1000, 5000, () => 0.999999))).toEqual([1000, 2000, 4000, 5000]);
  });

  test('a throttled run completes with no failures; every throttled wait is what the service asked, and is accounted', async () => {
    const timing = fakeTiming();
    const t = await live({}, { timing });
    graph.faults.push({ method: 'POST', status: 429, retryAfter: new Date(timing.now() + 4000).toUTCString(), times: 1 });
    graph.faults.push({ method: 'GET', status: 429, retryAfter: '2', times: 1 });
    graph.faults.push({ method: 'GET', status: 503, retryAfter: '0.5', times: 1 });
    graph.faults.push({ method: 'GET', status: 504, times: 1 });
    const a = await create(t, `${t.tag}pool A`);
    const b = await list(t);
    const c = await list(t);
    expect([a.response.status, b.response.status, c.response.status]).toEqual([201, 200, 200]);
    expect(graph.objects(POOLS)).toHaveLength(1); // a 429 was not processed: sending it again made exactly one
    // 4 s until the HTTP date, 2 s and 0.5 s Retry-After, then backoff for the 504 without one (third attempt: 4 s ceiling, jitter 0.5 -> 3 s).
    expect(timing.sleeps).toEqual([4000, 2000, 500, 3000]);
    expect(t.stats).toMatchObject({ retries: 4, throttledResponses: 4, retryAfterWaitMs: 6500, backoffWaitMs: 3000, throttledMs: 9500 });
    await t.close();
    expect(readRunStats(dir, 'res-1')).toMatchObject({ retries: 4, throttledMs: 9500 });
  });

  test('for real: fractional Retry-After values are waited and the run completes', async () => {
    const t = await live();
    graph.faults.push({ method: 'POST', status: 429, retryAfter: '0.05', times: 1 });
    graph.faults.push({ method: 'GET', status: 429, retryAfter: '0.05', times: 2 });
    const results = [await list(t), await create(t, `${t.tag}pool B`), await list(t)];
    expect(results.map((r) => r.response.status)).toEqual([200, 201, 200]);
    expect(graph.log.map((l) => l.method)).toEqual(['GET', 'GET', 'GET', 'POST', 'POST', 'GET']);
    expect(graph.objects(POOLS)).toHaveLength(1);
    expect(t.stats.retryAfterWaitMs).toBe(150);
  });

  test('attempts are bounded: a service that keeps answering 503 gets GRAPH_MAX_ATTEMPTS requests, then the 503 is the answer', async () => {
    const timing = fakeTiming();
    const t = await live({ GRAPH_MAX_ATTEMPTS: '3' }, { timing });
    graph.faults.push({ method: 'GET', status: 503, times: 100 });
    const ex = await list(t);
    expect(ex.response.status).toBe(503);
    expect(graph.log).toHaveLength(3);
    expect(timing.sleeps).toEqual([750, 1500]);
  });

  test('a Retry-After longer than GRAPH_MAX_RETRY_AFTER_S is not waited for: the 429 is the answer', async () => {
    const timing = fakeTiming();
    const t = await live({ GRAPH_MAX_RETRY_AFTER_S: '10' }, { timing });
    graph.faults.push({ method: 'GET', status: 429, retryAfter: '3600', times: 1 });
    expect((await list(t)).response.status).toBe(429);
    expect(timing.sleeps).toEqual([]);
  });

  test('a 500 to a GET is an answer, not retried (it may be a finding)', async () => {
    const t = await live({}, { timing: fakeTiming() });
    graph.faults.push({ method: 'GET', status: 500, times: 1 });
    expect((await list(t)).response.status).toBe(500);
    expect(graph.log).toHaveLength(1);
  });
});

test.describe('ambiguous POST', () => {
  test('the object was made but the answer lost: found by its run-tagged name, not created twice', async () => {
    const t = await live({}, { timing: fakeTiming() });
    graph.faults.push({ method: 'POST', kind: 'process-then-drop', times: 1 });
    const ex = await create(t, `${t.tag}pool lost answer`);
    expect(ex.response.status).toBe(201);
    expect(ex.response.headers['x-conformance-recovered']).toBe('ambiguous-post');
    const made = graph.objects(POOLS);
    expect(made).toHaveLength(1);
    expect((ex.response.body as { id: string }).id).toBe(made[0]?.id);
    expect(graph.log.map((l) => l.method)).toEqual(['POST', 'GET']);
    expect(t.journal.pending().map((e) => e.id)).toEqual([made[0]?.id]);
    expect(t.stats).toMatchObject({ ambiguousPosts: 1, recoveredPosts: 1 });
  });

  test('a 503 after the object was made: found, not sent again', async () => {
    const t = await live({}, { timing: fakeTiming() });
    graph.faults.push({ method: 'POST', kind: 'process-then-status', status: 503, retryAfter: '1', times: 1 });
    expect((await create(t, `${t.tag}pool 503`)).response.status).toBe(201);
    expect(graph.objects(POOLS)).toHaveLength(1);
    expect(graph.log.filter((l) => l.method === 'POST')).toHaveLength(1);
  });

  test('a 503 that made nothing: looked up, not found, sent again: exactly one object', async () => {
    const t = await live({}, { timing: fakeTiming() });
    graph.faults.push({ method: 'POST', status: 503, times: 1 });
    expect((await create(t, `${t.tag}pool retried`)).response.status).toBe(201);
    expect(graph.objects(POOLS)).toHaveLength(1);
    expect(graph.log.map((l) => l.method)).toEqual(['POST', 'GET', 'POST']);
  });

  test('an earlier object of the run with the same name is not mistaken for the lost one', async () => {
    const t = await live({}, { timing: fakeTiming() });
    const name = `${t.tag}pool same name`;
    expect((await create(t, name)).response.status).toBe(201);
    graph.faults.push({ method: 'POST', status: 503, times: 1 });
    const second = await create(t, name);
    expect(second.response.status).toBe(201);
    expect(second.response.headers['x-conformance-recovered']).toBeUndefined();
    expect(graph.objects(POOLS)).toHaveLength(2);
  });

  test('a 500 after the object was made: the 500 stays the answer (a finding) and the object is journaled for cleanup', async () => {
    const t = await live({}, { timing: fakeTiming() });
    graph.faults.push({ method: 'POST', kind: 'process-then-status', status: 500, times: 1 });
    expect((await create(t, `${t.tag}pool 500`)).response.status).toBe(500);
    const made = graph.objects(POOLS);
    expect(made).toHaveLength(1);
    expect(t.journal.pending().map((e) => e.id)).toEqual([made[0]?.id]);
    await t.close();
    expect(graph.objects(POOLS)).toEqual([]);
  });

  test('a POST without a run-tagged displayName is never sent again after a lost answer', async () => {
    const t = await live({}, { timing: fakeTiming() });
    graph.faults.push({ method: 'POST', kind: 'process-then-drop', times: 1 });
    await expect(create(t, 'Contoso pool without tag')).rejects.toThrow();
    expect(graph.log.map((l) => l.method)).toEqual(['POST']);
    expect(graph.objects(POOLS)).toHaveLength(1);
  });

  test('lookups follow @odata.nextLink', async () => {
    await graph.close();
    graph = await startFakeGraph({ pageSize: 2 });
    const t = await live({}, { timing: fakeTiming() });
    for (let i = 0; i < 5; i++) graph.seed(POOLS, { displayName: `someone else's pool ${i}` });
    graph.faults.push({ method: 'POST', kind: 'process-then-drop', times: 1 });
    expect((await create(t, `${t.tag}pool paged`)).response.status).toBe(201);
    expect(graph.objects(POOLS)).toHaveLength(6);
    expect(graph.log.filter((l) => l.method === 'GET').length).toBe(3);
  });
});

test.describe('write pace', () => {
  test('writes beyond the limit in the window wait for the oldest to leave it; reads are not paced', async () => {
    const timing = fakeTiming();
    const t = await live({ GRAPH_WRITE_PACE: '2' }, { timing, pacingWindowMs: 1000 });
    for (let i = 0; i < 5; i++) await create(t, `${t.tag}paced ${i}`);
    for (let i = 0; i < 3; i++) await list(t);
    // Writes at 0, 0, then wait to 1000: two more, then wait to 2000 for the fifth.
    expect(timing.sleeps).toEqual([1000, 1000]);
    expect(t.stats.pacingWaitMs).toBe(2000);
    expect(t.stats.throttledMs).toBe(2000);
    expect(graph.objects(POOLS)).toHaveLength(5);
  });

  test('the default keeps a burst of 250 writes under 100 per 20 s at the service', async () => {
    const timing = fakeTiming();
    const t = await live({ GRAPH_WRITE_BUDGET: '1000' }, { timing });
    const sentAt: number[] = [];
    const wrapped = t.transport;
    for (let i = 0; i < 250; i++) {
      const res = await wrapped(
        `${graph.url}${POOLS}`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ displayName: `${t.tag}burst ${i}` }),
        },
        { operation: 'createEmbeddedSIMActivationCodePool', method: 'POST' },
      );
      await res.text();
      sentAt.push(timing.now());
    }
    const worst = Math.max(...sentAt.map((s) => sentAt.filter((x) => x > s - 20_000 && x <= s).length));
    expect(worst).toBeLessThan(100);
    expect(worst).toBe(90);
  });
});
