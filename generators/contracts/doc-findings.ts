/**
 * Where the docs contradict themselves or the protocol, as data. Each rule is a small function over one operation
 * page's draft and the merged contract; none of them changes the contract: the extractor reports, it does not pick
 * a side silently. The rules that hold examples against the schemas are in doc-rules-schema.ts.
 */
import type { DocFinding } from '../../contracts/model.js';
import { finding, instances, message, SIDES, type Rule, type RuleContext } from './doc-rule-context.js';
import { abstractTypeAsConcrete, exampleFailsSchema, flaggedProperties } from './doc-rules-schema.js';
import { typeProperties } from './schema-walk.js';

export type { RuleContext } from './doc-rule-context.js';

const contentLength: Rule = (ctx) =>
  SIDES.flatMap((side) => {
    const m = message(ctx, side);
    const declared = m?.headers.find((h) => h.name.toLowerCase() === 'content-length');
    if (!m || !declared || m.bodyText === null) return [];
    const n = Number(declared.value);
    const lf = Buffer.byteLength(m.bodyText, 'utf8');
    const crlf = lf + (m.bodyText.match(/\n/g)?.length ?? 0);
    if (n === lf) return [];
    const counted = n === crlf;
    return [
      finding(ctx, {
        rule: counted ? 'content-length-counts-crlf' : 'content-length-mismatch',
        line: declared.line,
        pointer: `/${side}/headers/Content-Length`,
        message: counted
          ? `${side} example declares Content-Length ${n}: that is the body with CRLF line ends; the body as shown (LF) is ${lf} bytes, so a client sending it verbatim declares the wrong length`
          : `${side} example declares Content-Length ${n}, but its body is ${lf} bytes with LF line ends and ${crlf} with CRLF`,
        expected: lf,
        observed: n,
      }),
    ];
  });

const computedCount: Rule = (ctx) =>
  SIDES.flatMap((side) =>
    instances(ctx, side).flatMap(({ pointer, value, type }) =>
      Object.entries(typeProperties(ctx.schemas, type)).flatMap(([name, s]) => {
        const of = /^computed: count of (\w+)/.exec(String(s.$comment ?? ''))?.[1];
        const list = of ? value[of] : undefined;
        if (!of || !(name in value) || !Array.isArray(list) || value[name] === list.length) return [];
        return [
          finding(ctx, {
            rule: 'example-count-mismatch',
            line: message(ctx, side)?.bodyLine ?? null,
            pointer: `${pointer}/${name}`,
            message: `${side} example says ${name} ${JSON.stringify(value[name])} but lists ${list.length} ${of}`,
            expected: list.length,
            observed: value[name],
          }),
        ];
      }),
    ),
  );

const requiredListsServerGenerated: Rule = (ctx) => {
  const { statement, names, line } = ctx.draft.requestTable;
  if (!statement || !/required when you create/i.test(statement)) return [];
  const props = typeProperties(ctx.schemas, ctx.op.resource);
  const generated = names.filter((n) => props[n]?.readOnly === true);
  if (generated.length === 0) return [];
  return [
    finding(ctx, {
      rule: 'required-lists-server-generated',
      line,
      pointer: '/request',
      message: `the table of properties "required when you create" lists ${generated.join(', ')}, which the server sets (readOnly)`,
      expected: names.filter((n) => !generated.includes(n)),
      observed: names,
    }),
  ];
};

const patchReusesCreateWording: Rule = (ctx) => {
  const { statement, line } = ctx.draft.requestTable;
  if (ctx.op.method !== 'PATCH' || !statement || !/when you create/i.test(statement)) return [];
  return [
    finding(ctx, {
      rule: 'patch-reuses-create-wording',
      line,
      pointer: '/request',
      message:
        'an update (PATCH) page introduces its body table as the properties "required when you create"; nothing is required on update',
      expected: 'properties that can be updated',
      observed: statement,
    }),
  ];
};

const getWrappedInValue: Rule = (ctx) => {
  const body = ctx.draft.page.exampleResponse?.body as Record<string, unknown> | undefined;
  if (ctx.op.kind !== 'get' || !body || typeof body.value !== 'object' || Array.isArray(body.value)) return [];
  return [
    finding(ctx, {
      rule: 'get-example-wrapped-in-value',
      line: ctx.draft.page.exampleResponse?.bodyLine ?? null,
      pointer: '/response/body/value',
      message: 'a GET of one entity shows the entity wrapped in "value", which Graph uses only for collections',
      expected: `the ${ctx.op.resource} object itself`,
      observed: '{ "value": { ... } }',
    }),
  ];
};

const blankLineBeforeHeaders: Rule = (ctx) => {
  const m = ctx.draft.page.exampleRequest;
  if (!m?.blankLineBeforeHeaders) return [];
  return [
    finding(ctx, {
      rule: 'blank-line-before-headers',
      line: m.line,
      pointer: '/request/headers',
      message: 'the request example has a blank line after the request line: in HTTP its headers would be read as the body',
      expected: 'headers directly after the request line',
      observed: 'a blank line, then the headers',
    }),
  ];
};

const exampleStatus: Rule = (ctx) => {
  const m = ctx.draft.page.exampleResponse;
  if (!m || m.status === undefined || m.status === ctx.draft.response.status) return [];
  return [
    finding(ctx, {
      rule: 'example-status-mismatch',
      line: m.line,
      pointer: '/response/status',
      message: `the response example shows ${m.status}, the page documents ${ctx.draft.response.status}`,
      expected: ctx.draft.response.status,
      observed: m.status,
    }),
  ];
};

const exampleNotJson: Rule = (ctx) =>
  SIDES.flatMap((side) => {
    const m = message(ctx, side);
    if (!m?.bodyError) return [];
    return [
      finding(ctx, {
        rule: 'example-not-json',
        line: m.bodyLine,
        pointer: `/${side}/body`,
        message: `the ${side} example body is not JSON: ${m.bodyError}`,
        expected: 'JSON',
        observed: m.bodyText,
      }),
    ];
  });

const exampleUrl: Rule = (ctx) => {
  const m = ctx.draft.page.exampleRequest;
  if (!m?.url) return [];
  const path = m.url
    .replace(/^https?:\/\/[^/]+/, '')
    .replace(/^\/(beta|v1\.0)/, '')
    .replace(/\?.*$/, '');
  if (path === ctx.draft.path && m.method?.toUpperCase() === ctx.draft.method) return [];
  return [
    finding(ctx, {
      rule: 'example-request-mismatch',
      line: m.line,
      pointer: '/request/url',
      message: `the request example is ${m.method ?? '?'} ${path}; the page documents ${ctx.draft.method} ${ctx.draft.path}`,
      expected: `${ctx.draft.method} ${ctx.draft.path}`,
      observed: `${m.method ?? '?'} ${path}`,
    }),
  ];
};

/** The registry: every rule, by the name it reports under. */
export const DOC_RULES: Record<string, Rule> = {
  'content-length': contentLength,
  'example-count-mismatch': computedCount,
  'required-lists-server-generated': requiredListsServerGenerated,
  'patch-reuses-create-wording': patchReusesCreateWording,
  'get-example-wrapped-in-value': getWrappedInValue,
  'example-fails-schema': exampleFailsSchema,
  'abstract-type-as-concrete': abstractTypeAsConcrete,
  'request-example-sends-read-only': flaggedProperties('readOnly', 'request', 'request-example-sends-read-only', 'sends'),
  'response-example-returns-write-only': flaggedProperties('writeOnly', 'response', 'response-example-returns-write-only', 'returns'),
  'blank-line-before-headers': blankLineBeforeHeaders,
  'example-status-mismatch': exampleStatus,
  'example-not-json': exampleNotJson,
  'example-request-mismatch': exampleUrl,
};

export function pageFindings(ctx: RuleContext): DocFinding[] {
  return Object.values(DOC_RULES).flatMap((rule) => rule(ctx));
}
