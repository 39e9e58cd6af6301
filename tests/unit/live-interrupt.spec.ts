/**
 * Interrupted runs and the sweeper, with real processes: a child creates objects in a fake Graph then gets SIGTERM
 * (or SIGINT) and deletes them before exiting; a child killed outright (SIGKILL, no chance to clean up) leaves
 * them, and `npm run sweep` (runner/live/sweep-cli.ts) finds them by the prefix, deletes nothing without --yes,
 * deletes them with --yes, and never touches an object without the prefix.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { Journal } from '../../runner/live/journal.js';
import { REPO_ROOT } from '../support/shared.js';
import { fakeJwt } from '../support/fake-entra.js';
import { startFakeGraph, type FakeGraph } from '../support/fake-graph.js';

const POOLS = '/deviceManagement/embeddedSIMActivationCodePools';
const TOKEN = fakeJwt({
  tid: '12121212-0000-4000-8000-000000000005',
  roles: ['DeviceManagementConfiguration.ReadWrite.All'],
  exp: Math.floor(Date.now() / 1000) + 3600,
});

let graph: FakeGraph;
let dir: string;

test.beforeEach(async () => {
  graph = await startFakeGraph({ pageSize: 3 });
  dir = mkdtempSync(join(tmpdir(), 'live-interrupt-'));
});
test.afterEach(async () => {
  await graph.close();
  rmSync(dir, { recursive: true, force: true });
});

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { GRAPH_READ_ONLY: _r, GRAPH_AUTH: _a, ...rest } = process.env;
  return { ...rest, GRAPH_BASE_URL: graph.url, GRAPH_ACCESS_TOKEN: TOKEN, GRAPH_REPORTS_DIR: dir, ...extra };
}

/** A run that creates `count` pools (and a child of the first), says CREATED, then waits to be stopped. */
function startRun(runId: string, count: number): ChildProcessWithoutNullStreams {
  const script = join(dir, `run-${runId}.mts`);
  const target = pathToFileURL(join(REPO_ROOT, 'runner/live/live-target.ts')).href;
  writeFileSync(
    script,
    `import { createLiveTarget } from ${JSON.stringify(target)};
const t = await createLiveTarget(process.env);
const ids = [];
for (let i = 0; i < ${count}; i++) {
  const ex = await t.client.send({ operation: 'createEmbeddedSIMActivationCodePool', caseKind: 'valid', caseName: 'c', method: 'POST', path: '${POOLS}', body: { displayName: t.tag + 'interrupted ' + i } });
  ids.push(ex.response.body.id);
}
await t.client.send({ operation: 'createEmbeddedSIMActivationCodePoolAssignment', caseKind: 'valid', caseName: 'c', method: 'POST', path: '${POOLS}/' + ids[0] + '/assignments', body: { target: {} } });
process.stdout.write('CREATED\\n');
setInterval(() => {}, 1000);
`,
  );
  return spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: REPO_ROOT,
    env: env({ GRAPH_RUN_ID: runId }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

async function untilCreated(child: ChildProcessWithoutNullStreams): Promise<string> {
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => c.toString().includes('CREATED') && resolve());
    child.on('exit', (code) => reject(new Error(`the run exited (${code}) before creating: ${err}`)));
  });
  return err;
}

async function sweepCli(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'runner/live/sweep-cli.ts', ...args], { cwd: REPO_ROOT, env: env(extra) });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, out, err };
}

const names = (): string[] =>
  graph
    .objects(POOLS)
    .map((o) => String(o.displayName ?? '(no name)'))
    .sort();

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal}: the interrupted run deletes what it made before it exits`, async () => {
    graph.seed(POOLS, { displayName: 'Contoso production pool' });
    const child = startRun(`sig-${signal.toLowerCase()}`, 4);
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    await untilCreated(child);
    expect(graph.objects(POOLS)).toHaveLength(5);
    child.kill(signal);
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(signal === 'SIGTERM' ? 143 : 130);
    expect(err).toContain(`${signal}: deleting what this run created`);
    expect(names()).toEqual(['Contoso production pool']);
    expect(new Journal(join(dir, 'live-journal.jsonl'), `sig-${signal.toLowerCase()}`).pending()).toEqual([]);
    expect(
      existsSync(join(dir, 'live-stats', `sig-${signal.toLowerCase()}.${String(child.pid)}.json`)),
      'the stats are written on the way out',
    ).toBe(true);
  });
}

test('killed outright, then swept: dry run lists and deletes nothing; --yes deletes exactly the prefixed objects', async () => {
  graph.seed(POOLS, { displayName: 'Contoso production pool' });
  graph.seed(POOLS, { displayName: 'Fabrikam conformance-like pool' });
  graph.seed(POOLS, { displayName: 'Conformance-uppercase is not the prefix' });
  graph.seed(POOLS, {});
  const child = startRun('killed', 5);
  await untilCreated(child);
  child.kill('SIGKILL');
  await once(child, 'exit');
  expect(graph.objects(POOLS)).toHaveLength(9);

  const writesBefore = graph.writes().length;
  const dry = await sweepCli([]);
  expect(dry.code, dry.err).toBe(0);
  expect(dry.out.match(/^would delete /gm)).toHaveLength(5);
  expect(dry.out).toContain('"conformance-killed-interrupted 0"');
  expect(dry.out).toContain('dry run: add --yes to delete');
  expect(graph.writes().length).toBe(writesBefore);

  const real = await sweepCli(['--yes']);
  expect(real.code, real.err).toBe(0);
  expect(real.out.match(/^deleted /gm)).toHaveLength(5);
  expect(real.out).toContain('4 other object(s) left alone');
  expect(names()).toEqual([
    '(no name)',
    'Conformance-uppercase is not the prefix',
    'Contoso production pool',
    'Fabrikam conformance-like pool',
  ]);
  expect(
    graph
      .writes()
      .slice(writesBefore)
      .every((w) => w.method === 'DELETE'),
  ).toBe(true);
});

test('sweep --run takes one run only; read-only with --yes is refused; unknown options are named', async () => {
  graph.seed(POOLS, { displayName: 'conformance-run-a-pool' });
  graph.seed(POOLS, { displayName: 'conformance-run-b-pool' });
  const one = await sweepCli(['--yes', '--run', 'run-a']);
  expect(one.code, one.err).toBe(0);
  expect(names()).toEqual(['conformance-run-b-pool']);

  const ro = await sweepCli(['--yes'], { GRAPH_READ_ONLY: '1' });
  expect(ro.code).toBe(2);
  expect(ro.err).toContain('GRAPH_READ_ONLY=1 and --yes');
  expect(names()).toEqual(['conformance-run-b-pool']);

  const bad = await sweepCli(['--force']);
  expect(bad.code).toBe(2);
  expect(bad.err).toContain('unknown option --force');
  expect(bad.err).not.toContain('    at ');
});
