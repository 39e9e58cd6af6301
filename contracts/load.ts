/**
 * Reads contracts/ (operations and schemas) and compiles their validators once. The mock, the payload generators and
 * the runner all go through here, so a contract is parsed and compiled once per process.
 */
import { prototypeKeys } from '../lib/prototype-keys.js';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from './ajv.js';
import type { OperationContract } from './model.js';
import { assertValidContractFile } from './meta-schema.js';

export const CONTRACTS_DIR = dirname(fileURLToPath(import.meta.url));

export interface LoadedContracts {
  dir: string;
  operations: OperationContract[];
  /** Graph type name -> its JSON Schema (as in contracts/schemas/<type>.schema.json). */
  schemas: Map<string, Record<string, unknown>>;
  operation(id: string): OperationContract;
  /** Validates a request body against the operation's documented request schema (compiled once). */
  validateRequest(id: string, body: unknown): ValidationResult;
  /** Validates a response body against the operation's documented success response schema (compiled once). */
  validateResponse(id: string, body: unknown): ValidationResult;
  /** Validates a value against a Graph type's schema, e.g. `graphError`. */
  validateType(typeName: string, value: unknown): ValidationResult;
}

export interface ValidationResult {
  valid: boolean;
  errors: ErrorObject[];
}

function readJson(file: string, dir: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(
      `${relative(process.cwd(), file) || file}: not valid JSON (${(e as Error).message}). ` +
        `Fix the file by hand, or regenerate contracts with \`npm run contracts:extract\` (contracts dir: ${dir}).`,
    );
  }
}

function jsonFiles(dir: string, suffix: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new Error(`${dir}: folder not found. Run \`npm run contracts:extract\` to generate the contracts.`);
  }
  return names
    .filter((n) => n.endsWith(suffix))
    .sort()
    .map((n) => join(dir, n));
}

const cache = new Map<string, LoadedContracts>();

/** Loads and validates every contract file under `dir` (default: this folder). Cached per folder. */
export function loadContracts(dir: string = CONTRACTS_DIR): LoadedContracts {
  const root = resolve(dir);
  const hit = cache.get(root);
  if (hit) return hit;

  const schemas = new Map<string, Record<string, unknown>>();
  for (const file of jsonFiles(join(root, 'schemas'), '.schema.json')) {
    const schema = readJson(file, root) as Record<string, unknown>;
    assertValidContractFile('schema', schema, file);
    schemas.set(String(schema.title), schema);
  }
  const operations: OperationContract[] = [];
  for (const file of jsonFiles(join(root, 'operations'), '.json')) {
    const op = readJson(file, root);
    assertValidContractFile('operation', op, file);
    operations.push(op as OperationContract);
  }

  const ajv = createAjv([...schemas.values()]);
  const byId = new Map(operations.map((o) => [o.id, o]));
  const compiled = new Map<string, ValidateFunction>();
  const compile = (key: string, schema: Record<string, unknown>): ValidateFunction => {
    const hit = compiled.get(key);
    if (hit) return hit;
    const fn = ajv.compile(schema);
    compiled.set(key, fn);
    return fn;
  };
  const run = (fn: ValidateFunction, value: unknown): ValidationResult => {
    const valid = fn(value) as boolean;
    const errors = valid ? [] : [...(fn.errors ?? [])];
    // Ajv's unevaluatedProperties lets `__proto__`, `constructor`, ... through; no contract documents such a member.
    for (const { parent, key } of prototypeKeys(value)) {
      errors.push({
        instancePath: parent,
        schemaPath: '#/unevaluatedProperties',
        keyword: 'unevaluatedProperties',
        params: { unevaluatedProperty: key },
        message: 'must NOT have unevaluated properties',
      });
    }
    return { valid: errors.length === 0, errors };
  };
  const operation = (id: string): OperationContract => {
    const op = byId.get(id);
    if (!op) throw new Error(`No operation "${id}" in ${root}/operations. Known: ${[...byId.keys()].join(', ')}`);
    return op;
  };

  const loaded: LoadedContracts = {
    dir: root,
    operations,
    schemas,
    operation,
    validateRequest(id, body) {
      const op = operation(id);
      if (!op.request) throw new Error(`Operation ${id} documents no request body`);
      return run(compile(`request:${id}`, op.request.schema), body);
    },
    validateResponse(id, body) {
      const op = operation(id);
      if (!op.response.body) throw new Error(`Operation ${id} documents no response body`);
      return run(compile(`response:${id}`, op.response.body.schema), body);
    },
    validateType(typeName, value) {
      const schema = schemas.get(typeName);
      if (!schema) throw new Error(`No schema for type "${typeName}" in ${root}/schemas`);
      return run(compile(`type:${typeName}`, { $ref: String(schema.$id) }), value);
    },
  };
  cache.set(root, loaded);
  return loaded;
}
