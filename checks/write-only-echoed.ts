/**
 * write_only_echoed: a writeOnly property ("cannot be used to read", e.g. the pool's activationCodes) never appears
 * in a response.
 */
import { walkResponse } from './response-body.js';
import type { Check } from './types.js';

const describe = (value: unknown): string =>
  Array.isArray(value) ? `an array of ${value.length}` : value === null ? 'null' : `a ${typeof value}`;

export const writeOnlyEchoed: Check = {
  name: 'write_only_echoed',
  description: 'a writeOnly property (activationCodes) never appears in a response',
  run(exchange, op, ctx) {
    const walk = walkResponse(exchange, op, ctx);
    if (!walk) return [];
    return walk.writeOnly.map((p) => ({
      pointer: p.pointer,
      expected: `absent (writeOnly property of ${p.owner})`,
      observed: describe(p.value),
      message: `the response returns writeOnly "${p.name}" (${describe(p.value)}), documented as not readable`,
    }));
  },
};
