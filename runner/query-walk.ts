/**
 * Sends a GET with OData query options and, for a list, follows @odata.nextLink page by page (a bounded walk), each
 * page an exchange with step `page` whose checks see the earlier pages as ctx.prior. A nextLink that leaves the
 * target's version root is not followed: the token would go with it (paging_complete reports it).
 */
import { runChecks } from '../checks/findings.js';
import { PAGE_STEP } from '../checks/odata-request.js';
import type { CaseKind, Check, Exchange } from '../checks/types.js';
import type { LoadedContracts } from '../contracts/load.js';
import type { OperationContract } from '../contracts/model.js';
import type { CaseResult } from './execute.js';
import type { GraphClient } from './graph-client.js';

export interface WalkEnv {
  client: GraphClient;
  contracts: LoadedContracts;
  checks: Check[];
}

export interface Walk {
  results: CaseResult[];
  exchanges: Exchange[];
  /** Items of every page, in order (objects only). */
  items: Record<string, unknown>[];
  /** Why the walk stopped early, or null when the last page had no nextLink. */
  stopped: string | null;
}

/** `path` is below the version root with its query, e.g. `/deviceManagement/pools?$top=2`. */
export async function walkQuery(
  env: WalkEnv,
  op: OperationContract,
  path: string,
  opts: { name: string; maxPages?: number; kind?: CaseKind; mutation?: { rule: string; pointer: string } },
): Promise<Walk> {
  const maxPages = opts.maxPages ?? 20;
  const root = env.client.target.baseUrl.replace(/\/$/, '');
  const walk: Walk = { results: [], exchanges: [], items: [], stopped: null };
  let next: string | null = path;
  for (let n = 1; next !== null; n++) {
    if (n > maxPages) {
      walk.stopped = `more than ${maxPages} pages`;
      break;
    }
    const exchange = await env.client.send({
      operation: op.id,
      caseKind: opts.kind ?? 'valid',
      caseName: `${opts.name}, page ${n}`,
      method: 'GET',
      path: next,
      step: op.kind === 'list' ? PAGE_STEP : 'query',
      ...(opts.mutation ? { mutation: opts.mutation } : {}),
    });
    const prior = [...walk.exchanges];
    walk.exchanges.push(exchange);
    walk.results.push({
      plan: { kind: opts.kind ?? 'valid', name: `${opts.name}, page ${n}`, seed: null },
      exchanges: [exchange],
      findings: runChecks(env.checks, exchange, op, { contracts: env.contracts, prior }),
    });
    const body = exchange.response.body as { value?: unknown; '@odata.nextLink'?: unknown } | undefined;
    if (op.kind !== 'list' || exchange.response.status !== 200 || !body) break;
    if (Array.isArray(body.value)) {
      for (const v of body.value) if (typeof v === 'object' && v !== null) walk.items.push(v as Record<string, unknown>);
    }
    const link = body['@odata.nextLink'];
    if (link === undefined) {
      next = null;
    } else if (typeof link === 'string' && link.toLowerCase().startsWith(`${root.toLowerCase()}/`)) {
      next = link.slice(root.length);
    } else {
      walk.stopped = 'the nextLink leaves the target, so it was not followed';
      next = null;
    }
  }
  return walk;
}
