/** Cases for the Graph protocol checks: error_shape, request_id_headers. */
import { buildExchange, graphError, IDS, pool } from '../exchange-builder.js';
import type { CheckCases } from './case-types.js';

export const PROTOCOL_CASES: CheckCases = {
  error_shape: {
    fires: [
      {
        title: 'a 404 with an ASP.NET-style error',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', {
          caseKind: 'unknown-id',
          response: { status: 404, body: { Message: 'No HTTP resource was found' } },
        }),
        findings: [{ pointer: '/error', stableKey: 'required' }],
      },
      {
        title: 'a 400 error without innerError',
        exchange: buildExchange('createEmbeddedSIMActivationCodePool', {
          caseKind: 'invalid',
          response: { status: 400, body: { error: { code: 'BadRequest', message: 'Bad' } } },
        }),
        findings: [{ pointer: '/error/innerError', stableKey: 'required' }],
      },
      {
        title: 'an innerError without request-id',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', {
          caseKind: 'no-token',
          response: {
            status: 401,
            body: { error: { code: 'InvalidAuthenticationToken', message: 'x', innerError: { date: '2025-07-01T10:00:00' } } },
          },
        }),
        findings: [{ pointer: '/error/innerError/request-id', stableKey: 'required' }],
      },
      {
        title: 'a 500 with an empty body',
        exchange: buildExchange('listEmbeddedSIMActivationCodePools', { response: { status: 500 } }),
        findings: [{ pointer: '', stableKey: 'no-body' }],
      },
    ],
    quiet: [
      {
        title: 'a Graph 404 error',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', {
          caseKind: 'unknown-id',
          response: { status: 404, body: graphError('ResourceNotFound') },
        }),
      },
      {
        title: 'a success answer (nothing to judge)',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', { response: { status: 200, body: pool() } }),
      },
    ],
  },

  request_id_headers: {
    fires: [
      {
        title: 'an answer without request-id',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', {
          response: { status: 200, body: pool(), headers: { 'request-id': null } },
        }),
        findings: [{ pointer: '/headers/request-id', stableKey: 'missing' }],
      },
      {
        title: 'a request-id that is not a GUID',
        exchange: buildExchange('deleteEmbeddedSIMActivationCodePool', { response: { status: 204, headers: { 'request-id': 'req-42' } } }),
        findings: [{ pointer: '/headers/request-id', stableKey: 'not-guid' }],
      },
      {
        title: 'a client-request-id not echoed',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', {
          request: { headers: { 'client-request-id': IDS.client } },
          response: { status: 200, body: pool(), headers: { 'client-request-id': IDS.request } },
        }),
        findings: [{ pointer: '/headers/client-request-id', stableKey: 'different' }],
      },
    ],
    quiet: [
      {
        title: 'a GUID request-id and the client-request-id echoed',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', {
          request: { headers: { 'client-request-id': IDS.client } },
          response: { status: 200, body: pool() },
        }),
      },
      {
        title: 'an error answer with a request-id and no client-request-id sent',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', {
          caseKind: 'unknown-id',
          response: { status: 404, body: graphError('ResourceNotFound') },
        }),
      },
    ],
  },
};
