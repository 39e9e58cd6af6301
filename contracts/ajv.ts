/**
 * The one Ajv configuration of the project: JSON Schema 2020-12, strict mode, ajv-formats, every error reported.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the callable arrives as `.default`.
const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule.default }).default;

export type Ajv = Ajv2020;

export function createAjv(schemas: Record<string, unknown>[] = []): Ajv {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  for (const s of schemas) ajv.addSchema(s);
  return ajv;
}
