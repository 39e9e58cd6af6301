/**
 * negative_rejected: a body that breaks one documented rule (an `invalid` case) is rejected with a 4xx: never accepted
 * (2xx) and never a crash (5xx). The finding names the rule and where the body breaks it.
 */
import { normalisePointer } from './pointer.js';
import type { Check } from './types.js';

export const negativeRejected: Check = {
  name: 'negative_rejected',
  description: 'a body that breaks a documented rule is rejected with 4xx, never 2xx or 5xx',
  run(exchange) {
    if (exchange.caseKind !== 'invalid') return [];
    const status = exchange.response.status;
    if (status >= 400 && status <= 499) return [];
    const rule = exchange.mutation?.rule ?? 'unnamed rule';
    const at = exchange.mutation?.pointer ?? '';
    const verdict = status >= 200 && status <= 299 ? 'accepted' : status >= 500 ? 'answered with a server error' : 'not rejected';
    return [
      {
        pointer: '/status',
        expected: '4xx',
        observed: status,
        message: `a body breaking "${rule}" at ${at || '(body)'} was ${verdict} (${status}) instead of rejected with 4xx`,
        // The mutation's pointer, normalised: array positions and ids may differ from run to run.
        stableKey: `${rule} ${normalisePointer(at)}`,
      },
    ];
  },
};
