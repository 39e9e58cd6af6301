/**
 * Reading drift.json files: JSON, the format number, and reporting/drift-report.schema.json. Errors name the file,
 * the JSON pointer and the fix.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from '../contracts/ajv.js';
import { REPORT_FORMAT, type DriftReport } from './report-model.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPORT_SCHEMA_FILE = resolve(HERE, 'drift-report.schema.json');

let validate: ValidateFunction | null = null;

export class ReportFileError extends Error {
  override name = 'ReportFileError';
}

function explain(e: ErrorObject): string {
  const at = e.instancePath === '' ? '(top level)' : e.instancePath;
  const extra =
    e.keyword === 'additionalProperties' ? ` ("${String((e.params as { additionalProperty?: string }).additionalProperty)}")` : '';
  return `${at} ${e.message ?? 'is invalid'}${extra}`;
}

/** Schema errors of a parsed report, as `pointer message` lines; empty when it is valid. */
export function reportSchemaErrors(data: unknown): string[] {
  validate ??= createAjv().compile(JSON.parse(readFileSync(REPORT_SCHEMA_FILE, 'utf8')) as Record<string, unknown>);
  return validate(data) ? [] : (validate.errors ?? []).map(explain);
}

/** Reads and validates a drift.json. */
export function readReport(file: string): DriftReport {
  const shown = relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ReportFileError(
      `${shown}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}). Give the path of a drift.json a run wrote (reports/drift.json).`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ReportFileError(`${shown}: not JSON (${(e as Error).message}).`);
  }
  const format = (data as { format?: unknown } | null)?.format;
  if (format !== REPORT_FORMAT) {
    throw new ReportFileError(
      `${shown}: drift report format ${JSON.stringify(format)}, this tool reads format ${REPORT_FORMAT}. Re-run the conformance suite with this version to regenerate it.`,
    );
  }
  const errors = reportSchemaErrors(data);
  if (errors.length) {
    throw new ReportFileError(`${shown}: not a valid drift report (reporting/drift-report.schema.json): ${errors.slice(0, 5).join('; ')}.`);
  }
  return data as DriftReport;
}
