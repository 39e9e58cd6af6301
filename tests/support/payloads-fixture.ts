/**
 * An invented "widget" type for the payload-generator tests: every constraint the eSIM contracts do not have
 * (a writable Int32, a number range, a boolean, a writable nullable date-time, a bounded array, a computed count),
 * in the conventions of contracts/README.md. Not a spec file: imported by payloads-*.spec.ts.
 */
import type { ValidateFunction } from 'ajv';
import { createAjv } from '../../contracts/ajv.js';
import type { BodySpec, OperationContract } from '../../contracts/model.js';
import { schemaId } from '../../contracts/model.js';
import type { ContractSource } from '../../generators/payloads/source.js';

type Json = Record<string, unknown>;

const widgetColor: Json = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaId('widgetColor'),
  title: 'widgetColor',
  type: 'string',
  enum: ['red', 'green', 'blue'],
};

const widget: Json = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaId('widget'),
  title: 'widget',
  $defs: {
    base: {
      type: 'object',
      properties: {
        id: { type: 'string', readOnly: true },
        label: { type: 'string', minLength: 2, maxLength: 10 },
        size: { type: 'integer', minimum: -2147483648, maximum: 2147483647 },
        ratio: { type: 'number', minimum: 0, maximum: 1 },
        enabled: { type: 'boolean' },
        dueDateTime: { type: ['string', 'null'], format: 'date-time' },
        createdDateTime: { type: 'string', format: 'date-time', readOnly: true },
        color: { $ref: schemaId('widgetColor') },
        tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 2 },
        partCount: { $comment: 'computed: count of parts', type: 'integer', readOnly: true },
      },
    },
  },
  type: 'object',
  allOf: [
    { $ref: '#/$defs/base' },
    { type: 'object', properties: { '@odata.type': { type: 'string', pattern: '^#?microsoft\\.graph\\.widget$' } } },
  ],
  patternProperties: { '@odata\\.': {} },
  unevaluatedProperties: false,
};

export const widgetSchemas = new Map<string, Json>([
  ['widget', widget],
  ['widgetColor', widgetColor],
]);

/** A create body: the widget with `label` and `size` required. */
export const createWidget: BodySpec = {
  type: 'widget',
  collection: false,
  schema: { type: 'object', allOf: [{ $ref: schemaId('widget') }], required: ['label', 'size'], properties: { label: true, size: true } },
};

/** A contract source with the widget schemas and no operations (bodies are given as specs). */
export const widgetSource: ContractSource = {
  schemas: widgetSchemas,
  operations: [] as OperationContract[],
  operation(id: string): OperationContract {
    throw new Error(`the widget fixture has no operation ${id}`);
  },
};

const ajv = createAjv([...widgetSchemas.values()]);
const compiled = new Map<object, ValidateFunction>();

/** Validates a body against a spec of the widget fixture (compiled once per spec). */
export function validateWidget(spec: BodySpec, body: unknown): ValidateFunction['errors'] {
  let fn = compiled.get(spec.schema);
  if (!fn) compiled.set(spec.schema, (fn = ajv.compile(spec.schema)));
  return fn(body) ? null : (fn.errors ?? []);
}
