/**
 * Invalid request bodies: a valid base body (every writable property present) and cases that each break exactly one
 * rule of it, at one JSON pointer, named by the rule. Each case's body differs from the base only at or under its
 * pointer. Domain mistakes the schema cannot see (a bad Luhn digit) are listed apart as accepted by the schema.
 */
import type { Faker } from '@faker-js/faker';
import { loadContracts } from '../../contracts/load.js';
import { FORMAT_BREAKS, stringBreaks } from './domain-breaks.js';
import { joinPointer, removeAt, setAt } from '../../lib/json-pointer.js';
import { caseSeed, seededFaker } from './seeds.js';
import type { ObjectShape, PropertyShape, ScalarShape, Shape } from './shape.js';
import { resolveBody } from './source.js';
import type { BodyTarget } from './source.js';
import { odataTypeValue, validBody } from './valid.js';
import type { ValidBodyOptions } from './valid.js';

export type InvalidRule =
  | 'not-an-object'
  | 'array-for-object'
  | 'object-for-array'
  | 'wrong-type'
  | 'missing-required'
  | 'unknown-property'
  | 'pattern'
  | 'format'
  | 'enum'
  | 'out-of-range'
  | 'abstract-type'
  | 'odata-type-mismatch';

export interface InvalidCase {
  /** Unique within the suite and stable for a seed: `<rule>:<pointer>` plus `#<variant>` when a place has several. */
  name: string;
  rule: InvalidRule;
  /** JSON pointer of the broken place in `body` (for a missing property: where it should be). */
  pointer: string;
  description: string;
  body: unknown;
}

/** A body with a domain mistake the request schema does not reject: not an invalid case, but worth knowing. */
export interface SchemaAcceptedCase {
  name: string;
  pointer: string;
  description: string;
  /** Why the schema accepts it. */
  why: string;
  body: unknown;
}

export interface InvalidSuite {
  target: string;
  seed: number;
  /** The valid body every case starts from. */
  base: unknown;
  cases: InvalidCase[];
  acceptedBySchema: SchemaAcceptedCase[];
}

export type InvalidBodiesOptions = Pick<ValidBodyOptions, 'seed' | 'contracts' | 'runTag' | 'prefer' | 'overrides'>;

const UNKNOWN_PROPERTY = 'undocumentedProperty';

class SuiteBuilder {
  readonly cases: InvalidCase[] = [];
  readonly accepted: SchemaAcceptedCase[] = [];
  private readonly names = new Set<string>();

  constructor(
    readonly base: unknown,
    readonly faker: Faker,
    private readonly typeNames: readonly string[],
  ) {}

  private uniqueName(stem: string): string {
    let name = stem;
    for (let i = 2; this.names.has(name); i++) name = `${stem}~${i}`;
    this.names.add(name);
    return name;
  }

  replace(rule: InvalidRule, pointer: string, description: string, value: unknown, variant?: string): void {
    let body: unknown;
    if (pointer === '') body = value;
    else {
      body = structuredClone(this.base);
      setAt(body, pointer, value);
    }
    const name = this.uniqueName(`${rule}:${pointer}${variant ? `#${variant}` : ''}`);
    this.cases.push({ name, rule, pointer, description, body });
  }

  remove(rule: InvalidRule, pointer: string, description: string): void {
    const body = structuredClone(this.base);
    removeAt(body, pointer);
    this.cases.push({ name: this.uniqueName(`${rule}:${pointer}`), rule, pointer, description, body });
  }

  acceptedBy(pointer: string, id: string, description: string, why: string, value: unknown): void {
    const body = structuredClone(this.base);
    setAt(body, pointer, value);
    this.accepted.push({ name: this.uniqueName(`accepted:${pointer}#${id}`), pointer, description, why, body });
  }

  /** A real type that is not `typeName` and not one of `siblings` (the other concrete types of its family). */
  otherType(typeName: string, siblings: readonly string[]): string | undefined {
    return this.typeNames.find((t) => t !== typeName && !siblings.includes(t));
  }
}

function walk(b: SuiteBuilder, shape: Shape, value: unknown, pointer: string): void {
  if (value === null || value === undefined) return;
  if (shape.kind === 'union') {
    const declared = typeof value === 'object' ? String((value as Record<string, unknown>)['@odata.type'] ?? '') : '';
    const variant = shape.variants.find((v) => v.typeName !== null && odataTypeValue(v.typeName) === declared);
    if (!variant) return;
    if (shape.family) {
      b.replace(
        'abstract-type',
        joinPointer(pointer, '@odata.type'),
        `@odata.type names the abstract ${shape.family}, not one of its concrete types`,
        odataTypeValue(shape.family),
      );
    }
    const siblings = shape.variants.map((v) => v.typeName ?? '');
    walkObject(b, variant, value as Record<string, unknown>, pointer, siblings);
  } else if (shape.kind === 'object' && typeof value === 'object' && !Array.isArray(value)) {
    walkObject(b, shape, value as Record<string, unknown>, pointer, []);
  } else if (shape.kind === 'array' && Array.isArray(value) && value.length > 0) {
    walk(b, shape.items, value[0], joinPointer(pointer, 0));
  }
}

function walkObject(b: SuiteBuilder, shape: ObjectShape, obj: Record<string, unknown>, pointer: string, siblings: readonly string[]): void {
  const declared = shape.properties.some((p) => p.name === UNKNOWN_PROPERTY);
  if (shape.closed && !declared && !shape.admitted.some((re) => re.test(UNKNOWN_PROPERTY))) {
    const description = `a property the docs do not list (${UNKNOWN_PROPERTY})`;
    b.replace('unknown-property', joinPointer(pointer, UNKNOWN_PROPERTY), description, 'conformance probe');
  }
  const typeProp = shape.properties.find((p) => p.name === '@odata.type');
  // Another concrete type of the same family could be valid here (same members): name a type outside the family.
  const other = shape.typeName ? b.otherType(shape.typeName, siblings) : undefined;
  if (shape.typeName && other && typeProp?.shape.kind === 'string' && typeProp.shape.patterns.length > 0) {
    b.replace(
      'odata-type-mismatch',
      joinPointer(pointer, '@odata.type'),
      `@odata.type names ${other} on a ${shape.typeName}`,
      odataTypeValue(other),
    );
  }
  for (const r of shape.required) {
    if (Object.hasOwn(obj, r)) b.remove('missing-required', joinPointer(pointer, r), `the required property ${r} left out`);
  }
  for (const p of shape.properties) {
    if (p.name.startsWith('@') || !Object.hasOwn(obj, p.name)) continue;
    const child = obj[p.name];
    if (child === null) continue;
    const at = joinPointer(pointer, p.name);
    const s = p.shape;
    if (s.kind === 'object' || s.kind === 'union') {
      b.replace('array-for-object', at, `${p.name} given as an array holding the object`, [child]);
      walk(b, s, child, at);
    } else if (s.kind === 'array') {
      const first: unknown = Array.isArray(child) ? child[0] : undefined;
      b.replace('object-for-array', at, `${p.name} given as one object instead of an array`, first ?? {});
      walk(b, s, child, at);
    } else if (s.kind !== 'any') {
      scalarCases(b, p, s, child, at);
    }
  }
}

function wrongTypes(s: ScalarShape): { id: string; value: unknown; description: string }[] {
  switch (s.kind) {
    case 'string':
      return [{ id: 'number', value: 12345, description: 'a number where a string is expected' }];
    case 'integer':
      return [
        { id: 'string', value: '42', description: 'a numeric string where an integer is expected' },
        { id: 'fraction', value: 4.5, description: 'a fraction where an integer is expected' },
      ];
    case 'number':
      return [{ id: 'string', value: '4.5', description: 'a numeric string where a number is expected' }];
    case 'boolean':
      return [{ id: 'string', value: 'true', description: 'the string "true" where a boolean is expected' }];
  }
}

function scalarCases(b: SuiteBuilder, p: PropertyShape, s: ScalarShape, value: unknown, at: string): void {
  const types = wrongTypes(s);
  for (const w of types) {
    b.replace('wrong-type', at, `${p.name}: ${w.description}`, w.value, types.length > 1 ? w.id : undefined);
  }
  if (s.enum) {
    const candidates: { id: string; value: string; description: string }[] = [
      { id: 'unknown', value: 'unknownFutureValue', description: 'a value outside the enum (unknownFutureValue)' },
    ];
    if (typeof value === 'string' && value.length > 0) {
      const first = value.charAt(0);
      const flipped = first === first.toUpperCase() ? value.toLowerCase() : first.toUpperCase() + value.slice(1);
      candidates.push({ id: 'case', value: flipped, description: `the enum value in another case (${flipped})` });
    }
    for (const c of candidates.filter((c) => !s.enum?.includes(c.value))) {
      b.replace('enum', at, `${p.name}: ${c.description}`, c.value, c.id);
    }
  }
  if (s.kind === 'string' && s.patterns.length > 0 && typeof value === 'string') {
    for (const brk of stringBreaks(p.name, value, b.faker)) {
      const rejectedBy = s.patterns.find((re) => !re.test(brk.value));
      if (rejectedBy) b.replace('pattern', at, `${p.name}: ${brk.description}`, brk.value, brk.id);
      else {
        const patterns = s.patterns.map((re) => re.source).join(' and ');
        const why =
          `the schema's pattern ${patterns} accepts ${JSON.stringify(brk.value)}; ` +
          'only a domain check (Luhn digit, 89 prefix, host-name syntax) would reject it';
        b.acceptedBy(at, brk.id, `${p.name}: ${brk.description}`, why, brk.value);
      }
    }
  }
  if (s.kind === 'string' && s.format) {
    const brk = FORMAT_BREAKS[s.format];
    if (brk) b.replace('format', at, `${p.name}: ${brk.description}`, brk.value, brk.id);
  }
  // Only declared bounds (an Int32 always declares them in the contracts): an unbounded number has no range to leave.
  if ((s.kind === 'integer' || s.kind === 'number') && s.maximum !== null) {
    b.replace('out-of-range', at, `${p.name}: ${s.maximum + 1}, above the maximum ${s.maximum}`, s.maximum + 1, 'above');
  }
  if ((s.kind === 'integer' || s.kind === 'number') && s.minimum !== null) {
    b.replace('out-of-range', at, `${p.name}: ${s.minimum - 1}, below the minimum ${s.minimum}`, s.minimum - 1, 'below');
  }
}

/**
 * The base body and every single-rule break of it for an operation (or body spec). The base is
 * validBody(target, { seed, optional: 'all' }), so every writable property is there to be broken.
 */
export function invalidSuite(target: BodyTarget, options: InvalidBodiesOptions): InvalidSuite {
  const contracts = options.contracts ?? loadContracts();
  const resolved = resolveBody(target, contracts);
  const base = validBody(target, { ...options, contracts, optional: 'all', nullRate: 0, odataType: 'polymorphic' });
  const objectTypes = [...contracts.schemas.values()]
    .filter((s) => s.type === 'object' && !Array.isArray(s.oneOf) && typeof s.title === 'string')
    .map((s) => String(s.title))
    .sort();
  const b = new SuiteBuilder(base, seededFaker(caseSeed(options.seed, 'invalid-breaks')), objectTypes);
  if (resolved.shape.kind === 'object' || resolved.shape.kind === 'union') {
    b.replace('not-an-object', '', 'the body is a JSON string, not an object', 'not an object');
    b.replace('array-for-object', '', 'the body is an array holding the valid object', [structuredClone(base)]);
  }
  walk(b, resolved.shape, base, '');
  return { target: resolved.label, seed: options.seed, base, cases: b.cases, acceptedBySchema: b.accepted };
}

/** The invalid cases of invalidSuite (each fails the request schema, breaking exactly one rule). */
export function invalidBodies(target: BodyTarget, options: InvalidBodiesOptions): InvalidCase[] {
  return invalidSuite(target, options).cases;
}
