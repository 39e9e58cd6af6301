/**
 * What every doc rule sees (one operation page's draft, the merged contract, the schemas, Ajv) and the small helpers
 * they share: where an example message is, and the objects of the body type inside an example.
 */
import type { DocFinding, OperationContract } from '../../contracts/model.js';
import type { Ajv } from '../../contracts/ajv.js';
import type { HttpExample } from './doc-page.js';
import type { JsonSchema } from './graph-types.js';
import type { OperationDraft } from './operation-page.js';

export interface RuleContext {
  draft: OperationDraft;
  op: OperationContract;
  schemas: Map<string, JsonSchema>;
  ajv: Ajv;
}

export type Rule = (ctx: RuleContext) => DocFinding[];

export function finding(ctx: RuleContext, f: Omit<DocFinding, 'subject' | 'file' | 'kind'> & { kind?: DocFinding['kind'] }): DocFinding {
  return { kind: 'doc-internal', subject: ctx.op.id, file: ctx.draft.page.file, ...f };
}

export type Side = 'request' | 'response';
export const SIDES: Side[] = ['request', 'response'];

export function message(ctx: RuleContext, side: Side): HttpExample | null {
  return side === 'request' ? ctx.draft.page.exampleRequest : ctx.draft.page.exampleResponse;
}

/** Objects of the operation's body type inside an example body, with their JSON pointers. */
export function instances(ctx: RuleContext, side: Side): { pointer: string; value: Record<string, unknown>; type: string }[] {
  const spec = side === 'request' ? ctx.op.request : ctx.op.response.body;
  const body = message(ctx, side)?.body;
  if (!spec || !body || typeof body !== 'object') return [];
  const out: { pointer: string; value: Record<string, unknown>; type: string }[] = [];
  const push = (pointer: string, v: unknown): void => {
    if (v && typeof v === 'object' && !Array.isArray(v)) out.push({ pointer, value: v as Record<string, unknown>, type: spec.type });
  };
  const b = body as Record<string, unknown>;
  const listKey = spec.collection ? 'value' : ctx.op.kind === 'action' ? Object.keys(b)[0] : undefined;
  if (listKey && Array.isArray(b[listKey])) (b[listKey] as unknown[]).forEach((v, i) => push(`/${side}/body/${listKey}/${i}`, v));
  else if (ctx.op.kind === 'get' && b.value && typeof b.value === 'object' && !Array.isArray(b.value)) push(`/${side}/body/value`, b.value);
  else push(`/${side}/body`, b);
  return out;
}
