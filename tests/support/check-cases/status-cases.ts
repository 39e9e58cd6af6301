/** Cases for the checks that judge the status alone: status_code, negative_rejected, not_a_server_error, auth_enforced, use_after_delete. */
import { assignment, buildExchange, graphError, pool, poolCreateBody } from '../exchange-builder.js';
import type { CheckCases } from './case-types.js';

const notFound = { status: 404, body: graphError('ResourceNotFound') };

export const STATUS_CASES: CheckCases = {
  status_code: {
    fires: [
      {
        title: 'a PATCH answered 204 against the documented 200',
        exchange: buildExchange('updateEmbeddedSIMActivationCodePool', {
          request: { body: { displayName: 'B' } },
          response: { status: 204 },
        }),
        findings: [{ pointer: '/status', stableKey: '204' }],
      },
      {
        title: 'a create answered 200 against the documented 201',
        exchange: buildExchange('createEmbeddedSIMActivationCodePool', {
          caseKind: 'example',
          request: { body: poolCreateBody() },
          response: { status: 200, body: pool() },
        }),
        findings: [{ pointer: '/status', stableKey: '200' }],
      },
    ],
    quiet: [
      {
        title: 'a lifecycle create answered 201',
        exchange: buildExchange('createEmbeddedSIMActivationCodePool', {
          caseKind: 'lifecycle',
          step: 'create',
          request: { body: poolCreateBody() },
          response: { status: 201, body: pool() },
        }),
      },
      {
        title: 'an invalid case answered 400 (negative_rejected judges those)',
        exchange: buildExchange('updateEmbeddedSIMActivationCodePool', {
          caseKind: 'invalid',
          mutation: { rule: 'type', pointer: '/displayName' },
          request: { body: { displayName: 5 } },
          response: { status: 400, body: graphError('BadRequest') },
        }),
      },
    ],
  },

  negative_rejected: {
    fires: [
      {
        title: 'a body breaking a pattern accepted with 201',
        exchange: buildExchange('createEmbeddedSIMActivationCodePool', {
          caseKind: 'invalid',
          mutation: { rule: 'pattern', pointer: '/activationCodes/1/integratedCircuitCardIdentifier' },
          request: { body: poolCreateBody() },
          response: { status: 201, body: pool() },
        }),
        findings: [{ pointer: '/status', stableKey: 'pattern /activationCodes/*/integratedCircuitCardIdentifier' }],
      },
      {
        title: 'a body missing a required property answered 500',
        exchange: buildExchange('createEmbeddedSIMActivationCodePool', {
          caseKind: 'invalid',
          mutation: { rule: 'required', pointer: '/displayName' },
          request: { body: { activationCodes: [] } },
          response: { status: 500, body: graphError('InternalServerError') },
        }),
        findings: [{ pointer: '/status', stableKey: 'required /displayName' }],
      },
    ],
    quiet: [
      {
        title: 'an unknown property rejected with 400',
        exchange: buildExchange('updateEmbeddedSIMActivationCodePool', {
          caseKind: 'invalid',
          mutation: { rule: 'unknown property', pointer: '/colour' },
          request: { body: { colour: 'red' } },
          response: { status: 400, body: graphError('BadRequest') },
        }),
      },
      {
        title: 'a valid case answered 201 (not an invalid case)',
        exchange: buildExchange('createEmbeddedSIMActivationCodePool', {
          request: { body: poolCreateBody() },
          response: { status: 201, body: pool() },
        }),
      },
    ],
  },

  not_a_server_error: {
    fires: [
      {
        title: 'a list answered 503',
        exchange: buildExchange('listEmbeddedSIMActivationCodePools', {
          response: { status: 503, body: graphError('ServiceUnavailable') },
        }),
        findings: [{ pointer: '/status', stableKey: '503' }],
      },
    ],
    quiet: [
      {
        title: 'an unknown id answered 404',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', { caseKind: 'unknown-id', response: notFound }),
      },
    ],
  },

  auth_enforced: {
    fires: [
      {
        title: 'a list without a token answered 200',
        exchange: buildExchange('listEmbeddedSIMActivationCodePools', {
          caseKind: 'no-token',
          response: { status: 200, body: { value: [] } },
        }),
        findings: [{ pointer: '/status', stableKey: '200' }],
      },
      {
        title: 'a create without a token answered 403',
        exchange: buildExchange('createEmbeddedSIMActivationCodePool', {
          caseKind: 'no-token',
          request: { body: poolCreateBody() },
          response: { status: 403, body: graphError('Forbidden') },
        }),
        findings: [{ pointer: '/status', stableKey: '403' }],
      },
    ],
    quiet: [
      {
        title: 'a get without a token answered 401',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', {
          caseKind: 'no-token',
          response: { status: 401, body: graphError('InvalidAuthenticationToken') },
        }),
      },
    ],
  },

  use_after_delete: {
    fires: [
      {
        title: 'a deleted pool still readable',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', { caseKind: 'after-delete', response: { status: 200, body: pool() } }),
        findings: [{ pointer: '/status', stableKey: 'after-delete 200' }],
      },
      {
        title: 'an unknown assignment id answered 400',
        exchange: buildExchange('getEmbeddedSIMActivationCodePoolAssignment', {
          caseKind: 'unknown-id',
          response: { status: 400, body: graphError('BadRequest') },
        }),
        findings: [{ pointer: '/status', stableKey: 'unknown-id 400' }],
      },
    ],
    quiet: [
      {
        title: 'a deleted pool answered 404',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', { caseKind: 'after-delete', response: notFound }),
      },
      {
        title: 'an unknown id in a delete answered 404',
        exchange: buildExchange('deleteEmbeddedSIMActivationCodePoolAssignment', { caseKind: 'unknown-id', response: notFound }),
      },
      {
        title: 'a valid get answered 200 (not an after-delete case)',
        exchange: buildExchange('getEmbeddedSIMActivationCodePoolAssignment', { response: { status: 200, body: assignment() } }),
      },
    ],
  },
};
