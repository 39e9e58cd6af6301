/**
 * What changed between two snapshots of the contracts, as meaning rather than text: every operation and type is
 * reduced to what it promises (no file names, hashes, line numbers or `$comment` annotations, which move with the
 * layout of a page), then compared member by member. Each difference is one change with a JSON pointer into the
 * operation contract or the type's schema, and the value before and after.
 */
import { joinPointer } from '../../../lib/json-pointer.js';
import type { OperationContract } from '../../../contracts/model.js';
import type { ExtractResult } from '../extract.js';

/** A type's JSON Schema, as the extractor's public result types it. */
type JsonSchema = ExtractResult['schemas'] extends Map<string, infer S> ? S : never;

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface ContractChange {
  /** An operation contract (by operationId) or a type's schema (by type name). */
  subject: 'operation' | 'type';
  id: string;
  kind: ChangeKind;
  /** Into the normalised contract; '' is the whole operation or type (added or removed). */
  pointer: string;
  /** Absent (undefined) when added. */
  before?: unknown;
  /** Absent (undefined) when removed. */
  after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The one `$comment` that carries meaning: a computed count (`computed: count of activationCodes`). */
const COMPUTED = /^computed:\s*count of\s+[A-Za-z_][A-Za-z0-9_]*/;

/**
 * A copy without `$comment`s (annotations that quote the page's wording and name the file it came from), except the
 * head of a computed-count comment, which says what the server derives.
 */
function withoutComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutComments);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k !== '$comment') out[k] = withoutComments(v);
    else if (typeof v === 'string' && COMPUTED.test(v)) out[k] = COMPUTED.exec(v)?.[0];
  }
  return out;
}

/** An operation contract as a promise: where it was read from (files, hashes, lines) is left out. */
export function normaliseOperation(op: OperationContract): unknown {
  const { sources: _sources, disagreements, examples, ...rest } = op;
  return withoutComments({
    ...rest,
    examples: examples.map(({ source: _source, request, response }) => ({
      request: request ? { ...request, line: undefined } : null,
      response: response ? { ...response, line: undefined } : null,
    })),
    disagreements: disagreements.map((d) => ({ pointer: d.pointer, values: d.values.map((v) => v.value), kept: d.kept })),
  });
}

export function normaliseSchema(schema: JsonSchema): unknown {
  return withoutComments(schema);
}

/** A JSON round trip drops undefined members, so `line: undefined` above really is gone. */
const plain = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

const isScalarArray = (v: unknown): v is unknown[] => Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object');

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function diffValues(before: unknown, after: unknown, pointer: string, out: (c: Omit<ContractChange, 'subject' | 'id'>) => void): void {
  if (sameJson(before, after)) return;
  // A schema whose type changed reads best as one change: the whole schema before and after.
  const retyped = isObject(before) && isObject(after) && 'type' in before && 'type' in after && !sameJson(before.type, after.type);
  if (isObject(before) && isObject(after) && !retyped) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const k of keys) {
      const p = joinPointer(pointer, k);
      if (!Object.hasOwn(before, k)) out({ kind: 'added', pointer: p, after: after[k] });
      else if (!Object.hasOwn(after, k)) out({ kind: 'removed', pointer: p, before: before[k] });
      else diffValues(before[k], after[k], p, out);
    }
    return;
  }
  // Lists of names (permissions, required, enum) read best whole; lists of objects go item by item.
  if (Array.isArray(before) && Array.isArray(after) && !isScalarArray(before) && !isScalarArray(after)) {
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) {
      const p = joinPointer(pointer, i);
      if (i >= before.length) out({ kind: 'added', pointer: p, after: after[i] });
      else if (i >= after.length) out({ kind: 'removed', pointer: p, before: before[i] });
      else diffValues(before[i], after[i], p, out);
    }
    return;
  }
  out({ kind: 'changed', pointer, before, after });
}

function diffMaps(
  subject: ContractChange['subject'],
  before: ReadonlyMap<string, unknown>,
  after: ReadonlyMap<string, unknown>,
): ContractChange[] {
  const changes: ContractChange[] = [];
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const id of ids) {
    const b = plain(before.get(id));
    const a = plain(after.get(id));
    if (b === undefined) changes.push({ subject, id, kind: 'added', pointer: '', after: a });
    else if (a === undefined) changes.push({ subject, id, kind: 'removed', pointer: '', before: b });
    else diffValues(b, a, '', (c) => changes.push({ subject, id, ...c }));
  }
  return changes;
}

export interface ContractSet {
  operations: ReadonlyMap<string, OperationContract>;
  schemas: ReadonlyMap<string, JsonSchema>;
}

/** Every change from one set of contracts to the next: operations first, then types, each sorted by id. */
export function diffContracts(before: ContractSet, after: ContractSet): ContractChange[] {
  const ops = (s: ContractSet): Map<string, unknown> => new Map([...s.operations].map(([k, v]) => [k, normaliseOperation(v)]));
  const types = (s: ContractSet): Map<string, unknown> => new Map([...s.schemas].map(([k, v]) => [k, normaliseSchema(v)]));
  return [...diffMaps('operation', ops(before), ops(after)), ...diffMaps('type', types(before), types(after))];
}
