/**
 * response_schema: a success body validates against the operation's documented response schema
 * (contracts.validateResponse). One deviation gives one finding, so this check leaves to others what they own:
 * undocumented properties (undocumented_property) and writeOnly ones (write_only_echoed) are removed before
 * validating, missing documented properties are documented_property_missing's, and a polymorphic value is judged
 * as the variant its `@odata.type` names instead of reporting every other variant's mismatch. A body that is not
 * JSON is a finding here, never a crash.
 */
import type { ErrorObject } from 'ajv';
import type { OperationContract } from '../contracts/model.js';
import { walkBody, type BodyWalk, type Schemas } from './body-walk.js';
import { isWithin, joinPointer, valueAt } from '../lib/json-pointer.js';
import { isSuccess } from './response-body.js';
import type { Check, Exchange, FindingDraft } from './types.js';

const describeBody = (op: OperationContract): string => {
  const spec = op.response.body;
  if (!spec) return 'no body';
  return spec.collection ? `a JSON collection of ${spec.type}` : `a JSON ${spec.type}`;
};

const snippet = (text: string): string => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

/** A copy of `body` without the properties at `pointers` (each the pointer of an object member). */
export function withoutProperties(body: unknown, pointers: string[]): unknown {
  if (pointers.length === 0) return body;
  const copy = structuredClone(body);
  for (const pointer of pointers) {
    const cut = pointer.lastIndexOf('/');
    const parent = valueAt(copy, pointer.slice(0, cut));
    const name = pointer
      .slice(cut + 1)
      .replace(/~1/g, '/')
      .replace(/~0/g, '~');
    if (parent !== null && typeof parent === 'object' && !Array.isArray(parent)) {
      delete (parent as Record<string, unknown>)[name];
    }
  }
  return copy;
}

interface Issue {
  pointer: string;
  expected: unknown;
  keyword: string;
  message: string;
}

function issueOf(e: ErrorObject): Issue {
  const at = e.instancePath;
  if (e.keyword === 'required') {
    const missing = String((e.params as { missingProperty?: unknown }).missingProperty);
    return {
      pointer: joinPointer(at, missing),
      expected: 'present (required)',
      keyword: e.keyword,
      message: `required property "${missing}" is missing`,
    };
  }
  if (e.keyword === 'enum') {
    const allowed = (e.params as { allowedValues?: unknown }).allowedValues;
    return { pointer: at, expected: { enum: allowed }, keyword: e.keyword, message: `must be one of ${JSON.stringify(allowed)}` };
  }
  const message = e.message ?? e.keyword;
  return { pointer: at, expected: message, keyword: e.keyword, message };
}

/** The validation errors that are this check's to report (see the file comment), one per deviation. */
export function schemaIssues(errors: ErrorObject[], walk: BodyWalk, body: unknown): Issue[] {
  let kept = errors.filter((e) => e.keyword !== 'unevaluatedProperties');

  // Missing documented properties of the body or of a collection item: documented_property_missing reports them.
  kept = kept.filter((e) => {
    if (e.keyword !== 'required') return true;
    const missing = String((e.params as { missingProperty?: unknown }).missingProperty);
    const owner = walk.objects.find((o) => o.topLevel && o.pointer === e.instancePath);
    return !(owner && missing in owner.properties && owner.properties[missing]?.writeOnly !== true);
  });

  const synthetic: Issue[] = [];
  for (const p of walk.polymorphs) {
    const typeAt = joinPointer(p.pointer, '@odata.type');
    if (p.variant) {
      // The other variants' complaints: "must match exactly one schema", and their @odata.type patterns.
      kept = kept.filter(
        (e) => !(e.instancePath === p.pointer && e.keyword === 'oneOf') && !(e.instancePath === typeAt && e.keyword === 'pattern'),
      );
    } else {
      kept = kept.filter((e) => !isWithin(e.instancePath, p.pointer));
      const named = valueAt(body, typeAt);
      synthetic.push({
        pointer: typeAt,
        expected: { oneOf: p.variants.map((v) => `#microsoft.graph.${v}`) },
        keyword: 'oneOf',
        message:
          named === undefined
            ? `${p.family} value has no @odata.type naming one of its types`
            : `@odata.type ${JSON.stringify(named)} names none of ${p.family}'s types`,
      });
    }
  }

  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const issue of [...kept.map(issueOf), ...synthetic]) {
    const key = JSON.stringify([issue.pointer, issue.keyword, issue.expected]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  return out;
}

function bodyProblem(exchange: Exchange, op: OperationContract): FindingDraft[] | null {
  const { status, bodyText, parseError, body } = exchange.response;
  if (parseError !== undefined && bodyText.trim() !== '') {
    return [
      {
        pointer: '',
        expected: describeBody(op),
        observed: snippet(bodyText),
        message: `the ${status} body is not JSON (${parseError})`,
        stableKey: 'not-json',
      },
    ];
  }
  if (body !== undefined) return null;
  // No body. With the documented status that is a deviation; with another (a 204 for a documented 200) the status
  // is the deviation and status_code reports it.
  if (status !== op.response.status) return [];
  return [
    {
      pointer: '',
      expected: describeBody(op),
      observed: 'no body',
      message: `the ${status} answer has no body; the docs describe ${describeBody(op)}`,
      stableKey: 'no-body',
    },
  ];
}

export const responseSchema: Check = {
  name: 'response_schema',
  description: "a success body validates against the operation's documented response schema",
  run(exchange, op, ctx) {
    if (!op.response.body || !isSuccess(exchange.response.status)) return [];
    const problem = bodyProblem(exchange, op);
    if (problem) return problem;
    const body = exchange.response.body;
    const walk = walkBody(ctx.contracts.schemas as Schemas, op.response.body, body);
    const stripped = withoutProperties(
      body,
      [...walk.undocumented, ...walk.writeOnly].map((p) => p.pointer),
    );
    const result = ctx.contracts.validateResponse(op.id, stripped);
    if (result.valid) return [];
    return schemaIssues(result.errors, walk, body).map((issue) => ({
      pointer: issue.pointer,
      expected: issue.expected,
      observed: valueAt(body, issue.pointer) ?? '(absent)',
      message: `${issue.pointer || '(body)'}: ${issue.message}`,
      stableKey: issue.keyword,
    }));
  },
};
