/**
 * The object families a stateful sequence works on, read from the contracts rather than named: each create
 * operation's collection with its item operations (get, update, delete), its list, its parent family (the pool for
 * assignments and device states), and the actions on its items (`assign`).
 */
import type { LoadedContracts } from '../../contracts/load.js';
import type { OperationContract } from '../../contracts/model.js';

export interface Family {
  /** Graph type, e.g. `embeddedSIMDeviceState`. */
  resource: string;
  /** Collection template, e.g. `/deviceManagement/embeddedSIMActivationCodePools/{embeddedSIMActivationCodePoolId}/deviceStates`. */
  collection: string;
  /** Item template (the collection plus `/{id}`). */
  item: string;
  parent: Family | null;
  create: OperationContract;
  list: OperationContract | null;
  get: OperationContract | null;
  update: OperationContract | null;
  delete: OperationContract | null;
  /** Actions addressed to an item (`{item}/name`). */
  actions: OperationContract[];
}

export function familiesOf(contracts: LoadedContracts): Family[] {
  const ops = contracts.operations;
  const find = (kind: OperationContract['kind'], path: string): OperationContract | null =>
    ops.find((o) => o.kind === kind && o.path === path) ?? null;
  const out: Family[] = [];
  const creates = ops.filter((o) => o.kind === 'create').sort((a, b) => a.path.split('/').length - b.path.split('/').length);
  for (const create of creates) {
    const get = ops.find(
      (o) => o.kind === 'get' && o.path.startsWith(`${create.path}/{`) && !o.path.slice(create.path.length + 1).includes('/'),
    );
    const item = get?.path ?? `${create.path}/{${create.resource}Id}`;
    const parent = out.find((f) => create.path.startsWith(`${f.item}/`)) ?? null;
    out.push({
      resource: create.resource,
      collection: create.path,
      item,
      parent,
      create,
      list: find('list', create.path),
      get: get ?? null,
      update: find('update', item),
      delete: find('delete', item),
      actions: ops.filter((o) => o.kind === 'action' && o.path.startsWith(`${item}/`) && !o.path.slice(item.length + 1).includes('/')),
    });
  }
  return out;
}
