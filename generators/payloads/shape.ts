/**
 * A request schema, resolved once into the plain shape the generators walk: `$ref`s followed (absolute `$id`s and
 * `#/...` within a type file), `allOf` merged, the `oneOf` of a type family turned into its concrete variants,
 * and what matters for generation kept (types, nullability, patterns, formats, enums, ranges, readOnly/writeOnly,
 * computed properties, closed objects). A keyword this file does not understand is an error, not a silent guess:
 * a body generated while ignoring a constraint could be invalid.
 */
import type { BodySpec } from '../../contracts/model.js';
import { parseRef, resolvePointer } from '../contracts/schema-walk.js';
import type { PropertyShape, SchemaSource, Shape } from './shape-types.js';

export type * from './shape-types.js';

type Json = Record<string, unknown>;

const IGNORED = new Set(['$schema', '$id', 'title', '$comment', 'description', '$defs', 'default', 'examples', 'deprecated']);
const HANDLED = new Set([
  '$ref',
  'type',
  'properties',
  'required',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'items',
  'minItems',
  'maxItems',
  'enum',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'allOf',
  'oneOf',
  'anyOf',
  'readOnly',
  'writeOnly',
]);
const MAX_DEPTH = 64;

interface Node {
  schema: unknown;
  /** `$id` of the schema file the node sits in (for `#/...` refs); null for an operation's inline schema. */
  base: string | null;
  where: string;
}

interface Acc {
  types: Set<string> | null;
  typeName: string | null;
  family: string | null;
  props: Map<string, Node[]>;
  required: Set<string>;
  closed: boolean;
  admitted: string[];
  items: Node[];
  unions: Node[][];
  patterns: string[];
  format: string | null;
  enum: (string | number)[] | null;
  minimum: number | null;
  maximum: number | null;
  minLength: number | null;
  maxLength: number | null;
  minItems: number | null;
  maxItems: number | null;
  readOnly: boolean;
  writeOnly: boolean;
  computed: boolean;
}

function emptyAcc(): Acc {
  return {
    types: null,
    typeName: null,
    family: null,
    props: new Map(),
    required: new Set(),
    closed: false,
    admitted: [],
    items: [],
    unions: [],
    patterns: [],
    format: null,
    enum: null,
    minimum: null,
    maximum: null,
    minLength: null,
    maxLength: null,
    minItems: null,
    maxItems: null,
    readOnly: false,
    writeOnly: false,
    computed: false,
  };
}

function cloneAcc(a: Acc): Acc {
  return {
    ...a,
    types: a.types && new Set(a.types),
    props: new Map([...a.props].map(([k, v]) => [k, [...v]])),
    required: new Set(a.required),
    admitted: [...a.admitted],
    items: [...a.items],
    unions: [...a.unions],
    patterns: [...a.patterns],
  };
}

function unsupported(where: string, what: string): Error {
  return new Error(
    `generators/payloads: cannot generate for ${what} at ${where}. ` +
      'Extend generators/payloads/shape.ts to understand it, or simplify the schema.',
  );
}

class Resolver {
  constructor(private readonly schemas: SchemaSource) {}

  private deref(ref: string, node: Node): Node & { root: Json | null } {
    let type: string;
    let fragment: string;
    if (ref.startsWith('#')) {
      if (!node.base) throw unsupported(node.where, `the local $ref "${ref}" (no enclosing schema file)`);
      const parsed = parseRef(`${node.base}${ref}`);
      if (!parsed) throw unsupported(node.where, `$ref "${ref}"`);
      ({ type, fragment } = parsed);
    } else {
      const parsed = parseRef(ref);
      if (!parsed) throw unsupported(node.where, `$ref "${ref}" (not a contracts/schemas $id)`);
      ({ type, fragment } = parsed);
    }
    const file = this.schemas.get(type);
    if (!file) {
      throw new Error(`${node.where}: $ref "${ref}" names type "${type}", which has no schema in contracts/schemas`);
    }
    const target = fragment ? resolvePointer(file, fragment) : file;
    if (!target) throw new Error(`${node.where}: $ref "${ref}" points at nothing in ${type}.schema.json`);
    return {
      schema: target,
      base: typeof file.$id === 'string' ? file.$id : null,
      where: `${type}.schema.json#${fragment}`,
      root: fragment ? null : file,
    };
  }

  collect(node: Node, acc: Acc, depth: number): void {
    if (depth > MAX_DEPTH) throw unsupported(node.where, 'a schema nested deeper than 64 levels (recursive $ref?)');
    const s = node.schema;
    if (s === true) return;
    if (s === null || typeof s !== 'object' || Array.isArray(s)) {
      throw unsupported(node.where, `the schema ${JSON.stringify(s)}`);
    }
    const o = s as Json;
    for (const key of Object.keys(o)) {
      if (!IGNORED.has(key) && !HANDLED.has(key)) throw unsupported(`${node.where}/${key}`, `the keyword "${key}"`);
    }
    const at = (suffix: string, schema: unknown): Node => ({ schema, base: node.base, where: `${node.where}/${suffix}` });

    if (o.readOnly === true) acc.readOnly = true;
    if (o.writeOnly === true) acc.writeOnly = true;
    if (typeof o.$comment === 'string' && o.$comment.startsWith('computed:')) acc.computed = true;

    if (typeof o.$ref === 'string') {
      const target = this.deref(o.$ref, node);
      const title = target.root && typeof target.root.title === 'string' ? target.root.title : null;
      const isFamily = !!target.root && Array.isArray(target.root.oneOf);
      if (title && !isFamily && !acc.typeName) acc.typeName = title;
      if (title && isFamily) acc.family = title;
      this.collect(target, acc, depth + 1);
    }
    if (o.type !== undefined) {
      const list = Array.isArray(o.type) ? o.type.map(String) : [String(o.type)];
      acc.types = acc.types ? new Set(list.filter((t) => acc.types?.has(t))) : new Set(list);
    }
    if (o.properties && typeof o.properties === 'object') {
      for (const [name, sub] of Object.entries(o.properties as Json)) {
        const list = acc.props.get(name) ?? [];
        list.push(at(`properties/${name}`, sub));
        acc.props.set(name, list);
      }
    }
    if (Array.isArray(o.required)) for (const r of o.required) acc.required.add(String(r));
    if (o.patternProperties && typeof o.patternProperties === 'object') {
      for (const [re, sub] of Object.entries(o.patternProperties as Json)) {
        if (sub !== true && !(sub && typeof sub === 'object' && Object.keys(sub).length === 0)) {
          throw unsupported(`${node.where}/patternProperties`, 'a patternProperties schema other than {} or true');
        }
        acc.admitted.push(re);
      }
    }
    for (const key of ['additionalProperties', 'unevaluatedProperties'] as const) {
      const v = o[key];
      if (v === false) acc.closed = true;
      else if (v !== undefined && v !== true && !(v && typeof v === 'object' && Object.keys(v).length === 0)) {
        throw unsupported(`${node.where}/${key}`, `${key} other than false, true or {}`);
      }
    }
    if (o.items !== undefined) acc.items.push(at('items', o.items));
    if (Array.isArray(o.enum)) {
      const values = o.enum.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number');
      acc.enum = acc.enum ? acc.enum.filter((v) => values.includes(v)) : values;
    }
    if (typeof o.pattern === 'string') acc.patterns.push(o.pattern);
    if (typeof o.format === 'string') acc.format = o.format;
    const tighten = (k: 'minimum' | 'minLength' | 'minItems', v: unknown): void => {
      if (typeof v === 'number') acc[k] = acc[k] === null ? v : Math.max(acc[k], v);
    };
    const loosen = (k: 'maximum' | 'maxLength' | 'maxItems', v: unknown): void => {
      if (typeof v === 'number') acc[k] = acc[k] === null ? v : Math.min(acc[k], v);
    };
    tighten('minimum', o.minimum);
    tighten('minLength', o.minLength);
    tighten('minItems', o.minItems);
    loosen('maximum', o.maximum);
    loosen('maxLength', o.maxLength);
    loosen('maxItems', o.maxItems);
    if (Array.isArray(o.allOf)) o.allOf.forEach((sub, i) => this.collect(at(`allOf/${i}`, sub), acc, depth + 1));
    for (const key of ['oneOf', 'anyOf'] as const) {
      const list = o[key];
      if (Array.isArray(list)) acc.unions.push(list.map((sub, i) => at(`${key}/${i}`, sub)));
    }
  }

  finish(acc: Acc, where: string, depth: number): Shape {
    const nullable = acc.types ? acc.types.has('null') : false;
    if (acc.unions.length > 1) throw unsupported(where, 'more than one oneOf/anyOf on one value');
    const union = acc.unions[0];
    if (union) {
      const shared = cloneAcc(acc);
      shared.unions = [];
      shared.typeName = null;
      const variants = union.map((v) => {
        const va = cloneAcc(shared);
        this.collect(v, va, depth + 1);
        const shape = this.finish(va, v.where, depth + 1);
        if (shape.kind !== 'object') throw unsupported(v.where, 'a oneOf variant that is not an object');
        return shape;
      });
      return { kind: 'union', nullable, family: acc.family, variants };
    }
    const kinds = acc.types ? [...acc.types].filter((t) => t !== 'null') : inferKinds(acc);
    if (kinds.length > 1) throw unsupported(where, `a value of several types (${kinds.join(', ')})`);
    const kind = kinds[0];
    if (kind === undefined) return { kind: 'any', nullable: true };
    if (kind === 'object') {
      const properties: PropertyShape[] = [];
      for (const [name, nodes] of acc.props) {
        const pa = emptyAcc();
        for (const n of nodes) this.collect(n, pa, depth + 1);
        const firstWhere = nodes[0]?.where ?? where;
        properties.push({
          name,
          shape: this.finish(pa, firstWhere, depth + 1),
          readOnly: pa.readOnly,
          writeOnly: pa.writeOnly,
          computed: pa.computed,
        });
      }
      return {
        kind: 'object',
        nullable,
        typeName: acc.typeName,
        properties,
        required: [...acc.required],
        closed: acc.closed,
        admitted: acc.admitted.map((re) => new RegExp(re, 'u')),
      };
    }
    if (kind === 'array') {
      const ia = emptyAcc();
      for (const n of acc.items) this.collect(n, ia, depth + 1);
      return {
        kind: 'array',
        nullable,
        items: this.finish(ia, `${where}/items`, depth + 1),
        minItems: acc.minItems,
        maxItems: acc.maxItems,
      };
    }
    if (kind === 'string' || kind === 'integer' || kind === 'number' || kind === 'boolean') {
      return {
        kind,
        nullable,
        patterns: acc.patterns.map((p) => compilePattern(p, where)),
        format: acc.format,
        enum: acc.enum,
        minimum: acc.minimum,
        maximum: acc.maximum,
        minLength: acc.minLength,
        maxLength: acc.maxLength,
      };
    }
    throw unsupported(where, `the type "${kind}"`);
  }
}

function inferKinds(acc: Acc): string[] {
  if (acc.props.size || acc.required.size || acc.closed) return ['object'];
  if (acc.items.length) return ['array'];
  if (acc.enum) return [...new Set(acc.enum.map((v) => (typeof v === 'number' ? 'number' : 'string')))];
  return [];
}

function compilePattern(p: string, where: string): RegExp {
  try {
    return new RegExp(p, 'u');
  } catch (e) {
    throw new Error(`${where}: pattern ${JSON.stringify(p)} is not a valid regular expression (${(e as Error).message})`);
  }
}

/** Resolves a body schema into its shape. `where` names the schema in errors (e.g. the operation id). */
export function resolveShape(schema: Json, schemas: SchemaSource, where: string): Shape {
  const r = new Resolver(schemas);
  const acc = emptyAcc();
  r.collect({ schema, base: typeof schema.$id === 'string' ? schema.$id : null, where }, acc, 0);
  return r.finish(acc, where, 0);
}

const bySpec = new WeakMap<object, Shape>();
const bySchemas = new WeakMap<object, Map<string, Shape>>();

/** The shape of a body spec, resolved once per spec object (and once per operation id for a contract source). */
export function bodyShape(spec: BodySpec, schemas: SchemaSource, where: string, opId?: string): Shape {
  if (opId) {
    let perOp = bySchemas.get(schemas);
    if (!perOp) bySchemas.set(schemas, (perOp = new Map()));
    const hit = perOp.get(opId);
    if (hit) return hit;
    const shape = resolveShape(spec.schema, schemas, where);
    perOp.set(opId, shape);
    return shape;
  }
  const hit = bySpec.get(spec.schema);
  if (hit) return hit;
  const shape = resolveShape(spec.schema, schemas, where);
  bySpec.set(spec.schema, shape);
  return shape;
}

/** Every concrete type a union in the shape can take, in schema order (e.g. the five assignment targets). */
export function concreteVariants(shape: Shape, out: string[] = []): string[] {
  if (shape.kind === 'union') {
    for (const v of shape.variants) {
      if (v.typeName && !out.includes(v.typeName)) out.push(v.typeName);
      concreteVariants(v, out);
    }
  } else if (shape.kind === 'object') for (const p of shape.properties) concreteVariants(p.shape, out);
  else if (shape.kind === 'array') concreteVariants(shape.items, out);
  return out;
}
