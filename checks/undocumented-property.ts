/**
 * undocumented_property: every property of a success body is documented for its type, nested values included
 * (activation codes, assignment targets as the variant their @odata.type names). Annotations (`@odata.context`,
 * `@odata.type`, `x@odata.nextLink`, ...) are protocol, not drift.
 */
import { COLLECTION_OWNER } from './body-walk.js';
import { walkResponse } from './response-body.js';
import type { Check } from './types.js';

export const undocumentedProperty: Check = {
  name: 'undocumented_property',
  description: 'a success body has no property its type does not document (annotations excepted)',
  run(exchange, op, ctx) {
    const walk = walkResponse(exchange, op, ctx);
    if (!walk) return [];
    return walk.undocumented.map((p) => ({
      pointer: p.pointer,
      expected: p.owner === COLLECTION_OWNER ? 'absent (a collection has only "value")' : `absent (not a property of ${p.owner})`,
      observed: p.value,
      message:
        p.owner === COLLECTION_OWNER
          ? `the collection answer has an undocumented member "${p.name}"`
          : `${p.owner} has an undocumented property "${p.name}" at ${p.pointer}`,
    }));
  },
};
