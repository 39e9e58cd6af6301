/**
 * server_generated: what the docs call system generated is set by the server.
 * - create: `id` is a GUID; readOnly values (id, timestamps) are the server's, not values the client sent; the
 *   created/modified timestamps are set (not the empty 0001-01-01).
 * - update, and a get after an update: createdDateTime is unchanged and modifiedDateTime strictly later than in the
 *   object's state before the update (the create or an earlier get, from ctx.prior).
 * A missing property is documented_property_missing's and a malformed timestamp response_schema's; an update
 * answered 204 without a body gives this check nothing to read, so it says nothing.
 */
import { typeProperties } from '../generators/contracts/schema-walk.js';
import { isObject, type Schemas } from './body-walk.js';
import { isGuid } from './identifiers.js';
import { compareInstants, parseInstant } from './instants.js';
import { historyOf, snapshotOf, subjectId, type Step } from './object-history.js';
import { joinPointer } from '../lib/json-pointer.js';
import { isSuccess } from './response-body.js';
import type { Check, CheckContext, Exchange, FindingDraft } from './types.js';
import type { OperationContract } from '../contracts/model.js';

type Schema = Record<string, unknown>;
type Json = Record<string, unknown>;

const CREATED = ['createdDateTime'];
/** Timestamps before 1971 are .NET's empty DateTime (0001-01-01) or similar placeholders, not a creation time. */
const UNSET_BEFORE = Date.UTC(1971, 0, 1) / 1000;
const MODIFIED = ['modifiedDateTime', 'lastModifiedDateTime'];

const isComputed = (s: Schema): boolean => typeof s.$comment === 'string' && /^computed:/i.test(s.$comment);
const isNullable = (s: Schema): boolean => Array.isArray(s.type) && s.type.includes('null');

/** Same value, timestamps compared as instants (the service may rewrite the zone). */
function sameValue(schema: Schema, a: unknown, b: unknown): boolean {
  if (schema.format === 'date-time') {
    const c = compareInstants(a, b);
    if (c !== null) return c === 0;
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

function onCreate(exchange: Exchange, body: Json, properties: Record<string, Schema>): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const sent = isObject(exchange.request.body) ? exchange.request.body : {};
  if (typeof body.id === 'string' && !isGuid(body.id)) {
    drafts.push({
      pointer: '/id',
      expected: 'a GUID set by the server',
      observed: body.id,
      message: `the created object's id "${body.id}" is not a GUID`,
      stableKey: 'id-not-guid',
    });
  }
  for (const [name, schema] of Object.entries(properties)) {
    if (schema.readOnly !== true || isComputed(schema) || !(name in body)) continue;
    const value = body[name];
    if (sent[name] !== undefined && sent[name] !== null && sameValue(schema, value, sent[name])) {
      drafts.push({
        pointer: joinPointer('', name),
        expected: 'a value set by the server',
        observed: value,
        message: `readOnly "${name}" is the value the client sent (${JSON.stringify(sent[name])}), not one the server set`,
        stableKey: 'client-value',
      });
      continue;
    }
    const instant = typeof value === 'string' ? parseInstant(value) : null;
    if (schema.format === 'date-time' && !isNullable(schema) && instant && instant.seconds < UNSET_BEFORE) {
      drafts.push({
        pointer: joinPointer('', name),
        expected: 'a timestamp set by the server',
        observed: value,
        message: `readOnly "${name}" is ${String(value)}, an unset timestamp rather than the creation time`,
        stableKey: 'unset-timestamp',
      });
    }
  }
  return drafts;
}

/** The state before the update this exchange shows the result of; null when the history has none. */
function stateBeforeUpdate(op: OperationContract, history: Step[]): { body: Json; step: Step } | null {
  let before = history;
  if (op.kind === 'get') {
    const lastUpdate = history.map((s) => s.op.kind).lastIndexOf('update');
    if (lastUpdate < 0) return null;
    before = history.slice(0, lastUpdate);
  }
  for (let i = before.length - 1; i >= 0; i--) {
    const step = before[i] as Step;
    const body = snapshotOf(step);
    if (body) return { body, step };
  }
  return null;
}

function afterUpdate(
  exchange: Exchange,
  body: Json,
  op: OperationContract,
  ctx: CheckContext,
  properties: Record<string, Schema>,
): FindingDraft[] {
  const id = subjectId(exchange, op);
  if (id === null) return [];
  const earlier = stateBeforeUpdate(op, historyOf(ctx, op.resource, id));
  if (!earlier) return [];
  const was = earlier.step.exchange.step ?? `${earlier.step.op.id} (${earlier.step.exchange.caseName})`;
  const what = op.kind === 'update' ? 'the update answer' : 'a read after the update';
  const drafts: FindingDraft[] = [];
  for (const name of CREATED.filter((n) => n in properties)) {
    const c = compareInstants(body[name], earlier.body[name]);
    if (c !== null && c !== 0) {
      drafts.push({
        pointer: joinPointer('', name),
        expected: 'unchanged by an update',
        observed: { before: earlier.body[name], after: body[name] },
        message: `${name} changed from ${String(earlier.body[name])} (${was}) to ${String(body[name])} in ${what}`,
        stableKey: 'created-changed',
      });
    }
  }
  for (const name of MODIFIED.filter((n) => n in properties)) {
    const c = compareInstants(body[name], earlier.body[name]);
    if (c !== null && c <= 0) {
      drafts.push({
        pointer: joinPointer('', name),
        expected: 'later than before the update',
        observed: { before: earlier.body[name], after: body[name] },
        message: `${name} did not advance: ${String(earlier.body[name])} (${was}), then ${String(body[name])} in ${what}`,
        stableKey: 'modified-not-advanced',
      });
    }
  }
  return drafts;
}

export const serverGenerated: Check = {
  name: 'server_generated',
  description: 'ids and timestamps are set by the server; createdDateTime stays, modifiedDateTime advances on update',
  run(exchange, op, ctx) {
    const body = exchange.response.body;
    if (!isSuccess(exchange.response.status) || !isObject(body) || !op.response.body || op.response.body.collection) return [];
    const properties = typeProperties(ctx.contracts.schemas as Schemas, op.response.body.type);
    if (op.kind === 'create') return onCreate(exchange, body, properties);
    if (op.kind === 'update' || op.kind === 'get') return afterUpdate(exchange, body, op, ctx, properties);
    return [];
  },
};
