/**
 * reports/bench.md: the summary table, then what each part measured in detail, and the CPU profiles.
 */
import type { AreaDifference } from './cpu-profile.js';
import { describeMachine } from './machine.js';
import type { OverheadResult } from './overhead.js';
import type { ProfileReport } from './profile.js';
import type { BenchResults, Outcome } from './results.js';
import { fmtInt, fmtMb, fmtMs, fmtRatio } from './stats.js';
import { markdownTable, summaryRows } from './summary-table.js';
import type { ThroughputReport } from './throughput.js';

function section<T>(title: string, outcome: Outcome<T> | undefined, body: (v: T) => string[]): string[] {
  if (!outcome) return [];
  if (!outcome.ok) return [`## ${title}`, '', `Failed: ${outcome.error}`, ''];
  return [`## ${title}`, '', ...body(outcome.value), ''];
}

const samples = (xs: readonly (number | null)[]): string => xs.map((x) => (x === null ? '-' : fmtMs(x))).join(', ');
const esc = (s: string): string => s.replace(/\|/g, '\\|');

function overheadTable(o: OverheadResult, loop: boolean): string[] {
  return [
    '| run | suite | bare loop |',
    '|---|---|---|',
    ...(loop ? [`| loop only | ${samples(o.suite.map((s) => s.loopMs))} | ${samples(o.bare.map((s) => s.loopMs))} |`] : []),
    `| whole process (wall) | ${samples(o.suite.map((s) => s.wallMs))} | ${samples(o.bare.map((s) => s.wallMs))} |`,
    `| CPU, all its processes | ${samples(o.suite.map((s) => s.cpuMs))} | ${samples(o.bare.map((s) => s.cpuMs))} |`,
    '',
    `Ratios, median of back-to-back pairs: ${loop ? `loop ${fmtRatio(o.ratioLoop)}, ` : ''}wall ${fmtRatio(o.ratioWall)}, CPU ${fmtRatio(o.ratioCpu)}.`,
    ...o.notes.map((n) => `- ${n}`),
  ];
}

function profileTables(p: ProfileReport): string[] {
  const s = p.summary;
  return [
    `### ${p.subject}`,
    '',
    `Sampled ${fmtMs(s.totalMs)}, busy ${fmtMs(s.busyMs)}.`,
    '',
    '| self time by area | ms | share |',
    '|---|---:|---:|',
    ...s.areas.slice(0, 15).map((a) => `| ${esc(a.key)} | ${a.ms.toFixed(0)} | ${(a.share * 100).toFixed(1)}% |`),
    '',
    '| top self-time functions | ms | share |',
    '|---|---:|---:|',
    ...s.functions.map((f) => `| \`${esc(f.key)}\` | ${f.ms.toFixed(0)} | ${(f.share * 100).toFixed(1)}% |`),
    '',
  ];
}

function differenceTable(d: readonly AreaDifference[]): string[] {
  const shown = d.filter((x) => Math.abs(x.extraMs) >= 5).slice(0, 15);
  const total = d.reduce((n, x) => n + x.extraMs, 0);
  return [
    `### What the suite spends beyond the bare loop (self time by area, suite minus bare; total ${fmtMs(total)})`,
    '',
    '| area | suite ms | bare ms | extra ms |',
    '|---|---:|---:|---:|',
    ...shown.map((x) => `| ${esc(x.area)} | ${x.aMs.toFixed(0)} | ${x.bMs.toFixed(0)} | ${x.extraMs.toFixed(0)} |`),
    '',
  ];
}

export function renderBenchMarkdown(r: BenchResults): string {
  const busy = Math.max(r.loadBefore[0] ?? 0, r.loadAfter[0] ?? 0);
  const lines: string[] = [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench\` on ${r.startedAt.slice(0, 10)} in ${fmtMs(r.durationMs)}.`,
    '',
    `Machine: ${describeMachine(r.machine)}. Load average (1, 5, 15 min) before: ${r.loadBefore.join(', ')}; after: ${r.loadAfter.join(', ')}.` +
      (busy > 0.5 * r.machine.nproc
        ? ' Other processes were busy during the run, so every figure is noisier than on an idle machine; the ratios pair runs back to back to cancel most of it.'
        : ''),
    '',
    `Settings: VALID_CASES=${r.settings.validCases}, ${r.settings.rounds} in-process pair(s), ${r.settings.playwrightRounds} Playwright pair(s) per size, ${r.settings.connections} connections x ${fmtMs(r.settings.durationMs)} per throughput row, scale points ${r.settings.scalePoints.map(fmtInt).join(', ')}${r.settings.marginal ? '' : ', no marginal Playwright run'}.`,
    '',
    markdownTable(summaryRows(r)),
    '',
    'Ratios are medians of back-to-back pairs (suite / bare, ours / Prism). Scale: "linear" when the time per exchange at the largest point is at most 1.5x that at the smallest (a small point may cost more per exchange: it is a partial pass, where the setup requests of the first operations weigh more), "flat" when the heap retained after a full GC grows by less than 1 MB per 1,000 exchanges between the two largest points.',
    '',
  ];
  lines.push(
    ...section('OpenAPI export served by Prism', r.openapi, (o) => [
      `${o.file}: ${o.operations} operations, ${o.schemas} component schemas, valid OpenAPI 3.1 (\`npm run contracts:openapi\` writes the same document to reports/openapi.json).`,
    ]),
  );
  lines.push(
    ...section('1. Suite overhead, in-process runner', r.inProcess, (v) => {
      const o = v.result;
      return [
        `${fmtInt(o.exchanges)} exchanges (${fmtInt(o.requests)} HTTP requests with setup and cleanup). The bare loop replays the recorded requests with plain fetch against the same embedded mock in its own process; ${o.mismatches === 0 ? 'every replayed answer had the recorded status' : `${o.mismatches} replayed answers differed from the recorded ones`}.`,
        '',
        ...overheadTable(o, true),
      ];
    }),
  );
  lines.push(
    ...section('1. Suite overhead, Playwright', r.playwright, (p) => {
      const o = p.result;
      const m = p.marginal;
      return [
        `\`playwright test --project=mock --workers=1\` in a child process, exchanges from the drift.json it writes (${fmtInt(o.exchanges)}; ${fmtInt(o.requests)} HTTP requests recorded in its worker), against the bare loop replaying those requests; ${o.mismatches === 0 ? 'every replayed answer had the recorded status' : `${o.mismatches} replayed answers differed`}.`,
        '',
        ...overheadTable(o, false),
        ...(m
          ? [
              `- marginal cost per exchange from VALID_CASES=${r.settings.validCases} to ${m.validCases} (${fmtInt(m.exchanges)} exchanges): wall suite ${fmtMs(m.suiteMsPerExchange)}, bare ${fmtMs(m.bareMsPerExchange)} (${fmtRatio(m.ratio)}); CPU suite ${m.suiteCpuMsPerExchange === null ? '-' : fmtMs(m.suiteCpuMsPerExchange)}, bare ${m.bareCpuMsPerExchange === null ? '-' : fmtMs(m.bareCpuMsPerExchange)} (${fmtRatio(m.cpuRatio)}). Differences of medians: noisier than the end-to-end ratio.`,
            ]
          : []),
        ...(p.twoWorkers
          ? [
              `- with 2 workers: ${fmtMs(p.twoWorkers.wallMs)} wall, ${p.twoWorkers.cpuMs === null ? '-' : fmtMs(p.twoWorkers.cpuMs)} CPU (${p.twoWorkers.summary})`,
            ]
          : []),
      ];
    }),
  );
  lines.push(
    ...section('2. Mock throughput', r.throughput, (t) => {
      return [
        'The same load generator (node:http keep-alive, in the bench process), the same bodies (64 generated valid pools), the same machine; each server in its own process; rows interleaved. Only 2xx answers count. Get and list read a tenant holding one pool.',
        '',
        '| operation | npm run mock | p50 / p99 | Prism | p50 / p99 | ours / Prism |',
        '|---|---:|---|---:|---|---:|',
        ...t.rows.map(
          (row) =>
            `| ${row.op} | ${row.ours ? fmtInt(row.ours.okRps) : '-'} | ${row.ours ? `${fmtMs(row.ours.p50Ms)} / ${fmtMs(row.ours.p99Ms)}` : '-'} | ${row.prism ? fmtInt(row.prism.okRps) : '-'} | ${row.prism ? `${fmtMs(row.prism.p50Ms)} / ${fmtMs(row.prism.p99Ms)}` : '-'} | ${fmtRatio(row.ratio)} |`,
        ),
        '',
        ...(t.prismSkipped ? [`Prism rows skipped: ${t.prismSkipped}`, ''] : []),
        ...prismConformanceLines(t.prismConformance),
        ...[...t.notes, ...t.rows.flatMap((row) => row.notes.map((n) => `${row.op}: ${n}`))].map((n) => `- ${n}`),
      ];
    }),
  );
  lines.push(
    ...section('3. Validation', r.validation, (v) => [
      `${fmtInt(v.exchanges)} exchanges recorded from one in-process pass (each with its operation and the earlier exchanges its checks saw), re-checked in a loop: ${fmtInt(v.allChecks.exchangesPerSec)} exchanges/s with all ${v.allChecks.checks} checks; the compiled ajv response validators alone: ${fmtInt(v.ajvOnly.validationsPerSec)} bodies/s. Ajv compiled ${v.compiles.total} validators in the whole process and ${v.compiles.duringLoops} during the timed loops: validators are compiled once and reused.`,
      '',
      '| check | µs per exchange |',
      '|---|---:|',
      ...v.perCheck.map((c) => `| ${c.check} | ${c.usPerExchange.toFixed(1)} |`),
    ]),
  );
  lines.push(
    ...section('6. Exploration', r.explore, (e) => [
      `The default mock exploration (tests/conformance/explore.spec.ts: ${e.casesPerOperation} cases for each of the ${e.operations} operations with a body, every strategy, all checks), in-process against the embedded mock after one warm-up run: ${e.cases} cases, ${e.exchanges} exchanges, ${e.objects} objects made, ${e.findings} findings, in ${fmtMs(e.runMs)} (${e.msPerCase.toFixed(2)} ms per case). Generating the bodies alone costs ${e.generationMsPerCase.toFixed(2)} ms per case (${fmtMs(e.generationMs)} for all).`,
    ]),
  );
  lines.push(
    ...section('4. Scale', r.scale, (s) => [
      'Each point is a fresh process against the embedded mock with the `patch-204` fault (every update gives a finding, so there are findings to keep or to stream), warmed up first; the heap is measured after full GCs. Both modes are runner/run-all.ts, which hands each result on and keeps none: "stream" runs pass after pass (5 generated bodies per operation, each pass with its own tracker, cleaned up when it ends) until N exchanges and writes the findings to a file; "runall" makes one pass sized to N (as many generated bodies per operation as that takes) and counts the results.',
      '',
      '| mode | exchanges | findings | time | per exchange | peak RSS | heap before -> after |',
      '|---|---:|---:|---:|---:|---:|---|',
      ...[...s.stream, ...s.runall].map((p) =>
        p.skipped
          ? `| ${p.mode} | ${fmtInt(p.target)} | - | - | - | - | skipped: ${p.skipped} |`
          : `| ${p.mode} | ${fmtInt(p.exchanges)} | ${fmtInt(p.findings)} | ${fmtMs(p.loopMs)} | ${fmtMs(p.loopMs / p.exchanges)} | ${fmtMb(p.maxRssMb)} | ${fmtMb(p.heapBeforeMb)} -> ${fmtMb(p.heapAfterMb)} |`,
      ),
    ]),
  );
  lines.push(
    ...section('5. Profiles', r.profiles, (p) => [
      ...differenceTable(p.difference),
      ...profileTables(p.suite),
      ...profileTables(p.bare),
      ...(p.playwrightWorker ? profileTables(p.playwrightWorker) : []),
      ...profileTables(p.mock),
      ...p.notes.map((n) => `- ${n}`),
    ]),
  );
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** Prism and the contracts: its mock answers checked, and the proxy lifecycle's violations. */
function prismConformanceLines(c: ThroughputReport['prismConformance']): string[] {
  if (!c) return [];
  const bad = c.answers.filter((a) => a.violations.length > 0);
  const lines = [
    `Prism's mock answers against the contracts: ${c.answers.length - bad.length} of ${c.answers.length} satisfy them${bad.length ? ` (${bad.map((a) => `${a.op} ${a.status}: ${a.violations.join('; ')}`).join(' | ')})` : ''}.`,
  ];
  if (c.proxy) {
    const p = c.proxy;
    lines.push(
      `Pool lifecycle through \`prism proxy --errors\` in front of our mock: ${p.steps.length} steps, ${p.violations} violation(s), ${p.unexpected} unexpected status(es).`,
    );
    for (const step of p.steps.filter((s) => s.violations.length > 0)) lines.push(`- ${step.step}: ${step.violations.join('; ')}`);
  } else lines.push(`Proxy lifecycle not run: ${c.proxySkipped ?? 'unknown reason'}`);
  lines.push('');
  return lines;
}
