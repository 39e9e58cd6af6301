/**
 * Seeds: the base seed from FAKER_SEED (or the default), stable per-case seeds, and seeded Faker instances that do
 * not depend on the clock or on each other.
 */
import { expect, test } from '@playwright/test';
import {
  DEFAULT_FAKER_SEED, REFERENCE_DATE, assertSeed, baseSeed, caseSeed, isSeed, seededFaker,
} from '../../generators/payloads/seeds.js';

test.describe('baseSeed', () => {
  test('is FAKER_SEED when set, the default otherwise', () => {
    expect(baseSeed({})).toBe(DEFAULT_FAKER_SEED);
    expect(baseSeed({ FAKER_SEED: '' })).toBe(DEFAULT_FAKER_SEED);
    expect(baseSeed({ FAKER_SEED: '42' })).toBe(42);
    expect(baseSeed({ FAKER_SEED: ' 7 ' })).toBe(7);
    expect(baseSeed({ FAKER_SEED: '4294967295' })).toBe(4294967295);
  });

  test('a malformed FAKER_SEED is an error naming the variable and the fix', () => {
    for (const bad of ['abc', '-1', '1.5', '4294967296', '0x10']) {
      expect(() => baseSeed({ FAKER_SEED: bad })).toThrow(new RegExp(`FAKER_SEED="${bad.replace('.', '\\.')}" is not a seed: use a whole number`));
    }
  });
});

test.describe('caseSeed', () => {
  test('is pinned: a seed printed by an old run still replays (FNV-1a over "<base>:<name>")', () => {
    expect(caseSeed(1, 'a')).toBe(874805705);
    expect(caseSeed(20240801, 'createEmbeddedSIMActivationCodePool#valid-0')).toBe(3164556430);
  });

  test('differs by name and by base, and stays a valid seed', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const s = caseSeed(DEFAULT_FAKER_SEED, `case-${i}`);
      expect(isSeed(s)).toBe(true);
      seen.add(s);
    }
    expect(seen.size).toBe(2000);
    expect(caseSeed(1, 'x')).not.toBe(caseSeed(2, 'x'));
  });

  test('refuses a base that is not a seed', () => {
    expect(() => caseSeed(-1, 'x')).toThrow(/base seed -1 is not a seed/);
    expect(() => assertSeed(1.5)).toThrow(/seed 1.5 is not a seed/);
  });
});

test.describe('seededFaker', () => {
  test('the same seed draws the same values; instances do not share state', () => {
    const a = seededFaker(5);
    const b = seededFaker(5);
    const first = a.string.uuid();
    seededFaker(5).string.uuid(); // a third instance in between changes nothing
    expect(b.string.uuid()).toBe(first);
    expect(seededFaker(6).string.uuid()).not.toBe(first);
  });

  test('dates are relative to the fixed reference date, not the clock', () => {
    const recent = seededFaker(1).date.recent();
    expect(recent.getTime()).toBeLessThanOrEqual(Date.parse(REFERENCE_DATE));
    expect(seededFaker(1).date.recent().toISOString()).toBe(recent.toISOString());
  });
});
