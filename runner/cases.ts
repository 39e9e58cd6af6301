/**
 * What to send, per operation: the documented example, N generated valid bodies, one invalid body per broken rule,
 * malformed JSON, an unknown id, and no token. Each case says what kind it is, so the checks know what the contract
 * expects of the answer.
 */
import type { LoadedContracts } from '../contracts/load.js';
import type { OperationContract } from '../contracts/model.js';
import type { CaseKind } from '../checks/types.js';

export interface InvalidBody {
  rule: string;
  pointer: string;
  description: string;
  body: unknown;
}

/** Where bodies come from (generators/payloads, seeded). */
export interface PayloadSource {
  valid(opId: string, seed: number): unknown;
  invalid(opId: string, seed: number): InvalidBody[];
}

export interface CasePlan {
  kind: CaseKind;
  name: string;
  /** The seed the body was generated with (printed on failure; FAKER_SEED replays). */
  seed: number | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  noToken?: boolean;
  /** Replace the operation's last path parameter with an id that does not exist. */
  unknownId?: boolean;
  /**
   * The object addressed is the test's own (update, delete, action: what the test changes), not the worker's shared
   * one: made for the test and reused by its later cases until one deletes it.
   */
  fresh?: boolean;
  mutation?: { rule: string; pointer: string };
  /** Read the object the create made right after it (read-only cases: is the value sent stored?). */
  readBack?: boolean;
}

export type CaseGroup = 'example' | 'valid' | 'invalid' | 'unknown-id' | 'no-token';

export interface CaseOptions {
  seed: number;
  validCount: number;
}

/** An id no object has: the unknown-id cases address it. */
export const UNKNOWN_OBJECT_ID = '00000000-0000-4000-8000-00000000dead';

/** Whether a case of `op` changes the object it addresses (so that object must be the test's own). */
function changesTarget(op: OperationContract): boolean {
  return op.kind === 'update' || op.kind === 'delete' || op.kind === 'action';
}

function hasBody(op: OperationContract): boolean {
  return op.request !== null;
}

/** The documented example: expected to succeed when it satisfies the docs' own schema, to be rejected when not. */
function exampleCases(op: OperationContract, contracts: LoadedContracts): CasePlan[] {
  const ex = op.examples.find((e) => e.request);
  if (!ex?.request) return [];
  const fresh = changesTarget(op);
  if (!hasBody(op) || ex.request.body === null) return [{ kind: 'example', name: `documented example (${ex.source})`, seed: null, fresh }];
  const v = contracts.validateRequest(op.id, ex.request.body);
  if (v.valid) return [{ kind: 'example', name: `documented example (${ex.source})`, seed: null, body: ex.request.body, fresh }];
  const first = v.errors[0];
  return [
    {
      kind: 'invalid',
      name: `documented example (${ex.source}), which fails the docs' schema at ${first?.instancePath || '/'}`,
      seed: null,
      body: ex.request.body,
      fresh,
      mutation: { rule: 'documented-example-invalid', pointer: first?.instancePath ?? '' },
    },
  ];
}

export function casesFor(
  op: OperationContract,
  group: CaseGroup,
  contracts: LoadedContracts,
  payloads: PayloadSource,
  opts: CaseOptions,
): CasePlan[] {
  const fresh = changesTarget(op);
  switch (group) {
    case 'example':
      return exampleCases(op, contracts);
    case 'valid': {
      if (!hasBody(op)) return [{ kind: 'valid', name: 'valid request', seed: null, fresh }];
      return Array.from({ length: opts.validCount }, (_, i) => {
        const seed = (opts.seed + i) >>> 0; // wraps at 2^32: seeds stay valid
        return { kind: 'valid' as const, name: `valid #${i + 1} (seed ${seed})`, seed, body: payloads.valid(op.id, seed), fresh };
      });
    }
    case 'invalid': {
      // Invalid bodies address the worker's shared object: a conformant service rejects them and changes nothing (one
      // that takes them has its write recorded in the object's history, so later checks still compare right).
      if (!hasBody(op)) return [];
      const out: CasePlan[] = payloads.invalid(op.id, opts.seed).map((c) => ({
        kind: 'invalid' as const,
        name: `invalid: ${c.rule} at ${c.pointer || '/'} (${c.description})`,
        seed: opts.seed,
        body: c.body,
        mutation: { rule: c.rule, pointer: c.pointer },
      }));
      out.push({
        kind: 'invalid',
        name: 'invalid: malformed JSON',
        seed: null,
        rawBody: '{"displayName": ',
        mutation: { rule: 'malformed-json', pointer: '' },
      });
      out.push({
        kind: 'invalid',
        name: 'invalid: body sent as text/plain',
        seed: opts.seed,
        body: payloads.valid(op.id, opts.seed),
        headers: { 'content-type': 'text/plain' },
        mutation: { rule: 'wrong-content-type', pointer: '' },
      });
      return out;
    }
    case 'unknown-id':
      if (op.pathParameters.length === 0) return [];
      return [
        {
          kind: 'unknown-id',
          name: `unknown {${op.pathParameters[op.pathParameters.length - 1]}}`,
          seed: hasBody(op) ? opts.seed : null,
          unknownId: true,
          ...(hasBody(op) ? { body: payloads.valid(op.id, opts.seed) } : {}),
        },
      ];
    case 'no-token':
      return [
        {
          kind: 'no-token',
          name: 'no Authorization header',
          seed: hasBody(op) ? opts.seed : null,
          noToken: true,
          ...(hasBody(op) ? { body: payloads.valid(op.id, opts.seed) } : {}),
        },
      ];
  }
}
