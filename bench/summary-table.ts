/**
 * The table of ratios `npm run bench` prints and reports/bench.md opens with: one row per measure, the figure for
 * the suite (or our mock), the baseline it is compared with, the ratio, the target and whether it is met.
 */
import type { BenchResults } from './results.js';
import { TARGETS } from './results.js';
import { fmtInt, fmtMb, fmtMs, fmtRatio, growthPerThousand, linearity, median, timeGrowth, verdict, type Verdict } from './stats.js';

export interface SummaryRow {
  measure: string;
  ours: string;
  baseline: string;
  ratio: string;
  target: string;
  verdict: Verdict | '';
}

const perExchange = (ms: number, n: number): string => (n > 0 ? `${fmtMs(ms / n)}/exchange` : '-');

export function summaryRows(r: BenchResults): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const failed = (measure: string, error: string): void => {
    rows.push({ measure, ours: `failed: ${error.split('\n')[0] ?? ''}`, baseline: '', ratio: '', target: '', verdict: 'n/a' });
  };
  const t1 = `<= ${TARGETS.overhead.max}x`;
  if (r.inProcess) {
    if (!r.inProcess.ok) failed('1. Suite overhead, in-process runner', r.inProcess.error);
    else {
      const o = r.inProcess.value.result;
      const loopS = median(o.suite.map((s) => s.loopMs ?? Number.NaN));
      const loopB = median(o.bare.map((s) => s.loopMs ?? Number.NaN));
      rows.push({
        measure: `1a. Suite overhead, in-process runner, loop (${fmtInt(o.exchanges)} exchanges, ${fmtInt(o.requests)} requests)`,
        ours: perExchange(loopS, o.exchanges),
        baseline: `bare loop ${perExchange(loopB, o.exchanges)}`,
        ratio: fmtRatio(o.ratioLoop),
        target: t1,
        verdict: verdict(o.ratioLoop, TARGETS.overhead),
      });
      const wallS = median(o.suite.map((s) => s.wallMs));
      const wallB = median(o.bare.map((s) => s.wallMs));
      rows.push({
        measure: '1b. same, whole process (node start, mock, contracts included)',
        ours: perExchange(wallS, o.exchanges),
        baseline: `bare loop ${perExchange(wallB, o.exchanges)}`,
        ratio: fmtRatio(o.ratioWall),
        target: t1,
        verdict: verdict(o.ratioWall, TARGETS.overhead),
      });
    }
  }
  if (r.playwright) {
    if (!r.playwright.ok) failed('1c. Suite overhead, Playwright run', r.playwright.error);
    else {
      const o = r.playwright.value.result;
      const wallS = median(o.suite.map((s) => s.wallMs));
      const wallB = median(o.bare.map((s) => s.wallMs));
      rows.push({
        measure: `1c. Suite overhead, Playwright run, wall (${fmtInt(o.exchanges)} exchanges, ${fmtInt(o.requests)} requests, 1 worker)`,
        ours: perExchange(wallS, o.exchanges),
        baseline: `bare loop ${perExchange(wallB, o.exchanges)}`,
        ratio: fmtRatio(o.ratioWall),
        target: t1,
        verdict: verdict(o.ratioWall, TARGETS.overhead),
      });
      if (o.ratioCpu !== null) {
        const cpuS = median(o.suite.map((s) => s.cpuMs ?? Number.NaN));
        const cpuB = median(o.bare.map((s) => s.cpuMs ?? Number.NaN));
        rows.push({
          measure: '1d. same, CPU time (all processes of each side)',
          ours: perExchange(cpuS, o.exchanges),
          baseline: `bare loop ${perExchange(cpuB, o.exchanges)}`,
          ratio: fmtRatio(o.ratioCpu),
          target: '',
          verdict: '',
        });
      }
      const m = r.playwright.value.marginal;
      if (m) {
        rows.push({
          measure: `1e. same, marginal wall per exchange (VALID_CASES ${r.settings.validCases} -> ${m.validCases}: fixed start-up costs cancel)`,
          ours: `${fmtMs(m.suiteMsPerExchange)}/exchange`,
          baseline: `bare loop ${fmtMs(m.bareMsPerExchange)}/exchange`,
          ratio: fmtRatio(m.ratio),
          target: t1,
          verdict: verdict(m.ratio, TARGETS.overhead),
        });
        if (m.cpuRatio !== null)
          rows.push({
            measure: '1e. same, marginal CPU per exchange',
            ours: `${fmtMs(m.suiteCpuMsPerExchange ?? Number.NaN)}/exchange`,
            baseline: `bare loop ${fmtMs(m.bareCpuMsPerExchange ?? Number.NaN)}/exchange`,
            ratio: fmtRatio(m.cpuRatio),
            target: t1,
            verdict: verdict(m.cpuRatio, TARGETS.overhead),
          });
      }
      const two = r.playwright.value.twoWorkers;
      if (two)
        rows.push({
          measure: '1f. Playwright run with 2 workers instead of 1, wall',
          ours: fmtMs(two.wallMs),
          baseline: `1 worker ${fmtMs(wallS)}`,
          ratio: fmtRatio(two.wallMs / wallS),
          target: '',
          verdict: '',
        });
    }
  }
  if (r.throughput) {
    if (!r.throughput.ok) failed('2. Mock throughput', r.throughput.error);
    else {
      const t = r.throughput.value;
      for (const row of t.rows) {
        rows.push({
          measure: `2. Mock throughput, ${row.op} (2xx req/s)`,
          ours: row.ours ? `${fmtInt(row.ours.okRps)} req/s` : '-',
          baseline: row.prism ? `Prism ${fmtInt(row.prism.okRps)} req/s` : `Prism skipped`,
          ratio: fmtRatio(row.ratio),
          target: `>= ${TARGETS.throughput.min}x`,
          verdict: verdict(row.ratio, TARGETS.throughput),
        });
      }
    }
  }
  if (r.validation) {
    if (!r.validation.ok) failed('3. Validation', r.validation.error);
    else {
      const v = r.validation.value;
      rows.push({
        measure: `3a. Validation, all ${v.allChecks.checks} checks on recorded exchanges`,
        ours: `${fmtInt(v.allChecks.exchangesPerSec)} exchanges/s`,
        baseline: '',
        ratio: '',
        target: '',
        verdict: '',
      });
      rows.push({
        measure: '3b. Validation, compiled ajv response validators alone',
        ours: `${fmtInt(v.ajvOnly.validationsPerSec)} bodies/s`,
        baseline: `${v.compiles.duringLoops} compiles in the loops (${v.compiles.total} in the process)`,
        ratio: '',
        target: 'compiled once',
        verdict: v.compiles.duringLoops === 0 ? 'met' : 'not met',
      });
    }
  }
  if (r.explore) {
    if (!r.explore.ok) failed('6. Exploration', r.explore.error);
    else {
      const e = r.explore.value;
      rows.push({
        measure: `6. Exploration, mock default (${e.casesPerOperation} cases x ${e.operations} operations)`,
        ours: `${fmtMs(e.runMs)} (${e.msPerCase.toFixed(2)} ms/case)`,
        baseline: `generation alone ${e.generationMsPerCase.toFixed(2)} ms/case`,
        ratio: '',
        target: '',
        verdict: '',
      });
    }
  }
  if (r.scale) {
    if (!r.scale.ok) failed('4. Scale', r.scale.error);
    else {
      for (const [label, points] of [
        ['runAll, passes until N (streamed, findings to a file)', r.scale.value.stream],
        ['runAll, one pass sized to N (streamed)', r.scale.value.runall],
      ] as const) {
        const ran = points.filter((p) => p.skipped === null && p.exchanges > 0);
        if (ran.length === 0) continue;
        const lin = linearity(ran.map((p) => ({ n: p.exchanges, ms: p.loopMs })));
        const growth = timeGrowth(ran.map((p) => ({ n: p.exchanges, ms: p.loopMs })));
        const heap = growthPerThousand(ran.map((p) => ({ n: p.exchanges, mb: p.heapAfterMb - p.heapBeforeMb })));
        const span = `${fmtInt(ran[0]?.exchanges ?? 0)}..${fmtInt(ran[ran.length - 1]?.exchanges ?? 0)} exchanges`;
        rows.push({
          measure: `4. Scale, ${label}, ${span}`,
          ours: ran.map((p) => fmtMs(p.loopMs)).join(' / '),
          baseline: `peak RSS ${ran.map((p) => fmtMb(p.maxRssMb)).join(' / ')}; retained heap ${heap === null ? 'n/a' : `${heap >= 0 ? '+' : ''}${fmtMb(heap)}`} per 1,000`,
          ratio: `time/exchange ${ran.map((p) => fmtMs(p.loopMs / p.exchanges)).join(' / ')} (largest / smallest point ${growth.toFixed(2)}x; spread ${lin.spread.toFixed(2)}x)`,
          target: 'linear, flat',
          verdict: heap === null ? 'n/a' : growth <= 1.5 && heap < 1 ? 'met' : 'not met',
        });
      }
    }
  }
  return rows;
}

/** A fixed-width text table for the terminal. */
export function textTable(rows: readonly SummaryRow[]): string {
  const head = ['measure', 'suite / ours', 'baseline', 'ratio', 'target', 'verdict'];
  const cells = rows.map((r) => [r.measure, r.ours, r.baseline, r.ratio, r.target, r.verdict]);
  const widths = head.map((h, i) => Math.min(80, Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length))));
  const line = (c: readonly string[]): string =>
    c
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function markdownTable(rows: readonly SummaryRow[]): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  return [
    '| measure | suite / ours | baseline | ratio | target | verdict |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${esc(r.measure)} | ${esc(r.ours)} | ${esc(r.baseline)} | ${esc(r.ratio)} | ${esc(r.target)} | ${r.verdict} |`),
  ].join('\n');
}
