/** auth_enforced: a request sent without a token (a `no-token` case) is answered 401. */
import type { Check } from './types.js';

export const authEnforced: Check = {
  name: 'auth_enforced',
  description: 'a request without a token is answered 401',
  run(exchange) {
    if (exchange.caseKind !== 'no-token') return [];
    const status = exchange.response.status;
    if (status === 401) return [];
    return [
      {
        pointer: '/status',
        expected: 401,
        observed: status,
        message: `${exchange.request.method} without a token was answered ${status}, not 401`,
        stableKey: String(status),
      },
    ];
  },
};
