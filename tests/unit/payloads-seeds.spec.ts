/**
 * Seeds: the base seed from FAKER_SEED (or the default), stable per-case seeds, and seeded Faker instances that do
 * not depend on the clock or on each other.
 */
import { expect, test } from '@playwright/test';
import {
  DEFAULT_FAKER_SEED,
  REFERENCE_DATE,
  assertSeed,
  baseSeed,
  caseSeed,
  isSeed,
  seededFaker,
  withSeededFaker,
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
      expect(() => baseSeed({ FAKER_SEED: bad })).toThrow(
        new RegExp(`FAKER_SEED="${bad.replace('.', '\\.')}" is not a seed: use a whole number`),
      );
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

test.describe('withSeededFaker', () => {
  const draws = (f: ReturnType<typeof seededFaker>): unknown[] => [
    f.string.uuid(),
    f.person.fullName(),
    f.number.int({ min: 0, max: 1e9 }),
    f.date.recent().toISOString(),
    f.lorem.words(5),
    f.helpers.arrayElement([1, 2, 3]),
  ];

  test('draws exactly what a fresh seededFaker draws, whatever was drawn before, from one reused instance', () => {
    const used = new Set<unknown>();
    for (const seed of [0, 1, 5, 20240801, 4294967295, 5]) {
      const reused = withSeededFaker(seed, (f) => {
        used.add(f);
        return draws(f);
      });
      expect(reused, `seed ${seed}`).toEqual(draws(seededFaker(seed)));
    }
    expect(used.size).toBe(1);
  });

  test('a nested call gets an instance of its own and leaves the outer sequence undisturbed', () => {
    const outer = withSeededFaker(9, (f) => {
      const first = f.string.uuid();
      const inner = withSeededFaker(9, (g) => {
        expect(g).not.toBe(f);
        return g.string.uuid();
      });
      return [first, inner, f.string.uuid()];
    });
    const fresh = seededFaker(9);
    const expected = [fresh.string.uuid(), fresh.string.uuid()];
    expect(outer).toEqual([expected[0], expected[0], expected[1]]);
  });

  test('a draw that throws releases the instance; a bad seed is refused before anything is drawn', () => {
    expect(() =>
      withSeededFaker(3, () => {
        throw new Error('draw failed');
      }),
    ).toThrow('draw failed');
    const used: unknown[] = [];
    withSeededFaker(3, (f) => used.push(f));
    withSeededFaker(4, (f) => used.push(f));
    expect(used[0]).toBe(used[1]);
    expect(() => withSeededFaker(-1, () => 0)).toThrow(/seed -1 is not a seed/);
  });
});
