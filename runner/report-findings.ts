/**
 * How a test reports what its cases found: every finding attached as JSON for the drift reporter (which writes
 * reports/drift.json), and the test failing on the NEW ones only: a finding whose fingerprint is in the ledger
 * (contracts/known-drift.json, or DRIFT_LEDGER) is accepted drift; it is reported, it does not fail the test.
 *
 *   const findings = await attachFindings(testInfo, results, { live, checks });
 *   expect(findings, describeFindings(results, { live })).toEqual([]);
 */
import { expect, type TestInfo } from '@playwright/test';
import { formatFinding } from '../checks/format-finding.js';
import type { Check, Finding } from '../checks/types.js';
import { fingerprintsOf, ledgerOnce, ledgerPath } from '../reporting/fingerprint-ledger.js';
import { FINDINGS_ATTACHMENT, type CaseRun, type FindingsAttachment } from '../reporting/findings-attachment.js';
import { curlFor } from './curl.js';
import { tallyResponses } from './response-tally.js';
import type { CaseResult } from './execute.js';
import { redactLive } from './live/secrets.js';
import { redactValue } from './redact.js';

export { FINDINGS_ATTACHMENT } from '../reporting/findings-attachment.js';

export interface AttachOptions {
  live: boolean;
  /**
   * The checks that ran on these cases (the `checks` fixture). Recorded per case so the report can say which checks
   * ran on each operation; without it the reporter assumes the run's selected checks.
   */
  checks?: readonly (Check | string)[];
  /** Milliseconds these cases' requests waited on throttling (429/503 Retry-After), when the transport measured it. */
  throttledMs?: number;
}

/** Live: secret fields by name, activation codes, and every secret the live transport registered, by value. */
const redact = <T>(value: T, live: boolean): T => (live ? redactLive(value) : redactValue(value));

/** The ledger's fingerprints, read once per worker. */
function knownPrints(): Set<string> {
  return fingerprintsOf(ledgerOnce(ledgerPath()));
}

/** The findings not in the ledger: the ones that fail a test. */
export function newFindings(findings: readonly Finding[]): Finding[] {
  const known = knownPrints();
  return findings.filter((f) => !known.has(f.fingerprint));
}

function caseRuns(results: readonly CaseResult[], checks: AttachOptions['checks']): CaseRun[] {
  const names = checks?.map((c) => (typeof c === 'string' ? c : c.name));
  return results.map((r) => ({
    case: r.plan.name,
    operations: [...new Set([...r.exchanges.map((e) => e.operation), ...r.findings.map((f) => f.operation)])].sort(),
    ...(names ? { checksRun: names } : {}),
    ...(r.exercised ? { exercised: r.exercised } : {}),
  }));
}

/** Attaches every finding (redacted) for the reporter; returns the new ones (redacted), which should be none. */
export async function attachFindings(testInfo: TestInfo, results: CaseResult[], opts: AttachOptions): Promise<Finding[]> {
  const findings = results.flatMap((r) => r.findings);
  const safe = redact(findings, opts.live);
  const body: FindingsAttachment = {
    exchanges: results.reduce((n, r) => n + r.exchanges.length, 0),
    cases: results.length,
    findings: safe,
    caseRuns: caseRuns(results, opts.checks),
    responses: redact(tallyResponses(results.flatMap((r) => r.exchanges)), opts.live),
    ...(opts.throttledMs !== undefined ? { throttledMs: opts.throttledMs } : {}),
  };
  await testInfo.attach(FINDINGS_ATTACHMENT, { body: JSON.stringify(body), contentType: 'application/json' });
  return newFindings(safe);
}

/**
 * The failure text: each new finding with the case's seed and a curl command that replays the request; known
 * findings are counted, not shown.
 */
export function describeFindings(results: CaseResult[], opts: { live: boolean }): string {
  const known = knownPrints();
  const parts: string[] = [];
  let knownCount = 0;
  let freshCount = 0;
  for (const r of results) {
    const fresh = r.findings.filter((f) => !known.has(f.fingerprint));
    knownCount += r.findings.length - fresh.length;
    freshCount += fresh.length;
    if (fresh.length === 0) continue;
    const seed = r.plan.seed === null ? '' : ` (replay: FAKER_SEED=${r.plan.seed})`;
    parts.push(`case ${r.plan.name}${seed}`);
    for (const f of redact(fresh, opts.live)) parts.push(formatFinding(f).replace(/^/gm, '  '));
    const ex = r.exchanges[0];
    if (ex) parts.push(`  replay: ${curlFor(redact(ex.request, opts.live))}`);
  }
  if (knownCount > 0)
    parts.push(
      `(${knownCount} known finding${knownCount === 1 ? '' : 's'} in the ledger not shown: accepted drift does not fail the test)`,
    );
  if (freshCount > 0)
    parts.push('Accept expected drift with `npm run drift:accept -- --note "why"` after the run (it reads reports/drift.json).');
  return parts.join('\n');
}

/** How long a live target has waited (pacing, Retry-After, backoff) since this was called; undefined for the mock. */
export function throttleMeter(stats: { throttledMs: number } | undefined): () => number | undefined {
  const before = stats?.throttledMs ?? 0;
  return () => (stats ? stats.throttledMs - before : undefined);
}

/**
 * The end of every conformance test: attach its results for the drift report, then fail on new findings (each shown
 * with its seed and replay command, `extra` lines after them).
 */
export async function expectNoNewFindings(
  testInfo: TestInfo,
  results: CaseResult[],
  opts: { live: boolean; checks: Check[]; throttledMs?: number | undefined; extra?: string[] },
): Promise<void> {
  const findings = await attachFindings(testInfo, results, {
    live: opts.live,
    checks: opts.checks,
    ...(opts.throttledMs !== undefined ? { throttledMs: opts.throttledMs } : {}),
  });
  expect(findings, [describeFindings(results, { live: opts.live }), ...(opts.extra ?? [])].join('\n')).toEqual([]);
}
