/** A finding as readable text, for test output and the console: what differs, where, and how to find the exchange. */
import type { Finding } from './types.js';

const MAX_VALUE = 300;

/** A value as one line of JSON, cut at 300 characters. */
export function showValue(value: unknown): string {
  const text =
    value === undefined ? '(nothing)' : typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}… (${text.length} characters)` : text;
}

/**
 * Example:
 * ```
 * status_code · updateEmbeddedSIMActivationCodePool · valid #1
 *   PATCH answered 204; the docs say 200
 *   at:        /status
 *   expected:  200
 *   observed:  204
 *   exchange:  PATCH https://…/embeddedSIMActivationCodePools/… -> 204
 *   ids:       request-id 6f1…, client-request-id 2b9…, date Tue, 01 Jul 2025 10:00:00 GMT
 *   target:    live (cloud global, tenant 72f9…)
 *   kind:      doc-vs-service, fingerprint 3c5d0e8f9a1b2c3d
 * ```
 */
export function formatFinding(f: Finding): string {
  const e = f.evidence;
  const ids = [
    `request-id ${e.requestId ?? '(none)'}`,
    `client-request-id ${e.clientRequestId ?? '(none)'}`,
    `date ${e.date ?? '(none)'}`,
  ].join(', ');
  const where = [e.cloud === null ? null : `cloud ${e.cloud}`, e.tenantId === null ? null : `tenant ${e.tenantId}`]
    .filter((x): x is string => x !== null)
    .join(', ');
  return [
    `${f.check} · ${f.operation} · ${f.caseName}`,
    `  ${f.message}`,
    `  at:        ${f.pointer === '' ? '(body)' : f.pointer}`,
    `  expected:  ${showValue(f.expected)}`,
    `  observed:  ${showValue(f.observed)}`,
    `  exchange:  ${e.method} ${e.url} -> ${e.status}`,
    `  ids:       ${ids}`,
    `  target:    ${e.target}${where ? ` (${where})` : ''}`,
    `  kind:      ${f.kind}, fingerprint ${f.fingerprint}`,
  ].join('\n');
}

/** Several findings, numbered, separated by blank lines; `no findings` when there are none. */
export function formatFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'no findings';
  const head = `${findings.length} finding${findings.length > 1 ? 's' : ''}`;
  return [head, ...findings.map((f, i) => `${i + 1}. ${formatFinding(f)}`)].join('\n\n');
}
