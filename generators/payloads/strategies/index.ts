/**
 * Exploration: input strategies per JSON Schema keyword, seeded. The public API, for the explore spec and for anyone
 * who wants the same inputs (stateful sequences, the payloads CLI):
 *
 *   exploreCases('createEmbeddedSIMActivationCodePool', { seed: 20240801, count: 14 })   // one case per strategy
 *   strategyCase('createEmbeddedSIMActivationCodePool', 'unicode-text', { seed: 20240801, round: 0 })
 *   applicableStrategies('updateEmbeddedSIMDeviceState')                                // which strategies apply
 *
 * Case i of an operation takes the (i mod n)-th of the n strategies that apply to it, seed `seed + i` and round
 * `floor(i / n)`, so any n consecutive cases cover every strategy once, and the same seed and count give
 * byte-identical bodies.
 */
import { loadContracts } from '../../../contracts/load.js';
import { assertSeed } from '../seeds.js';
import { resolveBody, type ContractSource } from '../source.js';
import { STRATEGIES } from './catalogue.js';
import type { ExploreCase, Strategy, StrategyInput } from './types.js';

export { STRATEGIES } from './catalogue.js';
export { DESCEND, mapBody, REMOVE, sitesOf, variantOf, type Site } from './body-walk.js';
export { edgeStrings, fitText, LONG_TEXT, UNICODE_SAMPLES } from './text-values.js';
export { fullwidth, PATTERN_EDGES } from './pattern-edges.js';
export type { ExploreCase, Strategy, StrategyBody, StrategyInput } from './types.js';

export interface ExploreOptions {
  seed: number;
  contracts?: ContractSource;
  /** Live runs: `conformance-<runId>-`, kept in front of every display name. */
  runTag?: string;
  /** Items in a large collection. Default 25. */
  largeItems?: number;
}

export const DEFAULT_LARGE_ITEMS = 25;

export function strategyNamed(name: string): Strategy {
  const s = STRATEGIES.find((x) => x.name === name);
  if (!s) throw new Error(`Unknown exploration strategy "${name}". Known: ${STRATEGIES.map((x) => x.name).join(', ')}.`);
  return s;
}

function inputFor(opId: string, opts: ExploreOptions, round: number): StrategyInput {
  assertSeed(opts.seed);
  const contracts = opts.contracts ?? loadContracts();
  return {
    opId,
    seed: opts.seed,
    round,
    shape: resolveBody(opId, contracts).shape,
    contracts,
    runTag: opts.runTag ?? '',
    largeItems: opts.largeItems ?? DEFAULT_LARGE_ITEMS,
  };
}

/** How many seeds a case tries for a strategy that has nothing to do with the first (see triedSeed). */
const SEED_TRIES = Array.from({ length: 6 }, (_, k) => k);

/** The k-th seed tried for a case of seed `seed` (k = 0: the seed itself). */
const triedSeed = (seed: number, k: number): number => (seed + Math.imul(k, 0x9e3779b9)) >>> 0;

const applicableCache = new WeakMap<object, Map<string, Strategy[]>>();

/** The strategies that have something to do for this operation's body, in catalogue order. */
export function applicableStrategies(opId: string, contracts: ContractSource = loadContracts()): Strategy[] {
  let perOp = applicableCache.get(contracts);
  if (!perOp) applicableCache.set(contracts, (perOp = new Map()));
  const hit = perOp.get(opId);
  if (hit) return hit;
  // Some strategies depend on what the seed chose (a nullable member only some concrete types have): one of a few
  // seeds giving them something to do is enough.
  const list = STRATEGIES.filter((s) => SEED_TRIES.some((k) => s.make(inputFor(opId, { seed: triedSeed(0, k), contracts }, 0)) !== null));
  perOp.set(opId, list);
  return list;
}

/** One strategy's body for an operation, seed and round; null when the strategy does not apply. */
export function strategyCase(opId: string, strategy: string, opts: ExploreOptions & { round?: number }): ExploreCase | null {
  const s = strategyNamed(strategy);
  const round = opts.round ?? 0;
  const made = s.make(inputFor(opId, opts, round));
  if (!made) return null;
  return {
    strategy: s.name,
    kind: s.kind,
    seed: opts.seed,
    round,
    name: `explore ${s.name} #${round + 1} (seed ${opts.seed})`,
    body: made.body,
    note: made.note,
    ...(made.mutation ? { mutation: made.mutation } : {}),
  };
}

/** `count` cases for an operation: strategies in turn, seeds `seed`, `seed + 1`, ... */
export function exploreCases(opId: string, opts: ExploreOptions & { count: number }): ExploreCase[] {
  const contracts = opts.contracts ?? loadContracts();
  const list = applicableStrategies(opId, contracts);
  if (list.length === 0) return [];
  return Array.from({ length: opts.count }, (_, i) => {
    const strategy = list[i % list.length] as Strategy;
    const seed = (opts.seed + i) >>> 0;
    const round = Math.floor(i / list.length);
    // The case's seed, or the first of a few derived ones that gives the strategy something to do (the case records
    // the seed it used: strategyCase with it replays the body).
    for (const k of SEED_TRIES) {
      const c = strategyCase(opId, strategy.name, { ...opts, contracts, seed: triedSeed(seed, k), round });
      if (c) return c;
    }
    throw new Error(
      `strategy ${strategy.name} has nothing to do for ${opId} with seed ${seed} or ${SEED_TRIES.length - 1} seeds derived from it`,
    );
  });
}
