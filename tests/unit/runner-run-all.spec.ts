/**
 * runner/run-all.ts streams: results are handed on one case at a time, each pass has its own tracker and is cleaned
 * up when it ends (or stops early), and limits end the run. Plus the tracker's index: reuse, forget, and a cleanup
 * that deletes parents only (their children go with them). Against the embedded mock in this process.
 */
import { expect, test } from '@playwright/test';
import { STATEFUL_DEFAULTS } from '../../runner/stateful/settings.js';
import { selectChecks } from '../../checks/registry.js';
import { loadContracts } from '../../contracts/load.js';
import type { CaseResult } from '../../runner/execute.js';
import { GraphClient, plainFetch } from '../../runner/graph-client.js';
import { payloadSource } from '../../runner/payload-source.js';
import { MAX_WRITES, ResourceTracker } from '../../runner/resources.js';
import { runAll, streamAll, type RunAllEnv } from '../../runner/run-all.js';
import { startMockTarget, type Target } from '../../runner/target.js';

const contracts = loadContracts();
const payloads = payloadSource(contracts, '');
const POOLS = '/deviceManagement/embeddedSIMActivationCodePools';

const envOf = (target: Target, validCount = 1): RunAllEnv => ({
  client: target.client,
  contracts,
  checks: selectChecks(),
  payloads,
  settings: { seed: 11, validCount },
});

async function poolIds(target: Target): Promise<string[]> {
  const list = await target.client.send({
    operation: 'listEmbeddedSIMActivationCodePools',
    caseKind: 'valid',
    caseName: 'check',
    method: 'GET',
    path: POOLS,
  });
  return ((list.response.body as { value: { id: string }[] }).value ?? []).map((p) => p.id);
}

async function withTarget(name: string, body: (target: Target) => Promise<void>): Promise<void> {
  const target = await startMockTarget({ tenant: name });
  try {
    await body(target);
  } finally {
    await target.close();
  }
}

test('runAll hands every result to the callback as it comes, in order, and returns the counts; nothing is left', async () => {
  await withTarget('run-all-one', async (target) => {
    const seen: CaseResult[] = [];
    const summary = await runAll(envOf(target), async (r) => {
      seen.push(r);
    });
    expect(seen.length).toBeGreaterThan(50);
    expect(summary).toMatchObject({ passes: 1, cases: seen.length, leftovers: [] });
    expect(summary.exchanges).toBe(seen.reduce((n, r) => n + r.exchanges.length, 0));
    expect(summary.findings).toBe(0);
    // Operations in contract order, then the lifecycle, the stateful sequences last.
    expect(seen[0]?.exchanges[0]?.operation).toBe(contracts.operations[0]?.id);
    const names = seen.map((r) => r.plan.name);
    expect(names.indexOf('lifecycle: get pool after delete')).toBe(names.length - 1 - STATEFUL_DEFAULTS.sequences);
    expect(names.slice(-STATEFUL_DEFAULTS.sequences).every((n) => n.startsWith('stateful sequence #'))).toBe(true);
    expect(await poolIds(target)).toEqual([]);
  });
});

test('each pass has its own tracker: what one pass made is deleted before the next begins', async () => {
  await withTarget('run-all-passes', async (target) => {
    let perPass = 0;
    await runAll(envOf(target), () => {
      perPass += 1;
    });
    const firstPassPools = new Set<string>();
    let index = 0;
    let leftAtSecondPass: string[] | null = null;
    const summary = await runAll(
      envOf(target),
      async (r) => {
        if (index < perPass) {
          for (const ex of r.exchanges) {
            const id = (ex.response.body as { id?: unknown } | undefined)?.id;
            if (ex.request.method === 'POST' && ex.request.url.endsWith(POOLS) && typeof id === 'string') firstPassPools.add(id);
          }
        } else if (index === perPass) {
          leftAtSecondPass = (await poolIds(target)).filter((id) => firstPassPools.has(id));
        }
        index += 1;
      },
      { passes: 2 },
    );
    expect(summary.passes).toBe(2);
    expect(summary.cases).toBe(2 * perPass);
    expect(firstPassPools.size).toBeGreaterThan(0);
    expect(leftAtSecondPass).toEqual([]);
    expect(await poolIds(target)).toEqual([]);
  });
});

test('maxExchanges ends the run at the case that reaches it, mid-pass, and that pass is still cleaned up', async () => {
  await withTarget('run-all-limit', async (target) => {
    const summary = await runAll(envOf(target), () => {}, { passes: Infinity, maxExchanges: 25 });
    expect(summary.exchanges).toBeGreaterThanOrEqual(25);
    expect(summary.exchanges).toBeLessThanOrEqual(26);
    expect(summary.passes).toBe(1);
    expect(await poolIds(target)).toEqual([]);
  });
});

test('stopping the stream early, or a callback that throws, still cleans up the pass', async () => {
  await withTarget('run-all-stop', async (target) => {
    let n = 0;
    for await (const r of streamAll(envOf(target))) {
      if (r.exchanges.some((e) => e.request.method === 'POST' && e.response.status === 201) && ++n >= 3) break;
    }
    expect(n).toBe(3);
    expect(await poolIds(target)).toEqual([]);
    let calls = 0;
    await expect(
      runAll(envOf(target), () => {
        if (++calls === 10) throw new Error('the consumer failed');
      }),
    ).rejects.toThrow('the consumer failed');
    expect(calls).toBe(10);
    expect(await poolIds(target)).toEqual([]);
  });
});

test('limits that cannot end a run, or make no pass, are errors', async () => {
  await withTarget('run-all-limits', async (target) => {
    await expect(runAll(envOf(target), () => {}, { passes: Infinity })).rejects.toThrow(/endless passes need maxExchanges/);
    await expect(runAll(envOf(target), () => {}, { passes: 0 })).rejects.toThrow(
      /passes \(0\) and maxExchanges \(Infinity\) must be at least 1/,
    );
  });
});

test.describe('ResourceTracker', () => {
  test('objects a case only needs come from the shared tracker; a fresh object is the test tracker own, reused until forgotten', async () => {
    await withTarget('tracker-index', async (target) => {
      const body = (opId: string) => payloads.valid(opId, 3);
      const shared = new ResourceTracker(target.client, contracts, body);
      const tracker = new ResourceTracker(target.client, contracts, body, shared);
      const getPool = contracts.operation('getEmbeddedSIMActivationCodePool');
      const first = await tracker.paramsFor(getPool);
      const fresh = await tracker.paramsFor(getPool, { fresh: true });
      expect(fresh.target?.id).not.toBe(first.target?.id);
      expect((await tracker.paramsFor(getPool)).target?.id).toBe(first.target?.id);
      expect((await tracker.paramsFor(getPool, { fresh: true })).target?.id).toBe(fresh.target?.id);
      expect(shared.all.map((c) => c.id)).toEqual([first.target?.id]);
      expect(tracker.all.map((c) => c.id)).toEqual([fresh.target?.id]);
      tracker.forget(fresh.target?.path ?? '');
      const next = await tracker.paramsFor(getPool, { fresh: true });
      expect([first.target?.id, fresh.target?.id]).not.toContain(next.target?.id);
      // A child's parent is the shared pool, whichever tracker the child belongs to.
      const asg = await tracker.paramsFor(contracts.operation('updateEmbeddedSIMActivationCodePoolAssignment'), { fresh: true });
      expect(asg.params.embeddedSIMActivationCodePoolId).toBe(first.target?.id);
      expect(tracker.all.map((c) => c.id)).toEqual([next.target?.id, asg.target?.id]);
      tracker.forget('/not/recorded');
      expect(tracker.all).toHaveLength(2);
      await tracker.cleanup();
      await shared.cleanup();
    });
  });

  test('an object that has had MAX_WRITES writes serves no further case: the next gets a new one', async () => {
    await withTarget('tracker-writes', async (target) => {
      const tracker = new ResourceTracker(target.client, contracts, (opId) => payloads.valid(opId, 3));
      const updatePool = contracts.operation('updateEmbeddedSIMActivationCodePool');
      const first = (await tracker.paramsFor(updatePool, { fresh: true })).target;
      if (!first) throw new Error('no object made');
      first.writes = Array.from({ length: MAX_WRITES - 1 }, () => first.exchange);
      expect((await tracker.paramsFor(updatePool, { fresh: true })).target?.id).toBe(first.id);
      first.writes.push(first.exchange);
      const next = (await tracker.paramsFor(updatePool, { fresh: true })).target;
      expect(next?.id).not.toBe(first.id);
      expect(tracker.all.map((c) => c.id)).toEqual([first.id, next?.id]);
      await tracker.cleanup();
    });
  });

  test('asks bodyFor once per create operation and makes each object from a copy of that body', async () => {
    await withTarget('tracker-bodies', async (target) => {
      const asked: string[] = [];
      const tracker = new ResourceTracker(target.client, contracts, (opId) => {
        asked.push(opId);
        return payloads.valid(opId, 5);
      });
      const getPool = contracts.operation('getEmbeddedSIMActivationCodePool');
      const made = [];
      for (let i = 0; i < 3; i++) {
        const made1 = (await tracker.paramsFor(getPool, { fresh: true })).target;
        made.push(made1);
        tracker.forget(made1?.path ?? '');
      }
      await tracker.paramsFor(contracts.operation('getEmbeddedSIMActivationCodePoolAssignment'));
      expect(asked).toEqual(['createEmbeddedSIMActivationCodePool', 'createEmbeddedSIMActivationCodePoolAssignment']);
      const [a, b] = made.map((c) => c?.exchange.request.body);
      expect(a).toEqual(payloads.valid('createEmbeddedSIMActivationCodePool', 5));
      expect(b).toEqual(a);
      expect(b).not.toBe(a);
      expect(new Set(made.map((c) => c?.id)).size).toBe(3);
      await tracker.cleanup();
    });
  });

  test('cleanup deletes parents only (their children go with them), deepest first, and forgets everything', async () => {
    const mock = await startMockTarget({ tenant: 'tracker-cleanup' });
    const deletes: string[] = [];
    const client = new GraphClient(
      mock.info,
      async () => 'mock-token-tracker-cleanup',
      {},
      (url, init, meta) => {
        if (meta.method === 'DELETE') deletes.push(url.slice(mock.info.baseUrl.length));
        return plainFetch(url, init, meta);
      },
    );
    try {
      const tracker = new ResourceTracker(client, contracts, (opId) => payloads.valid(opId, 4));
      const asg = await tracker.paramsFor(contracts.operation('getEmbeddedSIMActivationCodePoolAssignment'));
      const ds = await tracker.paramsFor(contracts.operation('getEmbeddedSIMDeviceState'));
      const other = { target: await tracker.create(POOLS, {}, `${POOLS}/{embeddedSIMActivationCodePoolId}`) };
      const pool = asg.params.embeddedSIMActivationCodePoolId;
      expect(ds.params.embeddedSIMActivationCodePoolId).toBe(pool);
      expect(tracker.all).toHaveLength(4);
      expect(await tracker.cleanup()).toEqual([]);
      expect(deletes.sort()).toEqual([`${POOLS}/${pool}`, `${POOLS}/${other.target?.id}`].sort());
      expect(tracker.all).toEqual([]);
      expect(await tracker.cleanup()).toEqual([]);
      expect(deletes).toHaveLength(2);
    } finally {
      await mock.close();
    }
  });
});
