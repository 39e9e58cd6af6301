/**
 * The runner's vocabulary: an Exchange (one request and what came back), a Check (a small pure function over an
 * exchange and its operation's contract), and a Finding (what a check saw differ from the contract).
 */
import type { LoadedContracts } from '../contracts/load.js';
import type { DriftKind, OperationContract } from '../contracts/model.js';

/** Why a request was sent: checks use this to know what the contract expects of the answer. */
export type CaseKind =
  | 'example' // the documented example request itself
  | 'valid' // a generated valid body (or no body, for GET/DELETE)
  | 'invalid' // a generated body that breaks exactly one rule
  | 'no-token' // sent without Authorization
  | 'unknown-id' // a path id that does not exist
  | 'lifecycle' // a step of the stateful create -> ... -> delete sequence
  | 'after-delete' // a read of an object the run deleted
  | 'read-only' // a valid body plus client values for every readOnly property (read_only_ignored judges the answer)
  | 'after-update' // a read of an object right after the run updated (or read-only-created) it
  | 'stateful'; // a step of a seeded random sequence (runner/stateful): the model says what status to expect

export interface ExchangeRequest {
  method: string;
  url: string;
  /** Header names lower-cased. Authorization is present here only redacted (`Bearer <redacted>`). */
  headers: Record<string, string>;
  /** The JSON body sent, if any. */
  body?: unknown;
}

export interface ExchangeResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  bodyText: string;
  /** JSON.parse(bodyText) when it parsed; undefined for an empty or non-JSON body (see parseError). */
  body?: unknown;
  parseError?: string;
}

export interface Exchange {
  /** Operation id (contracts/operations/<id>.json). */
  operation: string;
  caseKind: CaseKind;
  /** Readable case name, e.g. `valid #2`, `invalid: pattern at /activationCodes/0/integratedCircuitCardIdentifier`. */
  caseName: string;
  /** For invalid cases: the rule the body breaks and where. */
  mutation?: { rule: string; pointer: string };
  /** For lifecycle steps: the step name (`create`, `update`, `get-after-update`, ...). */
  step?: string;
  request: ExchangeRequest;
  response: ExchangeResponse;
  /** When the request was sent (ms since epoch) and how long it took. */
  startedAt: number;
  durationMs: number;
  target: TargetInfo;
}

export interface TargetInfo {
  name: 'mock' | 'live';
  baseUrl: string;
  cloud: string | null;
  tenantId: string | null;
}

export interface CheckContext {
  contracts: LoadedContracts;
  /**
   * Earlier exchanges about the same object in this case or lifecycle, oldest first (e.g. the create before an
   * update, the delete before a read). Empty for single-request cases.
   */
  prior: Exchange[];
}

/** What a check reports; the runner adds evidence and the fingerprint. */
export interface FindingDraft {
  /** JSON pointer into the response (or `/status`, `/headers/<name>`). */
  pointer: string;
  expected: unknown;
  observed: unknown;
  message: string;
  /**
   * Extra text that is stable across runs and tells this finding apart from others of the same check, operation and
   * pointer (e.g. the observed status code). Never ids, times or generated values.
   */
  stableKey?: string;
}

export interface Check {
  /** snake_case name users select by, e.g. `status_code`. */
  name: string;
  /** One line for `--list-checks` and reports. */
  description: string;
  run(exchange: Exchange, op: OperationContract, ctx: CheckContext): FindingDraft[];
}

export interface Evidence {
  status: number;
  requestId: string | null;
  clientRequestId: string | null;
  date: string | null;
  target: 'mock' | 'live';
  cloud: string | null;
  tenantId: string | null;
  method: string;
  url: string;
}

export interface Finding {
  check: string;
  operation: string;
  kind: DriftKind;
  caseName: string;
  pointer: string;
  expected: unknown;
  observed: unknown;
  message: string;
  evidence: Evidence;
  /** sha256 (16 hex) of check, operation, normalised pointer, expected and stableKey: stable across runs. */
  fingerprint: string;
}
