/**
 * The few objects the query conformance tests read (tests/conformance/queries.spec.ts): two pools with names that
 * sort and filter predictably under one unique prefix, and two objects in each child collection of the first pool.
 * Six objects in all (in a live run every object counts); each is recorded with the tracker as it is made, so the
 * fixture deletes it at the end even when the test fails.
 */
import { randomUUID } from 'node:crypto';
import type { LoadedContracts } from '../contracts/load.js';
import type { OperationContract } from '../contracts/model.js';
import type { PayloadSource } from './cases.js';
import type { GraphClient } from './graph-client.js';
import { fillPath, SetupError, type ResourceTracker } from './resources.js';

export interface QueryObjects {
  /** Every pool name starts with it: `<run tag>odata-<8 hex>-`. */
  prefix: string;
  /** The pools, in the order made: names `<prefix>a`, `<prefix>b`. */
  pools: { id: string; name: string }[];
  /** Path parameters addressing the first pool. */
  poolParams: Record<string, string>;
  /** Ids made in each child collection of the first pool, by the list operation's id. */
  children: Map<string, string[]>;
}

export interface QueryObjectsEnv {
  client: GraphClient;
  contracts: LoadedContracts;
  payloads: PayloadSource;
  tracker: ResourceTracker;
  seed: number;
  /** The live run tag (`conformance-<runId>-`), so the sweeper knows the pools; empty for the mock. */
  tag: string;
}

const CREATE_POOL = 'createEmbeddedSIMActivationCodePool';

/** The list operations of the collections directly under `itemPath` (`/pools/{poolId}` -> its assignments, ...). */
export function childLists(contracts: LoadedContracts, itemPath: string): OperationContract[] {
  return contracts.operations.filter(
    (o) => o.kind === 'list' && o.path.startsWith(`${itemPath}/`) && !o.path.slice(itemPath.length + 1).includes('/'),
  );
}

/** Creates one object from a generated body (its own seed, so no two objects share activation codes or targets). */
async function make(
  env: QueryObjectsEnv,
  createOp: OperationContract,
  params: Record<string, string>,
  itemTemplate: string,
  seed: number,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const { contracts, client, tracker } = env;
  const body = { ...(env.payloads.valid(createOp.id, seed >>> 0) as Record<string, unknown>), ...overrides };
  const path = fillPath(createOp.path, params);
  const exchange = await client.send({
    operation: createOp.id,
    caseKind: 'valid',
    caseName: 'query setup',
    method: 'POST',
    path,
    body,
    step: 'setup',
  });
  const id = (exchange.response.body as { id?: unknown } | undefined)?.id;
  if (exchange.response.status >= 300 || typeof id !== 'string') {
    throw new SetupError(`query setup: ${createOp.id} answered ${exchange.response.status} without an id`);
  }
  const param = itemTemplate.slice(itemTemplate.lastIndexOf('{') + 1, -1);
  const deleteOp = contracts.operations.find((o) => o.kind === 'delete' && o.path === itemTemplate) ?? null;
  tracker.adopt({ path: fillPath(itemTemplate, { ...params, [param]: id }), id, exchange, deleteOp });
  return id;
}

export async function makeQueryObjects(env: QueryObjectsEnv, perCollection = 2): Promise<QueryObjects> {
  const { contracts } = env;
  const create = contracts.operation(CREATE_POOL);
  const poolItem = contracts.operations.find((o) => o.kind === 'get' && o.path.startsWith(`${create.path}/{`))?.path;
  if (!poolItem) throw new SetupError(`no get operation under ${create.path}: cannot address the pools made`);
  const param = poolItem.slice(poolItem.lastIndexOf('{') + 1, -1);
  const prefix = `${env.tag}odata-${randomUUID().slice(0, 8)}-`;
  let seed = env.seed;
  const pools: QueryObjects['pools'] = [];
  for (const suffix of ['a', 'b']) {
    const name = `${prefix}${suffix}`;
    pools.push({ id: await make(env, create, {}, poolItem, seed++, { displayName: name }), name });
  }
  const poolParams = { [param]: (pools[0] as { id: string }).id };
  const children = new Map<string, string[]>();
  for (const list of childLists(contracts, poolItem)) {
    const item = contracts.operations.find((o) => o.kind === 'get' && o.path.startsWith(`${list.path}/{`))?.path;
    const createChild = contracts.operations.find((o) => o.kind === 'create' && o.path === list.path);
    if (!item || !createChild) continue;
    const ids: string[] = [];
    for (let i = 0; i < perCollection; i++) ids.push(await make(env, createChild, poolParams, item, seed++));
    children.set(list.id, ids);
  }
  return { prefix, pools, poolParams, children };
}
