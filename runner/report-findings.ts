/**
 * How a test reports what its cases found: every finding attached as JSON (the drift reporter collects them into
 * reports/drift.json), and the test failing with a readable account of each (seed, curl to replay, evidence).
 */
import type { TestInfo } from '@playwright/test';
import { formatFinding } from '../checks/format-finding.js';
import type { Finding } from '../checks/types.js';
import { curlFor } from './curl.js';
import type { CaseResult } from './execute.js';
import { redactValue } from './redact.js';

export const FINDINGS_ATTACHMENT = 'drift-findings';

export async function attachFindings(testInfo: TestInfo, results: CaseResult[], opts: { live: boolean }): Promise<Finding[]> {
  const findings = results.flatMap((r) => r.findings);
  const safe = redactValue(findings, { codes: opts.live });
  const exchanges = results.reduce((n, r) => n + r.exchanges.length, 0);
  await testInfo.attach(FINDINGS_ATTACHMENT, {
    body: JSON.stringify({ exchanges, cases: results.length, findings: safe }),
    contentType: 'application/json',
  });
  return safe;
}

/** The failure text: each finding with the case's seed and a curl command that replays the request. */
export function describeFindings(results: CaseResult[], opts: { live: boolean }): string {
  const parts: string[] = [];
  for (const r of results) {
    if (r.findings.length === 0) continue;
    const seed = r.plan.seed === null ? '' : ` (replay: FAKER_SEED=${r.plan.seed})`;
    parts.push(`case ${r.plan.name}${seed}`);
    for (const f of redactValue(r.findings, { codes: opts.live })) parts.push(formatFinding(f).replace(/^/gm, '  '));
    const ex = r.exchanges[0];
    if (ex) parts.push(`  replay: ${curlFor(redactValue(ex.request, { codes: opts.live }))}`);
  }
  return parts.join('\n');
}
