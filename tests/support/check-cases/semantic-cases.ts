/** Cases for the semantic checks: update_applied, read_only_ignored, stateful_oracle. */
import type { CaseKind } from '../../../checks/types.js';
import { assignment, buildExchange, deviceState, IDS, pool, poolCreateBody, T1, T2 } from '../exchange-builder.js';
import type { CheckCases } from './case-types.js';

const CLIENT_TIME = '2001-02-03T04:05:06Z';

const stateCreated = buildExchange('createEmbeddedSIMDeviceState', {
  caseKind: 'valid',
  step: 'setup',
  request: { body: { deviceName: 'Device 1', state: 'installed' } },
  response: { status: 201, body: deviceState() },
});
const stateUpdate = (body: Record<string, unknown>, kind: CaseKind = 'valid') =>
  buildExchange('updateEmbeddedSIMDeviceState', { caseKind: kind, request: { body }, response: { status: 204 } });
const stateRead = (overrides: Record<string, unknown>, status = 200, kind: CaseKind = 'after-update') =>
  buildExchange('getEmbeddedSIMDeviceState', {
    caseKind: kind,
    step: 'after-update',
    response:
      status === 200 ? { status, body: deviceState(overrides) } : { status, body: { error: { code: 'NotFound', message: 'gone' } } },
  });

const step = (operation: string, status: number, body?: unknown, ids: Record<string, string> = {}) =>
  buildExchange(operation, {
    caseKind: 'stateful',
    step: `${operation} (step)`,
    ids,
    response: { status, ...(body !== undefined ? { body } : {}) },
  });
const poolMade = step('createEmbeddedSIMActivationCodePool', 201, pool());
const poolDeleted = step('deleteEmbeddedSIMActivationCodePool', 204);

export const SEMANTIC_CASES: CheckCases = {
  update_applied: {
    fires: [
      {
        title: 'a read after a device-state PATCH still shows the old deviceName (the PATCH stored nothing)',
        exchange: stateRead({}),
        prior: [stateCreated, stateUpdate({ deviceName: 'Device 2' })],
        findings: [{ pointer: '/deviceName', stableKey: 'not-applied' }],
      },
      {
        title: 'an update that changed a property it did not send',
        exchange: stateRead({ deviceName: 'Device 2', userName: 'someone@contoso.com', modifiedDateTime: T1 }),
        prior: [stateCreated, stateUpdate({ deviceName: 'Device 2' })],
        findings: [{ pointer: '/userName', stableKey: 'changed-unsent' }],
      },
      {
        title: 'the object cannot be read back right after its update',
        exchange: stateRead({}, 404),
        prior: [stateCreated, stateUpdate({ deviceName: 'Device 2' })],
        findings: [{ pointer: '/status', stableKey: 'read-failed 404' }],
      },
    ],
    quiet: [
      {
        title: 'the read shows what was sent; only server-maintained timestamps moved',
        exchange: stateRead({ deviceName: 'Device 2', state: 'failed', modifiedDateTime: T1, lastSyncDateTime: T2 }),
        prior: [stateCreated, stateUpdate({ deviceName: 'Device 2', state: 'failed' })],
      },
      {
        title: 'two updates, the last value of each property wins',
        exchange: stateRead({ deviceName: 'Device 3', stateDetails: 'x', modifiedDateTime: T2 }),
        prior: [stateCreated, stateUpdate({ deviceName: 'Device 2', stateDetails: 'x' }), stateUpdate({ deviceName: 'Device 3' })],
      },
      {
        title: 'a pool update of writeOnly codes only: the count moves, nothing readable is expected',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', {
          caseKind: 'after-update',
          response: { status: 200, body: pool({ activationCodeCount: 5, modifiedDateTime: T1 }) },
        }),
        prior: [
          buildExchange('createEmbeddedSIMActivationCodePool', {
            request: { body: poolCreateBody(2) },
            response: { status: 201, body: pool() },
          }),
          buildExchange('updateEmbeddedSIMActivationCodePool', {
            request: { body: { activationCodes: poolCreateBody(5).activationCodes } },
            response: { status: 204 },
          }),
        ],
      },
      {
        title: 'a read with no update before it',
        exchange: stateRead({ deviceName: 'Other' }, 200, 'valid'),
        prior: [stateCreated],
      },
    ],
  },

  read_only_ignored: {
    fires: [
      {
        title: 'a create answered with the createdDateTime the client sent',
        exchange: buildExchange('createEmbeddedSIMActivationCodePool', {
          caseKind: 'read-only',
          request: { body: { ...poolCreateBody(), createdDateTime: CLIENT_TIME } },
          response: { status: 201, body: pool({ createdDateTime: CLIENT_TIME }) },
        }),
        findings: [{ pointer: '/createdDateTime', stableKey: 'echoed' }],
      },
      {
        title: 'a read after a create shows the lastSyncDateTime the client sent',
        exchange: stateRead({ lastSyncDateTime: CLIENT_TIME }, 200, 'after-update'),
        prior: [
          buildExchange('createEmbeddedSIMDeviceState', {
            caseKind: 'read-only',
            request: { body: { deviceName: 'Device 1', lastSyncDateTime: CLIENT_TIME } },
            response: { status: 201, body: deviceState() },
          }),
        ],
        findings: [{ pointer: '/lastSyncDateTime', stableKey: 'stored' }],
      },
      {
        title: 'a body with readOnly values rejected with 400',
        exchange: buildExchange('updateEmbeddedSIMDeviceState', {
          caseKind: 'read-only',
          request: { body: { deviceName: 'Device 2', modifiedDateTime: CLIENT_TIME, id: IDS.group } },
          response: { status: 400, body: { error: { code: 'BadRequest', message: 'modifiedDateTime is read-only' } } },
        }),
        findings: [{ pointer: '/status', stableKey: 'rejected 400' }],
      },
    ],
    quiet: [
      {
        title: 'a create that sent readOnly values answered with the server own',
        exchange: buildExchange('createEmbeddedSIMActivationCodePool', {
          caseKind: 'read-only',
          request: { body: { ...poolCreateBody(2), id: IDS.group, createdDateTime: CLIENT_TIME, activationCodeCount: 4242 } },
          response: { status: 201, body: pool() },
        }),
      },
      {
        title: 'the documented example: a count equal to the codes sent is what the server computes anyway',
        exchange: buildExchange('createEmbeddedSIMActivationCodePool', {
          caseKind: 'example',
          request: { body: { ...poolCreateBody(2), activationCodeCount: 2 } },
          response: { status: 201, body: pool({ activationCodeCount: 2 }) },
        }),
      },
      {
        title: 'a read after an update whose readOnly values the server ignored',
        exchange: stateRead({ deviceName: 'Device 2', modifiedDateTime: T1 }),
        prior: [
          stateCreated,
          stateUpdate({ deviceName: 'Device 2', modifiedDateTime: CLIENT_TIME, lastSyncDateTime: CLIENT_TIME }, 'read-only'),
        ],
      },
    ],
  },

  stateful_oracle: {
    fires: [
      {
        title: 'a device state created under a pool the sequence deleted',
        exchange: step('createEmbeddedSIMDeviceState', 201, deviceState()),
        prior: [poolMade, poolDeleted],
        findings: [{ pointer: '/status', stableKey: 'parent-deleted 201' }],
      },
      {
        title: 'a second delete answered 204',
        exchange: step('deleteEmbeddedSIMActivationCodePool', 204),
        prior: [poolMade, poolDeleted],
        findings: [{ pointer: '/status', stableKey: 'deleted 204' }],
      },
      {
        title: 'a pool the sequence made is read as 404',
        exchange: step('getEmbeddedSIMActivationCodePool', 404, { error: { code: 'NotFound', message: 'x' } }),
        prior: [poolMade],
        findings: [{ pointer: '/status', stableKey: 'exists 404' }],
      },
      {
        title: 'after assign replaced the assignments, the list still shows the one it replaced',
        exchange: step('listEmbeddedSIMActivationCodePoolAssignments', 200, { value: [assignment(), assignment({ id: IDS.group })] }),
        prior: [
          poolMade,
          step('createEmbeddedSIMActivationCodePoolAssignment', 201, assignment()),
          step('assignEmbeddedSIMActivationCodePool', 200, { value: [assignment({ id: IDS.group })] }),
        ],
        findings: [{ pointer: '/value', stableKey: 'deleted-listed' }],
      },
      {
        title: 'the pool list still shows a deleted pool',
        exchange: step('listEmbeddedSIMActivationCodePools', 200, { value: [pool()] }),
        prior: [poolMade, poolDeleted],
        findings: [{ pointer: '/value', stableKey: 'deleted-listed' }],
      },
    ],
    quiet: [
      {
        title: 'a child create under a deleted pool answered 404',
        exchange: step('createEmbeddedSIMDeviceState', 404, { error: { code: 'NotFound', message: 'x' } }),
        prior: [poolMade, poolDeleted],
      },
      {
        title: 'the device states of a new pool: an empty list, then the one made',
        exchange: step('listEmbeddedSIMDeviceStates', 200, { value: [deviceState()] }),
        prior: [
          poolMade,
          step('listEmbeddedSIMDeviceStates', 200, { value: [] }),
          step('createEmbeddedSIMDeviceState', 201, deviceState()),
        ],
      },
      {
        title: 'an update of an existing pool answered 204 (the exact code is status_code’s)',
        exchange: step('updateEmbeddedSIMActivationCodePool', 204),
        prior: [poolMade],
      },
      {
        title: 'a 404 outside a stateful sequence is not judged here',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', { caseKind: 'valid', response: { status: 404 } }),
        prior: [poolMade],
      },
    ],
  },
};
