/**
 * status_code: a request the contract says should succeed (the documented example, a generated valid body, a
 * lifecycle step) is answered with exactly the documented success status. Where docs and service could both be
 * right, the documented value is the expectation: a PATCH answered 204 is a finding against the documented 200.
 * Invalid bodies, missing tokens, unknown ids and reads after delete are judged by their own checks.
 */
import type { Check, CaseKind } from './types.js';

const EXPECTS_SUCCESS: ReadonlySet<CaseKind> = new Set<CaseKind>(['example', 'valid', 'lifecycle']);

export const statusCode: Check = {
  name: 'status_code',
  description: 'a valid request (example, generated, lifecycle step) gets exactly the documented success status',
  run(exchange, op) {
    if (!EXPECTS_SUCCESS.has(exchange.caseKind)) return [];
    const expected = op.response.status;
    const observed = exchange.response.status;
    if (observed === expected) return [];
    return [
      {
        pointer: '/status',
        expected,
        observed,
        message: `${exchange.request.method} answered ${observed}; the docs say ${expected}`,
        stableKey: String(observed),
      },
    ];
  },
};
