/**
 * Whether a check had anything to look at in an exchange. A check that ran on an operation's exchanges but was given
 * nothing to judge (negative_rejected on a GET, which sends no invalid body; response_schema on a 204) did not pass
 * there: the report shows it "not exercised". Each predicate mirrors the guard at the top of its check's run().
 * A check without a predicate here counts as exercised whenever it runs (tests/unit/report-verdict.spec.ts
 * asks for one per registered check).
 */
import type { OperationContract } from '../contracts/model.js';
import { isObject, type Schemas } from './body-walk.js';
import { computedCounts } from './computed-property.js';
import { historyOf, subjectId } from './object-history.js';
import { queryOf } from './odata-request.js';
import { documentedBody, isSuccess } from './response-body.js';
import type { CaseKind, CheckContext, Exchange } from './types.js';

type Looks = (exchange: Exchange, op: OperationContract, ctx: CheckContext) => boolean;

const EXPECTS_SUCCESS: ReadonlySet<CaseKind> = new Set<CaseKind>(['example', 'valid', 'lifecycle']);
const always: Looks = () => true;
const hasDocumentedBody: Looks = (e, op) => documentedBody(e, op) !== null;

/** server_generated judges a create's answer, and an update (or a read after one) against the state before it. */
const serverGenerated: Looks = (e, op, ctx) => {
  const body = e.response.body;
  if (!isSuccess(e.response.status) || !isObject(body) || !op.response.body || op.response.body.collection) return false;
  if (op.kind === 'create') return true;
  if (op.kind !== 'update' && op.kind !== 'get') return false;
  const id = subjectId(e, op);
  if (id === null) return false;
  const history = historyOf(ctx, op.resource, id);
  return op.kind === 'update' ? history.length > 0 : history.some((s) => s.op.kind === 'update');
};

/** computed_property needs a computed count in the answer and a request of the run that sent what it counts. */
const computedProperty: Looks = (e, op, ctx) => {
  const type = op.response.body?.type;
  if (!type || documentedBody(e, op) === null) return false;
  const counts = computedCounts(ctx.contracts.schemas as Schemas, type);
  if (counts.size === 0) return false;
  const sources = [...counts.values()];
  const sent = (x: Exchange): boolean =>
    isObject(x.request.body) && sources.some((s) => Array.isArray((x.request.body as Record<string, unknown>)[s]));
  return sent(e) || ctx.prior.some(sent);
};

export const LOOKS_AT: Readonly<Record<string, Looks>> = {
  status_code: (e) => EXPECTS_SUCCESS.has(e.caseKind),
  content_type: (e) => e.response.status === 204 || e.response.bodyText.trim() !== '',
  response_schema: (e, op) => isSuccess(e.response.status) && op.response.body != null && e.response.status === op.response.status,
  documented_property_missing: hasDocumentedBody,
  undocumented_property: hasDocumentedBody,
  write_only_echoed: hasDocumentedBody,
  server_generated: serverGenerated,
  computed_property: computedProperty,
  error_shape: (e) => e.response.status >= 400,
  request_id_headers: always,
  negative_rejected: (e) => e.caseKind === 'invalid',
  not_a_server_error: always,
  auth_enforced: (e) => e.caseKind === 'no-token',
  use_after_delete: (e) => e.caseKind === 'after-delete' || e.caseKind === 'unknown-id',
  query_select: (e, op, ctx) => (op.kind === 'get' || op.kind === 'list') && queryOf(e, ctx).has('$select'),
  query_top: (e, op, ctx) => op.kind === 'list' && queryOf(e, ctx).has('$top'),
  query_filter: (e, op, ctx) => op.kind === 'list' && queryOf(e, ctx).has('$filter'),
  query_orderby: (e, op, ctx) => op.kind === 'list' && queryOf(e, ctx).has('$orderby'),
  query_count: (e, op, ctx) => op.kind === 'list' && queryOf(e, ctx).get('$count')?.trim().toLowerCase() === 'true',
  paging_complete: (e, op) => op.kind === 'list' && isSuccess(e.response.status) && isObject(e.response.body),
  read_only_ignored: (e) => e.caseKind === 'read-only' || e.caseKind === 'after-update',
  update_applied: (e, op) => op.kind === 'get' && e.caseKind === 'after-update',
  stateful_oracle: (e) => e.caseKind === 'stateful',
};

/** The names among `checks` that had something to look at in this exchange. */
export function checksExercised(checks: readonly string[], exchange: Exchange, op: OperationContract, ctx: CheckContext): string[] {
  return checks.filter((name) => {
    const looks = Object.hasOwn(LOOKS_AT, name) ? LOOKS_AT[name] : undefined;
    return looks ? looks(exchange, op, ctx) : true;
  });
}
