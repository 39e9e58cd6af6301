/**
 * reports/drift.html: one self-contained page. No script, no external resource (a Content-Security-Policy forbids
 * every fetch), so it opens from disk, from a CI artifact or as an e-mail attachment and never phones home.
 * Sections: verdict and run facts, the operations x checks matrix (cells open their findings), resolved and unchecked
 * ledger entries, the doc findings by kind, and the history of recorded runs.
 */
import type { DocFinding } from '../contracts/model.js';
import { historyChart } from './history-chart.js';
import type { HistoryRecord } from './history.js';
import { escapeHtml as h, prettyValue } from './html-escape.js';
import { matrixPanels, matrixTable } from './html-matrix.js';
import type { DriftReport } from './report-model.js';
import { verdictHeadline } from './verdict.js';
import { liveCost } from './markdown.js';

const CSS = `
:root{--error:#8250df;--incomplete:#6e7781;--new:#d1242f;--known:#d4a72c;--passed:#2da44e;--skipped:#afb8c1;--ink:#1f2328;--muted:#656d76;--line:#d0d7de;--bg:#f6f8fa}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);margin:0;padding:24px 32px;max-width:1400px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:0 0 10px}h4{margin:0 0 4px;font-size:12px;text-transform:uppercase;color:var(--muted)}
code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}pre{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:8px;margin:0;white-space:pre-wrap;word-break:break-word;max-height:320px;overflow:auto}
.muted{color:var(--muted)}.verdict{display:inline-block;padding:4px 12px;border-radius:6px;color:#fff;font-weight:600;margin:6px 0}.verdict.drift{background:var(--new)}.verdict.pass{background:var(--passed)}.verdict.incomplete{background:var(--incomplete)}.verdict.error{background:var(--error)}.reasons{margin:4px 0 8px}.fault{border-left:4px solid var(--error);padding:6px 10px;background:var(--bg)}
.facts{color:var(--muted)}.cards{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}.card{border:1px solid var(--line);border-radius:8px;padding:8px 14px;min-width:120px}.card b{display:block;font-size:22px}
.card.new b{color:var(--new)}.card.known b{color:#9a6700}.card.resolved b{color:var(--passed)}
table{border-collapse:collapse}.matrix th,.matrix td{border:1px solid var(--line)}.matrix th.op{text-align:left;padding:3px 8px;font-weight:500;white-space:nowrap}
.matrix th.check{vertical-align:bottom;padding:6px 2px;font-weight:500}.matrix th.check span{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}.matrix .corner{font-weight:400;color:var(--muted);text-align:left;vertical-align:bottom;padding:4px 8px}
.cell{width:34px;height:26px;text-align:center;padding:0}.cell a{display:block;line-height:26px;color:#fff;text-decoration:none;font-weight:600}.cell.failed{background:var(--new)}.cell.known{background:var(--known)}.cell.passed{background:var(--passed)}.cell.skipped{background:var(--skipped)}.cell.skipped a{color:#57606a}.cell.not-exercised{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#eaeef2 4px,#eaeef2 8px)}.cell.not-exercised a{color:#57606a}
.cell a:hover,.cell a:focus{outline:3px solid var(--ink);outline-offset:-3px}
.legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:4px;vertical-align:-1px}
.panel{display:none;border:2px solid var(--ink);border-radius:8px;padding:14px;margin:14px 0;background:#fff}.panel:target{display:block}.panel .close{float:right;font-weight:400;font-size:13px}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;color:#fff;background:var(--skipped)}.badge.new,.badge.failed{background:var(--new)}.badge.known{background:var(--known)}.badge.resolved,.badge.passed{background:var(--passed)}
.finding{border-top:1px solid var(--line);padding:10px 0}.finding header{margin-bottom:8px}.sxs{display:grid;grid-template-columns:1fr 1fr;gap:12px}
.evidence{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0}.evidence dt{color:var(--muted)}.evidence dd{margin:0;word-break:break-all}
.ledger{background:#fff8c5;border-radius:6px;padding:4px 8px}.docs table{width:100%;table-layout:fixed}.docs th:nth-child(1){width:17%}.docs th:nth-child(2){width:13%}.docs th:nth-child(3){width:30%}.docs td{word-break:break-word}.docs th,.docs td{border-bottom:1px solid var(--line);text-align:left;vertical-align:top;padding:4px 6px}.docs td pre{max-height:120px}.plain{width:100%}.plain th,.plain td{border-bottom:1px solid var(--line);text-align:left;vertical-align:top;padding:4px 6px}
details{margin:6px 0}summary{cursor:pointer;font-weight:600}
#history-chart .grid{stroke:var(--line)}#history-chart .axis{font-size:11px;fill:var(--muted)}#history-chart .bar-new{fill:var(--new)}#history-chart .bar-known{fill:var(--known)}#history-chart .bar-clean{fill:var(--passed)}#history-chart .mark-resolved{fill:var(--passed);stroke:#fff}#history-chart .verdict-pass{fill:var(--passed)}#history-chart .verdict-drift{fill:var(--new)}#history-chart .verdict-incomplete{fill:var(--incomplete)}#history-chart .verdict-error{fill:var(--error)}
`;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'";

const when = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

function header(report: DriftReport): string {
  const { run, summary } = report;
  const verdict =
    `<div class="verdict ${run.verdict}" id="verdict" data-verdict="${run.verdict}">${h(verdictHeadline(run.verdict, summary.new))}</div>` +
    (run.verdictReasons.length
      ? `<ul class="reasons" id="verdict-reasons">${run.verdictReasons.map((r) => `<li>${h(r)}</li>`).join('')}</ul>`
      : '') +
    setupFault(report);
  const facts = [
    `target <b>${h(run.target)}</b>${run.baseUrl ? ` ${h(run.baseUrl)}` : ''}${run.cloud ? ` (${h(run.cloud)})` : ''}`,
    `contracts <code>${h(run.contractsVersion)}</code>`,
    `ledger <code>${h(run.ledger)}</code>`,
    `seed <code>${run.seed}</code>`,
    h(when(run.startedAt)),
    `${(run.durationMs / 1000).toFixed(1)} s${run.throttledMs ? `, ${(run.throttledMs / 1000).toFixed(1)} s throttled` : ''}`,
    ...(run.live ? [h(liveCost(run.live))] : []),
    `${run.tests.total} tests: ${run.tests.passed} passed, ${run.tests.failed} failed, ${run.tests.skipped} skipped`,
    `${run.cases} cases, ${run.exchanges} exchanges`,
  ];
  const card = (cls: string, n: number, label: string): string => `<div class="card ${cls}" data-count="${cls}"><b>${n}</b>${label}</div>`;
  const k = summary.byKind;
  return (
    `<h1>Drift report</h1>${verdict}<p class="facts">${facts.join(' · ')}</p>` +
    `<div class="cards">${card('new', summary.new, 'new (fails the run)')}${card('known', summary.known, 'known (in the ledger)')}` +
    `${card('resolved', summary.resolved, 'resolved (no longer seen)')}${summary.unchecked ? card('unchecked', summary.unchecked, 'ledger entries not checked') : ''}</div>` +
    `<p class="muted">By kind: ${k['doc-vs-service']} doc vs service (this run) · ${k['doc-vs-doc']} doc vs doc · ${k['doc-vs-metadata']} doc vs metadata · ${k['doc-internal']} doc-internal</p>`
  );
}

function setupFault(report: DriftReport): string {
  const f = report.run.setupFault;
  if (!f) return '';
  const s = f.sample;
  const sample = s
    ? `<dl class="evidence">${s.url ? `<dt>request</dt><dd>${h(`${s.method} ${s.url} → ${s.status ?? 'no answer'}`)}</dd>` : ''}` +
      `${s.requestId ? `<dt>request-id</dt><dd>${h(s.requestId)}</dd>` : ''}<dt>sample</dt><dd><pre>${h(s.excerpt)}</pre></dd></dl>`
    : '';
  return (
    `<div class="fault" id="setup-fault" data-kind="${h(f.kind)}"><b>Setup fault (${h(f.kind)}):</b> ${h(f.message)}. ` +
    `The findings below come from a run that could not test; none of them can be accepted into the ledger.${sample}</div>`
  );
}

function ledgerSections(report: DriftReport): string {
  const resolved = report.findings.filter((f) => f.status === 'resolved');
  const out: string[] = [];
  if (resolved.length) {
    out.push(
      '<h2>Resolved: in the ledger, no longer seen</h2><table class="plain" id="resolved"><tr><th>operation</th><th>check</th><th>pointer</th><th>expected</th><th>note</th><th>first / last seen</th></tr>',
    );
    for (const f of resolved) {
      out.push(
        `<tr><td>${h(f.operation)}</td><td>${h(f.check)}</td><td><code>${h(f.pointer)}</code></td><td><pre>${h(prettyValue(f.expected, 400))}</pre></td>` +
          `<td>${h(f.ledger?.note ?? '')}</td><td>${h(f.ledger?.firstSeen ?? '')} / ${h(f.ledger?.lastSeen ?? '')}</td></tr>`,
      );
    }
    out.push('</table><p class="muted">Remove them with <code>npm run drift:accept -- --prune</code>.</p>');
  }
  if (report.unchecked.length) {
    out.push('<h2>Ledger entries this run did not check</h2><ul id="unchecked">');
    for (const u of report.unchecked)
      out.push(`<li><code>${h(u.fingerprint)}</code> ${h(u.operation)} × ${h(u.check)}: ${h(u.reason)}</li>`);
    out.push('</ul>');
  }
  return out.join('');
}

function docTable(kind: string, title: string, items: readonly DocFinding[], open: boolean): string {
  const rows = items
    .map(
      (d) =>
        `<tr><td>${h(d.subject)}</td><td><code>${h(d.rule)}</code></td><td>${h(d.message)}<br><span class="muted">${h(d.file)}${d.line === null ? '' : `:${d.line}`}${d.pointer ? ` · ${h(d.pointer)}` : ''}</span></td>` +
        `<td><pre>${h(prettyValue(d.expected, 600))}</pre></td><td><pre>${h(prettyValue(d.observed, 600))}</pre></td></tr>`,
    )
    .join('');
  return (
    `<details class="docs" data-kind="${h(kind)}"${open ? ' open' : ''}><summary>${h(title)} (${items.length})</summary>` +
    (items.length
      ? `<table><tr><th>subject</th><th>rule</th><th>what</th><th>expected</th><th>observed</th></tr>${rows}</table>`
      : '<p class="muted">None.</p>') +
    '</details>'
  );
}

function docFindings(report: DriftReport): string {
  const d = report.docFindings;
  const source = d.source ? ` <span class="muted">from ${h(d.source)}: data for the docs' authors, never a failure</span>` : '';
  return (
    `<h2 id="doc-findings">Doc findings${source}</h2>` +
    docTable('doc-vs-doc', 'doc vs doc: revisions of the docs disagree', d.byKind['doc-vs-doc'], true) +
    docTable('doc-vs-metadata', 'doc vs metadata: the docs against the Graph CSDL and type mappings', d.byKind['doc-vs-metadata'], true) +
    docTable('doc-internal', 'doc-internal: the docs against themselves or the protocol', d.byKind['doc-internal'], false)
  );
}

export interface HtmlInput {
  report: DriftReport;
  history: readonly HistoryRecord[];
}

export function renderHtml({ report, history }: HtmlInput): string {
  const legend =
    '<p class="legend"><span><i style="background:var(--new)"></i>new drift (fails)</span><span><i style="background:var(--known)"></i>known drift (ledger)</span>' +
    '<span><i style="background:var(--passed)"></i>passed (✓* : a ledger entry resolved)</span><span><i class="cell not-exercised" style="border:1px solid var(--line)"></i>not exercised (ran, nothing to look at)</span><span><i style="background:var(--skipped)"></i>skipped</span> Click a cell for its findings.</p>';
  const reasons = new Map<string, string[]>();
  for (const n of report.run.checks.notSelected) reasons.set(n.reason, [...(reasons.get(n.reason) ?? []), n.check]);
  const notSelected = [...reasons]
    .map(([reason, checks]) => `<p class="muted">Not selected (${h(reason)}): ${h(checks.join(', '))}.</p>`)
    .join('');
  const warnings = report.warnings.length
    ? `<h2>Warnings</h2><ul id="warnings">${report.warnings.map((w) => `<li>${h(w)}</li>`).join('')}</ul>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Drift report · ${h(report.run.target)} · ${h(verdictHeadline(report.run.verdict, report.summary.new))}</title>
<style>${CSS}</style></head>
<body>
${header(report)}
<h2>Operations × checks</h2>${legend}${matrixTable(report)}${notSelected}
${matrixPanels(report)}
${ledgerSections(report)}
${docFindings(report)}
<h2>History</h2><p class="muted">Distinct findings per recorded run (reports/history/), oldest first.</p>${historyChart(history)}
${warnings}
</body></html>
`;
}
