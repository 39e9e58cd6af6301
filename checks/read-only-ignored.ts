/**
 * read_only_ignored: a readOnly property the client sends (id, createdDateTime, modifiedDateTime, lastSyncDateTime,
 * activationCodeCount, ... as the contracts mark them) is ignored by the service:
 * - `echoed`: a successful create or update answers with the value the client sent for it;
 * - `stored`: a later read of the object shows the value a create or update of it sent;
 * - `rejected <status>`: a `read-only` case (a valid body plus client values for every readOnly property) is
 *   answered 4xx. Rejecting is a finding, not an acceptable alternative: the docs' own create and update examples
 *   send readOnly values (ids, timestamps) and document 201/200, and OData v4 (Graph's protocol, Part 1 §11.4.3)
 *   says a service MUST ignore values of non-updatable properties in an update rather than fail it.
 * A computed count sent equal to the number of items sent is not judged (the server computes the same value), nor
 * is a null (nothing to tell apart).
 */
import type { OperationContract } from '../contracts/model.js';
import { joinPointer } from '../lib/json-pointer.js';
import { isObject } from './body-walk.js';
import { historyOf, subjectId } from './object-history.js';
import { propertyRoles, shown, shows } from './property-roles.js';
import { isSuccess } from './response-body.js';
import type { Check, CheckContext, Exchange, FindingDraft } from './types.js';

type Json = Record<string, unknown>;

/** The readOnly values a create or update request sent that a server could not have chosen by itself. */
export function readOnlyValuesSent(exchange: Exchange, op: OperationContract, ctx: CheckContext): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const body = exchange.request.body;
  if ((op.kind !== 'create' && op.kind !== 'update') || !op.request || !isObject(body)) return out;
  for (const role of propertyRoles(ctx, op.request.type)) {
    const value = body[role.name];
    if (!role.readOnly || value === undefined || value === null) continue;
    const counted = role.countOf === null ? undefined : body[role.countOf];
    if (Array.isArray(counted) && counted.length === value) continue;
    out.set(role.name, value);
  }
  return out;
}

function rejected(exchange: Exchange, op: OperationContract, sent: Map<string, unknown>): FindingDraft[] {
  const status = exchange.response.status;
  return [
    {
      pointer: '/status',
      expected: op.response.status,
      observed: status,
      message: `${op.id} with client values for readOnly ${[...sent.keys()].join(', ')} was answered ${status}: the service must ignore readOnly values (the docs' examples send them and document ${op.response.status})`,
      stableKey: `rejected ${status}`,
    },
  ];
}

function echoed(body: Json, sent: Map<string, unknown>, op: OperationContract): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const [name, value] of sent) {
    if (!(name in body) || !shows(body[name], value)) continue;
    drafts.push({
      pointer: joinPointer('', name),
      expected: 'a value the server set, not the one the client sent',
      observed: { sent: value, returned: body[name] },
      message: `${op.id} answered with the ${name} the client sent (${shown(value)}): a readOnly value was taken from the request`,
      stableKey: 'echoed',
    });
  }
  return drafts;
}

function stored(exchange: Exchange, body: Json, op: OperationContract, ctx: CheckContext): FindingDraft[] {
  const id = subjectId(exchange, op);
  if (id === null) return [];
  const drafts: FindingDraft[] = [];
  const seen = new Set<string>();
  for (const step of historyOf(ctx, op.resource, id)) {
    for (const [name, value] of readOnlyValuesSent(step.exchange, step.op, ctx)) {
      if (seen.has(name) || !(name in body) || !shows(body[name], value)) continue;
      seen.add(name);
      drafts.push({
        pointer: joinPointer('', name),
        expected: 'a value the server set, not the one the client sent',
        observed: { sent: value, read: body[name] },
        message: `a read of the object shows the ${name} that ${step.exchange.step ?? step.exchange.caseName} (${step.op.id}) sent (${shown(value)}): a readOnly value was stored`,
        stableKey: 'stored',
      });
    }
  }
  return drafts;
}

export const readOnlyIgnored: Check = {
  name: 'read_only_ignored',
  description:
    "readOnly values a client sends are ignored: never echoed or stored; a 4xx for them is a finding too (the docs' examples send them and document success; OData v4 says ignore)",
  run(exchange, op, ctx) {
    const status = exchange.response.status;
    const body = exchange.response.body;
    if (op.kind === 'get') return isSuccess(status) && isObject(body) ? stored(exchange, body, op, ctx) : [];
    const sent = readOnlyValuesSent(exchange, op, ctx);
    if (sent.size === 0) return [];
    if (exchange.caseKind === 'read-only' && status >= 400 && status < 500) return rejected(exchange, op, sent);
    return isSuccess(status) && isObject(body) ? echoed(body, sent, op) : [];
  },
};
