/**
 * The payloads CLI: bodies as JSON for people, seeds replayable, errors that say what to do.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { loadContracts } from '../../contracts/load.js';
import { runCli } from '../../generators/payloads/cli.js';
import { DEFAULT_FAKER_SEED } from '../../generators/payloads/seeds.js';
import { validBody } from '../../generators/payloads/valid.js';
import { REPO_ROOT } from '../support/shared.js';

const contracts = loadContracts();
const POOL = 'createEmbeddedSIMActivationCodePool';
const parse = (stdout: string): unknown => JSON.parse(stdout);

test('prints one valid body for an operation and seed, the same as validBody', () => {
  const r = runCli([POOL, '--seed', '5'], {});
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  expect(parse(r.stdout)).toEqual(validBody(POOL, { seed: 5, contracts }));
  expect(contracts.validateRequest(POOL, parse(r.stdout)).valid).toBe(true);
});

test('without --seed it uses FAKER_SEED, else the default', () => {
  expect(parse(runCli([POOL], { FAKER_SEED: '77' }).stdout)).toEqual(validBody(POOL, { seed: 77, contracts }));
  expect(parse(runCli([POOL], {}).stdout)).toEqual(validBody(POOL, { seed: DEFAULT_FAKER_SEED, contracts }));
  const bad = runCli([POOL], { FAKER_SEED: 'x' });
  expect(bad.code).toBe(1);
  expect(bad.stderr).toMatch(/FAKER_SEED="x" is not a seed/);
});

test('--count prints bodies with their own seeds, each replayable alone', () => {
  const items = parse(runCli([POOL, '--seed', '1', '--count', '3', '--run-tag', 'conformance-cli-'], {}).stdout) as {
    seed: number;
    body: { displayName: string };
  }[];
  expect(items).toHaveLength(3);
  expect(new Set(items.map((i) => i.seed)).size).toBe(3);
  for (const item of items) {
    expect(item.body.displayName.startsWith('conformance-cli-')).toBe(true);
    expect(item.body).toEqual(validBody(POOL, { seed: item.seed, contracts, runTag: 'conformance-cli-' }));
  }
});

test('--invalid prints the base and named cases; --types the concrete types', () => {
  const suite = parse(runCli(['createEmbeddedSIMActivationCodePoolAssignment', '--invalid', '--seed', '2'], {}).stdout) as {
    base: unknown;
    cases: { name: string; rule: string; pointer: string; body: unknown }[];
  };
  expect(contracts.validateRequest('createEmbeddedSIMActivationCodePoolAssignment', suite.base).valid).toBe(true);
  expect(suite.cases.map((c) => c.rule)).toContain('abstract-type');
  const types = parse(runCli(['assignEmbeddedSIMActivationCodePool', '--types'], {}).stdout);
  expect(types).toContain('groupAssignmentTarget');
});

test('bad input: usage with the operations, unknown options and operations, operations without a body', () => {
  const none = runCli([], {});
  expect(none.code).toBe(2);
  expect(none.stderr).toMatch(/Usage: npx tsx generators\/payloads\/cli.ts <operationId>[\s\S]*createEmbeddedSIMDeviceState/);
  expect(runCli(['--help'], {}).code).toBe(0);
  expect(runCli([POOL, '--sed', '1'], {}).stderr).toMatch(/Unknown option --sed\. Run with --help/);
  expect(runCli([POOL, '--seed', 'abc'], {}).stderr).toMatch(/--seed needs a whole number from 0 to 4294967295, got "abc"/);
  expect(runCli(['createPool'], {}).stderr).toMatch(/No operation "createPool"/);
  const get = runCli(['listEmbeddedSIMActivationCodePools'], {});
  expect(get.code).toBe(1);
  expect(get.stderr).toMatch(/documents no request body/);
});

test('runs as a script (the npm "payloads" entry)', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(REPO_ROOT, 'generators/payloads/cli.ts'), POOL, '--seed', '3'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, FAKER_SEED: '' },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual(validBody(POOL, { seed: 3, contracts }));
});

test('--strategy prints what an explore case sent; --strategy list the strategies that apply', () => {
  const c = parse(
    runCli(['createEmbeddedSIMActivationCodePool', '--strategy', 'unicode-text', '--seed', '5', '--round', '1'], {}).stdout,
  ) as {
    strategy: string;
    seed: number;
    round: number;
    body: { displayName: string };
  };
  expect(c).toMatchObject({ strategy: 'unicode-text', seed: 5, round: 1 });
  expect(c.body.displayName).toMatch(/[^\x00-\x7f]/);
  const list = parse(runCli(['createEmbeddedSIMActivationCodePool', '--strategy', 'list'], {}).stdout) as { name: string }[];
  expect(list.map((s) => s.name)).toContain('collections-large');
  const bad = runCli(['createEmbeddedSIMActivationCodePool', '--strategy', 'nope'], {});
  expect(bad.code).toBe(1);
  expect(bad.stderr).toMatch(/Unknown exploration strategy "nope". Known: unicode-text, /);
});
