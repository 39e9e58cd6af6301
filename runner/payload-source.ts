/**
 * The runner's view of generators/payloads: valid and invalid bodies per operation, seeded, with the run tag on
 * display names (live runs tag everything they create so the sweeper can find leftovers).
 */
import type { LoadedContracts } from '../contracts/load.js';
import { invalidBodies, validBody } from '../generators/payloads/index.js';
import type { PayloadSource } from './cases.js';

export function payloadSource(contracts: LoadedContracts, runTag: string): PayloadSource {
  return {
    valid: (opId, seed) => validBody(opId, { seed, contracts, runTag }),
    invalid: (opId, seed) =>
      invalidBodies(opId, { seed, contracts, runTag }).map((c) => ({
        rule: c.rule,
        pointer: c.pointer,
        description: c.description,
        body: c.body,
      })),
  };
}
