/**
 * The OpenAPI 3.1 document of the contracts: one path per documented path template, one operation per contract
 * (method, operationId, summary, path parameters, request body, the documented success response and a Graph error
 * as the default response), the Graph types as components (see schema-refs.ts) and the ways to authenticate (see
 * security.ts). Documented examples are carried along where they satisfy the contract's own schema (an example the
 * docs get wrong is a doc finding, not something to show). The output is deterministic: the same contracts give
 * the same bytes.
 */
import { STATUS_CODES } from 'node:http';
import type { LoadedContracts } from '../../contracts/load.js';
import type { BodySpec, HeaderSpec, OperationContract } from '../../contracts/model.js';
import { ERROR_RESPONSE, errorResponseComponents, operationErrorResponses, retryAfterHeaders } from './error-responses.js';
import { type ExampleValue, requestExample, responseExample } from './examples.js';
import { odataTypesAsEnums } from './odata-type.js';
import { OpenApiExportError, rewriteSchema, schemaComponents, type JsonObject } from './schema-refs.js';
import { operationSecurity, securitySchemes } from './security.js';

export { ERROR_RESPONSE };
export const OPENAPI_VERSION = '3.1.1';
/** Schema Objects are JSON Schema 2020-12 (unevaluatedProperties and all): said once, for every tool. */
export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
const JSON_MEDIA = 'application/json';
/** Headers OpenAPI describes elsewhere (security schemes, content types): never listed as parameters. */
const IMPLICIT_HEADERS = new Set(['authorization', 'accept', 'content-type']);

export interface ServerEntry {
  url: string;
  description: string;
}

export interface OpenApiOptions {
  /** `info.version`; default: the API version of the operations. */
  version?: string;
  /** Servers; default: Graph itself and the embedded mock on its default port, with the API version in the URL. */
  servers?: ServerEntry[];
}

/** The one API version every operation has; the paths are relative to it. */
function apiVersionOf(operations: readonly OperationContract[]): string {
  const versions = [...new Set(operations.map((o) => o.apiVersion))];
  if (versions.length !== 1) {
    throw new OpenApiExportError(
      versions.length === 0
        ? 'contracts/operations holds no operation: nothing to export. Generate contracts with `npm run contracts:extract`.'
        : `The operations mix API versions (${versions.join(', ')}); one document describes one version root. Export them from separate contracts folders.`,
    );
  }
  return versions[0] as string;
}

function defaultServers(version: string): ServerEntry[] {
  return [
    { url: `https://graph.microsoft.com/${version}`, description: `Microsoft Graph ${version}` },
    { url: `http://127.0.0.1:4010/${version}`, description: 'The embedded mock (`npm run mock`)' },
  ];
}

function statusLine(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? ''}`.trim();
}

const responseHeaders = (): JsonObject => ({
  'request-id': { $ref: '#/components/headers/request-id' },
  'client-request-id': { $ref: '#/components/headers/client-request-id' },
});

function headerComponents(): JsonObject {
  return {
    'request-id': { description: 'The id Graph gave this request (quote it to support).', schema: { type: 'string' } },
    'client-request-id': {
      description: 'The client-request-id the caller sent, echoed; else the same as request-id.',
      schema: { type: 'string' },
    },
  };
}

function mediaType(spec: BodySpec, known: ReadonlySet<string>, where: string, example: ExampleValue | null): JsonObject {
  return {
    schema: odataTypesAsEnums(rewriteSchema(spec.schema, null, known, where)),
    ...(example ? { examples: { [example.origin]: { summary: example.summary, value: example.value } } } : {}),
  };
}

function headerParameters(headers: readonly HeaderSpec[]): JsonObject[] {
  return headers
    .filter((h) => !IMPLICIT_HEADERS.has(h.name.toLowerCase()))
    .map((h) => ({
      name: h.name,
      in: 'header',
      required: h.required,
      description: `Documented value: ${h.value}`,
      schema: { type: 'string' },
    }));
}

function operationObject(op: OperationContract, contracts: LoadedContracts, known: ReadonlySet<string>): JsonObject {
  const where = `contracts/operations/${op.id}.json#`;
  const success: JsonObject = { description: `${statusLine(op.response.status)}`, headers: responseHeaders() };
  const body = op.response.body;
  if (body) {
    success.description = `${statusLine(op.response.status)}: ${body.collection ? `a collection of ${body.type}` : `the ${body.type}`}`;
    success.content = { [JSON_MEDIA]: mediaType(body, known, `${where}/response/body/schema`, responseExample(op, contracts)) };
  }
  const params = headerParameters(op.requestHeaders);
  const sources = op.sources.map((s) => s.file);
  return {
    tags: [op.resource],
    summary: op.summary,
    description: `${op.kind} (${op.resource}). From ${sources.length === 1 ? 'the doc page' : 'the doc pages'} ${sources.join(', ')}.`,
    operationId: op.id,
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(op.request
      ? {
          requestBody: {
            required: true,
            content: { [JSON_MEDIA]: mediaType(op.request, known, `${where}/request/schema`, requestExample(op, contracts)) },
          },
        }
      : {}),
    responses: {
      [String(op.response.status)]: success,
      ...operationErrorResponses(op),
      default: { $ref: `#/components/responses/${ERROR_RESPONSE}` },
    },
    security: operationSecurity(op),
    'x-permissions': op.permissions,
  };
}

function pathParameters(op: OperationContract): JsonObject[] {
  const inTemplate = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
  const declared = op.pathParameters;
  if (inTemplate.join('/') !== declared.join('/')) {
    throw new OpenApiExportError(
      `contracts/operations/${op.id}.json#/pathParameters: [${declared.join(', ')}] does not match the parameters of the path ${op.path} ([${inTemplate.join(', ')}]). Fix pathParameters or regenerate with \`npm run contracts:extract\`.`,
    );
  }
  return declared.map((name) => ({
    name,
    in: 'path',
    required: true,
    description: `The id of the object (${name}).`,
    schema: { type: 'string' },
  }));
}

const METHOD_ORDER = ['get', 'put', 'post', 'patch', 'delete'];

/** The OpenAPI 3.1 document for a set of loaded contracts. */
export function buildOpenApi(contracts: LoadedContracts, options: OpenApiOptions = {}): JsonObject {
  const version = apiVersionOf(contracts.operations);
  const known = new Set(contracts.schemas.keys());
  const paths = new Map<string, JsonObject>();
  const ops = [...contracts.operations].sort((a, b) =>
    a.path < b.path
      ? -1
      : a.path > b.path
        ? 1
        : METHOD_ORDER.indexOf(a.method.toLowerCase()) - METHOD_ORDER.indexOf(b.method.toLowerCase()),
  );
  for (const op of ops) {
    const method = op.method.toLowerCase();
    const params = pathParameters(op);
    const item = paths.get(op.path) ?? (params.length > 0 ? { parameters: params } : {});
    if (item[method] !== undefined) {
      throw new OpenApiExportError(
        `contracts/operations/${op.id}.json: ${op.method} ${op.path} is documented twice (also by ${String((item[method] as JsonObject).operationId)}). Keep one of them.`,
      );
    }
    item[method] = operationObject(op, contracts, known);
    paths.set(op.path, item);
  }
  const tags = [...new Set(ops.map((o) => o.resource))].sort().map((name) => ({ name, description: `Operations on ${name}` }));
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: `Microsoft Graph ${version}: Intune eSIM activation code pools (from graph-esim-conformance contracts)`,
      version: options.version ?? version,
      description:
        'Generated from contracts/ by `npm run contracts:openapi`: what the Graph docs promise about these operations, as the conformance suite checks them. Not an official Microsoft document.',
    },
    jsonSchemaDialect: JSON_SCHEMA_DIALECT,
    servers: options.servers ?? defaultServers(version),
    tags,
    paths: Object.fromEntries(paths),
    components: {
      schemas: odataTypesAsEnums(schemaComponents(contracts.schemas)) as JsonObject,
      responses: errorResponseComponents(known, responseHeaders),
      headers: { ...headerComponents(), ...retryAfterHeaders() },
      securitySchemes: securitySchemes(contracts.operations),
    },
  };
}
