/**
 * Our JSON Schemas as OpenAPI components. In contracts/ a type references another by its absolute `$id`
 * (`https://graph-esim-conformance.invalid/schemas/<type>.schema.json`, optionally `#/$defs/<name>`); in the export
 * every reference points into the document instead:
 *
 *   <base><type>.schema.json                -> #/components/schemas/<type>
 *   <base><type>.schema.json#/$defs/<name>  -> #/components/schemas/<type>.<name>   (each $defs entry is hoisted)
 *   #/$defs/<name> inside <type>'s file     -> #/components/schemas/<type>.<name>
 *   <type>.schema.json#/$defs/<name>/<rest> -> #/components/schemas/<type>.<name>/<rest>
 *   any other pointer                       -> #/components/schemas/<type><pointer>
 *
 * `$schema` and `$id` are dropped from the components (an `$id` would change the base URI the references above are
 * resolved against); everything else (readOnly, writeOnly, patterns, `$comment`s) is kept as is: OpenAPI 3.1 Schema
 * Objects are JSON Schema 2020-12.
 */
import { SCHEMA_BASE } from '../../contracts/model.js';

export type JsonObject = Record<string, unknown>;

/** Component names OpenAPI allows (`^[a-zA-Z0-9.\-_]+$`). */
const COMPONENT_NAME = /^[a-zA-Z0-9.\-_]+$/;

export class OpenApiExportError extends Error {
  override name = 'OpenApiExportError';
}

export function componentRef(name: string): string {
  return `#/components/schemas/${name}`;
}

/** The component a `$defs` entry of a type is hoisted to, e.g. `embeddedSIMActivationCodePool.base`. */
export function hoistedName(typeName: string, defName: string): string {
  return `${typeName}.${defName}`;
}

function unescapeToken(token: string): string {
  return decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
}

function checkName(name: string, where: string): string {
  if (!COMPONENT_NAME.test(name)) {
    throw new OpenApiExportError(
      `${where}: "${name}" cannot be an OpenAPI component name (allowed: letters, digits, ".", "-", "_"). Rename the type or the $defs entry in contracts/schemas.`,
    );
  }
  return name;
}

/**
 * Rewrites one `$ref`. `context` is the type whose file the reference sits in (for `#/...` references), or null for
 * operation schemas, which have no file of their own. `where` names the place for error messages.
 */
export function rewriteRef(ref: string, context: string | null, known: ReadonlySet<string>, where: string): string {
  let typeName: string;
  let pointer: string;
  if (ref.startsWith('#')) {
    if (context === null) {
      throw new OpenApiExportError(
        `${where}: the local reference "${ref}" has no schema file to resolve against. Reference a type by its $id (${SCHEMA_BASE}<type>.schema.json).`,
      );
    }
    typeName = context;
    pointer = ref.slice(1);
  } else if (ref.startsWith(SCHEMA_BASE)) {
    const rest = ref.slice(SCHEMA_BASE.length);
    const hash = rest.indexOf('#');
    const file = hash < 0 ? rest : rest.slice(0, hash);
    pointer = hash < 0 ? '' : rest.slice(hash + 1);
    if (!file.endsWith('.schema.json'))
      throw new OpenApiExportError(`${where}: "${ref}" does not name a schema file (<type>.schema.json).`);
    typeName = file.slice(0, -'.schema.json'.length);
  } else {
    throw new OpenApiExportError(
      `${where}: "${ref}" is neither a local reference nor a type of contracts/schemas (${SCHEMA_BASE}<type>.schema.json); the export cannot point it into the document.`,
    );
  }
  if (!known.has(typeName)) {
    throw new OpenApiExportError(
      `${where}: "${ref}" refers to the type "${typeName}", which contracts/schemas does not define. Known types: ${[...known].sort().join(', ')}.`,
    );
  }
  if (pointer === '' || pointer === '/') return componentRef(typeName);
  const def = /^\/\$defs\/([^/]+)(\/.*)?$/.exec(pointer);
  if (def?.[1] !== undefined) return `${componentRef(hoistedName(typeName, unescapeToken(def[1])))}${def[2] ?? ''}`;
  return `${componentRef(typeName)}${pointer}`;
}

/** A deep copy of `schema` with every `$ref` rewritten (see rewriteRef). */
export function rewriteSchema(schema: unknown, context: string | null, known: ReadonlySet<string>, where: string): unknown {
  if (Array.isArray(schema)) return schema.map((s, i) => rewriteSchema(s, context, known, `${where}/${i}`));
  if (schema === null || typeof schema !== 'object') return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema as JsonObject)) {
    const at = `${where}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (key === '$ref' && typeof value === 'string') out[key] = rewriteRef(value, context, known, at);
    else out[key] = rewriteSchema(value, context, known, at);
  }
  return out;
}

/**
 * Every type of contracts/schemas as components, plus one component per `$defs` entry. Sorted by name, so the
 * export is byte-identical from run to run.
 */
export function schemaComponents(schemas: ReadonlyMap<string, JsonObject>): Record<string, JsonObject> {
  const known = new Set(schemas.keys());
  const out = new Map<string, JsonObject>();
  const add = (name: string, schema: JsonObject, where: string): void => {
    checkName(name, where);
    if (out.has(name)) throw new OpenApiExportError(`${where}: two schemas would both become the component "${name}". Rename one of them.`);
    out.set(name, schema);
  };
  for (const [typeName, schema] of schemas) {
    const where = `contracts/schemas/${typeName}.schema.json#`;
    const { $schema: _dialect, $id: _id, $defs, ...rest } = schema;
    add(typeName, rewriteSchema(rest, typeName, known, where) as JsonObject, where);
    if ($defs !== undefined) {
      if ($defs === null || typeof $defs !== 'object' || Array.isArray($defs))
        throw new OpenApiExportError(`${where}/$defs: must be an object of schemas.`);
      for (const [defName, def] of Object.entries($defs as JsonObject)) {
        const at = `${where}/$defs/${defName}`;
        const body = rewriteSchema(def, typeName, known, at);
        const withNote =
          body !== null && typeof body === 'object' && !Array.isArray(body)
            ? { $comment: `$defs/${defName} of ${typeName}`, ...(body as JsonObject) }
            : body;
        add(hoistedName(typeName, defName), withNote as JsonObject, at);
      }
    }
  }
  return Object.fromEntries([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
