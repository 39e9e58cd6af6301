/**
 * What a CSDL type looks like in Graph's JSON (OData JSON format), as a DocShape, and whether a doc schema's shape
 * agrees with it: Edm.String -> string, Edm.Int32 -> integer, Edm.DateTimeOffset -> string with format date-time,
 * Collection(X) -> array of X, graph.X -> $ref to X's schema (an enum also as an inline string enum).
 */
import type { CsdlModel } from './csdl-model.js';
import { parseTypeRef } from './csdl-model.js';
import type { DocShape } from './doc-schema-shape.js';

const EDM: Record<string, Omit<DocShape, 'nullable'>> = {
  'Edm.String': { kind: 'string' },
  'Edm.Boolean': { kind: 'boolean' },
  'Edm.Byte': { kind: 'integer' },
  'Edm.SByte': { kind: 'integer' },
  'Edm.Int16': { kind: 'integer' },
  'Edm.Int32': { kind: 'integer' },
  'Edm.Int64': { kind: 'integer' },
  'Edm.Single': { kind: 'number' },
  'Edm.Double': { kind: 'number' },
  'Edm.Decimal': { kind: 'number' },
  'Edm.DateTimeOffset': { kind: 'string', format: 'date-time' },
  'Edm.Date': { kind: 'string', format: 'date' },
  'Edm.TimeOfDay': { kind: 'string', format: 'time' },
  'Edm.Duration': { kind: 'string', format: 'duration' },
  'Edm.Guid': { kind: 'string', format: 'uuid' },
  'Edm.Binary': { kind: 'string' },
};

/** String formats that stand for another Edm type than Edm.String: a string property documented so is a mismatch. */
const TYPED_FORMATS = new Set(['date-time', 'date', 'time', 'duration', 'uuid']);

/** JSON shape of a CSDL property type; `any` for types with no fixed JSON form (Edm.Untyped, Edm.Stream, geo). */
export function expectedShape(type: string, csdl: CsdlModel): DocShape {
  const ref = parseTypeRef(type, csdl.aliases);
  const item: DocShape = ref.edm
    ? { ...(EDM[ref.name] ?? { kind: 'any' }), nullable: false }
    : { kind: 'ref', ref: ref.name, nullable: false };
  return ref.collection ? { kind: 'array', items: item, nullable: false } : item;
}

/** JSON description of a CSDL type for messages, e.g. `string (date-time)`, `array of $ref x`. */
export function describeExpected(shape: DocShape): string {
  if (shape.kind === 'array') return `array of ${shape.items ? describeExpected(shape.items) : 'anything'}`;
  if (shape.kind === 'ref') return `$ref ${shape.ref ?? '?'}`;
  if (shape.kind === 'any') return 'any JSON value';
  return shape.format ? `${shape.kind} (${shape.format})` : shape.kind;
}

/** Whether the doc shape agrees with the metadata's (nullability is compared separately). */
export function shapesAgree(expected: DocShape, observed: DocShape, csdl: CsdlModel): boolean {
  if (expected.kind === 'any') return true;
  if (observed.kind === 'union') return (observed.branches ?? []).some((b) => shapesAgree(expected, b, csdl));
  switch (expected.kind) {
    case 'array':
      return observed.kind === 'array' && !!expected.items && !!observed.items && shapesAgree(expected.items, observed.items, csdl);
    case 'ref': {
      if (observed.kind === 'ref') return observed.ref === expected.ref;
      const target = expected.ref === undefined ? undefined : csdl.types.get(expected.ref);
      // An enum-typed property may be documented inline as a string enum (its members are compared elsewhere).
      return target?.kind === 'enum' && observed.kind === 'string' && observed.enum !== undefined;
    }
    case 'string':
      if (observed.kind !== 'string') return false;
      if (expected.format) return observed.format === expected.format;
      return observed.format === undefined || !TYPED_FORMATS.has(observed.format);
    default:
      return observed.kind === expected.kind;
  }
}
