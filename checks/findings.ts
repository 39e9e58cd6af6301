/**
 * From what a check reports to a Finding: the evidence of the exchange (status, request ids, date, target) and a
 * fingerprint that stays the same from run to run for the same deviation. The fingerprint hashes the check,
 * operation, pointer (array positions as `*`, GUIDs as `{id}`), expected value and stableKey; never observed
 * values, ids or times.
 */
import { createHash } from 'node:crypto';
import type { OperationContract } from '../contracts/model.js';
import { normalisePointer } from './pointer.js';
import type { Check, CheckContext, Evidence, Exchange, Finding, FindingDraft } from './types.js';

/** JSON with object keys sorted, so that equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export interface FingerprintInput {
  check: string;
  operation: string;
  pointer: string;
  expected: unknown;
  stableKey?: string;
}

/** sha256 (first 16 hex digits) of the stable parts of a finding. */
export function fingerprint(input: FingerprintInput): string {
  const text = canonicalJson([
    input.check,
    input.operation,
    normalisePointer(input.pointer),
    canonicalJson(input.expected),
    input.stableKey ?? '',
  ]);
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

const header = (headers: Record<string, string>, name: string): string | null => {
  const v = headers[name];
  return v === undefined || v.trim() === '' ? null : v.trim();
};

/** What a reader needs to find the exchange again: in Graph's logs (request ids, date) and in the run. */
export function evidenceOf(exchange: Exchange): Evidence {
  const { request, response, target } = exchange;
  return {
    status: response.status,
    requestId: header(response.headers, 'request-id'),
    // The one the service echoed, else the one sent: either way what support can search for.
    clientRequestId: header(response.headers, 'client-request-id') ?? header(request.headers, 'client-request-id'),
    date: header(response.headers, 'date'),
    target: target.name,
    cloud: target.cloud,
    tenantId: target.tenantId,
    method: request.method,
    url: request.url,
  };
}

export class CheckFailedError extends Error {
  override name = 'CheckFailedError';
}

function runOne(check: Check, exchange: Exchange, op: OperationContract, ctx: CheckContext): FindingDraft[] {
  try {
    return check.run(exchange, op, ctx);
  } catch (e) {
    throw new CheckFailedError(
      `Check ${check.name} failed on ${exchange.operation} (${exchange.caseName}, ${exchange.request.method} ` +
        `${exchange.request.url} -> ${exchange.response.status}): ${(e as Error).message}. ` +
        `This is a bug in checks/ (a check must report, never throw); the exchange above reproduces it.`,
      { cause: e },
    );
  }
}

/**
 * Runs the checks on one exchange. Drafts of one check with the same fingerprint (the same deviation in several
 * items of a collection) become one finding whose message says how many places showed it.
 */
export function runChecks(checks: readonly Check[], exchange: Exchange, op: OperationContract, ctx: CheckContext): Finding[] {
  const evidence = evidenceOf(exchange);
  const findings: Finding[] = [];
  for (const check of checks) {
    const byPrint = new Map<string, { finding: Finding; more: number }>();
    for (const draft of runOne(check, exchange, op, ctx)) {
      const print = fingerprint({ check: check.name, operation: exchange.operation, ...draft });
      const seen = byPrint.get(print);
      if (seen) {
        seen.more++;
        continue;
      }
      byPrint.set(print, {
        more: 0,
        finding: {
          check: check.name,
          operation: exchange.operation,
          kind: 'doc-vs-service',
          caseName: exchange.caseName,
          pointer: draft.pointer,
          expected: draft.expected,
          observed: draft.observed,
          message: draft.message,
          evidence: { ...evidence },
          fingerprint: print,
        },
      });
    }
    for (const { finding, more } of byPrint.values()) {
      if (more > 0) finding.message += ` (and ${more} more place${more > 1 ? 's' : ''} alike)`;
      findings.push(finding);
    }
  }
  return findings;
}
