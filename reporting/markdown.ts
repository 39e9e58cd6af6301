/**
 * reports/drift.md: the run against the ledger, for a pull request or $GITHUB_STEP_SUMMARY. Read top-down: the
 * verdict, the counts, the new findings per operation with their evidence, what was resolved; known drift, the
 * per-operation table and the doc findings are folded away.
 */
import type { DocFinding } from '../contracts/model.js';
import type { DriftReport, LiveRunFacts, OperationSummary, ReportFinding } from './report-model.js';
import type { Verdict } from './verdict.js';

const MAX_VALUE = 100;

/** Text as inline code, on one line, cut at 100 characters; a backtick inside gets a longer fence. */
export function lit(text: string): string {
  let t = text.replace(/\s+/g, ' ');
  if (t.length > MAX_VALUE) t = `${t.slice(0, MAX_VALUE - 1)}…`;
  return t.includes('`') ? `\`\` ${t} \`\`` : `\`${t}\``;
}

/** A JSON value as inline code (strings keep their quotes, so `"200"` and `200` stay apart). */
export function code(value: unknown): string {
  return lit(value === undefined ? '(nothing)' : (JSON.stringify(value) ?? String(value)));
}

const cellText = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const when = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** Distinct fingerprints in the order the report lists them, each with its occurrences. */
function byFingerprint(findings: readonly ReportFinding[]): { first: ReportFinding; count: number }[] {
  const groups = new Map<string, { first: ReportFinding; count: number }>();
  for (const f of findings) {
    const g = groups.get(f.fingerprint);
    if (g) g.count++;
    else groups.set(f.fingerprint, { first: f, count: 1 });
  }
  return [...groups.values()];
}

function evidenceLine(f: ReportFinding, count: number): string {
  const e = f.evidence;
  const parts: string[] = [];
  if (e) {
    parts.push(`${lit(`${e.method} ${e.url}`)} → ${e.status}`);
    if (e.requestId) parts.push(`request-id ${lit(e.requestId)}`);
    if (e.clientRequestId) parts.push(`client-request-id ${lit(e.clientRequestId)}`);
    if (e.date) parts.push(e.date);
  }
  if (f.caseName) parts.push(`case *${f.caseName}*${count > 1 ? ` (and ${count - 1} more)` : ''}`);
  parts.push(`fingerprint ${lit(f.fingerprint)}`);
  return parts.join(' · ');
}

function findingItem(f: ReportFinding, count: number, withOperation: boolean): string[] {
  const head = `${withOperation ? `${lit(f.operation)} · ` : ''}**${f.check}** at ${lit(f.pointer === '' ? '(body)' : f.pointer)}`;
  const values = f.status === 'resolved' ? `expected ${code(f.expected)}` : `expected ${code(f.expected)}, observed ${code(f.observed)}`;
  const lines = [`- ${head}: ${values}. ${f.message}`];
  if (f.status !== 'resolved') lines.push(`  <br>${evidenceLine(f, count)}`);
  if (f.ledger) lines.push(`  <br>ledger: “${f.ledger.note}” (first seen ${f.ledger.firstSeen}, last seen ${f.ledger.lastSeen})`);
  return lines;
}

function grouped(findings: readonly ReportFinding[]): string[] {
  const out: string[] = [];
  const ops = [...new Set(findings.map((f) => f.operation))];
  for (const op of ops) {
    out.push(`**${op}**`, '');
    for (const { first, count } of byFingerprint(findings.filter((f) => f.operation === op))) out.push(...findingItem(first, count, false));
    out.push('');
  }
  return out;
}

const RESULT_MARK: Record<string, string> = { failed: '❌', known: '📌', passed: '✅', 'not-exercised': '○', skipped: '⏭️' };

function operationRow(o: OperationSummary): string {
  const by = (r: string): string[] => o.checks.filter((c) => c.result === r).map((c) => c.check);
  const worst = ['failed', 'known', 'passed', 'not-exercised', 'skipped'].find((r) => by(r).length > 0) ?? 'skipped';
  const list = (r: string): string => {
    const names = by(r);
    return names.length === 0 ? '' : r === 'passed' ? String(names.length) : names.join(', ');
  };
  const tests = `${o.tests.passed}/${o.tests.passed + o.tests.failed + o.tests.skipped}`;
  return `| ${RESULT_MARK[worst]} ${o.operation} | ${tests} | ${cellText(list('failed'))} | ${cellText(list('known'))} | ${list('passed')} | ${cellText(list('not-exercised'))} | ${cellText(list('skipped'))} |`;
}

function docSection(title: string, what: string, items: readonly DocFinding[]): string[] {
  if (items.length === 0) return [];
  const out = [`**${title}** (${what}):`, ''];
  for (const d of items) {
    const where = `${d.file}${d.line === null ? '' : `:${d.line}`}`;
    out.push(`- ${lit(d.subject)}${d.pointer ? ` ${lit(d.pointer)}` : ''}: ${d.message} (${lit(d.rule)}, ${where})`);
  }
  out.push('');
  return out;
}

function docRules(items: readonly DocFinding[]): string[] {
  if (items.length === 0) return [];
  const rules = new Map<string, Set<string>>();
  for (const d of items) rules.set(d.rule, (rules.get(d.rule) ?? new Set()).add(d.subject));
  const out = [
    '**doc-internal** (the docs against themselves or the protocol), by rule:',
    '',
    '| rule | findings | subjects |',
    '|---|---:|---|',
  ];
  for (const [rule, subjects] of [...rules.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.push(`| ${lit(rule)} | ${items.filter((d) => d.rule === rule).length} | ${cellText([...subjects].sort().join(', '))} |`);
  }
  out.push('');
  return out;
}

function headline(verdict: Verdict, summary: DriftReport['summary']): string {
  switch (verdict) {
    case 'drift':
      return `## ❌ Drift: ${plural(summary.new, 'new finding')} ${summary.new === 1 ? 'fails' : 'fail'} the run`;
    case 'error':
      return '## 🛑 Error: the run could not test';
    case 'incomplete':
      return `## ⚠️ Incomplete: not everything ran${summary.new === 0 ? ' (no new drift in what did)' : ''}`;
    case 'pass':
      return `## ✅ No new drift${summary.known + summary.resolved > 0 ? ` (${summary.known} known, ${summary.resolved} resolved)` : ''}`;
  }
}

export function renderMarkdown(report: DriftReport): string {
  const { run, summary } = report;
  const news = report.findings.filter((f) => f.status === 'new');
  const known = report.findings.filter((f) => f.status === 'known');
  const resolved = report.findings.filter((f) => f.status === 'resolved');
  const out: string[] = [];

  out.push(headline(run.verdict, summary), '');
  if (run.verdictReasons.length) out.push(...run.verdictReasons.map((r) => `- ${r}`), '');
  const fault = run.setupFault;
  if (fault) {
    const s = fault.sample;
    out.push(
      `**Setup fault (${fault.kind})**: ${fault.message}. The findings below come from a run that could not test; \`npm run drift:accept\` refuses this run.`,
    );
    if (s) {
      const parts = [
        s.url ? `${lit(`${s.method} ${s.url}`)} → ${s.status ?? 'no answer'}` : null,
        s.requestId ? `request-id ${lit(s.requestId)}` : null,
        lit(s.excerpt || '(empty body)'),
      ].filter((p) => p !== null);
      out.push('', `Sample: ${parts.join(' · ')}`);
    }
    out.push('');
  }
  const facts = [
    `target **${run.target}**${run.baseUrl ? ` (${run.baseUrl}${run.cloud ? `, ${run.cloud}` : ''})` : ''}`,
    `contracts ${lit(run.contractsVersion)}`,
    `seed ${lit(String(run.seed))}`,
    when(run.startedAt),
    `${plural(run.tests.total, 'test')}: ${run.tests.passed} passed, ${run.tests.failed} failed, ${run.tests.skipped} skipped`,
  ];
  if (run.throttledMs > 0) facts.push(`${(run.throttledMs / 1000).toFixed(1)} s throttled`);
  if (run.live) facts.push(liveCost(run.live));
  out.push(facts.join(' · '), '');
  out.push(
    '| against the ledger | findings | |',
    '|---|---:|---|',
    `| 🆕 new | ${summary.new} | not in ${run.ledger}: fails the run |`,
    `| 📌 known | ${summary.known} | accepted in the ledger, still seen |`,
    `| ✅ resolved | ${summary.resolved} | in the ledger, no longer seen |`,
  );
  if (summary.unchecked > 0) out.push(`| ❔ unchecked | ${summary.unchecked} | in the ledger, not checked by this run |`);
  out.push('');

  if (news.length) {
    out.push(run.verdict === 'error' ? '### 🆕 New (not trusted: the run could not test)' : '### 🆕 New', '', ...grouped(news));
    if (run.verdict === 'drift')
      out.push(
        `Expected drift? Accept it with \`npm run drift:accept -- --note "why"\` and commit ${run.ledger}. Otherwise it is a regression to report.`,
        '',
      );
  }
  if (resolved.length) {
    out.push('### ✅ Resolved', '');
    for (const { first } of byFingerprint(resolved)) out.push(...findingItem(first, 1, true));
    out.push('', `Remove them from the ledger with \`npm run drift:accept -- --prune\`.`, '');
  }
  if (known.length) {
    out.push(`<details><summary>📌 Known drift still seen (${summary.known})</summary>`, '', ...grouped(known), '</details>', '');
  }
  if (report.unchecked.length) {
    out.push(`<details><summary>❔ Ledger entries not checked (${report.unchecked.length})</summary>`, '');
    for (const u of report.unchecked) out.push(`- ${lit(u.operation)} · **${u.check}** ${lit(u.fingerprint)}: ${u.reason}`);
    out.push('', '</details>', '');
  }
  if (report.operations.length) {
    const columns = report.operations[0]?.checks.length ?? 0;
    out.push(
      `<details><summary>Per operation (${report.operations.length} operations × ${columns} checks)</summary>`,
      '',
      '| operation | tests passed | ❌ new | 📌 known | ✅ passed | ○ not exercised | ⏭️ skipped |',
      '|---|---:|---|---|---:|---|---|',
      ...report.operations.map(operationRow),
    );
    const skips = report.operations.flatMap((o) => o.skipped.map((s) => `- ${lit(s.test)}: ${s.reason}`));
    if (skips.length) out.push('', 'Skipped:', '', ...[...new Set(skips)]);
    const reasons = new Map<string, string[]>();
    for (const n of run.checks.notSelected) reasons.set(n.reason, [...(reasons.get(n.reason) ?? []), n.check]);
    for (const [reason, checks] of reasons) out.push('', `Not selected (${reason}): ${checks.join(', ')}.`);
    out.push('', '</details>', '');
  }
  const docs = report.docFindings.byKind;
  const docTotal = docs['doc-vs-doc'].length + docs['doc-vs-metadata'].length + docs['doc-internal'].length;
  if (docTotal > 0) {
    out.push(
      `<details><summary>Doc findings: ${docs['doc-vs-doc'].length} doc vs doc · ${docs['doc-vs-metadata'].length} doc vs metadata · ${docs['doc-internal'].length} doc-internal (data, never failures)</summary>`,
      '',
      ...docSection('doc vs doc', 'revisions of the docs disagree', docs['doc-vs-doc']),
      ...docSection('doc vs metadata', 'the docs against the Graph metadata', docs['doc-vs-metadata']),
      ...docRules(docs['doc-internal']),
      '</details>',
      '',
    );
  }
  if (report.warnings.length) out.push('**Warnings**', '', ...report.warnings.map((w) => `- ${w}`), '');
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** `58 objects made (budget 60), 212 requests, waited 58.0 s for the write pace` */
export function liveCost(live: LiveRunFacts): string {
  const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const waits = [
    `${sec(live.pacingWaitMs)} for the write pace`,
    ...(live.retryAfterWaitMs ? [`${sec(live.retryAfterWaitMs)} on Retry-After`] : []),
    ...(live.backoffWaitMs ? [`${sec(live.backoffWaitMs)} on backoff`] : []),
  ];
  const counted =
    live.createsCounted > live.objectsMade ? ` and ${live.createsCounted - live.objectsMade} create(s) whose outcome is unknown` : '';
  return `${live.objectsMade} objects made${counted} (write budget ${live.writeBudget}), ${live.requests} requests, waited ${waits.join(', ')}`;
}
