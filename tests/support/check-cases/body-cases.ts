/** Cases for the checks that read a response body: content_type, response_schema, documented_property_missing, undocumented_property, write_only_echoed. */
import {
  activationCodes,
  assignment,
  buildExchange,
  deviceState,
  graphError,
  groupTarget,
  pool,
  poolCreateBody,
} from '../exchange-builder.js';
import type { CheckCases } from './case-types.js';

const { activationCodeCount: _count, ...poolWithoutCount } = pool();

export const BODY_CASES: CheckCases = {
  content_type: {
    fires: [
      {
        title: 'a JSON body labelled text/html',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', {
          response: { status: 200, body: pool(), headers: { 'content-type': 'text/html; charset=utf-8' } },
        }),
        findings: [{ pointer: '/headers/content-type', stableKey: 'text/html' }],
      },
      {
        title: 'a body without a Content-Type',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', {
          response: { status: 200, body: pool(), headers: { 'content-type': null } },
        }),
        findings: [{ pointer: '/headers/content-type', stableKey: 'missing' }],
      },
      {
        title: 'a 204 with a body',
        exchange: buildExchange('deleteEmbeddedSIMActivationCodePool', { response: { status: 204, bodyText: '{}' } }),
        findings: [{ pointer: '', stableKey: '204-body' }],
      },
    ],
    quiet: [
      {
        title: 'OData JSON with parameters',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', { response: { status: 200, body: pool() } }),
      },
      {
        title: 'plain application/json; charset=utf-8 on an error',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', {
          caseKind: 'unknown-id',
          response: { status: 404, body: graphError('ResourceNotFound'), headers: { 'content-type': 'Application/JSON; charset=utf-8' } },
        }),
      },
      {
        title: 'a 204 without a body or content type',
        exchange: buildExchange('deleteEmbeddedSIMActivationCodePool', { response: { status: 204 } }),
      },
    ],
  },

  response_schema: {
    fires: [
      {
        title: 'a pool whose createdDateTime has no zone',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', {
          response: { status: 200, body: pool({ createdDateTime: '2025-07-01T10:00:00' }) },
        }),
        findings: [{ pointer: '/createdDateTime', stableKey: 'format' }],
      },
      {
        title: 'a device state with an undocumented enum value',
        exchange: buildExchange('getEmbeddedSIMDeviceState', { response: { status: 200, body: deviceState({ state: 'sleeping' }) } }),
        findings: [{ pointer: '/state', stableKey: 'enum' }],
      },
      {
        title: 'a 200 body that is not JSON',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', {
          response: { status: 200, bodyText: '<html>Service unavailable</html>', headers: { 'content-type': 'text/html' } },
        }),
        findings: [{ pointer: '', stableKey: 'not-json' }],
      },
      {
        title: 'a list without "value"',
        exchange: buildExchange('listEmbeddedSIMActivationCodePools', { response: { status: 200, body: { items: [] } } }),
        findings: [{ pointer: '/value', stableKey: 'required' }],
      },
    ],
    quiet: [
      {
        title: 'a conformant pool',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', { response: { status: 200, body: pool() } }),
      },
      {
        title: 'a conformant list of assignments with a nextLink',
        exchange: buildExchange('listEmbeddedSIMActivationCodePoolAssignments', {
          response: {
            status: 200,
            body: { '@odata.context': 'x', '@odata.nextLink': 'https://graph.microsoft.com/beta/next?$skiptoken=1', value: [assignment()] },
          },
        }),
      },
      {
        title: 'an update answered 204 without a body (status_code reports that)',
        exchange: buildExchange('updateEmbeddedSIMActivationCodePool', {
          request: { body: { displayName: 'B' } },
          response: { status: 204 },
        }),
      },
    ],
  },

  documented_property_missing: {
    fires: [
      {
        title: 'a pool without activationCodeCount',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', { response: { status: 200, body: poolWithoutCount } }),
        findings: [{ pointer: '/activationCodeCount' }],
      },
      {
        title: 'a list item without stateDetails',
        exchange: buildExchange('listEmbeddedSIMDeviceStates', {
          response: { status: 200, body: { value: [deviceState(), { ...deviceState(), stateDetails: undefined }] } },
        }),
        findings: [{ pointer: '/value/1/stateDetails' }],
      },
    ],
    quiet: [
      {
        title: 'a pool with every readable property (activationCodes is writeOnly)',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', { response: { status: 200, body: pool() } }),
      },
      {
        title: 'a device state with nulls for unset properties',
        exchange: buildExchange('getEmbeddedSIMDeviceState', { response: { status: 200, body: deviceState() } }),
      },
    ],
  },

  undocumented_property: {
    fires: [
      {
        title: 'a pool with an extra property',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', { response: { status: 200, body: pool({ poolKind: 'standard' }) } }),
        findings: [{ pointer: '/poolKind' }],
      },
      {
        title: "a group target with another variant's property",
        exchange: buildExchange('getEmbeddedSIMActivationCodePoolAssignment', {
          response: { status: 200, body: assignment({ target: groupTarget({ collectionId: 'abc' }) }) },
        }),
        findings: [{ pointer: '/target/collectionId' }],
      },
      {
        title: 'an echoed activation code with an extra property',
        exchange: buildExchange('createEmbeddedSIMActivationCodePool', {
          request: { body: poolCreateBody(1) },
          response: { status: 201, body: pool({ activationCodes: [{ ...activationCodes(1)[0], pin: '1234' }] }) },
        }),
        findings: [{ pointer: '/activationCodes/0/pin' }],
      },
    ],
    quiet: [
      {
        title: 'annotations on a pool and a list',
        exchange: buildExchange('listEmbeddedSIMActivationCodePools', {
          response: {
            status: 200,
            body: { '@odata.context': 'x', '@odata.count': 1, 'value@odata.nextLink': 'y', value: [pool({ '@odata.etag': 'W/"1"' })] },
          },
        }),
      },
      {
        title: 'a group target read as groupAssignmentTarget',
        exchange: buildExchange('getEmbeddedSIMActivationCodePoolAssignment', { response: { status: 200, body: assignment() } }),
      },
    ],
  },

  write_only_echoed: {
    fires: [
      {
        title: 'a created pool returning its activation codes',
        exchange: buildExchange('createEmbeddedSIMActivationCodePool', {
          request: { body: poolCreateBody(2) },
          response: { status: 201, body: pool({ activationCodes: activationCodes(2) }) },
        }),
        findings: [{ pointer: '/activationCodes' }],
      },
      {
        title: 'listed pools returning activation codes',
        exchange: buildExchange('listEmbeddedSIMActivationCodePools', {
          response: { status: 200, body: { value: [pool({ activationCodes: [] })] } },
        }),
        findings: [{ pointer: '/value/0/activationCodes' }],
      },
    ],
    quiet: [
      {
        title: 'a created pool without activation codes',
        exchange: buildExchange('createEmbeddedSIMActivationCodePool', {
          request: { body: poolCreateBody(2) },
          response: { status: 201, body: pool() },
        }),
      },
    ],
  },
};
