/**
 * What a conformance test attaches for the drift reporter: an attachment named `drift-findings` (application/json)
 * holding a FindingsAttachment. runner/report-findings.ts writes it; runner/drift-reporter.ts reads it, also from
 * merged shard (blob) reports.
 */
import type { Evidence, Finding } from '../checks/types.js';

export const FINDINGS_ATTACHMENT = 'drift-findings';

export interface CaseRun {
  /** The case's readable name. */
  case: string;
  /** Operations its exchanges were about (a delete case also reads the deleted object). */
  operations: string[];
  /** The checks that ran on its exchanges. Absent: the reporter assumes the run's selected checks (CHECKS, SKIP_CHECKS). */
  checksRun?: string[];
  /**
   * Per operation, the checks that had something to look at in its exchanges (checks/exercised.ts). Absent: every
   * check that ran counts as exercised (older attachments).
   */
  exercised?: { operation: string; checks: string[] }[];
}

/** One answer, as evidence of a setup fault (redacted; the excerpt is short). */
export interface ResponseSample {
  method: string;
  url: string;
  status: number;
  requestId: string | null;
  excerpt: string;
}

/**
 * How a test's requests were answered, for telling a broken setup from drift (reporting/setup-fault.ts): requests
 * sent with a token and how many of them were refused (401/403); requests that should succeed (example, valid,
 * lifecycle) and how many were answered 404.
 */
export interface ResponseTally {
  authenticated: number;
  denied: number;
  expectSuccess: number;
  notFound: number;
  /** The first refused answer and the first 404 to a request that should succeed. */
  deniedSample: ResponseSample | null;
  notFoundSample: ResponseSample | null;
}

export interface FindingsAttachment {
  /** Number of exchanges and cases the test made. */
  exchanges: number;
  cases: number;
  /** Every finding (new and known), redacted. */
  findings: Finding[];
  /** Per case, what it touched and which checks ran. Optional (older attachments have none). */
  caseRuns?: CaseRun[];
  /** Milliseconds the test's requests spent waiting on throttling (429/503 Retry-After). Optional. */
  throttledMs?: number;
  /** How the requests were answered (setup-fault detection). Optional (older attachments have none). */
  responses?: ResponseTally;
}

export class AttachmentError extends Error {
  override name = 'AttachmentError';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const count = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;

const FINDING_STRINGS = ['check', 'operation', 'kind', 'caseName', 'pointer', 'message', 'fingerprint'] as const;
const EVIDENCE_FIELDS: (keyof Evidence)[] = [
  'status',
  'requestId',
  'clientRequestId',
  'date',
  'target',
  'cloud',
  'tenantId',
  'method',
  'url',
];

const sampleOk = (v: unknown): boolean =>
  v === null ||
  (isObject(v) &&
    typeof v.method === 'string' &&
    typeof v.url === 'string' &&
    typeof v.status === 'number' &&
    (v.requestId === null || typeof v.requestId === 'string') &&
    typeof v.excerpt === 'string');

const tallyOk = (v: unknown): boolean =>
  isObject(v) &&
  count(v.authenticated) &&
  count(v.denied) &&
  count(v.expectSuccess) &&
  count(v.notFound) &&
  sampleOk(v.deniedSample) &&
  sampleOk(v.notFoundSample);

function findingProblem(f: unknown): string | null {
  if (!isObject(f)) return 'is not an object';
  for (const k of FINDING_STRINGS) if (typeof f[k] !== 'string') return `has no string "${k}"`;
  if (!/^[0-9a-f]{16}$/.test(String(f.fingerprint))) return `has fingerprint "${String(f.fingerprint)}", not 16 hex digits`;
  if (!('expected' in f) || !('observed' in f)) return 'lacks "expected" or "observed"';
  if (!isObject(f.evidence)) return 'has no "evidence" object';
  const ev = f.evidence;
  const missing = EVIDENCE_FIELDS.filter((k) => !(k in ev));
  if (missing.length) return `has evidence without ${missing.join(', ')}`;
  return null;
}

/**
 * Reads an attachment body. `where` names the test in errors. Throws AttachmentError saying what is wrong and where;
 * the reporter turns that into a warning in the report.
 */
export function parseFindingsAttachment(text: string, where: string): FindingsAttachment {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new AttachmentError(`${where}: the ${FINDINGS_ATTACHMENT} attachment is not JSON (${(e as Error).message}).`);
  }
  const bad = (what: string): AttachmentError =>
    new AttachmentError(
      `${where}: the ${FINDINGS_ATTACHMENT} attachment ${what}. Attach it with attachFindings() from runner/report-findings.ts.`,
    );
  if (!isObject(data)) throw bad('is not a JSON object');
  if (!count(data.exchanges) || !count(data.cases)) throw bad('needs whole numbers "exchanges" and "cases"');
  if (!Array.isArray(data.findings)) throw bad('needs a "findings" array');
  data.findings.forEach((f, i) => {
    const problem = findingProblem(f);
    if (problem) throw bad(`has a finding at /findings/${i} that ${problem}`);
  });
  if (data.caseRuns !== undefined) {
    if (!Array.isArray(data.caseRuns)) throw bad('has "caseRuns" that is not an array');
    data.caseRuns.forEach((c, i) => {
      if (
        !isObject(c) ||
        typeof c.case !== 'string' ||
        !isStringArray(c.operations) ||
        (c.checksRun !== undefined && !isStringArray(c.checksRun)) ||
        (c.exercised !== undefined &&
          !(
            Array.isArray(c.exercised) &&
            c.exercised.every((x) => isObject(x) && typeof x.operation === 'string' && isStringArray(x.checks))
          ))
      ) {
        throw bad(
          `has /caseRuns/${i} that is not { case: string, operations: string[], checksRun?: string[], exercised?: { operation, checks }[] }`,
        );
      }
    });
  }
  if (
    data.throttledMs !== undefined &&
    !(typeof data.throttledMs === 'number' && Number.isFinite(data.throttledMs) && data.throttledMs >= 0)
  ) {
    throw bad('has "throttledMs" that is not a non-negative number');
  }
  if (data.responses !== undefined && !tallyOk(data.responses)) throw bad('has "responses" that is not a response tally');
  return data as unknown as FindingsAttachment;
}
