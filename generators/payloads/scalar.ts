/**
 * Scalar values from a scalar shape: generic ones when no domain generator applies, and the check that a domain
 * value or an override really satisfies the schema (so a generator drifting from a pattern fails loudly).
 */
import type { Faker } from '@faker-js/faker';
import { REFERENCE_DATE } from './seeds.js';
import type { ScalarShape } from './shape.js';

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;

const DAY = 24 * 60 * 60 * 1000;

/** Why `value` does not satisfy `shape` (ignoring formats), or null when it does. */
export function scalarProblem(shape: ScalarShape, value: unknown): string | null {
  if (value === null) return shape.nullable ? null : 'null is not allowed';
  switch (shape.kind) {
    case 'string':
      if (typeof value !== 'string') return `expected a string, got ${typeof value}`;
      break;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'expected an integer';
      break;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'expected a number';
      break;
    case 'boolean':
      if (typeof value !== 'boolean') return 'expected a boolean';
      break;
  }
  if (shape.enum && !shape.enum.includes(value as string | number)) return `not one of ${JSON.stringify(shape.enum)}`;
  if (typeof value === 'string') {
    for (const re of shape.patterns) if (!re.test(value)) return `does not match the pattern ${re.source}`;
    const length = [...value].length;
    if (shape.minLength !== null && length < shape.minLength) return `shorter than ${shape.minLength}`;
    if (shape.maxLength !== null && length > shape.maxLength) return `longer than ${shape.maxLength}`;
  }
  if (typeof value === 'number') {
    if (shape.minimum !== null && value < shape.minimum) return `below the minimum ${shape.minimum}`;
    if (shape.maximum !== null && value > shape.maximum) return `above the maximum ${shape.maximum}`;
  }
  return null;
}

/** A value of a known string format; null for a format this generator does not know. */
export function formatValue(faker: Faker, format: string): string | null {
  const ref = Date.parse(REFERENCE_DATE);
  switch (format) {
    case 'date-time':
      return faker.date.between({ from: ref - 365 * DAY, to: ref }).toISOString();
    case 'date':
      return faker.date
        .between({ from: ref - 365 * DAY, to: ref })
        .toISOString()
        .slice(0, 10);
    case 'uuid':
      return faker.string.uuid();
    case 'uri':
      return `https://${faker.internet.domainWord()}.example.com/${faker.string.alphanumeric(8)}`;
    case 'email':
      return `${faker.string.alpha({ length: 8, casing: 'lower' })}@contoso.com`;
    default:
      return null;
  }
}

/** A value satisfying a scalar shape without domain knowledge; throws naming `where` when it cannot. */
export function genericScalar(faker: Faker, shape: ScalarShape, where: string): string | number | boolean {
  if (shape.enum) {
    if (shape.enum.length === 0) throw new Error(`${where}: the enum admits no value`);
    return faker.helpers.arrayElement(shape.enum);
  }
  switch (shape.kind) {
    case 'boolean':
      return faker.datatype.boolean();
    case 'integer': {
      const lo = Math.max(shape.minimum ?? INT32_MIN, INT32_MIN);
      const hi = Math.min(shape.maximum ?? INT32_MAX, INT32_MAX);
      if (lo > hi) throw new Error(`${where}: no integer between ${lo} and ${hi}`);
      // Counts and sizes: prefer small non-negative numbers when the range allows them.
      const small = lo <= 0 && hi >= 1000;
      return faker.number.int(small ? { min: 0, max: 1000 } : { min: Math.ceil(lo), max: Math.floor(hi) });
    }
    case 'number': {
      const lo = shape.minimum ?? 0;
      const hi = shape.maximum ?? lo + 1000;
      return faker.number.float({ min: lo, max: hi, fractionDigits: 2 });
    }
    case 'string': {
      if (shape.format) {
        const v = formatValue(faker, shape.format);
        if (v === null) {
          throw new Error(`${where}: no generator for format "${shape.format}"; add it to formatValue in generators/payloads/scalar.ts`);
        }
        return v;
      }
      if (shape.patterns.length) {
        throw new Error(
          `${where}: no generator for a string with pattern ${shape.patterns.map((p) => p.source).join(' and ')}; ` +
            'add one for this property name to DOMAIN_VALUES in generators/payloads/domain.ts',
        );
      }
      const min = shape.minLength ?? 1;
      const max = shape.maxLength ?? Math.max(min, 24);
      if (min > 3 || max < 24) return faker.string.alphanumeric({ length: { min, max } });
      return faker.lorem.words({ min: 1, max: 3 }).slice(0, max);
    }
  }
}
