/**
 * The semantic checks against services wrong in one way only (the embedded mock behind a deviating proxy on
 * 127.0.0.1), and against the mock itself: a PATCH that stores nothing for device states only, readOnly values
 * echoed, a child created under a deleted pool. Each deviation is caught by the check meant for it and nothing else
 * fires on the operations it leaves alone; the plain mock gives no finding at all; everything made is deleted.
 */
import { expect, test } from '@playwright/test';
import type { OperationContract } from '../../contracts/model.js';
import { casesFor } from '../../runner/cases.js';
import { runCase, type CaseResult } from '../../runner/execute.js';
import { readOnlyCases, readOnlyOperations } from '../../runner/read-only-cases.js';
import { familiesOf } from '../../runner/stateful/families.js';
import { planSequence } from '../../runner/stateful/plan.js';
import { runSequence } from '../../runner/stateful/run.js';
import { readStatefulSettings, STATEFUL_DEFAULTS } from '../../runner/stateful/settings.js';
import { childOfDeletedParentSucceeds, echoSentValues, forgetfulPatch, type Deviation } from '../support/deviating-proxy.js';
import { contracts, openSemanticTarget, SEED, summarise } from '../support/semantic-target.js';

const updates = contracts.operations.filter((o) => o.kind === 'update');
const writes = readOnlyOperations(contracts);
const BOUNDS = { steps: 16, maxObjects: 4 };

/** Every update operation's example and 3 valid cases (each read back), then cleanup. */
async function runUpdates(deviations: Deviation[]): Promise<{ results: CaseResult[]; hits: number[]; left: number }> {
  const t = await openSemanticTarget(deviations);
  const results: CaseResult[] = [];
  try {
    for (const op of updates) {
      for (const group of ['example', 'valid'] as const) {
        for (const plan of casesFor(op, group, contracts, t.payloads, { seed: SEED, validCount: 3 })) {
          results.push(await runCase(op, plan, { client: t.client, contracts, tracker: t.tracker, checks: t.checks }));
        }
      }
    }
    await t.tracker.cleanup();
    return { results, hits: t.hits, left: t.leftovers() };
  } finally {
    await t.close();
  }
}

let lastReadOnlyObjects = 0;

async function runReadOnly(deviations: Deviation[]): Promise<CaseResult[]> {
  const t = await openSemanticTarget(deviations);
  const results: CaseResult[] = [];
  try {
    for (const op of writes) {
      for (const plan of readOnlyCases(op, contracts, t.payloads, SEED)) {
        results.push(await runCase(op, plan, { client: t.client, contracts, tracker: t.tracker, checks: t.checks }));
      }
    }
    lastReadOnlyObjects = t.tracker.all.length;
    await t.tracker.cleanup();
    expect(t.leftovers()).toBe(0);
    return results;
  } finally {
    await t.close();
  }
}

const findingsOf = (results: CaseResult[]) => results.flatMap((r) => r.findings);
const reads = (results: CaseResult[], op: OperationContract) =>
  results.filter((r) => r.exchanges[0]?.operation === op.id).flatMap((r) => r.exchanges.slice(1));

test('every update is read back, and the plain mock shows each update took effect', async () => {
  const { results, left } = await runUpdates([]);
  for (const op of updates) {
    const after = reads(results, op);
    expect(after.length, `${op.id}: reads after its updates`).toBeGreaterThanOrEqual(3);
    for (const ex of after) expect([ex.request.method, ex.caseKind, ex.response.status]).toEqual(['GET', 'after-update', 200]);
  }
  expect(summarise(findingsOf(results))).toEqual([]);
  expect(left).toBe(0);
});

test('a service whose PATCH stores nothing for device states only is caught there, and only there', async () => {
  const { results, hits } = await runUpdates([forgetfulPatch(/\/deviceStates\//)]);
  expect(hits[0]).toBeGreaterThanOrEqual(4);
  const found = findingsOf(results);
  const applied = found.filter((f) => f.check === 'update_applied');
  expect(applied.length).toBeGreaterThan(0);
  expect(new Set(applied.map((f) => f.operation))).toEqual(new Set(['getEmbeddedSIMDeviceState']));
  expect(applied.every((f) => f.expected === 'the value the update sent')).toBe(true);
  // The finding names the update and what it sent, and shows what the read gave.
  expect(applied[0]?.message).toMatch(/did not take effect/);
  expect(applied[0]?.caseName).toMatch(/then read$/);
  // The pools and assignments behave: every finding is about the device states (server_generated also sees that
  // modifiedDateTime did not advance, as it should for a PATCH that did nothing).
  expect(new Set(found.map((f) => f.operation))).toEqual(new Set(['getEmbeddedSIMDeviceState', 'updateEmbeddedSIMDeviceState']));
  expect(new Set(found.map((f) => f.check))).toEqual(new Set(['update_applied', 'server_generated']));
});

test('readOnly values sent on create and update are ignored by the mock: no finding, nothing left', async () => {
  const results = await runReadOnly([]);
  expect(results.length).toBe(writes.length);
  for (const r of results) {
    expect(r.exchanges[0]?.caseKind).toBe('read-only');
    expect(r.exchanges.length, `${r.plan.name}: the object is read back`).toBe(2);
  }
  const sent = results.map((r) => Object.keys(r.exchanges[0]?.request.body as object));
  expect(sent.flat()).toEqual(
    expect.arrayContaining(['id', 'createdDateTime', 'modifiedDateTime', 'activationCodeCount', 'lastSyncDateTime']),
  );
  expect(summarise(findingsOf(results))).toEqual([]);
  // The updates address the objects the creates made: one object per created type (pool, assignment, device state).
  expect(lastReadOnlyObjects).toBe(3);
});

test('a service that echoes client-sent readOnly values is caught by read_only_ignored', async () => {
  const found = findingsOf(await runReadOnly([echoSentValues()])).filter((f) => f.check === 'read_only_ignored');
  const where = summarise(found);
  expect(where).toEqual(
    expect.arrayContaining([
      'read_only_ignored createEmbeddedSIMActivationCodePool /createdDateTime',
      'read_only_ignored createEmbeddedSIMActivationCodePool /activationCodeCount',
      'read_only_ignored updateEmbeddedSIMDeviceState /lastSyncDateTime',
      'read_only_ignored updateEmbeddedSIMActivationCodePool /modifiedDateTime',
    ]),
  );
  expect(found.every((f) => f.message.includes('readOnly'))).toBe(true);
});

/** The first seed from SEED whose planned sequence creates something under a pool it deleted. */
function seedWithChildOfDeletedPool(): number {
  const families = familiesOf(contracts);
  const t = { valid: () => ({}), invalid: () => [] };
  for (let seed = SEED; seed < SEED + 200; seed++) {
    const steps = planSequence(families, t, { seed, ...BOUNDS });
    if (steps.some((s) => s.op.kind === 'create' && s.parent !== null && /under \w+ \(deleted\)$/.test(s.text))) return seed;
  }
  throw new Error('no seed in 200 plans a create under a deleted pool: the planner lost its bias');
}

test('a sequence is planned from its seed alone', () => {
  const families = familiesOf(contracts);
  const t = { valid: () => ({}), invalid: () => [] };
  const texts = (seed: number) => planSequence(families, t, { seed, ...BOUNDS }).map((s) => s.text);
  expect(texts(SEED)).toEqual(texts(SEED));
  expect(texts(SEED)).not.toEqual(texts(SEED + 1));
  expect(texts(SEED)).toHaveLength(BOUNDS.steps);
});

test('a service that lets a child be created under a deleted pool is caught by the stateful oracle, with seed and sequence', async () => {
  const seed = seedWithChildOfDeletedPool();
  for (const [deviations, deviating] of [
    [[], false],
    [[childOfDeletedParentSucceeds()], true],
  ] as const) {
    const t = await openSemanticTarget([...deviations]);
    try {
      const result = await runSequence(
        { client: t.client, contracts, checks: t.checks, payloads: t.payloads, tracker: t.tracker },
        0,
        seed,
        BOUNDS,
      );
      await t.tracker.cleanup();
      expect(t.leftovers(), 'every object the sequence made is deleted').toBe(0);
      if (!deviating) {
        expect(summarise(result.findings)).toEqual([]);
        continue;
      }
      const oracle = result.findings.filter((f) => f.check === 'stateful_oracle');
      expect(oracle.length).toBeGreaterThan(0);
      expect(new Set(result.findings.map((f) => f.check)), 'the service is wrong in this one way only').toEqual(
        new Set(['stateful_oracle']),
      );
      const first = oracle[0];
      expect(first).toMatchObject({ pointer: '/status', expected: 404, observed: 201 });
      expect(first?.caseName).toContain(`seed ${seed}`);
      expect(first?.caseName).toContain(`replay: FAKER_SEED=${seed} STATEFUL_SEQUENCES=1 STATEFUL_STEPS=16 STATEFUL_OBJECTS=4`);
      expect(first?.message).toMatch(/its pool was deleted earlier in the sequence/);
      expect(first?.message).toMatch(/\n {2}1\. (create|list) embeddedSIMActivationCodePool.* -> \d{3}\n/);
    } finally {
      await t.close();
    }
  }
});

test('the default sequences run on the mock with no finding; repeated bounded runs stop by themselves', async () => {
  const t = await openSemanticTarget();
  try {
    for (let i = 0; i < 8; i++) {
      const result = await runSequence(
        { client: t.client, contracts, checks: t.checks, payloads: t.payloads, tracker: t.tracker },
        i,
        SEED + i,
        BOUNDS,
      );
      expect(result.exchanges).toHaveLength(BOUNDS.steps);
      expect(summarise(result.findings), result.plan.name).toEqual([]);
    }
    await t.tracker.cleanup();
    expect(t.leftovers()).toBe(0);
  } finally {
    await t.close();
  }
});

test('with the default settings the stateful sequences of a run ask for at most 8 objects (live budget)', async () => {
  let made = 0;
  const count: Deviation = async (req, forward) => {
    if (req.method !== 'POST') return undefined;
    const answer = await forward(req);
    if (answer.status < 300) {
      const body = JSON.parse(answer.bodyText) as { value?: unknown[] };
      made += Array.isArray(body.value) ? body.value.length : 1;
    }
    return answer;
  };
  const t = await openSemanticTarget([count]);
  try {
    const most: number[] = [];
    for (const base of [SEED, 1, 777, 123456, 4242]) {
      made = 0;
      for (let i = 0; i < STATEFUL_DEFAULTS.sequences; i++) {
        await runSequence(
          { client: t.client, contracts, checks: t.checks, payloads: t.payloads, tracker: t.tracker },
          i,
          base + i,
          STATEFUL_DEFAULTS,
        );
      }
      await t.tracker.cleanup();
      most.push(made);
    }
    expect(Math.max(...most)).toBeLessThanOrEqual(8);
    expect(Math.min(...most), 'the sequences do make objects').toBeGreaterThan(0);
    expect(t.leftovers()).toBe(0);
  } finally {
    await t.close();
  }
});

test('stateful settings: defaults, and a bad value names the variable, the range and the default', () => {
  expect(readStatefulSettings({})).toEqual(STATEFUL_DEFAULTS);
  expect(readStatefulSettings({ STATEFUL_SEQUENCES: '0', STATEFUL_STEPS: '40', STATEFUL_OBJECTS: '10' })).toEqual({
    sequences: 0,
    steps: 40,
    maxObjects: 10,
  });
  expect(() => readStatefulSettings({ STATEFUL_STEPS: 'many' })).toThrow(
    /STATEFUL_STEPS must be a whole number from 1 to 1000.*"many".*Default: 16/,
  );
});
