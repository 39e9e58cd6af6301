/**
 * Examples for the export. Tools send request examples as they are and serve response examples as answers (Prism in
 * static mode), so both must be things a client may send and a server may answer:
 * - a request example loses the members the contract calls readOnly (the docs' examples send ids and server
 *   timestamps; Graph ignores or rejects them), and says which;
 * - a response example is the documented one when it satisfies the contract, else a documented answer of another
 *   operation about the same type, else one built from the contract (the writable members from the payload
 *   generator, seeded; server-set members filled in; writeOnly members left out). Every example is validated
 *   against the contract before it is used.
 */
import { joinPointer } from '../../lib/json-pointer.js';
import type { LoadedContracts } from '../../contracts/load.js';
import type { OperationContract } from '../../contracts/model.js';
import { odataTypeValue, seededFaker, validBody } from '../payloads/index.js';
import { genericScalar } from '../payloads/scalar.js';
import { bodyShape, type ObjectShape, type Shape } from '../payloads/shape.js';

export interface ExampleValue {
  /** `documented` (a doc example, maybe trimmed or from another operation) or `generated` (built from the contract). */
  origin: 'documented' | 'generated';
  summary: string;
  value: unknown;
}

/** The seed of every generated example: the export stays byte-identical from run to run. */
const EXAMPLE_SEED = 20240801;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The variant of a union a value names with `@odata.type` (or the first). */
function objectShapeFor(shape: Shape, value: Record<string, unknown>): ObjectShape | null {
  if (shape.kind === 'object') return shape;
  if (shape.kind !== 'union') return null;
  const named = String(value['@odata.type'] ?? '').replace(/^#?microsoft\.graph\./, '');
  return shape.variants.find((v) => v.typeName === named) ?? shape.variants[0] ?? null;
}

/** A copy of `value` without the members `shape` marks readOnly (or computed), and the pointers of those dropped. */
export function withoutReadOnly(value: unknown, shape: Shape, pointer = '', dropped: string[] = []): { value: unknown; dropped: string[] } {
  if (Array.isArray(value) && shape.kind === 'array') {
    return { value: value.map((v, i) => withoutReadOnly(v, shape.items, joinPointer(pointer, i), dropped).value), dropped };
  }
  const obj = isObject(value) ? objectShapeFor(shape, value) : null;
  if (!isObject(value) || !obj) return { value, dropped };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const prop = obj.properties.find((p) => p.name === k);
    const at = joinPointer(pointer, k);
    if (prop && (prop.readOnly || prop.computed) && !obj.required.includes(k)) dropped.push(at);
    else out[k] = prop ? withoutReadOnly(v, prop.shape, at, dropped).value : v;
  }
  return { value: out, dropped };
}

export function requestExample(op: OperationContract, contracts: LoadedContracts): ExampleValue | null {
  if (!op.request) return null;
  const shape = bodyShape(op.request, contracts.schemas, `operations/${op.id}.json#/request/schema`);
  for (const ex of op.examples) {
    const body = ex.request?.body;
    if (body === null || body === undefined) continue;
    const { value, dropped } = withoutReadOnly(body, shape);
    if (!contracts.validateRequest(op.id, value).valid) continue;
    const note = dropped.length ? `; readOnly members left out: ${dropped.join(', ')}` : '';
    return { origin: 'documented', summary: `The documented example (${ex.source})${note}`, value };
  }
  try {
    const value = validBody(op.id, { seed: EXAMPLE_SEED, contracts });
    if (contracts.validateRequest(op.id, value).valid)
      return { origin: 'generated', summary: `Built from the contract (no documented example satisfies it), seed ${EXAMPLE_SEED}`, value };
  } catch {
    // a property no generator knows how to fill: no example rather than a wrong one
  }
  return null;
}

/** The server-set members of an object (readOnly, computed, `@odata.type`) filled in, writeOnly ones removed. */
function completeObject(
  shape: ObjectShape,
  writable: Record<string, unknown>,
  faker: ReturnType<typeof seededFaker>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let droppedItems = 0;
  // One server time for every server-set timestamp (created and modified agree on a fresh object).
  const now = new Date(Date.parse('2024-08-01T00:00:00Z')).toISOString();
  for (const prop of shape.properties) {
    const given = writable[prop.name];
    if (prop.writeOnly) {
      if (Array.isArray(given)) droppedItems += given.length;
      continue;
    }
    if (prop.name === '@odata.type') {
      if (shape.typeName) out[prop.name] = odataTypeValue(shape.typeName);
      continue;
    }
    if (given !== undefined) out[prop.name] = given;
    else if (prop.name === 'id') out[prop.name] = faker.string.uuid();
    else if (prop.shape.kind === 'string' && prop.shape.format === 'date-time') out[prop.name] = now;
    else if (prop.shape.kind !== 'object' && prop.shape.kind !== 'union' && prop.shape.kind !== 'array' && prop.shape.kind !== 'any') {
      try {
        out[prop.name] = genericScalar(faker, prop.shape, prop.name);
      } catch {
        // A server-set string with a pattern no generator knows: left out (it is not required).
      }
    }
  }
  for (const prop of shape.properties) if (prop.computed && prop.shape.kind === 'integer') out[prop.name] = droppedItems;
  return out;
}

/** An answer built from the contract for a type that some operation creates or updates. */
function generatedItem(type: string, contracts: LoadedContracts, op: OperationContract): unknown {
  const writer = contracts.operations.find((o) => o.request?.type === type && !o.request.collection && o.kind === 'create');
  if (!writer?.request || !op.response.body) return null;
  let body: Record<string, unknown>;
  try {
    body = validBody(writer.id, { seed: EXAMPLE_SEED, contracts, optional: 'all' }) as Record<string, unknown>;
  } catch {
    return null; // a property no generator knows how to fill: no generated example rather than a wrong one
  }
  const itemSpec = { ...op.response.body, collection: false, schema: { $ref: refOf(op) } };
  const shape = bodyShape(itemSpec, contracts.schemas, `example of ${type}`);
  const obj = shape.kind === 'object' ? shape : shape.kind === 'union' ? shape.variants[0] : null;
  return obj ? completeObject(obj, body, seededFaker(EXAMPLE_SEED)) : null;
}

/** The `$ref` of the response type's schema. */
function refOf(op: OperationContract): string {
  const schema = op.response.body?.schema as { $ref?: string; properties?: { value?: { items?: { $ref?: string } } } };
  return schema.$ref ?? schema.properties?.value?.items?.$ref ?? '';
}

export function responseExample(op: OperationContract, contracts: LoadedContracts): ExampleValue | null {
  const body = op.response.body;
  if (!body) return null;
  const valid = (v: unknown): boolean => contracts.validateResponse(op.id, v).valid;
  const wrap = (item: unknown): unknown => (body.collection ? { value: [item] } : item);
  for (const ex of op.examples) {
    const value = ex.response?.body;
    if (ex.response?.status === op.response.status && value !== null && value !== undefined && valid(value))
      return { origin: 'documented', summary: `The documented example (${ex.source})`, value };
  }
  for (const other of contracts.operations) {
    if (other.id === op.id || other.response.body?.type !== body.type) continue;
    for (const ex of other.examples) {
      const value = ex.response?.body;
      if (ex.response?.status !== other.response.status || !isObject(value)) continue;
      const item = other.response.body.collection ? (Array.isArray(value.value) ? value.value[0] : undefined) : value;
      if (item !== undefined && valid(wrap(item)))
        return { origin: 'documented', summary: `From the documented example of ${other.id} (${ex.source})`, value: wrap(item) };
    }
  }
  const generated = generatedItem(body.type, contracts, op);
  if (generated !== null && valid(wrap(generated)))
    return {
      origin: 'generated',
      summary: `Built from the contract (no documented example satisfies it), seed ${EXAMPLE_SEED}`,
      value: wrap(generated),
    };
  return null;
}
