/**
 * The bench's arithmetic and reading of inputs, on invented data: CPU profile summaries, medians and paired ratios,
 * verdicts, the summary table and report, drift.json exchange counts, flags, machine facts, the Prism install check.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlagError, flagNumber, flagNumbers, flagSet, flagString, unknownFlags } from '../../bench/cli-flags.js';
import { areaDifference, areaOf, nodeArea, ProfileError, readProfile, summarizeProfile, type CpuProfile } from '../../bench/cpu-profile.js';
import type { LoadResult } from '../../bench/load-generator.js';
import { cpuModel } from '../../bench/machine.js';
import { driftExchanges } from '../../bench/overhead.js';
import { ensurePrism, installedPrism, PRISM_VERSION } from '../../bench/prism.js';
import { renderBenchMarkdown } from '../../bench/report-md.js';
import type { BenchResults } from '../../bench/results.js';
import { growthPerThousand, linearity, median, pairedRatio, verdict } from '../../bench/stats.js';
import { markdownTable, summaryRows, textTable } from '../../bench/summary-table.js';

const ROOT = '/repo';

/** root -> a (repo file) -> b (package), plus idle; samples 1 ms apart. */
function invented(): CpuProfile {
  const frame = (functionName: string, url: string, lineNumber = 0): CpuProfile['nodes'][number]['callFrame'] => ({
    functionName,
    url,
    lineNumber,
  });
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)', ''), children: [2, 4] },
      { id: 2, callFrame: frame('runCase', 'file:///repo/runner/execute.ts', 9), children: [3] },
      { id: 3, callFrame: frame('validate', 'file:///repo/node_modules/ajv/dist/x.js', 0) },
      { id: 4, callFrame: frame('(idle)', '') },
    ],
    startTime: 0,
    endTime: 6000,
    // each sample lasts until the next one: 2 -> 1 ms, 3 -> 1 ms, 3 -> 2 ms, 4 -> 1 ms, 2 -> 1 ms (to endTime)
    samples: [2, 3, 3, 4, 2],
    timeDeltas: [0, 1000, 1000, 2000, 1000],
  };
}

test.describe('CPU profiles', () => {
  test('self time per function and per area, a sample lasting until the next one', () => {
    const s = summarizeProfile(invented(), ROOT);
    expect(s.totalMs).toBe(6);
    expect(s.busyMs).toBe(5);
    expect(s.functions).toEqual([
      { key: 'validate (ajv/dist/x.js:1)', ms: 3, share: 0.5 },
      { key: 'runCase (runner/execute.ts:10)', ms: 2, share: 2 / 6 },
      { key: '(idle)', ms: 1, share: 1 / 6 },
    ]);
    expect(s.areas.map((a) => [a.key, a.ms])).toEqual([
      ['ajv', 3],
      ['runner/', 2],
      ['(idle)', 1],
    ]);
  });

  test('areas: packages (scoped too), repository folders, Node by purpose, V8 pseudo-frames', () => {
    const at = (url: string, functionName = 'f'): string => areaOf({ functionName, url, lineNumber: 0 }, ROOT);
    expect(at('file:///repo/node_modules/@faker-js/faker/dist/a.js')).toBe('@faker-js/faker');
    expect(at('file:///repo/node_modules/msw/node_modules/path-to-regexp/x.js')).toBe('path-to-regexp');
    expect(at('file:///repo/mocks/handlers.ts')).toBe('mocks/');
    expect(at('file:///elsewhere/x.js')).toBe('other');
    expect(at('', '(garbage collector)')).toBe('(garbage collector)');
    expect(at('', 'writev')).toBe('(native)');
    expect(nodeArea('node:internal/deps/undici/undici')).toMatch(/^node: undici/);
    expect(nodeArea('node:internal/abort_controller')).toBe('node: AbortSignal, EventTarget, DOMException');
    expect(nodeArea('node:internal/modules/esm/hooks')).toBe('node: module loading');
    expect(nodeArea('node:internal/webstreams/readablestream')).toBe('node: streams');
    expect(nodeArea('node:_http_server')).toBe('node: http');
    expect(nodeArea('node:fs')).toBe('node: fs');
  });

  test('the difference of two profiles by area, idle left out, largest extra first', () => {
    const a = summarizeProfile(invented(), ROOT);
    const b = summarizeProfile({ ...invented(), samples: [3, 3, 3, 3, 3] }, ROOT);
    expect(areaDifference(a, b)).toEqual([
      { area: 'runner/', aMs: 2, bMs: 0, extraMs: 2 },
      { area: 'ajv', aMs: 3, bMs: 6, extraMs: -3 },
    ]);
  });

  test('a file that is not a CPU profile is an error naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-prof-'));
    try {
      writeFileSync(join(dir, 'bad.cpuprofile'), '{"nodes": 3}');
      expect(() => readProfile(join(dir, 'bad.cpuprofile'))).toThrow(ProfileError);
      expect(() => readProfile(join(dir, 'bad.cpuprofile'))).toThrow(/bad\.cpuprofile: not a V8 CPU profile/);
      expect(() => readProfile(join(dir, 'none.cpuprofile'))).toThrow(/not a readable CPU profile/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test.describe('stats', () => {
  test('median, paired ratio (median of per-pair ratios), verdicts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(pairedRatio([10, 30, 12], [5, 10, 12])).toBe(2);
    expect(pairedRatio([1, 2], [0, 1])).toBe(2);
    expect(verdict(1.4, { max: 1.5 })).toBe('met');
    expect(verdict(1.6, { max: 1.5 })).toBe('not met');
    expect(verdict(2.5, { min: 2 })).toBe('met');
    expect(verdict(1.9, { min: 2 })).toBe('not met');
    expect(verdict(null, { min: 2 })).toBe('n/a');
    expect(verdict(Number.NaN, { max: 1 })).toBe('n/a');
  });

  test('linearity is the spread of time per exchange; memory growth is measured between the two largest points', () => {
    expect(
      linearity([
        { n: 100, ms: 100 },
        { n: 1000, ms: 1000 },
        { n: 10000, ms: 10000 },
      ]).spread,
    ).toBe(1);
    expect(
      linearity([
        { n: 100, ms: 100 },
        { n: 1000, ms: 3000 },
      ]).spread,
    ).toBe(3);
    expect(
      growthPerThousand([
        { n: 100, mb: 50 },
        { n: 1000, mb: 1 },
        { n: 10000, mb: 10 },
      ]),
    ).toBe(1);
    expect(growthPerThousand([{ n: 1000, mb: 1 }])).toBeNull();
  });
});

function results(): BenchResults {
  const sample = (ms: number): { wallMs: number; cpuMs: number; loopMs: number } => ({ wallMs: ms + 500, cpuMs: ms, loopMs: ms });
  const load = (okRps: number): LoadResult => ({
    requests: 100,
    ok: 100,
    statuses: { '200': 100 },
    errors: 0,
    firstError: null,
    elapsedMs: 1000,
    rps: okRps,
    okRps,
    p50Ms: 1,
    p99Ms: 2,
    sockets: 8,
  });
  return {
    startedAt: '2026-01-02T03:04:05.000Z',
    durationMs: 1000,
    machine: { cpuModel: 'Invented CPU', nproc: 2, memoryGiB: 24, node: 'v20.0.0', os: 'Linux 6' },
    loadBefore: [0.1, 0.1, 0.1],
    loadAfter: [0.2, 0.1, 0.1],
    settings: {
      validCases: 120,
      marginal: true,
      rounds: 2,
      playwrightRounds: 1,
      connections: 8,
      durationMs: 3000,
      scalePoints: [100, 1000],
    },
    inProcess: {
      ok: true,
      value: {
        result: {
          name: 'in-process',
          exchanges: 1000,
          requests: 1500,
          suite: [sample(1200), sample(1300)],
          bare: [sample(1000), sample(1000)],
          ratioWall: 1.2,
          ratioCpu: 1.25,
          ratioLoop: 1.25,
          mismatches: 0,
          notes: ['a note'],
        },
      },
    },
    playwright: { ok: false, error: 'playwright test exited with 1\nmore detail' },
    throughput: {
      ok: true,
      value: {
        rows: [
          { op: 'create', ours: load(3000), prism: load(1000), ratio: 3, notes: [] },
          { op: 'get', ours: load(1500), prism: load(1000), ratio: 1.5, notes: ['a row note'] },
        ],
        prismSkipped: null,
        prismConformance: {
          answers: [
            { op: 'create', status: 201, violations: [] },
            { op: 'get', status: 200, violations: ['/@odata.type must be equal to one of the allowed values'] },
          ],
          proxy: {
            steps: [{ step: 'update pool', method: 'PATCH', path: '/p', status: 500, expected: 200, violations: ['response: media type'] }],
            violations: 1,
            unexpected: 0,
          },
          proxySkipped: null,
        },
        notes: [],
      },
    },
  };
}

test.describe('summary and report', () => {
  test('rows carry figures, ratios and verdicts against the targets; a failed part is a row that says so', () => {
    const rows = summaryRows(results());
    const by = (prefix: string): { ratio: string; verdict: string; ours: string } | undefined =>
      rows.find((r) => r.measure.startsWith(prefix));
    expect(by('1a.')).toMatchObject({ ratio: '1.25x', verdict: 'met', ours: '1.25 ms/exchange' });
    expect(by('1b.')).toMatchObject({ ratio: '1.20x', verdict: 'met' });
    expect(by('1c.')).toMatchObject({ ours: 'failed: playwright test exited with 1', verdict: 'n/a' });
    expect(rows.filter((r) => r.measure.startsWith('2. ')).map((r) => [r.ratio, r.verdict])).toEqual([
      ['3.00x', 'met'],
      ['1.50x', 'not met'],
    ]);
    expect(rows.find((r) => r.measure.startsWith('2. Mock throughput, create'))).toMatchObject({
      ours: '3,000 req/s',
      baseline: 'Prism 1,000 req/s',
    });
    const text = textTable(rows);
    expect(text.split('\n')[0]).toMatch(/^measure\s+suite \/ ours\s+baseline\s+ratio\s+target\s+verdict$/);
    expect(markdownTable(rows)).toContain('| measure | suite / ours | baseline | ratio | target | verdict |');
  });

  test('the markdown report names the machine and has a section per part that ran', () => {
    const md = renderBenchMarkdown(results());
    expect(md).toContain('Machine: Invented CPU, 2 cores (nproc), 24 GiB RAM, Node v20.0.0');
    expect(md).toContain('## 1. Suite overhead, in-process runner');
    expect(md).toContain('## 1. Suite overhead, Playwright\n\nFailed: playwright test exited with 1');
    expect(md).toContain('## 2. Mock throughput');
    expect(md).not.toContain('## 4. Scale');
    expect(md).toContain('- get: a row note');
    expect(md).toContain("Prism's mock answers against the contracts: 1 of 2 satisfy them (get 200: /@odata.type must be");
    expect(md).toContain('1 steps, 1 violation(s), 0 unexpected status(es).\n- update pool: response: media type');
    expect(md.endsWith('\n')).toBe(true);
  });
});

test.describe('inputs', () => {
  test('drift.json exchanges from run.exchanges or totals.exchanges; otherwise an error naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-drift-'));
    try {
      const f = join(dir, 'drift.json');
      writeFileSync(f, JSON.stringify({ run: { exchanges: 1045 } }));
      expect(driftExchanges(f)).toBe(1045);
      writeFileSync(f, JSON.stringify({ totals: { exchanges: 240 } }));
      expect(driftExchanges(f)).toBe(240);
      writeFileSync(f, JSON.stringify({ run: {} }));
      expect(() => driftExchanges(f)).toThrow(/drift\.json: no exchange count at run\.exchanges or totals\.exchanges/);
      expect(() => driftExchanges(join(dir, 'absent.json'))).toThrow(/absent\.json: cannot read the drift report/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('flags: numbers, lists, strings, unknown ones, with errors naming the flag', () => {
    const argv = ['--valid', '30', '--scale=100,1000', '--out', 'x.md', '--quick', '--bogus'];
    expect(flagNumber(argv, '--valid', 5)).toBe(30);
    expect(flagNumber(argv, '--rounds', 3)).toBe(3);
    expect(flagNumbers(argv, '--scale', [1])).toEqual([100, 1000]);
    expect(flagString(argv, '--out')).toBe('x.md');
    expect(flagSet(argv, '--quick')).toBe(true);
    expect(unknownFlags(argv, ['--quick'], ['--valid', '--scale', '--out'])).toEqual(['--bogus']);
    expect(() => flagNumber(['--valid', 'many'], '--valid', 5)).toThrow(FlagError);
    expect(() => flagNumber(['--valid', '-1'], '--valid', 5)).toThrow(/--valid needs a whole number from 0/);
    expect(() => flagNumbers(['--scale', '100,,5'], '--scale', [])).toThrow(/--scale needs positive whole numbers/);
    expect(() => flagString(['--out='], '--out')).toThrow(/--out needs a value/);
  });

  test('the CPU model comes from /proc/cpuinfo text', () => {
    expect(cpuModel('processor\t: 0\nmodel name\t: Invented EPYC 1234\nflags\t: x\n')).toBe('Invented EPYC 1234');
    expect(cpuModel('no model here').length).toBeGreaterThan(0);
  });

  test('Prism counts as installed only at the pinned version; a folder that cannot be made is a skip with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-prism-'));
    try {
      expect(installedPrism(dir)).toBeNull();
      const pkg = join(dir, 'node_modules', '@stoplight', 'prism-cli');
      mkdirSync(join(pkg, 'dist'), { recursive: true });
      writeFileSync(join(pkg, 'dist', 'index.js'), '');
      writeFileSync(join(pkg, 'package.json'), JSON.stringify({ version: '4.0.0', bin: { prism: './dist/index.js' } }));
      expect(installedPrism(dir)).toBeNull();
      writeFileSync(join(pkg, 'package.json'), JSON.stringify({ version: PRISM_VERSION, bin: { prism: './dist/index.js' } }));
      expect(installedPrism(dir)).toBe(join(pkg, 'dist', 'index.js'));
      expect(await ensurePrism(dir)).toEqual({ entry: join(pkg, 'dist', 'index.js'), installed: false, dir });
      const file = join(dir, 'a-file');
      writeFileSync(file, '');
      const skipped = await ensurePrism(join(file, 'below'));
      expect('skipped' in skipped && skipped.skipped).toMatch(/cannot create .*a-file\/below/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
