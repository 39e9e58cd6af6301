/**
 * Validates contract files against contracts/contract.schema.json, so that a hand-edited contract with a typo fails
 * with the file and the JSON pointer of the mistake rather than somewhere deep in the mock or the runner.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from './ajv.js';

export type ContractFileKind = 'operation' | 'schema';

const META_FILE = join(dirname(fileURLToPath(import.meta.url)), 'contract.schema.json');
let validators: Record<ContractFileKind, ValidateFunction> | null = null;

function getValidators(): Record<ContractFileKind, ValidateFunction> {
  if (!validators) {
    const meta = JSON.parse(readFileSync(META_FILE, 'utf8')) as { $id: string };
    const ajv = createAjv([meta]);
    validators = {
      operation: ajv.compile({ $ref: `${meta.$id}#/$defs/operation` }),
      schema: ajv.compile({ $ref: `${meta.$id}#/$defs/schemaFile` }),
    };
  }
  return validators;
}

export class ContractFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: { pointer: string; message: string }[],
  ) {
    super(
      `${file}: not a valid ${file.endsWith('.schema.json') ? 'schema' : 'operation contract'} file:\n` +
        problems.map((p) => `  at ${p.pointer || '/'}: ${p.message}`).join('\n') +
        `\nFix the file (its shape is contracts/contract.schema.json), or regenerate it with \`npm run contracts:extract\`.`,
    );
    this.name = 'ContractFileError';
  }
}

function describe(e: ErrorObject): { pointer: string; message: string } {
  const extra =
    e.keyword === 'additionalProperties'
      ? ` (unexpected property "${String((e.params as { additionalProperty: string }).additionalProperty)}")`
      : e.keyword === 'enum'
        ? ` (allowed: ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)})`
        : '';
  return { pointer: e.instancePath, message: `${e.message ?? e.keyword}${extra}` };
}

/** Problems with a contract file's content, empty when it is valid. */
export function contractFileProblems(kind: ContractFileKind, value: unknown): { pointer: string; message: string }[] {
  const validate = getValidators()[kind];
  if (validate(value)) return [];
  const seen = new Set<string>();
  return (validate.errors ?? []).map(describe).filter((p) => {
    const key = `${p.pointer} ${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function assertValidContractFile(kind: ContractFileKind, value: unknown, file: string): void {
  const problems = contractFileProblems(kind, value);
  if (problems.length > 0) throw new ContractFileError(file, problems);
}
