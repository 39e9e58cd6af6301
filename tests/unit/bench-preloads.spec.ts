/**
 * The bench's two preloads, each run in a real child node process against a server on 127.0.0.1:
 * bench/record-fetch.mjs (records what fetch sends, for the bare loop) and bench/cpu-prof-preload.mjs (CPU profile
 * of a process that cannot take --cpu-prof), plus the child-process helper that runs them.
 */
import { expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseResult, runNode, waitedChildrenCpuMs } from '../../bench/child-process.js';
import { readProfile, summarizeProfile } from '../../bench/cpu-profile.js';
import { CPU_PROF_PRELOAD } from '../../bench/profile.js';
import { RECORD_DIR_VARIABLE, RECORDER, readRecordings } from '../../bench/recording.js';

let server: Server;
let origin = '';

test.beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const created = req.method === 'POST';
      const text = created ? JSON.stringify({ id: 'new-object-1', echo: body }) : 'plain text';
      res.writeHead(created ? 201 : 404, {
        'content-type': created ? 'application/json' : 'text/plain',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

test.afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

const CLIENT = (o: string): string => `
  const a = await fetch('${o}/items', { method: 'POST', headers: { 'content-type': 'application/json', 'client-request-id': 'c-1' }, body: '{"x":1}' });
  const ta = await a.text();
  const b = await fetch('${o}/items/new-object-1');
  await b.text();
  console.log('BENCH_RESULT ' + JSON.stringify({ first: JSON.parse(ta).echo }));
`;

test('record-fetch.mjs records method, URL, headers, body, status and the created id, and leaves the answers readable', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-recorder-'));
  try {
    const run = await runNode<{ first: string }>(['--input-type=module', '-e', CLIENT(origin)], {
      nodeFlags: ['--import', RECORDER],
      env: { ...process.env, [RECORD_DIR_VARIABLE]: dir },
      timeoutMs: 30_000,
    });
    expect(run.stderr).toBe('');
    expect(run.result).toEqual({ first: '{"x":1}' });
    const [recording, ...others] = readRecordings(dir);
    expect(others).toEqual([]);
    expect(recording?.requests.map(({ t: _t, ...r }) => r)).toEqual([
      {
        method: 'POST',
        url: `${origin}/items`,
        headers: { 'content-type': 'application/json', 'client-request-id': 'c-1' },
        body: '{"x":1}',
        status: 201,
        id: 'new-object-1',
      },
      { method: 'GET', url: `${origin}/items/new-object-1`, headers: {}, body: null, status: 404, id: null },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('record-fetch.mjs does nothing unless BENCH_RECORD_DIR is set', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-recorder-off-'));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, BENCH_UNRELATED: dir };
    delete env[RECORD_DIR_VARIABLE];
    const run = await runNode(['--input-type=module', '-e', CLIENT(origin)], { nodeFlags: ['--import', RECORDER], env, timeoutMs: 30_000 });
    expect(run.code).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cpu-prof-preload.mjs writes a V8 CPU profile of the whole process that the summariser reads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cpuprof-'));
  try {
    const busy = 'function spin(){let x=0;for(let i=0;i<3e6;i++)x+=Math.sqrt(i);return x}; spin(); spin();';
    const run = await runNode(['-e', busy], {
      nodeFlags: ['--import', CPU_PROF_PRELOAD],
      env: { ...process.env, BENCH_CPU_PROF_DIR: dir },
      timeoutMs: 30_000,
    });
    expect(run.code).toBe(0);
    const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
    expect(files).toHaveLength(1);
    const summary = summarizeProfile(readProfile(join(dir, files[0] ?? '')), process.cwd());
    expect(summary.totalMs).toBeGreaterThan(0);
    expect(summary.functions.length).toBeGreaterThan(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.describe('child processes', () => {
  test('the last BENCH_RESULT line is the result; a child that prints none has a null result', async () => {
    expect(parseResult('noise\nBENCH_RESULT {"a":1}\nmore\nBENCH_RESULT {"a":2}\n')).toEqual({ a: 2 });
    expect(parseResult('nothing here')).toBeNull();
    const run = await runNode<{ n: number }>(['-e', 'console.log("hello"); console.log("BENCH_RESULT " + JSON.stringify({ n: 3 }))'], {
      timeoutMs: 30_000,
    });
    expect(run.code).toBe(0);
    expect(run.result).toEqual({ n: 3 });
    expect(run.wallMs).toBeGreaterThan(0);
    if (existsSync('/proc/self/stat')) expect(run.cpuMs).not.toBeNull();
  });

  test('a child that overstays its time limit is killed and reported as timed out', async () => {
    const run = await runNode(['-e', 'setInterval(() => {}, 1000)'], { timeoutMs: 300 });
    expect(run.timedOut).toBe(true);
    expect(run.result).toBeNull();
  });

  test('CPU time of waited-for children is read from /proc where there is one', () => {
    const v = waitedChildrenCpuMs();
    if (existsSync('/proc/self/stat')) expect(v).toBeGreaterThanOrEqual(0);
    else expect(v).toBeNull();
  });
});
