/**
 * `@odata.type` in the export: the contracts say it with a pattern (`^#?microsoft\.graph\.<type>$`), which tools
 * that generate answers from a schema cannot invert (Prism answers `"@odata.type": "string"`). The export gives the
 * same set of values as an enum, the `#` form first (the one Graph answers with).
 */
import type { JsonObject } from './schema-refs.js';

const SIMPLE = /^\^#\?microsoft\\\.graph\\\.([A-Za-z0-9_]+)\$$/;

/** The enum a `@odata.type` pattern stands for, or null when it is not the simple one-type form. */
export function odataTypeEnum(pattern: unknown): string[] | null {
  const m = typeof pattern === 'string' ? SIMPLE.exec(pattern) : null;
  return m ? [`#microsoft.graph.${m[1]}`, `microsoft.graph.${m[1]}`] : null;
}

/** A deep copy in which every `properties["@odata.type"]` with a simple pattern becomes an enum. */
export function odataTypesAsEnums(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(odataTypesAsEnums);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema as JsonObject)) out[key] = odataTypesAsEnums(value);
  const props = out.properties as JsonObject | undefined;
  const odata = props?.['@odata.type'] as JsonObject | undefined;
  const values = odata ? odataTypeEnum(odata.pattern) : null;
  if (props && odata && values) {
    const { pattern: _pattern, ...rest } = odata;
    props['@odata.type'] = { ...rest, enum: values };
  }
  return out;
}
