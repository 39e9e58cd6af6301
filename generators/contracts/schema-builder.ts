/**
 * Resource and enum pages -> one JSON Schema 2020-12 per Graph type (see contracts/README.md for the conventions).
 */
import { schemaId } from '../../contracts/model.js';
import type { DocFinding } from '../../contracts/model.js';
import type { DocPage } from './doc-page.js';
import { parseTypeExpression, schemaForExpression, type JsonSchema } from './graph-types.js';
import type { MetadataFacts } from './metadata-facts.js';
import { readProse } from './prose-rules.js';
import { cell, findTable, TableShapeError } from './tables.js';

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';
/** Graph instance annotations (`@odata.type`, `prop@odata.nextLink`, ...) are protocol, never undocumented drift. */
export const ANNOTATION_PATTERN = '@odata\\.';

export interface TypeDoc {
  name: string;
  kind: 'object' | 'enum';
  page: DocPage;
  baseType: string | null;
}

/** `embeddedSIMActivationCodePool resource type` -> `embeddedSIMActivationCodePool`. */
export function typeNameOf(page: DocPage): string | null {
  const ann = page.annotations.find((a) => typeof a.value['@odata.type'] === 'string');
  const fromAnn = ann ? String(ann.value['@odata.type']).replace(/^#?microsoft\.graph\./, '') : null;
  const fromTitle = /^([A-Za-z][A-Za-z0-9]*)\s+(resource|enum)\s+type/i.exec(page.title)?.[1] ?? null;
  return fromTitle ?? fromAnn;
}

export function typeDocOf(page: DocPage): TypeDoc | null {
  if (page.pageType !== 'resource' && page.pageType !== 'enum') return null;
  const name = typeNameOf(page);
  if (!name) return null;
  return { name, kind: page.pageType === 'enum' ? 'enum' : 'object', page, baseType: page.inheritsFrom };
}

function odataTypePattern(name: string): string {
  return `^#?microsoft\\.graph\\.${name}$`;
}

/** `\-` and `-` mean the same inside a character class; markdown escaping drops the backslash. */
function samePattern(p: string): string {
  return p.replace(/\\-/g, '-');
}

function nullable(schema: JsonSchema): JsonSchema {
  if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'] };
  return { anyOf: [schema, { type: 'null' }] };
}

function sourceComment(page: DocPage): string {
  return `from ${page.file}${page.msDate ? ` (ms.date ${page.msDate})` : ''}`;
}

export interface SchemaBuild {
  schemas: Map<string, JsonSchema>;
  findings: DocFinding[];
}

function buildEnum(t: TypeDoc): JsonSchema {
  const table = findTable(t.page, 'Member', ['Member', 'Value', 'Description']);
  const members = (table?.rows ?? []).map((r) => cell(r.cells, 0));
  return { $schema: DRAFT, $id: schemaId(t.name), title: t.name, $comment: sourceComment(t.page), type: 'string', enum: members };
}

function buildProperties(t: TypeDoc, meta: MetadataFacts | null, findings: DocFinding[]): JsonSchema {
  const table = findTable(t.page, 'Property', ['Property', 'Type', 'Description']);
  const rows = table?.rows ?? [];
  const names = rows.map((r) => cell(r.cells, 0));
  const props: Record<string, JsonSchema> = {};
  for (const row of rows) {
    const [name, typeText, description] = [cell(row.cells, 0), cell(row.cells, 1), cell(row.cells, 2)];
    const prose = readProse(
      description,
      names.filter((n) => n !== name),
    );
    if (t.baseType && prose.inheritedFrom) continue; // lives in the base's $defs/base
    const expr = parseTypeExpression(typeText);
    if (!expr) {
      findings.push({
        rule: 'unreadable-type',
        kind: 'doc-internal',
        subject: t.name,
        file: t.page.file,
        line: row.line,
        pointer: `/properties/${name}`,
        message: `type "${typeText}" of ${t.name}.${name} is not a Graph type expression; the property is left unconstrained`,
        expected: 'a Graph type such as String, Int32 or a type name',
        observed: typeText,
      });
      props[name] = {};
      continue;
    }
    let schema = schemaForExpression(expr);
    const facts = meta?.property(t.name, name) ?? null;
    const comments: string[] = [];
    // The CSDL's pattern is the service's own; the doc prose repeats it (through markdown escaping) when it has one.
    const pattern = facts?.pattern ?? prose.pattern ?? null;
    if (pattern && schema.type === 'string') {
      schema.pattern = pattern;
      comments.push(`pattern from ${facts?.pattern ? meta?.source : 'the doc prose'}`);
    }
    if (facts?.pattern && prose.pattern && samePattern(facts.pattern) !== samePattern(prose.pattern)) {
      findings.push({
        rule: 'pattern-mismatch',
        kind: 'doc-vs-metadata',
        subject: t.name,
        file: t.page.file,
        line: row.line,
        pointer: `/properties/${name}`,
        message: `the docs give ${t.name}.${name} the pattern ${prose.pattern}, the metadata ${facts.pattern}; the contract uses the metadata's`,
        expected: facts.pattern,
        observed: prose.pattern,
      });
    }
    if (prose.countOf) {
      schema.readOnly = true;
      comments.push(`computed: count of ${prose.countOf.property} ("${prose.countOf.phrase}")`);
    } else if (prose.readOnly) {
      schema.readOnly = true;
      comments.push(`readOnly: "${prose.readOnly}"`);
    }
    if (prose.writeOnly) {
      schema.writeOnly = true;
      comments.push(`writeOnly: "${prose.writeOnly}"`);
    }
    if (facts?.nullable === true) {
      schema = nullable(schema);
      comments.push(`nullable per ${meta?.source}`);
    }
    if (comments.length) schema = { $comment: comments.join('; '), ...schema };
    props[name] = schema;
  }
  const base: JsonSchema = { type: 'object', properties: props };
  if (t.baseType) base.allOf = [{ $ref: `${schemaId(t.baseType)}#/$defs/base` }];
  return base;
}

function concreteSchema(t: TypeDoc, base: JsonSchema): JsonSchema {
  return {
    $schema: DRAFT,
    $id: schemaId(t.name),
    title: t.name,
    $comment: sourceComment(t.page),
    $defs: { base },
    type: 'object',
    // @odata.type sits in allOf: beside patternProperties that also match it, Ajv's strict mode would object.
    allOf: [
      { $ref: '#/$defs/base' },
      { type: 'object', properties: { '@odata.type': { type: 'string', pattern: odataTypePattern(t.name) } } },
    ],
    patternProperties: { [ANNOTATION_PATTERN]: {} },
    unevaluatedProperties: false,
  };
}

/** An abstract type with derived types: a oneOf over its concrete descendants, chosen by the required @odata.type. */
function familySchema(t: TypeDoc, base: JsonSchema, concrete: string[], meta: MetadataFacts): JsonSchema {
  return {
    $schema: DRAFT,
    $id: schemaId(t.name),
    title: t.name,
    $comment: `${sourceComment(t.page)}; abstract per ${meta.source}: one of its derived types, told apart by @odata.type`,
    $defs: { base },
    type: 'object',
    required: ['@odata.type'],
    properties: { '@odata.type': { type: 'string' } },
    oneOf: concrete.map((c) => ({ $ref: schemaId(c) })),
  };
}

/** The Graph error body. Not on these doc pages: it is the protocol's (Microsoft Graph REST error responses). */
export function graphErrorSchema(): JsonSchema {
  const str = { type: 'string' };
  return {
    $schema: DRAFT,
    $id: schemaId('graphError'),
    title: 'graphError',
    $comment: 'Microsoft Graph protocol error body; innerError.date is shown by Graph without an offset, so it is a plain string',
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: str,
          message: str,
          target: str,
          details: {
            type: 'array',
            items: { type: 'object', required: ['code', 'message'], properties: { code: str, message: str, target: str } },
          },
          innerError: {
            type: 'object',
            required: ['date', 'request-id'],
            properties: { date: str, 'request-id': str, 'client-request-id': str },
          },
        },
      },
    },
  };
}

/**
 * The Relationships table: navigation properties. They are not part of a body unless asked for with $expand, so
 * they sit apart in `$defs/navigation` (documented, not evaluated); the metadata check counts them as documented.
 */
function navigationOf(t: TypeDoc): JsonSchema | null {
  const table = findTable(t.page, 'Relationship', ['Relationship', 'Type', 'Description']);
  if (!table || table.rows.length === 0) return null;
  const properties: Record<string, JsonSchema> = {};
  for (const row of table.rows) {
    const expr = parseTypeExpression(cell(row.cells, 1));
    properties[cell(row.cells, 0)] = expr ? schemaForExpression(expr) : {};
  }
  return {
    $comment: `navigation properties (Relationships table, line ${table.line}); returned only with $expand`,
    type: 'object',
    properties,
  };
}

/** A type page whose tables can't be read is skipped (onSkip says why); the other types are still built. */
export function buildSchemas(
  types: TypeDoc[],
  meta: MetadataFacts | null,
  onSkip: (file: string, line: number, reason: string) => void = () => {},
): SchemaBuild {
  const findings: DocFinding[] = [];
  const schemas = new Map<string, JsonSchema>();
  const byName = new Map(types.map((t) => [t.name, t]));
  const descendants = (name: string): string[] => types.filter((t) => t.baseType === name).flatMap((t) => [t.name, ...descendants(t.name)]);

  for (const t of types) {
    try {
      buildOne(t);
    } catch (e) {
      if (!(e instanceof TableShapeError)) throw e;
      onSkip(e.file, e.line, e.reason);
    }
  }
  function buildOne(t: TypeDoc): void {
    if (t.kind === 'enum') {
      schemas.set(t.name, buildEnum(t));
      return;
    }
    const base = buildProperties(t, meta, findings);
    const derived = descendants(t.name);
    const abstract = meta?.isAbstract(t.name) === true;
    const schema = abstract && derived.length > 0 && meta ? familySchema(t, base, derived, meta) : concreteSchema(t, base);
    const navigation = navigationOf(t);
    if (navigation) (schema.$defs as Record<string, JsonSchema>).navigation = navigation;
    schemas.set(t.name, schema);
    if (t.baseType && !byName.has(t.baseType)) {
      findings.push({
        rule: 'unresolved-type',
        kind: 'doc-internal',
        subject: t.name,
        file: t.page.file,
        line: null,
        pointer: null,
        message: `${t.name} inherits from ${t.baseType}, which has no resource page among the inputs`,
        expected: `a resource page for ${t.baseType}`,
        observed: null,
      });
    }
  }
  schemas.set('graphError', graphErrorSchema());
  return { schemas, findings };
}
