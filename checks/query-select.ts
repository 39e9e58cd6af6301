/**
 * query_select: an answer to a request with `$select` holds only the selected properties (plus annotations such as
 * `@odata.type`), and every selected property the type documents as readable. Also quiets
 * documented_property_missing's expectation for such answers (see there).
 */
import { isAnnotation } from './body-walk.js';
import { queryOf, topObjects } from './odata-request.js';
import { walkResponse } from './response-body.js';
import type { Check, FindingDraft } from './types.js';

export const querySelect: Check = {
  name: 'query_select',
  description: 'a $select answer has only the selected properties (plus annotations) and every selected readable one',
  run(exchange, op, ctx) {
    if (op.kind !== 'get' && op.kind !== 'list') return [];
    const raw = queryOf(exchange, ctx).get('$select');
    if (raw === undefined) return [];
    const selected = raw.split(',').map((s) => s.trim());
    if (selected.includes('*') || selected.includes('')) return [];
    // Documented and readable properties of the type, from the contract: only those must come back.
    const walked = walkResponse(exchange, op, ctx)?.objects.find((o) => o.topLevel);
    const readable = walked
      ? Object.entries(walked.properties)
          .filter(([, s]) => s.writeOnly !== true)
          .map(([n]) => n)
      : [];
    const drafts: FindingDraft[] = [];
    for (const { pointer, value } of topObjects(exchange)) {
      for (const name of Object.keys(value)) {
        if (isAnnotation(name) || selected.includes(name)) continue;
        drafts.push({
          pointer: `${pointer}/${name}`,
          expected: `only ${selected.join(', ')} (and annotations)`,
          observed: `"${name}" present`,
          message: `$select=${raw} was sent, but the answer${pointer ? ` at ${pointer}` : ''} also has "${name}"`,
          stableKey: `unselected:${name}`,
        });
      }
      for (const name of selected) {
        if (name in value || !readable.includes(name)) continue;
        drafts.push({
          pointer: `${pointer}/${name}`,
          expected: `"${name}" present (selected, documented)`,
          observed: '(absent)',
          message: `$select=${raw} was sent, but the answer${pointer ? ` at ${pointer}` : ''} lacks the selected property "${name}"`,
          stableKey: `selected-missing:${name}`,
        });
      }
    }
    return drafts;
  },
};
