/**
 * .github/workflows/conformance.yml: valid YAML, the jobs the README promises (mock on every push, running what
 * .ci/run runs; live on a schedule as one job with one write pace, federated sign-in without secrets and a token kept
 * fresh, the endpoint from GRAPH_CLOUD, a sweep after a failed or cancelled run, reports uploaded), every `npm run X`
 * it runs exists in package.json, and the closing verdict job fails exactly when a job failed or was cancelled.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
  expect(Object.keys(wf.jobs)).toEqual(['mock', 'live', 'verdict']);
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

test('mock: what .ci/run runs (lint, typecheck, contracts:check when ../shared is there, npm test), then the conformance run', () => {
  const job = parse().jobs.mock as Job;
  const r = runs(job);
  const at = (cmd: string): number => r.findIndex((x) => x.includes(cmd));
  for (const cmd of ['npm run lint', 'npm run typecheck', 'npm run contracts:check', 'npm test', 'npm run conformance'])
    expect(at(cmd), `the mock job runs ${cmd}`).toBeGreaterThanOrEqual(0);
  expect(at('npm test')).toBeLessThan(at('npm run conformance'));
  expect(r[at('npm run contracts:check')]).toContain('../shared/graph-docs');
});

test('live: one job (one write pace), federated sign-in without secrets, a token rewritten before it expires, a sweep after failure or cancel', () => {
  const wf = parse();
  const job = wf.jobs.live as Job;
  expect(job.if).toContain("github.event_name == 'schedule'");
  expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  expect(TEXT).not.toMatch(/secrets\./);
  // One process paces the writes: no matrix, no shards, no parallel live jobs.
  expect(job.strategy).toBeUndefined();
  expect(TEXT).not.toContain('--shard');
  expect(Object.values(wf.jobs).filter((j) => j.environment === 'graph-live')).toHaveLength(1);
  expect(runs(job)).toContain('npm run conformance -- --project=live');
  expect(job.env).toMatchObject({
    GRAPH_AUTH: 'workload',
    GRAPH_CLOUD: '${{ vars.GRAPH_CLOUD }}',
    // No default URL: the endpoint follows from GRAPH_CLOUD unless GRAPH_BASE_URL is set.
    GRAPH_BASE_URL: '${{ vars.GRAPH_BASE_URL }}',
    AZURE_CLIENT_ID: '${{ vars.AZURE_CLIENT_ID }}',
    AZURE_TENANT_ID: '${{ vars.AZURE_TENANT_ID }}',
  });
  expect(job.env?.AZURE_FEDERATED_TOKEN_FILE).toContain('runner.temp');
  expect(job.env?.GRAPH_RUN_ID).toMatch(/^gh\$\{\{ github\.run_id \}\}-/);
  // The OIDC token lives about 5 minutes: the refresher script (tested in workflow-federated-token.spec.ts) rewrites
  // the file more often than that, in the background.
  expect(runs(job)).toContain('bash .github/scripts/federated-token.sh "$AZURE_FEDERATED_TOKEN_FILE"');
  const script = readFileSync(resolve(ROOT, '.github/scripts/federated-token.sh'), 'utf8');
  const period = Number(/FEDERATED_TOKEN_EVERY_S:-(\d+)/.exec(script)?.[1]);
  expect(period).toBeGreaterThan(0);
  expect(period).toBeLessThan(300);
  expect(script).toContain('api://AzureADTokenExchange');
  const sweep = job.steps.find((s) => s.run?.includes('npm run sweep'));
  expect(sweep).toMatchObject({ if: 'failure() || cancelled()', run: 'npm run sweep -- --yes --run "$GRAPH_RUN_ID"' });
  const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
  expect(upload).toMatchObject({ if: 'always()', with: { name: 'reports-live', path: 'reports/' } });
});

test('verdict: runs last whatever happened; fails exactly when a job failed or was cancelled', () => {
  const job = parse().jobs.verdict as Job;
  expect(job.needs).toEqual(['mock', 'live']);
  expect(job.if).toBe('always()');
  const step = job.steps[0] as Step;
  expect(step.env?.RESULTS).toBe('${{ needs.mock.result }} ${{ needs.live.result }}');
  const verdict = (results: string): number => {
    try {
      execFileSync('bash', ['-c', step.run ?? ''], { env: { ...process.env, RESULTS: results }, stdio: 'pipe' });
      return 0;
    } catch (e) {
      return (e as { status: number }).status;
    }
  };
  expect(verdict('success skipped')).toBe(0);
  expect(verdict('skipped success')).toBe(0);
  expect(verdict('success failure')).toBe(1);
  expect(verdict('skipped failure')).toBe(1);
  expect(verdict('skipped cancelled')).toBe(1);
  expect(verdict('failure skipped')).toBe(1);
});
