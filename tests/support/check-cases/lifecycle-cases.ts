/** Cases for the checks that compare an answer with the requests and answers before it: server_generated, computed_property. */
import { buildExchange, IDS, pool, poolCreateBody, T0, T1, T2 } from '../exchange-builder.js';
import type { CheckCases } from './case-types.js';

const created = buildExchange('createEmbeddedSIMActivationCodePool', {
  caseKind: 'lifecycle',
  step: 'create',
  request: { body: poolCreateBody(2) },
  response: { status: 201, body: pool({ createdDateTime: T0, modifiedDateTime: T0, activationCodeCount: 2 }) },
});

const update = (body: Record<string, unknown>, requestBody: Record<string, unknown> = { displayName: 'Pool B' }) =>
  buildExchange('updateEmbeddedSIMActivationCodePool', {
    caseKind: 'lifecycle',
    step: 'update',
    request: { body: requestBody },
    response: { status: 200, body: pool({ displayName: 'Pool B', ...body }) },
  });

const read = (body: Record<string, unknown>) =>
  buildExchange('getEmbeddedSIMActivationCodePool', { caseKind: 'lifecycle', step: 'get', response: { status: 200, body: pool(body) } });

export const LIFECYCLE_CASES: CheckCases = {
  server_generated: {
    fires: [
      {
        title: 'a created pool whose id is not a GUID',
        exchange: buildExchange('createEmbeddedSIMActivationCodePool', {
          request: { body: poolCreateBody() },
          response: { status: 201, body: pool({ id: 'pool-1' }) },
        }),
        findings: [{ pointer: '/id', stableKey: 'id-not-guid' }],
      },
      {
        title: 'a create that keeps the createdDateTime the client sent',
        exchange: buildExchange('createEmbeddedSIMActivationCodePool', {
          caseKind: 'example',
          request: { body: { ...poolCreateBody(), createdDateTime: '2017-01-01T00:02:43.5775965-08:00' } },
          response: { status: 201, body: pool({ createdDateTime: '2017-01-01T08:02:43.5775965Z' }) },
        }),
        findings: [{ pointer: '/createdDateTime', stableKey: 'client-value' }],
      },
      {
        title: 'an update whose modifiedDateTime did not advance',
        exchange: update({ modifiedDateTime: T0 }),
        prior: [created],
        findings: [{ pointer: '/modifiedDateTime', stableKey: 'modified-not-advanced' }],
      },
      {
        title: 'a read after an update (answered 204) whose createdDateTime changed',
        exchange: read({ createdDateTime: T1, modifiedDateTime: T1 }),
        prior: [
          created,
          buildExchange('updateEmbeddedSIMActivationCodePool', {
            caseKind: 'lifecycle',
            step: 'update',
            request: { body: { displayName: 'B' } },
            response: { status: 204 },
          }),
        ],
        findings: [{ pointer: '/createdDateTime', stableKey: 'created-changed' }],
      },
    ],
    quiet: [
      {
        title: 'a create with a GUID id and server timestamps',
        exchange: created,
      },
      {
        title: 'an update that keeps createdDateTime and advances modifiedDateTime',
        exchange: update({ modifiedDateTime: T1 }),
        prior: [created, read({})],
      },
      {
        title: 'an update answered 204: nothing to read',
        exchange: buildExchange('updateEmbeddedSIMActivationCodePool', {
          caseKind: 'lifecycle',
          request: { body: { displayName: 'B' } },
          response: { status: 204 },
        }),
        prior: [created],
      },
      {
        title: 'a read with no update before it (timestamps need not move)',
        exchange: read({}),
        prior: [created],
      },
    ],
  },

  computed_property: {
    fires: [
      {
        title: 'a create that sent 1 code answered with activationCodeCount 3',
        exchange: buildExchange('createEmbeddedSIMActivationCodePool', {
          caseKind: 'example',
          request: { body: { ...poolCreateBody(1), activationCodeCount: 3 } },
          response: { status: 201, body: pool({ activationCodeCount: 3 }) },
        }),
        findings: [{ pointer: '/activationCodeCount', stableKey: 'count of activationCodes' }],
      },
      {
        title: 'a read whose count differs from the codes sent on create',
        exchange: read({ activationCodeCount: 0 }),
        prior: [created],
        findings: [{ pointer: '/activationCodeCount', stableKey: 'count of activationCodes' }],
      },
      {
        title: 'an update that replaced the codes but kept the old count',
        exchange: update({ activationCodeCount: 2, modifiedDateTime: T2 }, { activationCodes: poolCreateBody(5).activationCodes }),
        prior: [created],
        findings: [{ pointer: '/activationCodeCount', stableKey: 'count of activationCodes' }],
      },
    ],
    quiet: [
      {
        title: 'a create answered with the count of codes sent',
        exchange: created,
      },
      {
        title: 'an update without codes keeps the count from the create',
        exchange: update({ activationCodeCount: 2, modifiedDateTime: T1 }),
        prior: [created],
      },
      {
        title: 'a read of a pool this run did not create (nothing to compare)',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', {
          ids: { embeddedSIMActivationCodePoolId: IDS.deviceState },
          response: { status: 200, body: pool({ id: IDS.deviceState, activationCodeCount: 7 }) },
        }),
        prior: [created],
      },
    ],
  },
};
