/**
 * documented_property_missing: a success body (or each item of a collection) has every documented property of its
 * type except writeOnly ones. Graph answers with all properties (null when unset); the docs' examples may be
 * shortened, the service is not. Navigation properties are not in the schemas, so they are not expected. Answers to a
 * request with `$select` are query_select's to judge.
 */
import { joinPointer } from '../lib/json-pointer.js';
import { queryOf } from './odata-request.js';
import { walkResponse } from './response-body.js';
import type { Check, FindingDraft } from './types.js';

export const documentedPropertyMissing: Check = {
  name: 'documented_property_missing',
  description: 'a success body (each item of a collection) has every documented, non-writeOnly property',
  run(exchange, op, ctx) {
    const walk = walkResponse(exchange, op, ctx);
    // A $select answer leaves out what was not selected: query_select judges it.
    if (!walk || queryOf(exchange, ctx).has('$select')) return [];
    const drafts: FindingDraft[] = [];
    for (const object of walk.objects.filter((o) => o.topLevel)) {
      for (const [name, schema] of Object.entries(object.properties)) {
        if (schema.writeOnly === true || name in object.value) continue;
        drafts.push({
          pointer: joinPointer(object.pointer, name),
          expected: `present (documented property of ${object.type})`,
          observed: '(absent)',
          message: `${object.type}${object.pointer ? ` at ${object.pointer}` : ''} lacks its documented property "${name}"`,
        });
      }
    }
    return drafts;
  },
};
