/**
 * .github/workflows/conformance.yml: valid YAML, the jobs the README promises (mock on every push; live on a
 * schedule, federated sign-in without secrets, sharded, merged, reports uploaded), every `npm run X` it runs exists
 * in package.json, and its closing gate fails exactly on new drift.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import * as yaml from 'yaml';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const FILE = join(ROOT, '.github', 'workflows', 'conformance.yml');
const TEXT = readFileSync(FILE, 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  strategy?: { matrix?: Record<string, unknown[]> };
  env?: Record<string, string>;
  environment?: string;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

function parse(): Workflow {
  const doc = yaml.parseDocument(TEXT);
  expect(
    doc.errors.map((e) => e.message),
    `${FILE} is not valid YAML`,
  ).toEqual([]);
  expect(doc.warnings.map((e) => e.message)).toEqual([]);
  return doc.toJS() as Workflow;
}

const runs = (job: Job): string[] => job.steps.map((s) => s.run).filter((r): r is string => typeof r === 'string');
const uses = (job: Job): string[] => job.steps.map((s) => s.uses).filter((u): u is string => typeof u === 'string');

test('valid YAML with the jobs, triggers and least permissions', () => {
  const wf = parse();
  expect(Object.keys(wf.on).sort()).toEqual(['pull_request', 'push', 'schedule', 'workflow_dispatch']);
  const cron = (wf.on.schedule as { cron: string }[])[0]?.cron ?? '';
  expect(cron.split(' ')).toHaveLength(5);
  expect(wf.permissions).toEqual({ contents: 'read' });
  expect(Object.keys(wf.jobs)).toEqual(['mock', 'live', 'live-report']);
  // The parser is strict enough to matter: a broken copy fails.
  expect(yaml.parseDocument(TEXT.replace('    steps:\n', '    steps:\n   - bad: [\n')).errors.length).toBeGreaterThan(0);
});

test('every `npm run X` exists in package.json, every npx tool is installed, every action is pinned', () => {
  const scripts = Object.keys(
    (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts,
  );
  const wf = parse();
  const all = Object.values(wf.jobs).flatMap(runs).join('\n');
  const npmRuns = [...all.matchAll(/npm run ([\w:.-]+)/g)].map((m) => m[1] ?? '');
  expect(npmRuns.length).toBeGreaterThan(0);
  for (const s of npmRuns) expect(scripts, `the workflow runs "npm run ${s}", which package.json does not define`).toContain(s);
  for (const [, tool] of all.matchAll(/npx ([\w@/.-]+)/g)) {
    expect(
      () => execFileSync(join(ROOT, 'node_modules', '.bin', tool ?? ''), ['--version'], { stdio: 'pipe' }),
      `npx ${tool}`,
    ).not.toThrow();
  }
  for (const u of Object.values(wf.jobs).flatMap(uses))
    expect(u, 'actions are pinned to a major version').toMatch(/^[\w-]+\/[\w/-]+@v\d+$/);
});

test('mock: on every push and pull request, the conformance run, reports kept', () => {
  const job = parse().jobs.mock;
  expect(job?.if).toContain("github.event_name == 'push'");
  expect(job?.if).toContain("github.event_name == 'pull_request'");
  expect(runs(job as Job)).toContain('npm run conformance');
  const upload = job?.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
  expect(upload).toMatchObject({ if: 'always()', with: { path: 'reports/' } });
  expect(runs(job as Job).some((r) => r.includes('$GITHUB_STEP_SUMMARY'))).toBe(true);
});

test('live: scheduled, federated sign-in without secrets, sharded across the matrix with blob reports', () => {
  const wf = parse();
  const job = wf.jobs.live as Job;
  expect(job.if).toContain("github.event_name == 'schedule'");
  expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  expect(TEXT).not.toMatch(/secrets\./);
  expect(uses(job)).toContain('azure/login@v2');
  const login = job.steps.find((s) => s.uses === 'azure/login@v2');
  expect(login?.with).toEqual({
    'client-id': '${{ vars.AZURE_CLIENT_ID }}',
    'tenant-id': '${{ vars.AZURE_TENANT_ID }}',
    'allow-no-subscriptions': true,
  });
  expect(job.env).toMatchObject({
    GRAPH_AUTH: 'workload',
    AZURE_CLIENT_ID: '${{ vars.AZURE_CLIENT_ID }}',
    AZURE_TENANT_ID: '${{ vars.AZURE_TENANT_ID }}',
  });
  expect(job.steps.some((s) => String(s.with?.script ?? '').includes("core.exportVariable('AZURE_FEDERATED_TOKEN_FILE'"))).toBe(true);

  const shards = job.strategy?.matrix?.shard ?? [];
  expect(shards).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1));
  expect(shards.length).toBeGreaterThan(1);
  const run = runs(job).find((r) => r.includes('--shard=')) ?? '';
  expect(run).toBe(`npm run conformance -- --project=live --shard=\${{ matrix.shard }}/${shards.length} --reporter=blob`);
  const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
  expect(upload?.with).toMatchObject({ name: 'blob-report-${{ matrix.shard }}', path: 'blob-report/' });
});

test('live-report: merges the shards with merge-reports, uploads reports/, fails on new drift only', () => {
  const job = parse().jobs['live-report'] as Job;
  expect(job.needs).toBe('live');
  const download = job.steps.find((s) => s.uses?.startsWith('actions/download-artifact@'));
  expect(download?.with).toEqual({ pattern: 'blob-report-*', path: 'all-blob-reports', 'merge-multiple': true });
  expect(runs(job)).toContain('npx playwright merge-reports --config playwright.config.ts ./all-blob-reports');
  const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
  expect(upload).toMatchObject({ if: 'always()', with: { name: 'reports-live', path: 'reports/' } });

  const gate = job.steps.find((s) => s.name === 'Fail on new drift')?.run ?? '';
  const dir = mkdtempSync(join(tmpdir(), 'gate-'));
  mkdirSync(join(dir, 'reports'));
  const runGate = (verdict: string): number => {
    writeFileSync(
      join(dir, 'reports', 'drift.json'),
      JSON.stringify({ run: { verdict }, summary: { new: verdict === 'fail' ? 2 : 0, known: 1, resolved: 0 } }),
    );
    try {
      execFileSync('bash', ['-c', gate], { cwd: dir, stdio: 'pipe' });
      return 0;
    } catch (e) {
      return (e as { status: number }).status;
    }
  };
  expect(runGate('pass')).toBe(0);
  expect(runGate('fail')).toBe(1);
});
