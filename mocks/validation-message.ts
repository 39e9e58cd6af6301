/**
 * Turns Ajv errors for a request body into the message of a Graph 400: which property is wrong and why, e.g.
 * `Invalid value for property 'activationCodes[0].integratedCircuitCardIdentifier': must match pattern "^[0-9]{19}[0-9]?$".`
 */
import type { ErrorObject } from 'ajv';
import type { LoadedContracts } from '../contracts/load.js';

export interface BodyProblem {
  /** Dotted property path (`activationCodes[0].matchingIdentifier`), or `(body)` for the body as a whole. */
  property: string;
  message: string;
}

const COMBINATORS = new Set(['oneOf', 'anyOf', 'allOf', 'if', 'not', '$ref']);

function propertyPath(e: ErrorObject): string[] {
  const parts = e.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const p = e.params as Record<string, unknown>;
  const named = p.unevaluatedProperty ?? p.additionalProperty ?? p.missingProperty;
  if (typeof named === 'string') parts.push(named);
  return parts;
}

function dotted(parts: string[]): string {
  if (parts.length === 0) return '(body)';
  return parts.reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc === '' ? part : `${acc}.${part}`), '');
}

function explain(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'unevaluatedProperties':
    case 'additionalProperties':
      return 'is not a property of this type';
    case 'required':
      return 'is required';
    case 'enum':
      return `must be one of ${JSON.stringify(p.allowedValues)}`;
    default:
      return e.message ?? e.keyword;
  }
}

function at(body: unknown, instancePath: string): unknown {
  let node = body;
  for (const raw of instancePath.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  }
  return node;
}

/**
 * A value failing a `oneOf` of derived types gets errors from every branch. When the value names its type with
 * `@odata.type` and that type has a schema, keep only what that type's schema says about it.
 */
export function focusOneOf(
  errors: ErrorObject[],
  body: unknown,
  validateType: LoadedContracts['validateType'],
  schemaTypes: Set<string>,
): ErrorObject[] {
  const oneOfs = errors.filter((e) => e.keyword === 'oneOf').sort((a, b) => b.instancePath.length - a.instancePath.length);
  let result = errors;
  for (const o of oneOfs) {
    const value = at(body, o.instancePath);
    const named = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['@odata.type'] : undefined;
    const type = typeof named === 'string' ? named.replace(/^#/, '').replace(/^microsoft\.graph\./, '') : '';
    if (!schemaTypes.has(type)) continue;
    const own = validateType(type, value);
    if (own.valid || own.errors.some((e) => e.keyword === 'oneOf' && e.instancePath === '')) continue;
    const inside = (e: ErrorObject): boolean => e.instancePath === o.instancePath || e.instancePath.startsWith(`${o.instancePath}/`);
    result = [
      ...result.filter((e) => !inside(e)),
      ...own.errors.map((e) => ({ ...e, instancePath: `${o.instancePath}${e.instancePath}` })),
    ];
  }
  return result;
}

/** The problems, most specific first (deepest property, plain keywords before oneOf/anyOf summaries). */
export function bodyProblems(errors: ErrorObject[]): BodyProblem[] {
  const ranked = [...errors].sort((a, b) => {
    const combinator = Number(COMBINATORS.has(a.keyword)) - Number(COMBINATORS.has(b.keyword));
    return combinator !== 0 ? combinator : propertyPath(b).length - propertyPath(a).length;
  });
  const seen = new Set<string>();
  const out: BodyProblem[] = [];
  for (const e of ranked) {
    const problem = { property: dotted(propertyPath(e)), message: explain(e) };
    const key = `${problem.property} ${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(problem);
  }
  return out;
}

/** One sentence naming the first (most specific) property, and a count of the others. */
export function bodyProblemMessage(errors: ErrorObject[]): string {
  const problems = bodyProblems(errors);
  const [first, ...rest] = problems;
  if (!first) return 'The request body is invalid.';
  const head =
    first.property === '(body)'
      ? `The request body ${first.message}.`
      : `Invalid value for property '${first.property}': ${first.message}.`;
  const others = rest.slice(0, 3).map((p) => `'${p.property}' ${p.message}`);
  return others.length === 0 ? head : `${head} Also: ${others.join('; ')}${rest.length > 3 ? '; ...' : ''}.`;
}
