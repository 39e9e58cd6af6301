/**
 * computed_property: a property the schema marks `"$comment": "computed: count of X"` (the pool's
 * activationCodeCount) equals the number of X the client sent for that object: in this exchange's create or update
 * request, else in the latest successful one before it (ctx.prior). Silent when no request of the run sent X for the
 * object (e.g. a list of objects made elsewhere).
 */
import type { OperationContract } from '../contracts/model.js';
import { typeProperties } from '../generators/contracts/schema-walk.js';
import { isObject, type Schemas } from './body-walk.js';
import { historyOf, subjectId, type Step } from './object-history.js';
import { joinPointer } from '../lib/json-pointer.js';
import { walkResponse } from './response-body.js';
import type { Check, CheckContext, Exchange, FindingDraft } from './types.js';

const COMPUTED_COUNT = /^computed:\s*count of\s+([A-Za-z_][A-Za-z0-9_]*)/i;

/** Computed count properties of a type: property name -> the property it counts. */
export function computedCounts(schemas: Schemas, typeName: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, schema] of Object.entries(typeProperties(schemas, typeName))) {
    const m = typeof schema.$comment === 'string' ? COMPUTED_COUNT.exec(schema.$comment) : null;
    if (m?.[1]) out.set(name, m[1]);
  }
  return out;
}

interface Sent {
  count: number;
  where: string;
}

/** How many `source` items a create/update request sent, when it sent that property as an array. */
function sentIn(step: Step, type: string, source: string): Sent | null {
  const { op, exchange } = step;
  if ((op.kind !== 'create' && op.kind !== 'update') || op.request?.type !== type) return null;
  const body = exchange.request.body;
  if (!isObject(body) || !Array.isArray(body[source])) return null;
  return { count: body[source].length, where: `the ${op.kind} request (${exchange.step ?? exchange.caseName})` };
}

function lastSent(
  exchange: Exchange,
  op: OperationContract,
  ctx: CheckContext,
  id: string | null,
  current: boolean,
  type: string,
  source: string,
): Sent | null {
  if (current) {
    const here = sentIn({ exchange, op }, type, source);
    if (here) return here;
  }
  if (id === null) return null;
  const history = historyOf(ctx, op.resource, id);
  for (let i = history.length - 1; i >= 0; i--) {
    const found = sentIn(history[i] as Step, type, source);
    if (found) return found;
  }
  return null;
}

export const computedProperty: Check = {
  name: 'computed_property',
  description: 'a computed count (activationCodeCount) equals the number of items the client sent',
  run(exchange, op, ctx) {
    const walk = walkResponse(exchange, op, ctx);
    const type = op.response.body?.type;
    if (!walk || !type) return [];
    const counts = computedCounts(ctx.contracts.schemas as Schemas, type);
    if (counts.size === 0) return [];
    const drafts: FindingDraft[] = [];
    for (const object of walk.objects.filter((o) => o.topLevel)) {
      // The exchange's own request is about this object unless the answer is a collection.
      const single = !op.response.body?.collection;
      const id = typeof object.value.id === 'string' ? object.value.id.toLowerCase() : single ? subjectId(exchange, op) : null;
      for (const [name, source] of counts) {
        if (!(name in object.value)) continue;
        const sent = lastSent(exchange, op, ctx, id, single, type, source);
        if (!sent || object.value[name] === sent.count) continue;
        drafts.push({
          pointer: joinPointer(object.pointer, name),
          expected: `the count of ${source} sent`,
          observed: { [name]: object.value[name], [`${source} sent`]: sent.count },
          message: `${name} is ${JSON.stringify(object.value[name])}, but ${sent.where} sent ${sent.count} ${source}`,
          stableKey: `count of ${source}`,
        });
      }
    }
    return drafts;
  },
};
