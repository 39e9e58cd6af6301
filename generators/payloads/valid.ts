/**
 * Valid request bodies from the contract schemas: every body generated here passes contracts.validateRequest.
 * Values are domain-shaped by property name (domain.ts), seeded (seeds.ts), and a body is a pure function of its
 * target and options: the same seed gives byte-identical JSON.
 */
import type { Faker } from '@faker-js/faker';
import { loadContracts } from '../../contracts/load.js';
import { ARRAY_LENGTHS, DEFAULT_ARRAY_LENGTH, DOMAIN_ESSENTIAL, DOMAIN_VALUES, makeCoherent } from './domain.js';
import { genericScalar, scalarProblem } from './scalar.js';
import { assertSeed, withSeededFaker } from './seeds.js';
import type { ArrayShape, ObjectShape, PropertyShape, Shape, UnionShape } from './shape.js';
import { resolveBody } from './source.js';
import type { BodyTarget, ContractSource } from './source.js';

export interface ValidBodyOptions {
  /** Required: a whole number 0..2^32-1 (see caseSeed/baseSeed). */
  seed: number;
  /** Default: loadContracts(). */
  contracts?: ContractSource;
  /** Prefix for display names, e.g. runTag(runId) = `conformance-<runId>-`. Default ''. */
  runTag?: string;
  /** Optional writable properties: 'random' (each with probability 0.6; the default) or 'all'. */
  optional?: 'random' | 'all';
  /** `@odata.type`: only where required (polymorphic values; the default) or on every typed object ('all'). */
  odataType?: 'polymorphic' | 'all';
  /** Probability (0..1) that an included, optional, nullable property is null. Default 0. */
  nullRate?: number;
  /** Concrete type names to take whenever a polymorphic value offers them (e.g. ['groupAssignmentTarget']). */
  prefer?: string[];
  /** Values by property name, used as given wherever that property is generated (checked against its schema). */
  overrides?: Record<string, unknown>;
}

interface Ctx {
  faker: Faker;
  seed: number;
  runTag: string;
  all: boolean;
  odataAll: boolean;
  nullRate: number;
  prefer: readonly string[];
  overrides: Readonly<Record<string, unknown>>;
  unionOrdinal: number;
  label: string;
}

const OPTIONAL_PROBABILITY = 0.6;

export function odataTypeValue(typeName: string): string {
  return `#microsoft.graph.${typeName}`;
}

/** Writable members a client may send: not readOnly, not computed, not an annotation. */
export function writableProperties(shape: ObjectShape): PropertyShape[] {
  const serverSide = (p: PropertyShape): boolean => (p.readOnly || p.computed) && !shape.required.includes(p.name);
  return shape.properties.filter((p) => !p.name.startsWith('@') && !serverSide(p));
}

function gen(shape: Shape, ctx: Ctx, name: string | null, path: string): unknown {
  const where = `${ctx.label} ${path || '/'}`;
  if (name !== null && Object.hasOwn(ctx.overrides, name)) {
    const value = ctx.overrides[name];
    const problem =
      shape.kind === 'any' || shape.kind === 'object' || shape.kind === 'union' || shape.kind === 'array'
        ? null
        : scalarProblem(shape, value);
    if (problem) throw new Error(`${where}: override for "${name}" (${JSON.stringify(value)}) ${problem}`);
    return structuredClone(value);
  }
  switch (shape.kind) {
    case 'any':
      return ctx.faker.lorem.word();
    case 'union':
      return genUnion(shape, ctx, path);
    case 'object':
      return genObject(shape, ctx, path, false);
    case 'array':
      return genArray(shape, ctx, name, path);
    default: {
      const plainString = shape.kind === 'string' && !shape.enum && !shape.format;
      const domain = name !== null && plainString ? DOMAIN_VALUES[name] : undefined;
      const value = domain ? domain({ faker: ctx.faker, runTag: ctx.runTag }) : genericScalar(ctx.faker, shape, where);
      const problem = scalarProblem(shape, value);
      if (problem) {
        throw new Error(
          `${where}: generated ${JSON.stringify(value)} ${problem}. The domain generator for "${name}" in ` +
            'generators/payloads/domain.ts no longer fits the contract schema: fix one of them.',
        );
      }
      return value;
    }
  }
}

function genUnion(shape: UnionShape, ctx: Ctx, path: string): unknown {
  const n = shape.variants.length;
  if (n === 0) throw new Error(`${ctx.label} ${path}: a polymorphic value with no concrete type`);
  const preferred = shape.variants.find((v) => v.typeName && ctx.prefer.includes(v.typeName));
  // Seed-driven choice: any n consecutive seeds cover every concrete type of the first polymorphic value.
  const variant = preferred ?? shape.variants[(ctx.seed + ctx.unionOrdinal) % n];
  ctx.unionOrdinal++;
  if (!variant) throw new Error(`${ctx.label} ${path}: no variant chosen`);
  return genObject(variant, ctx, path, true);
}

function genObject(shape: ObjectShape, ctx: Ctx, path: string, polymorphic: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const typeProp = shape.properties.find((p) => p.name === '@odata.type');
  const wantType = polymorphic || shape.required.includes('@odata.type') || (ctx.odataAll && shape.typeName !== null);
  if (wantType) {
    if (!shape.typeName) throw new Error(`${ctx.label} ${path}: @odata.type is required but the object names no type`);
    const value = odataTypeValue(shape.typeName);
    const problem = typeProp && typeProp.shape.kind === 'string' ? scalarProblem(typeProp.shape, value) : null;
    if (problem) throw new Error(`${ctx.label} ${path}/@odata.type: ${value} ${problem}`);
    out['@odata.type'] = value;
  }
  const writable = writableProperties(shape);
  const isRequired = (name: string): boolean => shape.required.includes(name);
  const chosen = writable.filter(
    (p) => isRequired(p.name) || DOMAIN_ESSENTIAL.has(p.name) || ctx.all || ctx.faker.datatype.boolean(OPTIONAL_PROBABILITY),
  );
  // An update with nothing in it changes nothing: send at least one property when any is writable.
  if (chosen.length === 0 && writable.length > 0) chosen.push(ctx.faker.helpers.arrayElement(writable));
  for (const p of writable) {
    if (!chosen.includes(p)) continue;
    const optional = !isRequired(p.name) && !DOMAIN_ESSENTIAL.has(p.name);
    const childPath = `${path}/${p.name}`;
    if (optional && p.shape.nullable && ctx.nullRate > 0 && ctx.faker.number.float({ min: 0, max: 1 }) < ctx.nullRate) {
      out[p.name] = null;
    } else {
      out[p.name] = gen(p.shape, ctx, p.name, childPath);
    }
  }
  makeCoherent(out, (name) => !isRequired(name));
  return out;
}

function genArray(shape: ArrayShape, ctx: Ctx, name: string | null, path: string): unknown[] {
  const wanted = (name !== null ? ARRAY_LENGTHS[name] : undefined) ?? DEFAULT_ARRAY_LENGTH;
  const min = Math.max(wanted.min, shape.minItems ?? 0);
  const max = Math.min(Math.max(wanted.max, min), shape.maxItems ?? Number.MAX_SAFE_INTEGER);
  if (min > max) throw new Error(`${ctx.label} ${path}: cannot pick between ${min} and ${max} items`);
  const count = ctx.faker.number.int({ min, max });
  return Array.from({ length: count }, (_, i) => gen(shape.items, ctx, null, `${path}/${i}`));
}

function contextFor(label: string, options: ValidBodyOptions, all: boolean, faker: Faker): Ctx {
  assertSeed(options.seed);
  const nullRate = options.nullRate ?? 0;
  if (!(nullRate >= 0 && nullRate <= 1)) throw new Error(`nullRate ${nullRate} must be between 0 and 1`);
  return {
    faker,
    seed: options.seed,
    runTag: options.runTag ?? '',
    all,
    odataAll: options.odataType === 'all',
    nullRate,
    prefer: options.prefer ?? [],
    overrides: options.overrides ?? {},
    unionOrdinal: 0,
    label,
  };
}

/**
 * A valid request body for an operation (by id) or a body spec. Throws for an operation without a request body.
 * Example: validBody('createEmbeddedSIMActivationCodePool', { seed: 7, runTag: runTag('20240801-1') }).
 */
export function validBody(target: BodyTarget, options: ValidBodyOptions): unknown {
  const resolved = resolveBody(target, options.contracts ?? loadContracts());
  return withSeededFaker(options.seed, (faker) =>
    gen(resolved.shape, contextFor(resolved.label, options, options.optional === 'all', faker), null, ''),
  );
}

/**
 * A valid value for one shape (a property's, an array's items), generated as a body's member of that name would be:
 * the exploration strategies (generators/payloads/strategies) use it to grow collections. Seeded like validBody.
 */
export function validValue(shape: Shape, name: string | null, options: ValidBodyOptions, label = 'value'): unknown {
  return withSeededFaker(options.seed, (faker) => gen(shape, contextFor(label, options, options.optional === 'all', faker), name, ''));
}
