/**
 * Drafts of one operation from several pages (renderings and revisions) -> one OperationContract. The newest revision
 * wins; every field on which the sources disagree is kept in `disagreements` (doc-vs-doc drift).
 */
import { isDeepStrictEqual } from 'node:util';
import { schemaId } from '../../contracts/model.js';
import type {
  BodySpec,
  CloudAvailability,
  Disagreement,
  DocFinding,
  Example,
  OperationContract,
  SourceRecord,
} from '../../contracts/model.js';
import { parseTypeExpression, schemaForExpression, type JsonSchema } from './graph-types.js';
import type { OperationDraft } from './operation-page.js';
import { operationFields } from './operation-fields.js';
import { sortRevisions } from './revision.js';
import { rankSorted, transitionFindings } from './revision-transitions.js';
import { ANNOTATION_PATTERN } from './schema-builder.js';
import { typeProperties } from './schema-walk.js';

/** What two sources of one operation are compared on. Keys are pointers into the contract. */
function projection(d: OperationDraft): Record<string, unknown> {
  return {
    '/method': d.method,
    '/path': d.path,
    '/permissions/delegatedWork': d.permissions.delegatedWork,
    '/permissions/delegatedPersonal': d.permissions.delegatedPersonal,
    '/permissions/application': d.permissions.application,
    // Not stated (an older page, or a page text that lost the table's check marks) is left out, not compared as null.
    ...(d.page.clouds ? { '/clouds': cloudsOf(d) } : {}),
    '/requestHeaders': d.requestHeaders,
    '/request/properties': d.requestTable.names,
    '/response/status': d.response.status,
    '/response/body/type': d.response.type,
    '/response/body/collection': d.response.collection,
    '/examples/*/request/body': d.example.request?.body ?? null,
    '/examples/*/response/body': d.example.response?.body ?? null,
    '/queryOptions/options': d.queryOptions?.options ?? null,
  };
}

function cloudsOf(d: OperationDraft): Omit<CloudAvailability, 'source'> | null {
  const c = d.page.clouds;
  return c ? { global: c.global, usGovL4: c.usGovL4, usGovL5: c.usGovL5, china: c.china } : null;
}

/** Equal projections; a field only one side states (the cloud table) does not tell two renderings apart. */
function sameContent(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a).filter((k) => k in b);
  return keys.every((k) => isDeepStrictEqual(a[k], b[k]));
}

function requestSpec(d: OperationDraft, schemas: Map<string, JsonSchema>): BodySpec | null {
  const ref = { $ref: schemaId(d.resource) };
  switch (d.requestBody.kind) {
    case 'none':
      return null;
    case 'parameters': {
      const properties: Record<string, JsonSchema> = {};
      for (const p of d.requestBody.parameters) {
        const expr = parseTypeExpression(p.type);
        properties[p.name] = expr ? schemaForExpression(expr) : {};
      }
      const first = d.requestBody.parameters[0];
      const itemType = first ? (parseTypeExpression(first.type)?.name ?? d.resource) : d.resource;
      return {
        type: itemType,
        collection: false,
        schema: {
          $comment: 'action parameters; every documented parameter is required',
          type: 'object',
          required: Object.keys(properties),
          properties,
          additionalProperties: false,
        },
      };
    }
    case 'type': {
      if (d.kind !== 'create') return { type: d.resource, collection: false, schema: ref };
      const props = typeProperties(schemas, d.resource);
      const required = Object.entries(props)
        .filter(([, s]) => s.readOnly !== true && !allowsNull(s))
        .map(([name]) => name);
      return {
        type: d.resource,
        collection: false,
        schema: {
          $comment: 'create: the writable, non-nullable properties of the type are required',
          type: 'object',
          allOf: [ref],
          required,
          properties: Object.fromEntries(required.map((n) => [n, true])),
        },
      };
    }
  }
}

function allowsNull(s: JsonSchema): boolean {
  if (Array.isArray(s.type)) return s.type.includes('null');
  if (Array.isArray(s.anyOf)) return s.anyOf.some((x) => (x as JsonSchema).type === 'null');
  return false;
}

function responseSpec(d: OperationDraft): BodySpec | null {
  const type = d.response.type;
  if (!type) return null;
  const ref = { $ref: schemaId(type) };
  if (!d.response.collection) return { type, collection: false, schema: ref };
  return {
    type,
    collection: true,
    schema: {
      type: 'object',
      required: ['value'],
      properties: { value: { type: 'array', items: ref } },
      // The annotations sit in allOf: beside patternProperties that also match them, Ajv's strict mode would object.
      allOf: [
        {
          type: 'object',
          properties: {
            '@odata.context': { type: 'string' },
            '@odata.nextLink': { type: 'string', format: 'uri' },
            '@odata.count': { type: 'integer', minimum: 0 },
          },
        },
      ],
      patternProperties: { [ANNOTATION_PATTERN]: {} },
      unevaluatedProperties: false,
    },
  };
}

/** An example without where it was found: two renderings of one page show the same example on other lines. */
function exampleContent(e: Example): unknown {
  return {
    request: e.request && { method: e.request.method, url: e.request.url, headers: e.request.headers, body: e.request.body },
    response: e.response && { status: e.response.status, headers: e.response.headers, body: e.response.body },
  };
}

export function mergeOperation(
  drafts: OperationDraft[],
  schemas: Map<string, JsonSchema>,
  sha: (file: string) => string,
): OperationContract {
  return mergeOperationWithTransitions(drafts, schemas, sha).contract;
}

/** mergeOperation, plus the doc-vs-doc transitions between its revisions (revision-transitions.ts). */
export function mergeOperationWithTransitions(
  drafts: OperationDraft[],
  schemas: Map<string, JsonSchema>,
  sha: (file: string) => string,
): { contract: OperationContract; transitions: DocFinding[] } {
  const sorted = sortRevisions(drafts);
  const newest = sorted[0];
  if (!newest) throw new Error('mergeOperation needs at least one draft');

  // Ranks: a source shares the rank of the one before it when it shows the same content in the same template
  // generation (two renderings of one revision, such as a page's markdown source and its page text).
  const ranks = rankSorted(sorted, (a, b) => a.revision.generation === b.revision.generation && sameContent(projection(a), projection(b)));
  const sources: SourceRecord[] = sorted.map((d, i) => ({
    file: d.page.file,
    format: d.page.format,
    revision: d.revision.evidence,
    date: d.revision.date,
    rank: ranks[i] ?? 0,
    sha256: sha(d.page.file),
  }));
  const views = sorted.map((d) => ({ file: d.page.file, revision: d.revision, fields: operationFields(d, projection(d)) }));

  const disagreements: Disagreement[] = [];
  const projections = sorted.map((d) => ({ file: d.page.file, p: projection(d) }));
  for (const pointer of Object.keys(projection(newest))) {
    const values: Disagreement['values'] = [];
    for (const { file, p } of projections) {
      if (!(pointer in p)) continue; // the source does not state it (see projection)
      const v = p[pointer];
      const hit = values.find((x) => isDeepStrictEqual(x.value, v));
      if (hit) hit.sources.push(file);
      else values.push({ value: v, sources: [file] });
    }
    if (values.length > 1) disagreements.push({ pointer, values, kept: projection(newest)[pointer] });
  }

  const examples: Example[] = [];
  for (const d of sorted) {
    const same = examples.find((e) => isDeepStrictEqual(exampleContent(e), exampleContent(d.example)));
    if (!same && (d.example.request || d.example.response)) examples.push(d.example);
  }

  const contract: OperationContract = {
    id: newest.id,
    summary: newest.summary,
    kind: newest.kind,
    resource: newest.resource,
    method: newest.method,
    path: newest.path,
    pathParameters: newest.pathParameters,
    apiVersion: 'beta',
    permissions: newest.permissions,
    clouds: newest.page.clouds ?? null,
    requestHeaders: newest.requestHeaders,
    request: requestSpec(newest, schemas),
    response: { status: newest.response.status, body: responseSpec(newest) },
    examples,
    sources,
    disagreements,
    queryOptions: newest.queryOptions ?? null,
  };
  return { contract, transitions: transitionFindings(newest.id, views, ranks) };
}
