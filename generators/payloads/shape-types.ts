/**
 * The plain shape a request schema resolves to (see shape.ts): what the payload generators walk.
 */

export interface PropertyShape {
  name: string;
  shape: Shape;
  readOnly: boolean;
  writeOnly: boolean;
  /** `$comment` starting `computed:` (e.g. activationCodeCount): the server derives it. */
  computed: boolean;
}

export interface ObjectShape {
  kind: 'object';
  nullable: boolean;
  /** The Graph type when this object is a type's schema (drives `@odata.type`). */
  typeName: string | null;
  /** Declaration order, `@odata.type` included when declared. */
  properties: PropertyShape[];
  required: string[];
  /** `unevaluatedProperties: false` or `additionalProperties: false`: an undocumented member fails. */
  closed: boolean;
  /** Regexes of `patternProperties` (members always admitted, e.g. `@odata\.`). */
  admitted: RegExp[];
}

/** An abstract type family: exactly one concrete variant, told apart by `@odata.type`. */
export interface UnionShape {
  kind: 'union';
  nullable: boolean;
  /** The abstract type (the family's name), when the union is a type's schema. */
  family: string | null;
  variants: ObjectShape[];
}

export interface ArrayShape {
  kind: 'array';
  nullable: boolean;
  items: Shape;
  minItems: number | null;
  maxItems: number | null;
}

export interface ScalarShape {
  kind: 'string' | 'integer' | 'number' | 'boolean';
  nullable: boolean;
  patterns: RegExp[];
  format: string | null;
  enum: (string | number)[] | null;
  minimum: number | null;
  maximum: number | null;
  minLength: number | null;
  maxLength: number | null;
}

export interface AnyShape {
  kind: 'any';
  nullable: true;
}

export type Shape = ObjectShape | UnionShape | ArrayShape | ScalarShape | AnyShape;

/** Where schemas come from: the loaded contracts' `schemas` (Graph type name -> schema). */
export type SchemaSource = ReadonlyMap<string, Record<string, unknown>>;
