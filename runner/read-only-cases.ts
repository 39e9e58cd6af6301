/**
 * The `read-only` case of each create and update operation: a valid body (seeded) plus a client value for every
 * property the contract marks readOnly (id, createdDateTime, modifiedDateTime, lastSyncDateTime,
 * activationCodeCount, ...). The values are ones a server would never pick (a fixed GUID, a timestamp in 2001, a count
 * no request matches), so an answer or a later read that shows one took it from the client. A create is read back;
 * an update is read back by runCase anyway. read_only_ignored judges the answers. An update addresses an object
 * that exists (made by the read-only create when that ran first), not a fresh one: the cases cost a live run one
 * object per created type.
 */
import type { LoadedContracts } from '../contracts/load.js';
import type { OperationContract } from '../contracts/model.js';
import { typeProperties } from '../generators/contracts/schema-walk.js';
import type { CasePlan, PayloadSource } from './cases.js';

type Schema = Record<string, unknown>;

/** A GUID no server generates (version nibble 4, but a fixed, recognisable pattern). */
export const CLIENT_ID = 'c11e0000-5e7d-4000-8000-00000000c11e';
export const CLIENT_INSTANT = '2001-02-03T04:05:06Z';
export const CLIENT_COUNT = 4242;

const types = (s: Schema): string[] => (Array.isArray(s.type) ? s.type : typeof s.type === 'string' ? [s.type] : []).map(String);

/** A client value for a readOnly property, or undefined when its schema gives no scalar type to make one of. */
export function clientValueFor(name: string, schema: Schema): unknown {
  const t = types(schema);
  if (name === 'id' || schema.format === 'uuid') return CLIENT_ID;
  if (schema.format === 'date-time') return CLIENT_INSTANT;
  if (t.includes('integer') || t.includes('number')) return CLIENT_COUNT;
  if (t.includes('boolean')) return true;
  if (t.includes('string')) return Array.isArray(schema.enum) ? schema.enum[0] : `client-set-${name}`;
  return undefined;
}

/** Client values for every readOnly property of a type. */
export function readOnlyValues(contracts: LoadedContracts, typeName: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(typeProperties(contracts.schemas as Map<string, Schema>, typeName))) {
    if (schema.readOnly !== true) continue;
    const value = clientValueFor(name, schema);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

export function readOnlyCases(op: OperationContract, contracts: LoadedContracts, payloads: PayloadSource, seed: number): CasePlan[] {
  if ((op.kind !== 'create' && op.kind !== 'update') || !op.request || op.request.collection) return [];
  const values = readOnlyValues(contracts, op.request.type);
  if (Object.keys(values).length === 0) return [];
  const base = payloads.valid(op.id, seed);
  const body = { ...(base !== null && typeof base === 'object' ? base : {}), ...values };
  return [
    {
      kind: 'read-only',
      name: `read-only values sent (${Object.keys(values).join(', ')}) (seed ${seed})`,
      seed,
      body,
      readBack: op.kind === 'create',
    },
  ];
}

/** The operations that have a read-only case, creates first (outermost collection first), then updates. */
export function readOnlyOperations(contracts: LoadedContracts): OperationContract[] {
  const depth = (o: OperationContract): number => o.path.split('/').length;
  const rank = (o: OperationContract): number => (o.kind === 'create' ? 0 : 1);
  const none: PayloadSource = { valid: () => ({}), invalid: () => [] };
  return contracts.operations
    .filter((o) => readOnlyCases(o, contracts, none, 0).length > 0)
    .sort((a, b) => rank(a) - rank(b) || depth(a) - depth(b));
}
