/**
 * The operations x checks matrix of drift.html, and one panel per cell: a cell is a link to its panel, which CSS
 * shows when it is the page's :target (no script). A panel lists the cell's findings with expected and observed side
 * by side, the evidence, and the ledger note; for a passed or skipped cell it says what ran or why not.
 */
import type { CheckOutcome, DriftReport, OperationSummary, ReportFinding } from './report-model.js';
import { anchorId, escapeHtml as h, prettyValue } from './html-escape.js';

const LABEL: Record<CheckOutcome['result'], string> = {
  failed: 'new drift',
  known: 'known drift',
  passed: 'passed',
  'not-exercised': 'not exercised',
  skipped: 'skipped',
};

export const cellId = (operation: string, check: string): string => anchorId('cell', operation, check);

function cellText(c: CheckOutcome): string {
  if (c.result === 'failed') return `${c.new}${c.known ? `+${c.known}` : ''}`;
  if (c.result === 'known') return String(c.known);
  if (c.result === 'passed') return c.resolved ? '✓*' : '✓';
  if (c.result === 'not-exercised') return '○';
  return '–';
}

function cellTitle(op: string, c: CheckOutcome): string {
  const base = `${op} × ${c.check}: ${LABEL[c.result]}`;
  if (c.result === 'failed' || c.result === 'known') return `${base} (${c.new} new, ${c.known} known)`;
  if (c.result === 'passed')
    return `${base} on ${c.exercised} case${c.exercised === 1 ? '' : 's'}${c.resolved ? `, ${c.resolved} resolved` : ''}`;
  return `${base}: ${c.reason ?? ''}`;
}

export function matrixTable(report: DriftReport): string {
  const columns = report.operations[0]?.checks.map((c) => c.check) ?? [];
  if (columns.length === 0) return '<p class="muted">No operation ran.</p>';
  const head = columns.map((c) => `<th class="check" scope="col"><span>${h(c)}</span></th>`).join('');
  const rows = report.operations.map((o) => {
    const cells = o.checks
      .map(
        (c) =>
          `<td class="cell ${c.result}" data-operation="${h(o.operation)}" data-check="${h(c.check)}" data-result="${c.result}">` +
          `<a href="#${cellId(o.operation, c.check)}" title="${h(cellTitle(o.operation, c))}">${h(cellText(c))}</a></td>`,
      )
      .join('');
    return `<tr><th scope="row" class="op">${h(o.operation)}</th>${cells}</tr>`;
  });
  return `<table class="matrix" id="matrix"><thead><tr><th class="corner">operation \\ check</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function evidenceList(f: ReportFinding): string {
  const e = f.evidence;
  if (!e) return '';
  const rows: [string, string | null][] = [
    ['request', `${e.method} ${e.url} → ${e.status}`],
    ['request-id', e.requestId],
    ['client-request-id', e.clientRequestId],
    ['date', e.date],
    ['target', [e.target, e.cloud, e.tenantId].filter((x) => x !== null).join(' · ')],
    ['case', f.caseName],
    ['test', f.test],
  ];
  return `<dl class="evidence">${rows
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v ?? '')}</dd>`)
    .join('')}</dl>`;
}

function findingBlock(group: ReportFinding[]): string {
  const f = group[0] as ReportFinding;
  const more =
    group.length > 1 ? `<p class="muted">Seen in ${group.length} cases: ${group.map((g) => h(g.caseName ?? '')).join(', ')}.</p>` : '';
  const ledger = f.ledger
    ? `<p class="ledger">Ledger: “${h(f.ledger.note)}” · first seen ${h(f.ledger.firstSeen)} · last seen ${h(f.ledger.lastSeen)}</p>`
    : '';
  const observed = f.status === 'resolved' ? '<pre class="muted">(not seen in this run)</pre>' : `<pre>${h(prettyValue(f.observed))}</pre>`;
  return (
    `<article class="finding ${f.status}" data-fingerprint="${h(f.fingerprint)}">` +
    `<header><span class="badge ${f.status}">${f.status}</span> <code>${h(f.pointer === '' ? '(body)' : f.pointer)}</code> ${h(f.message)}</header>` +
    `<div class="sxs"><div class="expected"><h4>expected (contract)</h4><pre>${h(prettyValue(f.expected))}</pre></div>` +
    `<div class="observed"><h4>observed (${h(f.evidence?.target ?? 'service')})</h4>${observed}</div></div>` +
    `${evidenceList(f)}${more}${ledger}<p class="muted">fingerprint <code>${h(f.fingerprint)}</code></p></article>`
  );
}

function panel(report: DriftReport, o: OperationSummary, c: CheckOutcome): string {
  const findings = report.findings.filter((f) => f.operation === o.operation && f.check === c.check);
  const groups = new Map<string, ReportFinding[]>();
  for (const f of findings) groups.set(`${f.status} ${f.fingerprint}`, [...(groups.get(`${f.status} ${f.fingerprint}`) ?? []), f]);
  let body: string;
  if (c.result === 'skipped') body = `<p>Did not run: ${h(c.reason ?? 'no reason recorded')}.</p>`;
  else if (c.result === 'not-exercised') body = `<p>Not exercised: ${h(c.reason ?? 'nothing to look at')}. This is not a pass.</p>`;
  else if (groups.size === 0)
    body = `<p>Looked at ${c.exercised} case${c.exercised === 1 ? '' : 's'}${c.exercised === c.cases ? '' : ` of the ${c.cases} it ran on`} and found nothing.</p>`;
  else body = [...groups.values()].map(findingBlock).join('');
  return (
    `<section class="panel" id="${cellId(o.operation, c.check)}" data-operation="${h(o.operation)}" data-check="${h(c.check)}">` +
    `<h3><span class="badge ${c.result}">${LABEL[c.result]}</span> ${h(o.operation)} × ${h(c.check)} <a class="close" href="#matrix">close</a></h3>${body}</section>`
  );
}

export function matrixPanels(report: DriftReport): string {
  return report.operations.flatMap((o) => o.checks.map((c) => panel(report, o, c))).join('');
}
