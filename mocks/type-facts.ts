/**
 * What the mock needs to know about a Graph type, read from its JSON Schema in contracts/schemas: the properties in
 * order, which are readOnly (ignored when a client sends them), writeOnly (stored, never returned), nullable
 * (answered as null when unset, as Graph does) and computed.
 *
 * Properties are collected from the type's own `properties`, and through `allOf` / `$ref` (the inherited base
 * properties in `<base $id>#/$defs/base`), base first.
 *
 * Computed properties: a property whose `$comment` starts with `computed:` and names another property of the type is
 * the count of that property's stored items (`"$comment": "computed: count of activationCodes"`). Without such a
 * comment, a readOnly integer property `<x>Count` beside an array property `<x>s` is taken to be its count, by
 * convention (the pool's activationCodeCount / activationCodes).
 */

type Schema = Record<string, unknown>;

export interface PropertyFacts {
  name: string;
  readOnly: boolean;
  writeOnly: boolean;
  nullable: boolean;
  array: boolean;
  integer: boolean;
  /** For computed properties: the name of the property whose item count this is. */
  countOf: string | null;
}

export interface TypeFacts {
  type: string;
  properties: PropertyFacts[];
  property(name: string): PropertyFacts | undefined;
}

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeList(s: Schema): string[] {
  const t = s.type;
  return typeof t === 'string' ? [t] : Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [];
}

function pointer(root: Schema, fragment: string): Schema | undefined {
  let node: unknown = root;
  for (const raw of fragment.split('/').slice(1)) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isSchema(node) ? node[part] : undefined;
  }
  return isSchema(node) ? node : undefined;
}

/** Resolves `$ref` values against the schemas by `$id` (absolute) or the current root (`#/...`). */
class SchemaIndex {
  private readonly byId = new Map<string, Schema>();

  constructor(schemas: Iterable<Schema>) {
    for (const s of schemas) if (typeof s.$id === 'string') this.byId.set(s.$id, s);
  }

  resolve(ref: string, root: Schema): { schema: Schema; root: Schema } | undefined {
    const [base = '', fragment = ''] = ref.split('#');
    const target = base === '' ? root : this.byId.get(base);
    if (!target) return undefined;
    const schema = fragment === '' ? target : pointer(target, fragment);
    return schema ? { schema, root: target } : undefined;
  }
}

function nullable(s: Schema, index: SchemaIndex, root: Schema): boolean {
  if (typeList(s).includes('null') || s.const === null) return true;
  if (Array.isArray(s.enum) && s.enum.includes(null)) return true;
  for (const k of ['anyOf', 'oneOf'] as const) {
    const branches = s[k];
    if (Array.isArray(branches) && branches.some((b) => isSchema(b) && nullable(b, index, root))) return true;
  }
  if (typeof s.$ref === 'string') {
    const r = index.resolve(s.$ref, root);
    if (r && r.schema !== s) return typeList(r.schema).includes('null');
  }
  return false;
}

function describeProperty(name: string, s: Schema, index: SchemaIndex, root: Schema): PropertyFacts & { comment: string } {
  const types = typeList(s);
  return {
    name,
    readOnly: s.readOnly === true,
    writeOnly: s.writeOnly === true,
    nullable: nullable(s, index, root),
    array: types.includes('array'),
    integer: types.includes('integer'),
    countOf: null,
    comment: typeof s.$comment === 'string' ? s.$comment : '',
  };
}

function collect(
  s: Schema,
  root: Schema,
  index: SchemaIndex,
  seen: Set<Schema>,
  out: Map<string, PropertyFacts & { comment: string }>,
): void {
  if (seen.has(s)) return;
  seen.add(s);
  const refs: unknown[] = [s.$ref, ...(Array.isArray(s.allOf) ? s.allOf : [])];
  for (const r of refs) {
    if (typeof r === 'string') {
      const hit = index.resolve(r, root);
      if (hit) collect(hit.schema, hit.root, index, seen, out);
    } else if (isSchema(r)) {
      collect(r, root, index, seen, out);
    }
  }
  if (isSchema(s.properties)) {
    for (const [name, p] of Object.entries(s.properties)) {
      if (!isSchema(p) || name.includes('@')) continue;
      const mine = describeProperty(name, p, index, root);
      const prev = out.get(name);
      out.set(
        name,
        prev
          ? {
              ...mine,
              readOnly: prev.readOnly || mine.readOnly,
              writeOnly: prev.writeOnly || mine.writeOnly,
              comment: mine.comment || prev.comment,
            }
          : mine,
      );
    }
  }
}

function countOf(p: PropertyFacts & { comment: string }, all: Map<string, PropertyFacts & { comment: string }>): string | null {
  const comment = p.comment.trim();
  if (/^computed:/i.test(comment)) {
    for (const word of comment.slice('computed:'.length).match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) {
      if (word !== p.name && all.get(word)?.array) return word;
    }
  }
  if (p.readOnly && p.integer && p.name.endsWith('Count')) {
    const plural = `${p.name.slice(0, -'Count'.length)}s`;
    if (all.get(plural)?.array) return plural;
  }
  return null;
}

export function typeFactsOf(typeName: string, schemas: Map<string, Schema>): TypeFacts {
  const schema = schemas.get(typeName);
  if (!schema) {
    throw new Error(
      `The mock needs the schema of type "${typeName}" (named as an operation's resource) but contracts/schemas has ` +
        `no ${typeName}.schema.json. Regenerate the contracts with \`npm run contracts:extract\`.`,
    );
  }
  const index = new SchemaIndex(schemas.values());
  const found = new Map<string, PropertyFacts & { comment: string }>();
  collect(schema, schema, index, new Set(), found);
  const properties: PropertyFacts[] = [...found.values()].map((p) => {
    const { comment: _comment, ...facts } = p;
    return { ...facts, countOf: countOf(p, found) };
  });
  const byName = new Map(properties.map((p) => [p.name, p]));
  return { type: typeName, properties, property: (name) => byName.get(name) };
}
