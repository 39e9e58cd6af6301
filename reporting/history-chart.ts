/**
 * The findings of each recorded run as an inline SVG bar chart (no script, no fonts fetched): stacked bars of new
 * (red) and known (amber) findings per run, resolved ones as green marks, oldest run on the left. Under each bar a
 * strip in the run's verdict colour: green only for pass (drift red, incomplete grey, error purple).
 */
import { escapeHtml } from './html-escape.js';
import type { HistoryRecord } from './history.js';

const W = 760;
const H = 220;
const PAD = { left: 40, right: 12, top: 16, bottom: 42 };

const fmt = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

/** A y-axis maximum that is a round number at or above `n` (at least 1). */
function niceMax(n: number): number {
  if (n <= 5) return Math.max(1, n);
  const step = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * step >= n) return m * step;
  return 10 * step;
}

export function historyChart(records: readonly HistoryRecord[]): string {
  if (records.length === 0) {
    return '<p class="muted" id="history-empty">No runs recorded in reports/history/ yet.</p>';
  }
  const max = niceMax(Math.max(...records.map((r) => Math.max(r.new + r.known, r.resolved))));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / records.length;
  const barW = Math.max(2, Math.min(28, slot * 0.7));
  const y = (v: number): number => PAD.top + plotH - (v / max) * plotH;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" id="history-chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Findings per run">`,
  );
  for (const v of [0, max / 2, max]) {
    const yy = y(v).toFixed(1);
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${yy}" y2="${yy}" class="grid"/>`);
    parts.push(
      `<text x="${PAD.left - 6}" y="${(Number(yy) + 4).toFixed(1)}" text-anchor="end" class="axis">${Number.isInteger(v) ? v : v.toFixed(1)}</text>`,
    );
  }
  records.forEach((r, i) => {
    const x = PAD.left + i * slot + (slot - barW) / 2;
    const label = `${fmt(r.startedAt)} · ${r.target} · ${r.verdict} · contracts ${r.contractsVersion} · ${r.new} new, ${r.known} known, ${r.resolved} resolved`;
    parts.push(
      `<g class="run" data-started="${escapeHtml(r.startedAt)}" data-verdict="${escapeHtml(r.verdict)}"><title>${escapeHtml(label)}</title>`,
    );
    parts.push(
      `<rect class="strip verdict-${escapeHtml(r.verdict)}" x="${x.toFixed(1)}" y="${(y(0) + 3).toFixed(1)}" width="${barW.toFixed(1)}" height="5"/>`,
    );
    const knownTop = y(r.known);
    if (r.known > 0)
      parts.push(
        `<rect class="bar-known" x="${x.toFixed(1)}" y="${knownTop.toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(0) - knownTop).toFixed(1)}"/>`,
      );
    if (r.new > 0) {
      const top = y(r.known + r.new);
      parts.push(
        `<rect class="bar-new" x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${barW.toFixed(1)}" height="${(knownTop - top).toFixed(1)}"/>`,
      );
    }
    if (r.resolved > 0) {
      parts.push(`<circle class="mark-resolved" cx="${(x + barW / 2).toFixed(1)}" cy="${y(r.resolved).toFixed(1)}" r="4"/>`);
    }
    if (r.new + r.known === 0 && r.verdict === 'pass')
      parts.push(`<rect class="bar-clean" x="${x.toFixed(1)}" y="${(y(0) - 2).toFixed(1)}" width="${barW.toFixed(1)}" height="2"/>`);
    parts.push('</g>');
  });
  const first = records[0];
  const last = records[records.length - 1];
  if (first && last) {
    parts.push(`<text x="${PAD.left}" y="${H - 22}" class="axis">${escapeHtml(fmt(first.startedAt))}</text>`);
    if (records.length > 1)
      parts.push(`<text x="${W - PAD.right}" y="${H - 22}" text-anchor="end" class="axis">${escapeHtml(fmt(last.startedAt))}</text>`);
  }
  const legendY = H - 6;
  parts.push(
    `<rect x="${PAD.left}" y="${legendY - 9}" width="10" height="10" class="bar-new"/><text x="${PAD.left + 14}" y="${legendY}" class="axis">new</text>`,
    `<rect x="${PAD.left + 60}" y="${legendY - 9}" width="10" height="10" class="bar-known"/><text x="${PAD.left + 74}" y="${legendY}" class="axis">known</text>`,
    `<circle cx="${PAD.left + 135}" cy="${legendY - 4}" r="4" class="mark-resolved"/><text x="${PAD.left + 144}" y="${legendY}" class="axis">resolved</text>`,
    `<text x="${PAD.left + 215}" y="${legendY}" class="axis">verdict strip:</text>`,
    ...(['pass', 'drift', 'incomplete', 'error'] as const).map(
      (v, i) =>
        `<rect x="${PAD.left + 295 + i * 85}" y="${legendY - 7}" width="12" height="5" class="strip verdict-${v}"/><text x="${PAD.left + 311 + i * 85}" y="${legendY}" class="axis">${v}</text>`,
    ),
  );
  parts.push('</svg>');
  return parts.join('');
}
