/**
 * Shrinking against a service that is wrong in one place only (tests/support/non-ascii-fake.ts: a non-ASCII
 * displayName is answered 500): a failing body with 25 activation codes and every optional member shrinks to the
 * smallest body that still fails the same way, schema-valid at every step; an exploration run reports that minimal
 * body and its replay command; and a conformant service shrinks nothing.
 */
import { expect, test } from '@playwright/test';
import { loadContracts } from '../../contracts/load.js';
import { selectChecks } from '../../checks/registry.js';
import { shrinkCandidates } from '../../generators/payloads/shrink.js';
import { resolveBody } from '../../generators/payloads/source.js';
import { validBody } from '../../generators/payloads/valid.js';
import { strategyCase } from '../../generators/payloads/strategies/index.js';
import { runCase } from '../../runner/execute.js';
import { explore } from '../../runner/explore/explore-run.js';
import { readExploreSettings } from '../../runner/explore/settings.js';
import { shrink } from '../../runner/explore/shrink.js';
import { GraphClient } from '../../runner/graph-client.js';
import { describeFindings } from '../../runner/report-findings.js';
import { ResourceTracker } from '../../runner/resources.js';
import { startMockTarget } from '../../runner/target.js';
import { startNonAsciiFake, type NonAsciiFake } from '../support/non-ascii-fake.js';

const contracts = loadContracts();
const checks = selectChecks({ exclude: [] });
const CREATE = contracts.operation('createEmbeddedSIMActivationCodePool');
let fake: NonAsciiFake;

test.beforeAll(async () => {
  fake = await startNonAsciiFake();
});
test.afterAll(async () => {
  await fake.close();
});

function env(baseUrl: string) {
  const client = new GraphClient({ name: 'live', baseUrl, cloud: null, tenantId: 'explore-test' }, async () => 'explore-token');
  const tracker = new ResourceTracker(client, contracts, (opId) => validBody(opId, { seed: 1, contracts, runTag: 'conformance-t-' }));
  return { client, contracts, tracker, checks };
}

test('shrinkCandidates: one change each, each shorter, dropping before shortening', () => {
  const shape = resolveBody(CREATE.id, contracts).shape;
  const body = { displayName: 'tag-Ünï', activationCodes: [{ matchingIdentifier: 'A' }, { matchingIdentifier: 'B' }] };
  const list = [...shrinkCandidates(body, shape, { keepPrefix: 'tag-' })];
  expect(list.length).toBeGreaterThan(5);
  for (const c of list) expect(JSON.stringify(c).length).toBeLessThan(JSON.stringify(body).length);
  expect(list[0]).toEqual({ displayName: 'tag-Ünï', activationCodes: [{ matchingIdentifier: 'A' }] }); // collections first
  expect(list).toContainEqual({ displayName: 'tag-Ünï', activationCodes: [{}, { matchingIdentifier: 'B' }] }); // optional member
  expect(list.some((c) => !('displayName' in (c as object)))).toBe(false); // required on create: never dropped
  expect(list).toContainEqual({ displayName: 'tag-', activationCodes: body.activationCodes });
  expect(list).toContainEqual({ displayName: 'tag-Ünï', activationCodes: [] });
  expect(list.every((c) => (c as { displayName?: string }).displayName?.startsWith('tag-') ?? true)).toBe(true);
  // An invalid case's broken member is left alone.
  const protectedList = [...shrinkCandidates(body, shape, { protect: '/displayName' })];
  expect(protectedList.every((c) => (c as { displayName?: string }).displayName === 'tag-Ünï')).toBe(true);
});

test('a failure inside a large body shrinks to one non-ASCII character and no activation codes', async () => {
  const e = env(fake.url);
  try {
    const large = strategyCase(CREATE.id, 'collections-large', { seed: 7, contracts, largeItems: 25 });
    const body: Record<string, unknown> = { ...(large?.body as Record<string, unknown>), displayName: 'Pool Ünïcödé ñ façade' };
    expect((body.activationCodes as unknown[]).length).toBe(25);
    const plan = { kind: 'valid' as const, name: 'large', seed: 7, body };
    const first = await runCase(CREATE, plan, e);
    const target = first.findings.find((f) => f.check === 'not_a_server_error');
    expect(target, 'the fake answers 500').toBeDefined();
    const shape = resolveBody(CREATE.id, contracts).shape;
    const validOnly = function* (b: unknown) {
      for (const c of shrinkCandidates(b, shape)) if (contracts.validateRequest(CREATE.id, c).valid) yield c;
    };
    const outcome = await shrink(
      body,
      first,
      validOnly,
      async (c) => {
        const r = await runCase(CREATE, { ...plan, body: c }, e);
        return r.findings.some((f) => f.fingerprint === target?.fingerprint) ? r : null;
      },
      { maxAttempts: 300 },
    );
    expect(outcome.stopped).toBe('minimal');
    const minimal = outcome.body as { displayName: string; activationCodes: unknown[] };
    expect(Object.keys(minimal).sort()).toEqual(['activationCodes', 'displayName']); // both required on create
    expect(minimal.activationCodes).toEqual([]);
    expect([...minimal.displayName]).toHaveLength(1);
    expect(minimal.displayName).toMatch(/[^\x00-\x7f]/);
    expect(outcome.attempts).toBeLessThanOrEqual(300);
  } finally {
    await e.tracker.cleanup();
  }
});

test('an exploration run reports the minimal body with its replay command, within its object budget', async () => {
  const e = env(fake.url);
  try {
    const settings = { ...readExploreSettings('live', {}), database: null };
    const ops = contracts.operations.filter((o) => o.request !== null);
    const report = await explore(ops, { ...e, target: 'live', runTag: 'conformance-t-', seed: 20240801, isNew: () => true }, settings);
    expect(report.objectsMade).toBeLessThanOrEqual(settings.objects as number);
    const shrunk = report.shrunk.find((s) => s.operation === CREATE.id);
    expect(shrunk, JSON.stringify(report.shrunk)).toBeDefined();
    const minimal = shrunk?.minimalBody as { displayName: string; activationCodes: unknown[] };
    expect(minimal.displayName.startsWith('conformance-t-')).toBe(true); // the run tag survives shrinking
    expect([...minimal.displayName.slice('conformance-t-'.length)].length).toBeLessThanOrEqual(2);
    expect(shrunk?.minimalBytes).toBeLessThan(shrunk?.originalBytes as number);
    const text = describeFindings(report.results, { live: true });
    expect(text).toMatch(/explore unicode-text #1 .*shrunk from \d+ to \d+ bytes/);
    expect(text).toContain(`--data-raw '${JSON.stringify(minimal).replace(/'/g, `'\\''`)}'`.slice(0, 40));
  } finally {
    await e.tracker.cleanup();
  }
});

test('against the embedded mock the explorer finds nothing and shrinks nothing', async () => {
  const target = await startMockTarget({ tenant: 'explore-clean' });
  const tracker = new ResourceTracker(target.client, contracts, (opId) => validBody(opId, { seed: 1, contracts }));
  try {
    const settings = { ...readExploreSettings('mock', {}), database: null, cases: 14 };
    const report = await explore(
      contracts.operations,
      { client: target.client, contracts, tracker, checks, target: 'mock', runTag: '', seed: 1, isNew: () => true },
      settings,
    );
    expect(report.casesRun).toBe(14 * contracts.operations.filter((o) => o.request !== null).length);
    expect(report.results.flatMap((r) => r.findings)).toEqual([]);
    expect(report.shrunk).toEqual([]);
  } finally {
    await tracker.cleanup();
    await target.close();
  }
});

test('the failure database is replayed first: still failing against the faulty service, gone against a fixed one', async () => {
  const replay = {
    target: 'live' as const,
    operation: CREATE.id,
    strategy: 'unicode-text',
    seed: 20240801,
    round: 0,
    fingerprint: 'x',
    check: 'not_a_server_error',
  };
  const settings = { ...readExploreSettings('live', {}), database: null, cases: 0 };
  const faulty = env(fake.url);
  const fixed = await startMockTarget({ tenant: 'explore-replay' });
  const fixedTracker = new ResourceTracker(fixed.client, contracts, (opId) => validBody(opId, { seed: 1, contracts }));
  try {
    const again = await explore([CREATE], { ...faulty, target: 'live', runTag: '', seed: 1, isNew: () => true }, settings, [replay]);
    expect(again.casesRun).toBe(1);
    expect(again.results[0]?.plan.name).toMatch(/^replay of explore unicode-text #1 \(seed 20240801\)/);
    expect(again.failures).toEqual([expect.objectContaining({ operation: CREATE.id, strategy: 'unicode-text', seed: 20240801 })]);
    const gone = await explore(
      [CREATE],
      { client: fixed.client, contracts, tracker: fixedTracker, checks, target: 'live', runTag: '', seed: 1, isNew: () => true },
      settings,
      [replay],
    );
    expect(gone.casesRun).toBe(1);
    expect(gone.failures).toEqual([]);
    // A replay of another target is not this run's to replay.
    expect(
      (await explore([CREATE], { ...faulty, target: 'mock', runTag: '', seed: 1, isNew: () => true }, settings, [replay])).casesRun,
    ).toBe(0);
  } finally {
    await faulty.tracker.cleanup();
    await fixedTracker.cleanup();
    await fixed.close();
  }
});

test('the budgets stop exploration and say why: objects made, time spent', async () => {
  const target = await startMockTarget({ tenant: 'explore-budget' });
  const tracker = new ResourceTracker(target.client, contracts, (opId) => validBody(opId, { seed: 1, contracts }));
  const e = { client: target.client, contracts, tracker, checks, target: 'mock' as const, runTag: '', seed: 1, isNew: () => true };
  try {
    const byObjects = await explore(contracts.operations, e, { ...readExploreSettings('mock', {}), database: null, cases: 10, objects: 3 });
    expect(byObjects.notRun?.reason).toBe('EXPLORE_OBJECTS=3 objects made');
    expect(byObjects.casesRun).toBeGreaterThan(0);
    // Checked before each case; one case makes at most its object and a parent.
    expect(byObjects.objectsMade).toBeLessThanOrEqual(3 + 1);
    expect(byObjects.casesRun + (byObjects.notRun?.count ?? 0)).toBe(10 * contracts.operations.filter((o) => o.request !== null).length);
    const byTime = await explore(contracts.operations, e, { ...readExploreSettings('mock', {}), database: null, cases: 10, seconds: 0 });
    expect(byTime.casesRun).toBe(0);
    expect(byTime.notRun).toEqual({ count: 70, reason: 'EXPLORE_SECONDS=0 reached' });
  } finally {
    await tracker.cleanup();
    await target.close();
  }
});
