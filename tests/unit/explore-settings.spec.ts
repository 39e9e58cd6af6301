/**
 * The exploration's settings and memory: defaults per target, bad values naming the variable, the conformance
 * command's `--explore` flags, and the failure database (read, replaced per explored operation, kept otherwise,
 * refused with the file's name when malformed).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { takeExploreFlags } from '../../runner/explore/cli-flags.js';
import { readFailures, writeFailures, type FailureEntry } from '../../runner/explore/failure-db.js';
import { EXPLORE_DEFAULTS, readExploreSettings } from '../../runner/explore/settings.js';
import { SettingsError } from '../../runner/settings.js';

test('defaults: a cheap mock exploration, a live one bounded in objects', () => {
  expect(readExploreSettings('mock', {})).toEqual({
    ...EXPLORE_DEFAULTS.mock,
    seconds: null,
    database: join('reports', 'explore-failures.json'),
  });
  expect(readExploreSettings('live', { REPORTS_DIR: '/tmp/r' })).toEqual({
    ...EXPLORE_DEFAULTS.live,
    seconds: null,
    database: '/tmp/r/explore-failures.json',
  });
  expect(EXPLORE_DEFAULTS.live.objects).toBeLessThanOrEqual(10);
  expect(
    readExploreSettings('live', {
      EXPLORE_CASES: '7',
      EXPLORE_SECONDS: '30',
      EXPLORE_OBJECTS: '4',
      EXPLORE_SHRINK: '0',
      EXPLORE_DB: 'off',
    }),
  ).toMatchObject({
    cases: 7,
    seconds: 30,
    objects: 4,
    shrinkAttempts: 0,
    database: null,
  });
});

test('bad values name the variable and the fix', () => {
  expect(() => readExploreSettings('mock', { EXPLORE_CASES: 'lots' })).toThrow(SettingsError);
  expect(() => readExploreSettings('mock', { EXPLORE_CASES: 'lots' })).toThrow(
    /EXPLORE_CASES must be a whole number from 0 to 100000 .* got "lots"/,
  );
  expect(() => readExploreSettings('mock', { EXPLORE_OBJECTS: '-1' })).toThrow(/EXPLORE_OBJECTS/);
  expect(() => readExploreSettings('mock', { EXPLORE_SECONDS: '1.5' })).toThrow(/EXPLORE_SECONDS/);
});

test('--explore N and --explore-seconds S become variables; other arguments pass through', () => {
  expect(takeExploreFlags(['--explore', '50', '--project=live', '--explore-seconds=20', '-g', 'x'])).toEqual({
    args: ['--project=live', '-g', 'x'],
    env: { EXPLORE_CASES: '50', EXPLORE_SECONDS: '20' },
  });
  expect(takeExploreFlags(['--explore=0'])).toEqual({ args: [], env: { EXPLORE_CASES: '0' } });
  expect(() => takeExploreFlags(['--explore'])).toThrow('--explore needs a whole number (e.g. --explore 50); got nothing.');
  expect(() => takeExploreFlags(['--explore', 'many'])).toThrow(/got "many"/);
});

test('the failure database: replaced for the explored operations, kept for the others, refused when malformed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'explore-db-'));
  try {
    const path = join(dir, 'sub', 'explore-failures.json');
    expect(readFailures(path)).toEqual([]);
    const entry = (operation: string, target: 'mock' | 'live' = 'mock'): FailureEntry => ({
      target,
      operation,
      strategy: 'unicode-text',
      seed: 1,
      round: 0,
      fingerprint: `fp-${operation}`,
      check: 'not_a_server_error',
    });
    writeFailures(path, [], { target: 'mock', operations: ['a', 'b'] }, [entry('a'), entry('b')]);
    expect(readFailures(path)).toEqual([entry('a'), entry('b')]);
    // b fixed (explored, not found again); c outside this run and a live entry: kept.
    const before = [...readFailures(path), entry('c'), entry('b', 'live')];
    writeFailures(path, before, { target: 'mock', operations: ['a', 'b'] }, [entry('a')]);
    expect(readFailures(path)).toEqual([entry('c'), entry('b', 'live'), entry('a')]);
    writeFileSync(path, '{"failures": [{"operation": 1}]}');
    expect(() => readFailures(path)).toThrow(`${path}: expected`);
    writeFileSync(path, 'not json');
    expect(() => readFailures(path)).toThrow(/not JSON .* set EXPLORE_DB=off/);
    expect(readFileSync(path, 'utf8')).toBe('not json');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
