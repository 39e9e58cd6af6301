/**
 * request_id_headers: every answer has a `request-id` header holding a GUID (what Microsoft support asks for), and
 * echoes `client-request-id` when the request sent one.
 */
import { isGuid } from './identifiers.js';
import type { Check, FindingDraft } from './types.js';

export const requestIdHeaders: Check = {
  name: 'request_id_headers',
  description: 'every answer has a GUID request-id header and echoes the client-request-id sent',
  run(exchange) {
    const drafts: FindingDraft[] = [];
    const requestId = exchange.response.headers['request-id'];
    if (requestId === undefined || !isGuid(requestId.trim())) {
      drafts.push({
        pointer: '/headers/request-id',
        expected: 'a GUID',
        observed: requestId ?? null,
        message:
          requestId === undefined
            ? `the ${exchange.response.status} answer has no request-id header`
            : `the request-id header "${requestId}" is not a GUID`,
        stableKey: requestId === undefined ? 'missing' : 'not-guid',
      });
    }
    const sent = exchange.request.headers['client-request-id'];
    const echoed = exchange.response.headers['client-request-id'];
    if (sent !== undefined && sent.trim() !== '' && echoed?.trim() !== sent.trim()) {
      drafts.push({
        pointer: '/headers/client-request-id',
        expected: 'the client-request-id sent',
        observed: echoed ?? null,
        message:
          echoed === undefined
            ? `the client-request-id sent ("${sent}") is not echoed`
            : `client-request-id "${echoed}" differs from the one sent ("${sent}")`,
        stableKey: echoed === undefined ? 'missing' : 'different',
      });
    }
    return drafts;
  },
};
