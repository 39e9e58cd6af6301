/**
 * The runner's parts on their own: the Graph client's exchanges, the replay command, run settings, and the
 * resource tracker and its cleanup. (The live target's settings: live-config.spec.ts.)
 */
import { expect, test } from '@playwright/test';
import { loadContracts } from '../../contracts/load.js';
import { curlFor } from '../../runner/curl.js';
import { payloadSource } from '../../runner/payload-source.js';
import { ResourceTracker, fillPath } from '../../runner/resources.js';
import { readSettings, SettingsError } from '../../runner/settings.js';
import { startMockTarget } from '../../runner/target.js';

const contracts = loadContracts();
const payloads = payloadSource(contracts, '');
const POOLS = '/deviceManagement/embeddedSIMActivationCodePools';

test('the client sends a fresh client-request-id each time and never records the token', async () => {
  const target = await startMockTarget({ tenant: 'client' });
  try {
    const send = () =>
      target.client.send({ operation: 'listEmbeddedSIMActivationCodePools', caseKind: 'valid', caseName: 't', method: 'GET', path: POOLS });
    const [a, b] = [await send(), await send()];
    expect(a.request.headers['client-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.request.headers['client-request-id']).not.toBe(b.request.headers['client-request-id']);
    expect(a.response.headers['client-request-id']).toBe(a.request.headers['client-request-id']);
    expect(a.request.headers.authorization).toBe('Bearer <redacted>');
    expect(JSON.stringify(a)).not.toContain('mock-token-client');
    expect(a.response).toMatchObject({ status: 200, body: { value: [] } });
  } finally {
    await target.close();
  }
});

test('a body that is not JSON is recorded, not thrown', async () => {
  const target = await startMockTarget({ tenant: 'raw' });
  try {
    const ex = await target.client.send({
      operation: 'createEmbeddedSIMActivationCodePool',
      caseKind: 'invalid',
      caseName: 't',
      method: 'POST',
      path: POOLS,
      rawBody: '{"displayName": ',
    });
    expect(ex.response.status).toBe(400);
    expect(ex.request.body).toBe('{"displayName": ');
  } finally {
    await target.close();
  }
});

test('the replay command reads the token from $TOKEN and quotes the body', () => {
  const cmd = curlFor({
    method: 'POST',
    url: 'http://127.0.0.1:1/beta/x',
    headers: { authorization: 'Bearer <redacted>', 'content-type': 'application/json' },
    body: { displayName: "it's" },
  });
  expect(cmd).toBe(
    `curl -i -X POST 'http://127.0.0.1:1/beta/x' -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' --data-raw '{"displayName":"it'\\''s"}'`,
  );
});

test('settings: defaults, and bad values name the variable', () => {
  expect(readSettings({})).toMatchObject({ validCount: 5, exclude: [] });
  expect(
    readSettings({ VALID_CASES: '20', CHECKS: 'status_code, response_schema', SKIP_CHECKS: 'auth_enforced', FAKER_SEED: '7' }),
  ).toEqual({ seed: 7, validCount: 20, include: ['status_code', 'response_schema'], exclude: ['auth_enforced'] });
  expect(() => readSettings({ VALID_CASES: 'many' })).toThrow(SettingsError);
  expect(() => readSettings({ VALID_CASES: 'many' })).toThrow(/VALID_CASES must be a whole number/);
});

test('fillPath fills and encodes, and names a missing parameter', () => {
  expect(fillPath('/a/{x}/b/{y}', { x: '1', y: 'a b' })).toBe('/a/1/b/a%20b');
  expect(() => fillPath('/a/{x}', {})).toThrow('no value for path parameter {x} of /a/{x}');
});

test('the tracker makes parents once, fresh objects on request, and cleanup deletes everything it made', async () => {
  const target = await startMockTarget({ tenant: 'tracker' });
  try {
    const shared = new ResourceTracker(target.client, contracts, (opId) => payloads.valid(opId, 1));
    const tracker = new ResourceTracker(target.client, contracts, (opId) => payloads.valid(opId, 1), shared);
    const getAssignment = contracts.operation('getEmbeddedSIMActivationCodePoolAssignment');
    const a = await tracker.paramsFor(getAssignment);
    const b = await tracker.paramsFor(getAssignment);
    expect(b.params).toEqual(a.params); // reused
    const c = await tracker.paramsFor(contracts.operation('deleteEmbeddedSIMActivationCodePoolAssignment'), { fresh: true });
    expect(c.params.embeddedSIMActivationCodePoolId).toBe(a.params.embeddedSIMActivationCodePoolId);
    expect(c.params.embeddedSIMActivationCodePoolAssignmentId).not.toBe(a.params.embeddedSIMActivationCodePoolAssignmentId);
    expect(shared.all).toHaveLength(2); // the pool and the assignment that only needed to exist
    expect(tracker.all).toHaveLength(1); // the assignment the delete case is about
    expect(await tracker.cleanup()).toEqual([]);
    expect(shared.all).toHaveLength(2);
    expect(await shared.cleanup()).toEqual([]);
    const list = await target.client.send({
      operation: 'listEmbeddedSIMActivationCodePools',
      caseKind: 'valid',
      caseName: 't',
      method: 'GET',
      path: POOLS,
    });
    expect(list.response.body).toMatchObject({ value: [] });
  } finally {
    await target.close();
  }
});

test('setup that cannot make a parent fails with the status and the body', async () => {
  const target = await startMockTarget({ tenant: 'setup' });
  try {
    const tracker = new ResourceTracker(target.client, contracts, () => ({ displayName: 42 }));
    await expect(tracker.paramsFor(contracts.operation('getEmbeddedSIMActivationCodePool'))).rejects.toThrow(
      /setup: createEmbeddedSIMActivationCodePool answered 400/,
    );
  } finally {
    await target.close();
  }
});
