/**
 * Safety of a live run against a fake Graph: opt-in (no target, nothing sent), read-only mode sends no writes, the
 * write budget caps creates across processes, every created object is journaled the moment it is made and deleted
 * at close even when the test failed, and refusals become skips with their reason.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { loadContracts } from '../../contracts/load.js';
import { runCase } from '../../runner/execute.js';
import { ResourceTracker } from '../../runner/resources.js';
import { LiveConfigError, LiveRefusal } from '../../runner/live/errors.js';
import { Journal } from '../../runner/live/journal.js';
import { createLiveTarget, type LiveTarget, type LiveTargetOptions } from '../../runner/live/live-target.js';
import { skipOnRefusal } from '../../runner/live/refusal-skip.js';
import { fakeJwt } from '../support/fake-entra.js';
import { startFakeGraph, type FakeGraph } from '../support/fake-graph.js';

const POOLS = '/deviceManagement/embeddedSIMActivationCodePools';
const contracts = loadContracts();
const TOKEN = fakeJwt({
  tid: 'ffffffff-0000-4000-8000-000000000004',
  roles: ['DeviceManagementConfiguration.ReadWrite.All'],
  exp: Math.floor(Date.now() / 1000) + 3600,
});

let graph: FakeGraph;
let dir: string;
const targets: LiveTarget[] = [];

test.beforeEach(async () => {
  graph = await startFakeGraph();
  dir = mkdtempSync(join(tmpdir(), 'live-safety-'));
});
test.afterEach(async () => {
  for (const t of targets.splice(0)) await t.close();
  await graph.close();
  rmSync(dir, { recursive: true, force: true });
});

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { GRAPH_BASE_URL: graph.url, GRAPH_ACCESS_TOKEN: TOKEN, GRAPH_REPORTS_DIR: dir, GRAPH_RUN_ID: 'safe-1', ...extra };
}
async function live(extra: NodeJS.ProcessEnv = {}, opts: LiveTargetOptions = {}): Promise<LiveTarget> {
  const t = await createLiveTarget(env(extra), { contracts, signals: false, ...opts });
  targets.push(t);
  return t;
}
const create = (t: LiveTarget, name: string) =>
  t.client.send({
    operation: 'createEmbeddedSIMActivationCodePool',
    caseKind: 'valid',
    caseName: 'create',
    method: 'POST',
    path: POOLS,
    body: { displayName: name },
  });
const idOf = (ex: { response: { body?: unknown } }): string => String((ex.response.body as { id?: unknown }).id);

test('opt-in: with no credential configured, creating the live target fails and nothing is sent', async () => {
  const e = await createLiveTarget({ GRAPH_BASE_URL: graph.url, GRAPH_REPORTS_DIR: dir }, { contracts, signals: false }).catch(
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(LiveConfigError);
  expect(String((e as Error).message)).toContain('nothing was sent');
  expect(graph.log).toEqual([]);
});

test.describe('read-only mode', () => {
  test('GETs are sent; POST, PATCH and DELETE are refused with a reason and never reach the service', async () => {
    const seeded = graph.seed(POOLS, { displayName: 'existing pool' });
    const t = await live({ GRAPH_READ_ONLY: '1' });
    const get = await t.client.send({
      operation: 'getEmbeddedSIMActivationCodePool',
      caseKind: 'valid',
      caseName: 'get',
      method: 'GET',
      path: `${POOLS}/${String(seeded.id)}`,
    });
    expect(get.response.status).toBe(200);
    const attempts = [
      create(t, `${t.tag}x`),
      t.client.send({
        operation: 'updateEmbeddedSIMActivationCodePool',
        caseKind: 'valid',
        caseName: 'u',
        method: 'PATCH',
        path: `${POOLS}/${String(seeded.id)}`,
        body: { displayName: 'y' },
      }),
      t.client.send({
        operation: 'deleteEmbeddedSIMActivationCodePool',
        caseKind: 'valid',
        caseName: 'd',
        method: 'DELETE',
        path: `${POOLS}/${String(seeded.id)}`,
      }),
    ];
    for (const a of attempts) {
      const e = await a.catch((x: unknown) => x);
      expect(e).toBeInstanceOf(LiveRefusal);
      expect((e as LiveRefusal).kind).toBe('read-only');
      expect((e as LiveRefusal).skipReason).toMatch(
        /^read-only mode \(GRAPH_READ_ONLY=1\): \w+ would send (POST|PATCH|DELETE), and only GET requests are sent/,
      );
    }
    expect(graph.writes()).toEqual([]);
    expect(graph.log.map((l) => l.method)).toEqual(['GET']);
    expect(t.stats.refused.readOnly).toBe(3);
  });

  test('a case that needs a setup object becomes a skip with the reason (skipOnRefusal around runCase)', async () => {
    const t = await live({ GRAPH_READ_ONLY: '1' });
    const op = contracts.operation('getEmbeddedSIMActivationCodePool');
    const tracker = new ResourceTracker(t.client, contracts, () => ({ displayName: `${t.tag}setup` }));
    const skipped: string[] = [];
    const run = skipOnRefusal(
      () => runCase(op, { kind: 'valid', name: 'valid request', seed: null }, { client: t.client, contracts, tracker, checks: [] }),
      (reason) => skipped.push(reason),
    );
    await expect(run).rejects.toBeInstanceOf(LiveRefusal);
    expect(skipped).toEqual([expect.stringContaining('createEmbeddedSIMActivationCodePool would send POST')]);
    expect(graph.writes()).toEqual([]);
  });
});

test.describe('write budget', () => {
  test('at most GRAPH_WRITE_BUDGET creates are sent; the next is refused saying how to raise it; deletes are not counted', async () => {
    const t = await live({ GRAPH_WRITE_BUDGET: '2' });
    const a = await create(t, `${t.tag}a`);
    await create(t, `${t.tag}b`);
    const third = await create(t, `${t.tag}c`).catch((x: unknown) => x);
    expect(third).toBeInstanceOf(LiveRefusal);
    expect((third as LiveRefusal).skipReason).toBe(
      'write budget spent: this run may create 2 objects (GRAPH_WRITE_BUDGET) and createEmbeddedSIMActivationCodePool would be number 3. Raise GRAPH_WRITE_BUDGET to create more.',
    );
    expect(graph.log.filter((l) => l.method === 'POST')).toHaveLength(2);
    const del = await t.client.send({
      operation: 'deleteEmbeddedSIMActivationCodePool',
      caseKind: 'valid',
      caseName: 'd',
      method: 'DELETE',
      path: `${POOLS}/${idOf(a)}`,
    });
    expect(del.response.status).toBe(204);
    // A create sent without a token (the no-token case) cannot make anything: it is sent, and not counted.
    const noToken = await t.client.send({
      operation: 'createEmbeddedSIMActivationCodePool',
      caseKind: 'no-token',
      caseName: 'n',
      method: 'POST',
      path: POOLS,
      body: { displayName: `${t.tag}n` },
      noToken: true,
    });
    expect(noToken.response.status).toBe(401);
  });

  test('the budget counts objects made and answers that may have made one, not creates refused with a 4xx', async () => {
    const t = await live({ GRAPH_WRITE_BUDGET: '2', GRAPH_MAX_ATTEMPTS: '1' });
    // Three creates the service refuses (400, 429, 403): nothing made, the budget is untouched.
    for (const status of [400, 429, 403]) {
      graph.faults.push({ method: 'POST', pathPrefix: POOLS, kind: 'respond', status });
      expect((await create(t, `${t.tag}refused-${status}`)).response.status).toBe(status);
    }
    // A 500 does not say whether the pool was made: it takes a unit, as does a create answered 201.
    graph.faults.push({ method: 'POST', pathPrefix: POOLS, kind: 'process-then-status', status: 500 });
    expect((await create(t, `${t.tag}unsure`)).response.status).toBe(500);
    expect((await create(t, `${t.tag}made`)).response.status).toBe(201);
    await expect(create(t, `${t.tag}over`)).rejects.toBeInstanceOf(LiveRefusal);
    expect(graph.log.filter((l) => l.method === 'POST')).toHaveLength(5);
    expect(graph.objects(POOLS)).toHaveLength(2);
  });

  test('the budget is per run, shared by every worker through the journal', async () => {
    const w1 = await live({ GRAPH_WRITE_BUDGET: '3' });
    const w2 = await live({ GRAPH_WRITE_BUDGET: '3' });
    await create(w1, `${w1.tag}w1-a`);
    await create(w2, `${w2.tag}w2-a`);
    await create(w1, `${w1.tag}w1-b`);
    await expect(create(w2, `${w2.tag}w2-b`)).rejects.toBeInstanceOf(LiveRefusal);
    expect(graph.objects(POOLS)).toHaveLength(3);
    const other = await live({ GRAPH_WRITE_BUDGET: '3', GRAPH_RUN_ID: 'another-run' });
    expect((await create(other, `${other.tag}x`)).response.status).toBe(201);
  });
});

test.describe('end of run (globalTeardown)', () => {
  async function withEnv(vars: NodeJS.ProcessEnv, fn: () => Promise<void>): Promise<void> {
    const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    for (const [k, v] of Object.entries(vars))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    try {
      await fn();
    } finally {
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  }

  test('deletes what any worker of the run left in the journal; contacts nothing when nothing is left or no run id is set', async () => {
    const { default: teardown } = await import('../../runner/live/global-teardown.js');
    const crashed = graph.seed(POOLS, { displayName: 'conformance-safe-1-left by a crashed worker' });
    new Journal(join(dir, 'live-journal.jsonl'), 'safe-1', 424_242).recordCreated({
      path: `${POOLS}/${String(crashed.id)}`,
      id: String(crashed.id),
    });
    await withEnv({ GRAPH_RUN_ID: undefined }, () => teardown());
    expect(graph.log).toEqual([]);
    await withEnv({ ...env(), GRAPH_RUN_ID: 'another-run' }, () => teardown());
    expect(graph.log).toEqual([]);
    await withEnv(env(), () => teardown());
    expect(graph.objects(POOLS)).toEqual([]);
    expect(graph.log.map((l) => l.method)).toEqual(['DELETE']);
  });
});

test.describe('journal and cleanup', () => {
  test('every create is journaled when it is answered, with path, id, name, time and run id; no token, no codes', async () => {
    const t = await live();
    const ex = await t.client.send({
      operation: 'createEmbeddedSIMActivationCodePool',
      caseKind: 'valid',
      caseName: 'create',
      method: 'POST',
      path: POOLS,
      body: {
        displayName: `${t.tag}journaled`,
        activationCodes: [
          {
            integratedCircuitCardIdentifier: '8901260000000000019',
            matchingIdentifier: 'MATCH-SECRET-1',
            smdpPlusServerAddress: 'smdp.example.com',
          },
        ],
      },
    });
    const lines = readFileSync(join(dir, 'live-journal.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const created = lines.find((l) => l.event === 'created');
    expect(created).toMatchObject({
      runId: 'safe-1',
      pid: process.pid,
      path: `${POOLS}/${idOf(ex)}`,
      id: idOf(ex),
      displayName: 'conformance-safe-1-journaled',
      operation: 'createEmbeddedSIMActivationCodePool',
    });
    expect(Date.parse(String(created?.time))).not.toBeNaN();
    const text = readFileSync(join(dir, 'live-journal.jsonl'), 'utf8');
    for (const secret of [TOKEN, '8901260000000000019', 'MATCH-SECRET-1']) expect(text).not.toContain(secret);
  });

  test('close deletes what the run made and did not delete itself (a failed test leaves objects; they go anyway)', async () => {
    graph.seed(POOLS, { displayName: 'not ours' });
    const t = await live();
    const a = await create(t, `${t.tag}a`);
    await create(t, `${t.tag}b`);
    const child = await t.client.send({
      operation: 'createEmbeddedSIMActivationCodePoolAssignment',
      caseKind: 'valid',
      caseName: 'c',
      method: 'POST',
      path: `${POOLS}/${idOf(a)}/assignments`,
      body: { target: {} },
    });
    expect(child.response.status).toBe(201);
    expect(t.journal.pending()).toHaveLength(3);
    await t.close();
    expect(graph.objects(POOLS).map((o) => o.displayName)).toEqual(['not ours']);
    // The child went with its parent: one DELETE per pool, none for the assignment.
    expect(graph.log.filter((l) => l.method === 'DELETE').map((l) => l.path.split('/').length)).toEqual([4, 4]);
    expect(t.journal.pending()).toEqual([]);
  });

  test('objects a test deleted itself are not deleted again; a 404 at cleanup counts as gone', async () => {
    const t = await live();
    const a = await create(t, `${t.tag}a`);
    const b = await create(t, `${t.tag}b`);
    await t.client.send({
      operation: 'deleteEmbeddedSIMActivationCodePool',
      caseKind: 'valid',
      caseName: 'd',
      method: 'DELETE',
      path: `${POOLS}/${idOf(a)}`,
    });
    graph.faults.push({ method: 'DELETE', status: 404, times: 1 });
    const result = await t.cleanup();
    expect(result).toEqual({ deleted: [`${POOLS}/${idOf(b)}`], left: [] });
    expect(graph.log.filter((l) => l.method === 'DELETE')).toHaveLength(2);
  });

  test('what could not be deleted is reported with the reason', async () => {
    const t = await live({ GRAPH_MAX_ATTEMPTS: '1' });
    const a = await create(t, `${t.tag}a`);
    graph.faults.push({ method: 'DELETE', status: 403, times: 1 });
    expect(await t.cleanup()).toEqual({ deleted: [], left: [{ path: `${POOLS}/${idOf(a)}`, status: 403, reason: 'DELETE answered 403' }] });
    expect(t.journal.pending()).toHaveLength(1);
  });

  test("a worker's cleanup takes only its own objects; the end-of-run cleanup takes the whole run's", async () => {
    const t = await live();
    await create(t, `${t.tag}mine`);
    new Journal(join(dir, 'live-journal.jsonl'), 'safe-1', 999_999).recordCreated({
      path: `${POOLS}/${String(graph.seed(POOLS, { displayName: 'conformance-safe-1-other worker' }).id)}`,
      id: 'x',
      displayName: 'conformance-safe-1-other worker',
    });
    expect((await t.cleanup()).deleted).toHaveLength(1);
    expect(graph.objects(POOLS)).toHaveLength(1);
    expect((await t.cleanup({ all: true })).deleted).toHaveLength(1);
    expect(graph.objects(POOLS)).toEqual([]);
  });
});

test('a create in flight when the process stopped is journaled before it is sent; cleanup finds its object by name and deletes it', async () => {
  const t = await live();
  // What an interrupted create leaves: its attempt in the journal, no answer, and the pool made on the service.
  const name = `${t.tag}in-flight`;
  t.journal.recordAttempt({ path: POOLS, operation: 'createEmbeddedSIMActivationCodePool', displayName: name });
  const made = graph.seed(POOLS, { displayName: name });
  const other = graph.seed(POOLS, { displayName: 'not ours' });
  expect(t.journal.unsettledAttempts()).toHaveLength(1);
  // A create answered with a 4xx settles its attempt at once.
  graph.faults.push({ method: 'POST', pathPrefix: POOLS, kind: 'respond', status: 400 });
  await create(t, `${t.tag}refused`);
  expect(t.journal.unsettledAttempts()).toHaveLength(1);
  const result = await t.cleanup({ all: true });
  expect(result.deleted).toEqual([`${POOLS}/${made.id}`]);
  expect(graph.objects(POOLS).map((o) => o.id)).toEqual([other.id]);
  expect(t.journal.unsettledAttempts()).toEqual([]);
});

test('a delete recorded by a later run (the sweeper) counts: the object is no longer pending for its own run', () => {
  const file = join(dir, 'live-journal.jsonl');
  const run = new Journal(file, 'run-x', 1);
  run.recordCreated({ path: `${POOLS}/a`, id: 'a' });
  run.recordCreated({ path: `${POOLS}/b`, id: 'b' });
  new Journal(file, 'sweep-y', 2).recordDeleted(`${POOLS}/a`);
  expect(run.pending().map((e) => e.id)).toEqual(['b']);
});
