/**
 * Seeds for the payload generators. Every body is drawn from a Faker freshly seeded and given a fixed reference date,
 * so one seed always gives byte-identical output. Building a Faker costs several times more than drawing a body from
 * it, so the generators lease one per process (withSeededFaker) and re-seed it per body instead of building one. A run has one base seed (FAKER_SEED, else
 * DEFAULT_FAKER_SEED); each case derives its own seed from the base and its name, so adding or reordering cases does
 * not change the bodies of the others, and a failing case can be replayed from the base seed the runner prints.
 */
import { Faker, en } from '@faker-js/faker';

/** The base seed when FAKER_SEED is not set. */
export const DEFAULT_FAKER_SEED = 20240801;

/** The environment variable that replays a run. */
export const FAKER_SEED_VARIABLE = 'FAKER_SEED';

/** Faker's "now" for every generated body: dates never depend on the clock. */
export const REFERENCE_DATE = '2024-08-01T00:00:00.000Z';

const MAX_SEED = 0xffffffff;

/** True for an integer seed in 0..2^32-1 (the range caseSeed produces and Faker's generator takes losslessly). */
export function isSeed(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_SEED;
}

/**
 * The run's base seed: FAKER_SEED when set (a whole number 0..4294967295), else DEFAULT_FAKER_SEED.
 * A malformed value is an error naming the variable, not a silent fallback: a replay must replay.
 */
export function baseSeed(env: Record<string, string | undefined> = process.env): number {
  const raw = env[FAKER_SEED_VARIABLE];
  if (raw === undefined || raw.trim() === '') return DEFAULT_FAKER_SEED;
  const text = raw.trim();
  const n = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
  if (!isSeed(n)) {
    throw new Error(
      `${FAKER_SEED_VARIABLE}="${raw}" is not a seed: use a whole number from 0 to ${MAX_SEED} ` +
        `(e.g. ${FAKER_SEED_VARIABLE}=${DEFAULT_FAKER_SEED}), or unset it to use the default.`,
    );
  }
  return n;
}

/**
 * A case's own seed: FNV-1a (32 bit) over `<base>:<caseName>`. Stable across runs, platforms and Node versions.
 * Example: caseSeed(20240801, 'createEmbeddedSIMActivationCodePool#valid-0').
 */
const utf8 = new TextEncoder();

export function caseSeed(base: number, caseName: string): number {
  assertSeed(base, 'base seed');
  let h = 0x811c9dc5;
  for (const byte of utf8.encode(`${base}:${caseName}`)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function assertSeed(seed: unknown, what = 'seed'): asserts seed is number {
  if (!isSeed(seed)) {
    throw new Error(
      `${what} ${JSON.stringify(seed)} is not a seed: pass a whole number from 0 to ${MAX_SEED} ` +
        `(derive one with caseSeed(baseSeed(), name)).`,
    );
  }
}

/** A Faker of its own (never the global one), seeded, with the fixed reference date. */
export function seededFaker(seed: number): Faker {
  assertSeed(seed);
  const faker = new Faker({ locale: en });
  faker.seed(seed);
  faker.setDefaultRefDate(REFERENCE_DATE);
  return faker;
}

/** The process's reusable Faker, and whether a withSeededFaker call is using it right now. */
let shared: Faker | null = null;
let leased = false;

/**
 * Runs `draw` with a Faker seeded with `seed` and the fixed reference date: the process's one reusable instance,
 * re-seeded, so what `draw` returns is exactly what it would return from seededFaker(seed). `draw` must be
 * synchronous and must not keep the Faker after it returns. A nested call (draw calling withSeededFaker again) gets
 * an instance of its own, so the outer draw's sequence is not disturbed.
 */
export function withSeededFaker<T>(seed: number, draw: (faker: Faker) => T): T {
  assertSeed(seed);
  if (leased) return draw(seededFaker(seed));
  shared ??= new Faker({ locale: en });
  shared.seed(seed);
  shared.setDefaultRefDate(REFERENCE_DATE);
  leased = true;
  try {
    return draw(shared);
  } finally {
    leased = false;
  }
}
