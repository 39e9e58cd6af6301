/**
 * The bare loop of the bench (bench/bare-loop.ts): what it replays, how it maps created ids, and that it reports
 * answers that differ from the recorded ones. Correctness only: nothing here measures time.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mismatches, planReplay, replay, stepUrl } from '../../bench/bare-loop.js';
import { readRecording, readRecordings, RecordingError, type RecordedRequest } from '../../bench/recording.js';
import { startMockServer } from '../../mocks/http-server.js';

const POOLS = '/beta/deviceManagement/embeddedSIMActivationCodePools';
const BODY = JSON.stringify({
  displayName: 'Bench pool',
  activationCodes: [
    { integratedCircuitCardIdentifier: '8901260000000000001', matchingIdentifier: 'MATCH-1', smdpPlusServerAddress: 'smdp.example.com' },
  ],
});

function rec(method: string, url: string, status: number, extra: Partial<RecordedRequest> = {}): RecordedRequest {
  return { t: 0, method, url, headers: { authorization: 'Bearer t' }, body: null, status, id: null, ...extra };
}

/** Sends a small sequence to a mock and records it as the preload would: create, read, update, delete, read. */
async function recordSequence(origin: string): Promise<RecordedRequest[]> {
  const out: RecordedRequest[] = [];
  const send = async (method: string, path: string, body: string | null): Promise<string> => {
    const headers: Record<string, string> = {
      authorization: 'Bearer bare-loop-test',
      ...(body ? { 'content-type': 'application/json' } : {}),
    };
    const res = await fetch(`${origin}${path}`, { method, headers, ...(body ? { body } : {}) });
    const text = await res.text();
    const id = method === 'POST' && res.ok ? String((JSON.parse(text) as { id: string }).id) : null;
    out.push({ t: out.length, method, url: `${origin}${path}`, headers, body, status: res.status, id });
    return id ?? '';
  };
  const id = await send('POST', POOLS, BODY);
  await send('GET', `${POOLS}/${id}`, null);
  await send('PATCH', `${POOLS}/${id}`, JSON.stringify({ displayName: 'Renamed' }));
  await send('GET', `${POOLS}?$top=5`, null);
  await send('DELETE', `${POOLS}/${id}`, null);
  await send('GET', `${POOLS}/${id}`, null);
  return out;
}

test.describe('planReplay', () => {
  test('path segments that name an object the sequence created become placeholders; the rest stays literal', () => {
    const plan = planReplay([
      rec('POST', `http://127.0.0.1:1${POOLS}`, 201, { id: 'abc-1', body: '{}' }),
      rec('GET', `http://127.0.0.1:1${POOLS}/abc-1/assignments/xyz?$top=1`, 200),
      rec('GET', `http://127.0.0.1:1${POOLS}/not-created`, 404),
    ]);
    expect(plan.steps.map((s) => s.parts)).toEqual([[POOLS], [`${POOLS}/`, 'abc-1', '/assignments/xyz?$top=1'], [`${POOLS}/not-created`]]);
    expect(plan.steps.map((s) => s.capture)).toEqual(['abc-1', null, null]);
    expect(plan.steps.map((s) => s.expectedStatus)).toEqual([201, 200, 404]);
    expect(plan.remappedSegments).toBe(1);
    expect(plan.steps[0]?.init).toEqual({ method: 'POST', headers: { authorization: 'Bearer t' }, body: '{}' });
  });

  test('an id used before the request that created it is not remapped; bodies that mention created ids are counted', () => {
    const plan = planReplay([
      rec('GET', `http://h:1${POOLS}/abc`, 404),
      rec('POST', `http://h:1${POOLS}`, 201, { id: 'abc' }),
      rec('POST', `http://h:1${POOLS}/abc/assign`, 200, { body: '{"ref":"abc"}' }),
    ]);
    expect(plan.steps[0]?.parts).toEqual([`${POOLS}/abc`]);
    expect(plan.steps[2]?.parts).toEqual([`${POOLS}/`, 'abc', '/assign']);
    expect(plan.bodiesMentioningIds).toBe(1);
  });

  test('stepUrl puts the replay id in place of the recorded one, and keeps the recorded id when none was captured', () => {
    const [, step] = planReplay([
      rec('POST', `http://h:1${POOLS}`, 201, { id: 'old id' }),
      rec('GET', `http://h:1${POOLS}/old%20id`, 200),
    ]).steps;
    if (!step) throw new Error('two steps expected');
    expect(stepUrl(step, 'http://127.0.0.1:9', new Map([['old id', 'new/id']]))).toBe(`http://127.0.0.1:9${POOLS}/new%2Fid`);
    expect(stepUrl(step, 'http://127.0.0.1:9', new Map())).toBe(`http://127.0.0.1:9${POOLS}/old%20id`);
  });
});

/** Records the sequence against a mock of its own, closed afterwards: the replay then meets fresh ids. */
async function recordOnFreshMock(): Promise<RecordedRequest[]> {
  const mock = await startMockServer({ port: 0 });
  try {
    return await recordSequence(mock.origin);
  } finally {
    await mock.close();
  }
}

test.describe('replay against the embedded mock', () => {
  test('a recorded sequence replayed against a fresh mock gets every recorded status, thanks to the id mapping', async () => {
    const recorded = await recordOnFreshMock();
    expect(recorded.map((r) => r.status)).toEqual([201, 200, 200, 200, 204, 404]);
    const second = await startMockServer({ port: 0 });
    try {
      const plan = planReplay(recorded);
      const outcome = await replay(plan, second.origin);
      expect(outcome.statuses).toEqual([201, 200, 200, 200, 204, 404]);
      expect(mismatches(plan, outcome.statuses)).toEqual([]);
    } finally {
      await second.close();
    }
  });

  test('without the id mapping the answers differ, and mismatches says where', async () => {
    const recorded = await recordOnFreshMock();
    const second = await startMockServer({ port: 0 });
    try {
      const plan = planReplay(recorded);
      for (const step of plan.steps) step.capture = null;
      const outcome = await replay(plan, second.origin);
      const found = mismatches(plan, outcome.statuses);
      expect(found.map((m) => [m.index, m.method, m.expected, m.observed])).toEqual([
        [1, 'GET', 200, 404],
        [2, 'PATCH', 200, 404],
        [4, 'DELETE', 204, 404],
      ]);
      expect(found[0]?.path).toMatch(/^\/beta\/deviceManagement\/embeddedSIMActivationCodePools\/[0-9a-f-]+$/);
    } finally {
      await second.close();
    }
  });
});

test.describe('recordings', () => {
  test('files are read in the order their processes began sending; a broken line names the file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-rec-'));
    try {
      writeFileSync(join(dir, 'rec-2.jsonl'), `${JSON.stringify(rec('GET', 'http://h:1/a', 200, { t: 5 }))}\n`);
      writeFileSync(join(dir, 'rec-1.jsonl'), `${JSON.stringify(rec('GET', 'http://h:1/b', 200, { t: 9 }))}\n`);
      writeFileSync(join(dir, 'notes.txt'), 'ignored');
      expect(readRecordings(dir).map((r) => r.requests[0]?.url)).toEqual(['http://h:1/a', 'http://h:1/b']);
      expect(readRecordings(join(dir, 'missing'))).toEqual([]);
      const bad = join(dir, 'rec-3.jsonl');
      writeFileSync(bad, `${JSON.stringify(rec('GET', 'http://h:1/c', 200))}\n{not json\n`);
      expect(() => readRecording(bad)).toThrow(RecordingError);
      expect(() => readRecording(bad)).toThrow(/rec-3\.jsonl:2: not JSON/);
      writeFileSync(bad, `${JSON.stringify({ ...rec('POST', 'http://h:1/c', 201), body: { unsupported: 'object' } })}\n`);
      expect(() => readRecording(bad)).toThrow(/rec-3\.jsonl:1: the body is not text/);
      writeFileSync(bad, `${JSON.stringify({ url: 'http://h:1/c' })}\n`);
      expect(() => readRecording(bad)).toThrow(/needs method, url, headers and status/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
