/**
 * The exploration strategies' shared types. A strategy turns (operation, seed, round) into one request body that
 * exercises one JSON Schema keyword across the body: valid ones satisfy the request schema, invalid ones break
 * exactly the rule they name.
 */
import type { ContractSource } from '../source.js';
import type { Shape } from '../shape.js';

export interface StrategyInput {
  opId: string;
  /** The case's seed (whole number 0..2^32-1): same seed, same round, byte-identical body. */
  seed: number;
  /** How many cases of this strategy the operation had before this one: rotates enum values, types, samples. */
  round: number;
  shape: Shape;
  contracts: ContractSource;
  /** Display-name prefix of live runs (`conformance-<runId>-`), kept in front of every edge string. */
  runTag: string;
  /** Items in a "large" collection. */
  largeItems: number;
}

export interface StrategyBody {
  body: unknown;
  /** What the strategy did, for people (`displayName = "…"`). */
  note: string;
  /** Invalid strategies: the rule broken and where. */
  mutation?: { rule: string; pointer: string };
}

export interface Strategy {
  name: string;
  kind: 'valid' | 'invalid';
  /** One line on what the strategy exercises. */
  description: string;
  /** The body, or null when the operation's schema gives the strategy nothing to do. */
  make(input: StrategyInput): StrategyBody | null;
}

export interface ExploreCase {
  strategy: string;
  kind: 'valid' | 'invalid';
  seed: number;
  round: number;
  /** `explore unicode-text #1 (seed 20240801)` */
  name: string;
  body: unknown;
  note: string;
  mutation?: { rule: string; pointer: string };
}
