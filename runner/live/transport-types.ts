/** The pieces the live transport layers share: a layer wraps a Transport; operations are looked up by id. */
import type { LoadedContracts } from '../../contracts/load.js';
import type { OperationContract } from '../../contracts/model.js';
import type { Transport } from '../graph-client.js';

export type TransportLayer = (next: Transport) => Transport;

export type TransportMeta = Parameters<Transport>[2];

/** Operations by id (contracts); null for an id the contracts do not have (e.g. `cleanup`, `sweep`). */
export type OperationLookup = (operationId: string) => OperationContract | null;

export function operationLookup(contracts: Pick<LoadedContracts, 'operations'>): OperationLookup {
  const byId = new Map(contracts.operations.map((o) => [o.id, o]));
  return (id) => byId.get(id) ?? null;
}

export const isWrite = (method: string): boolean => !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());

export function headerOf(init: RequestInit, name: string): string | null {
  return new Headers(init.headers).get(name);
}

export function withHeader(init: RequestInit, name: string, value: string): RequestInit {
  const headers = new Headers(init.headers);
  headers.set(name, value);
  return { ...init, headers };
}

/** The JSON body a request carries, parsed, or undefined. */
export function jsonBodyOf(init: RequestInit): unknown {
  if (typeof init.body !== 'string') return undefined;
  try {
    return JSON.parse(init.body);
  } catch {
    return undefined;
  }
}
