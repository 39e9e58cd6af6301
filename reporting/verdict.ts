/**
 * The one verdict of a run, decided here and nowhere else; drift.json, drift.md, drift.html, the step summary, the
 * history and the exit code all show what this returns.
 *
 *   error       the run could not test: the preflight or global setup failed, a test crashed or failed without a
 *               new finding, no conformance test ran, or the answers show the run's own setup is broken (a setup
 *               fault: every authenticated request 401/403, the route unknown everywhere, the service unreachable)
 *   drift       new findings (not in the ledger)
 *   incomplete  interrupted (Ctrl-C, a global timeout), or tests skipped (write budget, permissions, read-only mode)
 *   pass        everything that should have run ran, and nothing new was seen
 *
 * The order is the precedence: an error hides everything else (its findings are not trusted), new drift outranks an
 * incomplete run (what was seen is real). Only pass is green; only pass exits 0.
 */
import type { TestRecord } from './test-record.js';

export const VERDICTS = ['pass', 'drift', 'incomplete', 'error'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** What makes a run's own setup look broken, with the evidence (runner/setup-fault.ts decides it). */
export interface SetupFault {
  kind: 'auth' | 'route' | 'connection';
  /** One line: what the answers show and which setting to look at. */
  message: string;
  /** How many requests showed it, out of how many that could have. */
  requests: number;
  /** One answer that shows it. */
  sample: {
    method: string;
    url: string;
    status: number | null;
    requestId: string | null;
    /** The start of the answer's body (or the error), redacted. */
    excerpt: string;
  } | null;
}

export interface VerdictInput {
  /** Playwright's overall status. */
  status: 'passed' | 'failed' | 'timedout' | 'interrupted';
  tests: readonly Pick<TestRecord, 'status' | 'title' | 'error' | 'skipReason' | 'partial' | 'attachments'>[];
  /** Distinct new fingerprints. */
  newFindings: number;
  /** Fingerprints of the new findings: a failed test that attached one of them failed on drift. */
  newPrints: ReadonlySet<string>;
  setupFault: SetupFault | null;
  /** Errors outside any test: the preflight, global setup, a worker that could not start. */
  runErrors: readonly string[];
}

export interface VerdictResult {
  verdict: Verdict;
  /** Why, one line each, most important first; empty for pass. */
  reasons: string[];
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function failedWithoutDrift(t: VerdictInput['tests'][number], newPrints: ReadonlySet<string>): boolean {
  if (t.status !== 'failed' && t.status !== 'timedOut') return false;
  return !t.attachments.some((a) => a.findings.some((f) => newPrints.has(f.fingerprint)));
}

export function decideVerdict(input: VerdictInput): VerdictResult {
  const errors: string[] = [...input.runErrors];
  if (input.setupFault) errors.push(`setup fault: ${input.setupFault.message}`);
  const broken = input.tests.filter((t) => failedWithoutDrift(t, input.newPrints));
  if (broken.length) {
    const first = broken[0];
    errors.push(
      `${plural(broken.length, 'test')} failed without a new finding (the run broke, not the service)` +
        (first ? `; first: ${first.title}: ${first.error ?? first.status}` : ''),
    );
  }
  const ran = input.tests.filter((t) => t.status !== 'skipped');
  if (input.tests.length === 0 && input.runErrors.length === 0 && input.status !== 'interrupted')
    errors.push('no conformance test ran (check --project, --grep and the test files)');
  if (errors.length) return { verdict: 'error', reasons: errors };

  const incomplete: string[] = [];
  if (input.status === 'interrupted') incomplete.push('the run was interrupted before every test ran');
  if (input.status === 'timedout') incomplete.push('the run hit its global timeout before every test ran');
  const skipped = input.tests.filter((t) => t.status === 'skipped');
  if (skipped.length) {
    // Reasons that differ only in numbers (`would be number 151`, `152`, …) are one reason.
    const groups = new Map<string, { first: string; count: number }>();
    for (const t of skipped) {
      const why = t.skipReason ?? 'no reason given';
      const key = why.replace(/\d+/g, '#');
      const g = groups.get(key);
      if (g) g.count++;
      else groups.set(key, { first: why, count: 1 });
    }
    const shown = [...groups.values()].slice(0, 3).map((g) => (g.count > 1 ? `${g.first} (${g.count} tests)` : g.first));
    incomplete.push(`${plural(skipped.length, 'test')} skipped: ${shown.join('; ')}${groups.size > 3 ? '; …' : ''}`);
  }
  const partial = input.tests.filter((t) => t.status === 'passed' && t.partial);
  if (partial.length)
    incomplete.push(`${plural(partial.length, 'test')} did not run all of its cases: ${partial[0]?.title}: ${partial[0]?.partial}`);
  if (input.tests.some((t) => t.status === 'interrupted') && input.status !== 'interrupted')
    incomplete.push('tests were interrupted before they finished');
  if (input.newFindings > 0) {
    return {
      verdict: 'drift',
      reasons: [`${plural(input.newFindings, 'new finding')} (not in the ledger)`, ...incomplete],
    };
  }
  if (incomplete.length) return { verdict: 'incomplete', reasons: incomplete };
  if (ran.length === 0) return { verdict: 'incomplete', reasons: ['every test was skipped'] };
  return { verdict: 'pass', reasons: [] };
}

/** The headline every output uses. */
export function verdictHeadline(verdict: Verdict, newFindings: number): string {
  switch (verdict) {
    case 'pass':
      return 'PASS: no new drift';
    case 'drift':
      return `DRIFT: ${plural(newFindings, 'new finding')}`;
    case 'incomplete':
      return 'INCOMPLETE: not everything ran';
    case 'error':
      return 'ERROR: the run could not test';
  }
}

/** Playwright's status for a verdict (a reporter's onEnd returns it): only pass passes. */
export const statusForVerdict = (verdict: Verdict): 'passed' | 'failed' => (verdict === 'pass' ? 'passed' : 'failed');
