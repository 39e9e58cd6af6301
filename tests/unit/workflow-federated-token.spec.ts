/**
 * .github/scripts/federated-token.sh, the live jobs' federated token keeper, against a local stand-in for GitHub's
 * OIDC endpoint on 127.0.0.1: it writes the token to the file (mode 600), asks again every FEDERATED_TOKEN_EVERY_S
 * seconds in the background so a long shard never hands the Azure SDK an expired token, never prints the token, and
 * fails clearly without the job's id-token permission.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const SCRIPT = join(ROOT, '.github', 'scripts', 'federated-token.sh');
const run = promisify(execFile);

let server: Server;
let url: string;
const asked: { auth: string | undefined; audience: string | null }[] = [];
let dir: string;

test.beforeEach(async () => {
  asked.length = 0;
  dir = mkdtempSync(join(tmpdir(), 'fed-token-'));
  server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    asked.push({ auth: req.headers.authorization, audience: u.searchParams.get('audience') });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ value: `oidc-token-${asked.length}` }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token?api-version=2.0`;
});
test.afterEach(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

test('writes the token, then a new one every FEDERATED_TOKEN_EVERY_S seconds, never printing it', async () => {
  const file = join(dir, 'azure-federated-token');
  const env = {
    ...process.env,
    ACTIONS_ID_TOKEN_REQUEST_URL: url,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runner-request-token',
    FEDERATED_TOKEN_EVERY_S: '1',
  };
  const { stdout, stderr } = await run('bash', [SCRIPT, file], { env, timeout: 20_000 });
  const pid = Number(/\(pid (\d+)\)/.exec(stdout)?.[1]);
  expect(pid).toBeGreaterThan(0);
  try {
    expect(readFileSync(file, 'utf8')).toBe('oidc-token-1');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(asked[0]).toEqual({ auth: 'bearer runner-request-token', audience: 'api://AzureADTokenExchange' });
    expect(`${stdout}${stderr}`).not.toContain('oidc-token');
    // The refresher runs on after the step: within a bounded wait the file holds a newer token.
    for (let i = 0; i < 100 && readFileSync(file, 'utf8') === 'oidc-token-1'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(readFileSync(file, 'utf8')).toMatch(/^oidc-token-[2-9]$/);
  } finally {
    process.kill(pid);
  }
});

test('without the id-token permission it says which variable is missing and why', async () => {
  const env = { ...process.env, ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' };
  const err = (await run('bash', [SCRIPT, join(dir, 'f')], { env, timeout: 20_000 }).catch((e: unknown) => e)) as {
    code: number;
    stderr: string;
  };
  expect(err.code).not.toBe(0);
  expect(err.stderr).toContain('ACTIONS_ID_TOKEN_REQUEST_URL is not set: give the job permissions id-token: write');
  expect(asked).toEqual([]);
});
