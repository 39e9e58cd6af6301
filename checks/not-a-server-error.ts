/** not_a_server_error: no request, valid or not, is answered with a 5xx. */
import type { Check } from './types.js';

export const notAServerError: Check = {
  name: 'not_a_server_error',
  description: 'no answer is a 5xx server error',
  run(exchange) {
    const status = exchange.response.status;
    if (status < 500 || status > 599) return [];
    return [
      {
        pointer: '/status',
        expected: 'below 500',
        observed: status,
        message: `${exchange.request.method} (${exchange.caseName}) was answered with server error ${status}`,
        stableKey: String(status),
      },
    ];
  },
};
