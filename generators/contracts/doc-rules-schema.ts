/**
 * Doc rules that hold an example against the schemas built from the docs' own tables: the example fails the schema,
 * names an abstract type, sends a readOnly property or returns a writeOnly one.
 */
import type { ErrorObject } from 'ajv';
import { finding, instances, message, SIDES, type Rule, type Side } from './doc-rule-context.js';
import { typeProperties } from './schema-walk.js';

/**
 * Ajv errors as short sentences. Failing every branch of a oneOf on `@odata.type` yields one pattern error per
 * branch: those are folded into one sentence naming the types that would have matched.
 */
function describeErrors(errors: ErrorObject[]): string[] {
  const out: string[] = [];
  const odataTypes = new Map<string, string[]>();
  for (const e of errors) {
    if (['anyOf', 'oneOf', 'allOf', 'if'].includes(e.keyword) && errors.length > 1) continue;
    const at = e.instancePath || '/';
    const pattern = (e.params as { pattern?: string }).pattern;
    if (e.keyword === 'pattern' && at.endsWith('/@odata.type') && pattern) {
      odataTypes.set(at, [...(odataTypes.get(at) ?? []), pattern.replace(/^\^#\?microsoft\\\.graph\\\.|\$$/g, '')]);
      continue;
    }
    const extra =
      e.keyword === 'unevaluatedProperties' ? ` (${String((e.params as { unevaluatedProperty?: string }).unevaluatedProperty)})` : '';
    out.push(`${at} ${e.message ?? e.keyword}${extra}`);
  }
  for (const [at, types] of odataTypes) out.push(`${at} must name one of ${types.join(', ')}`);
  return out;
}

export const exampleFailsSchema: Rule = (ctx) =>
  SIDES.flatMap((side) => {
    const m = message(ctx, side);
    const spec = side === 'request' ? ctx.op.request : ctx.op.response.body;
    if (!m || !spec || m.body === undefined || m.bodyText === null) return [];
    if (side === 'response' && m.status !== ctx.op.response.status) return [];
    const validate = ctx.ajv.compile(spec.schema);
    if (validate(m.body)) return [];
    const errors = [...new Set(describeErrors(validate.errors ?? []))];
    return [
      finding(ctx, {
        rule: 'example-fails-schema',
        line: m.bodyLine,
        pointer: `/${side}/body`,
        message: `the ${side} example does not satisfy the schema built from the docs' own property tables: ${errors.join('; ')}`,
        expected: `a valid ${spec.collection ? `collection of ${spec.type}` : spec.type}`,
        observed: errors,
      }),
    ];
  });

function odataTypes(node: unknown, pointer: string, out: { pointer: string; type: string }[] = []): typeof out {
  if (Array.isArray(node)) node.forEach((n, i) => odataTypes(n, `${pointer}/${i}`, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '@odata.type' && typeof v === 'string')
        out.push({ pointer: `${pointer}/@odata.type`, type: v.replace(/^#?microsoft\.graph\./, '') });
      else odataTypes(v, `${pointer}/${k}`, out);
    }
  }
  return out;
}

export const abstractTypeAsConcrete: Rule = (ctx) =>
  SIDES.flatMap((side) =>
    odataTypes(message(ctx, side)?.body, `/${side}/body`)
      .filter(({ type }) => Array.isArray(ctx.schemas.get(type)?.oneOf))
      .map(({ pointer, type }) =>
        finding(ctx, {
          rule: 'abstract-type-as-concrete',
          line: message(ctx, side)?.bodyLine ?? null,
          pointer,
          message: `the ${side} example gives @odata.type ${type}, an abstract type: an instance must name one of its derived types`,
          expected: (ctx.schemas.get(type)?.oneOf as { $ref: string }[]).map((r) => r.$ref.replace(/^.*\/(\w+)\.schema\.json$/, '$1')),
          observed: type,
        }),
      ),
  );

export const flaggedProperties =
  (flag: 'readOnly' | 'writeOnly', side: Side, rule: string, what: string): Rule =>
  (ctx) =>
    instances(ctx, side).flatMap(({ pointer, value, type }) =>
      Object.entries(typeProperties(ctx.schemas, type))
        .filter(([name, s]) => s[flag] === true && name in value)
        .map(([name]) =>
          finding(ctx, {
            rule,
            line: message(ctx, side)?.bodyLine ?? null,
            pointer: `${pointer}/${name}`,
            message: `the ${side} example ${what} ${name}, which the docs call ${flag}`,
            expected: `no ${name}`,
            observed: value[name],
          }),
        ),
    );
