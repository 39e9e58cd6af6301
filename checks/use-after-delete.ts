/**
 * use_after_delete: an object the run deleted (`after-delete` case) and an id that never existed (`unknown-id` case)
 * are both answered 404. The finding says which of the two cases it was.
 */
import type { Check } from './types.js';

const WHAT = { 'after-delete': 'an object the run deleted', 'unknown-id': 'an id that does not exist' } as const;

export const useAfterDelete: Check = {
  name: 'use_after_delete',
  description: 'a deleted object and an unknown id are answered 404',
  run(exchange) {
    const kind = exchange.caseKind;
    if (kind !== 'after-delete' && kind !== 'unknown-id') return [];
    const status = exchange.response.status;
    if (status === 404) return [];
    return [
      {
        pointer: '/status',
        expected: 404,
        observed: status,
        message: `${exchange.request.method} of ${WHAT[kind]} (${kind} case) was answered ${status}, not 404`,
        stableKey: `${kind} ${status}`,
      },
    ];
  },
};
