/**
 * server_generated and computed_property in depth: which earlier exchange they compare with (same object only,
 * successful ones only, the state before the update), timestamps compared exactly, and counts found by id in lists.
 */
import { expect, test } from '@playwright/test';
import { computedProperty } from '../../checks/computed-property.js';
import { serverGenerated } from '../../checks/server-generated.js';
import type { Check, Exchange, FindingDraft } from '../../checks/types.js';
import {
  buildExchange,
  contracts,
  context,
  deviceState,
  graphError,
  IDS,
  OTHER_RUN,
  pool,
  poolCreateBody,
  T0,
  T1,
} from '../support/exchange-builder.js';

const run = (check: Check, x: Exchange, prior: Exchange[] = []): string[] =>
  check.run(x, contracts.operation(x.operation), context(prior)).map((d: FindingDraft) => `${d.pointer} ${d.stableKey ?? ''}`);

const create = (body: Record<string, unknown>, codes = 2, id: string = IDS.pool): Exchange =>
  buildExchange('createEmbeddedSIMActivationCodePool', {
    request: { body: poolCreateBody(codes) },
    response: { status: 201, body: pool({ id, activationCodeCount: codes, ...body }) },
  });
const get = (body: Record<string, unknown>, id: string = IDS.pool): Exchange =>
  buildExchange('getEmbeddedSIMActivationCodePool', {
    ids: { embeddedSIMActivationCodePoolId: id },
    response: { status: 200, body: pool({ id, ...body }) },
  });
const update = (
  body: Record<string, unknown> | null,
  sent: Record<string, unknown> = { displayName: 'B' },
  status = body ? 200 : 204,
): Exchange =>
  buildExchange('updateEmbeddedSIMActivationCodePool', {
    request: { body: sent },
    response: body ? { status, body: status < 300 ? pool(body) : graphError('BadRequest') } : { status },
  });

test.describe('server_generated', () => {
  test('an update is compared with the latest earlier state, here a get after the create', () => {
    expect(
      run(serverGenerated, update({ modifiedDateTime: T1 }), [create({ modifiedDateTime: T0 }), get({ modifiedDateTime: T1 })]),
    ).toEqual(['/modifiedDateTime modified-not-advanced']);
  });

  test('a timestamp rewritten in another zone is the same instant', () => {
    const before = create({ createdDateTime: '2025-07-01T10:00:00.5Z', modifiedDateTime: T0 });
    expect(run(serverGenerated, update({ createdDateTime: '2025-07-01T12:00:00.5000000+02:00', modifiedDateTime: T1 }), [before])).toEqual(
      [],
    );
  });

  test('timestamps are compared to the 100 ns tick, finer than a Date', () => {
    const before = create({ modifiedDateTime: '2025-07-01T10:00:00.1234567Z' });
    expect(run(serverGenerated, update({ modifiedDateTime: '2025-07-01T10:00:00.1234568Z' }), [before])).toEqual([]);
    expect(run(serverGenerated, update({ modifiedDateTime: '2025-07-01T10:00:00.1234566Z' }), [before])).toEqual([
      '/modifiedDateTime modified-not-advanced',
    ]);
  });

  test('earlier exchanges about another object are not compared', () => {
    expect(run(serverGenerated, update({ modifiedDateTime: T0 }), [create({ modifiedDateTime: T1 }, 2, OTHER_RUN.pool)])).toEqual([]);
  });

  test('a read after a failed update is not a read after an update', () => {
    const failed = update({ modifiedDateTime: T0 }, { displayName: 5 }, 400);
    expect(run(serverGenerated, get({ modifiedDateTime: T0 }), [create({ modifiedDateTime: T0 }), failed])).toEqual([]);
    expect(run(serverGenerated, get({ modifiedDateTime: T0 }), [create({ modifiedDateTime: T0 }), update(null)])).toEqual([
      '/modifiedDateTime modified-not-advanced',
    ]);
  });

  test("a create answered with .NET's empty DateTime did not set the timestamp", () => {
    expect(run(serverGenerated, create({ createdDateTime: '0001-01-01T00:00:00Z' }))).toEqual(['/createdDateTime unset-timestamp']);
  });

  test('a nullable readOnly timestamp may be null on create, and a sent null is not "kept"', () => {
    const x = buildExchange('createEmbeddedSIMDeviceState', {
      request: { body: { state: 'installed', lastSyncDateTime: null } },
      response: { status: 201, body: deviceState({ lastSyncDateTime: null }) },
    });
    expect(run(serverGenerated, x)).toEqual([]);
  });

  test('a create that keeps a client-sent id is caught', () => {
    const x = buildExchange('createEmbeddedSIMActivationCodePool', {
      request: { body: { ...poolCreateBody(), id: IDS.pool } },
      response: { status: 201, body: pool() },
    });
    expect(run(serverGenerated, x)).toEqual(['/id client-value']);
  });

  test('lists, actions and error answers are not judged', () => {
    const list = buildExchange('listEmbeddedSIMActivationCodePools', {
      response: { status: 200, body: { value: [pool({ id: 'not-a-guid' })] } },
    });
    expect(run(serverGenerated, list)).toEqual([]);
    const failed = buildExchange('createEmbeddedSIMActivationCodePool', {
      request: { body: { id: 'x' } },
      response: { status: 400, body: graphError('BadRequest') },
    });
    expect(run(serverGenerated, failed)).toEqual([]);
  });
});

test.describe('computed_property', () => {
  test('list items are matched by id with the creates before them', () => {
    const list = buildExchange('listEmbeddedSIMActivationCodePools', {
      response: {
        status: 200,
        body: { value: [pool({ id: IDS.pool, activationCodeCount: 2 }), pool({ id: OTHER_RUN.pool, activationCodeCount: 2 })] },
      },
    });
    expect(run(computedProperty, list, [create({}, 2), create({}, 3, OTHER_RUN.pool)])).toEqual([
      '/value/1/activationCodeCount count of activationCodes',
    ]);
  });

  test('codes sent in a rejected update do not count', () => {
    const rejected = update({}, { activationCodes: poolCreateBody(9).activationCodes }, 400);
    expect(run(computedProperty, get({ activationCodeCount: 2 }), [create({}, 2), rejected])).toEqual([]);
  });

  test('codes sent in an update answered 204 count for the read after it', () => {
    const replaced = update(null, { activationCodes: poolCreateBody(4).activationCodes });
    expect(run(computedProperty, get({ activationCodeCount: 2 }), [create({}, 2), replaced])).toEqual([
      '/activationCodeCount count of activationCodes',
    ]);
    expect(run(computedProperty, get({ activationCodeCount: 4 }), [create({}, 2), replaced])).toEqual([]);
  });

  test('the finding says the count seen and the count sent', () => {
    const x = create({ activationCodeCount: 5 }, 2);
    const [d] = computedProperty.run(x, contracts.operation(x.operation), context());
    expect(d?.observed).toEqual({ activationCodeCount: 5, 'activationCodes sent': 2 });
    expect(d?.message).toContain('activationCodeCount is 5, but the create request');
    expect(d?.message).toContain('sent 2 activationCodes');
  });
});
