/**
 * The target a conformance run talks to: the embedded mock (default; one server per Playwright worker on a free
 * port) or a live Graph endpoint (runner/live/live-target.ts). Tests get a Target and never know which one it is.
 */
import { startMockServer, type MockServerOptions } from '../mocks/index.js';
import type { TargetInfo } from '../checks/types.js';
import type { OperationContract } from '../contracts/model.js';
import { GraphClient } from './graph-client.js';

export type TargetName = 'mock' | 'live';

export interface Target {
  info: TargetInfo;
  client: GraphClient;
  close(): Promise<void>;
  /** Live only: the prefix of every displayName the run creates, `conformance-<runId>-` (runner/live/run-tag.ts). */
  tag?: string;
  /** Live only: why the token cannot call `op` (null: it can, or it cannot be told). */
  permissionGap?(op: Pick<OperationContract, 'id' | 'permissions'>): string | null;
  /** Live only: what the transport counted so far in this worker (throttledMs: time spent waiting on throttling). */
  stats?: { throttledMs: number };
}

export interface MockTargetOptions {
  /** Mock options, e.g. `{ faults: [...] }` for a fault profile. */
  mock?: MockServerOptions;
  /** Isolates this target's objects in the mock (one tenant per worker). */
  tenant: string;
}

export async function startMockTarget(opts: MockTargetOptions): Promise<Target> {
  const server = await startMockServer({ port: 0, ...opts.mock });
  const info: TargetInfo = { name: 'mock', baseUrl: server.url, cloud: null, tenantId: opts.tenant };
  const token = `mock-token-${opts.tenant}`;
  return { info, client: new GraphClient(info, async () => token), close: () => server.close() };
}
