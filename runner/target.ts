/**
 * The target a conformance run talks to: the embedded mock (default; one server per Playwright worker on a free
 * port) or a live Graph endpoint. Tests get a Target and never know which one it is.
 */
import { startMockServer, type MockServerOptions } from '../mocks/index.js';
import type { TargetInfo } from '../checks/types.js';
import { GraphClient } from './graph-client.js';

export type TargetName = 'mock' | 'live';

export interface Target {
  info: TargetInfo;
  client: GraphClient;
  close(): Promise<void>;
}

export class TargetConfigError extends Error {}

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

/**
 * A live target from the environment: GRAPH_BASE_URL (e.g. https://graph.microsoft.com/beta or any Graph-like
 * server) and GRAPH_ACCESS_TOKEN.
 */
export function liveTargetFromEnv(env: NodeJS.ProcessEnv = process.env): Target {
  const baseUrl = env.GRAPH_BASE_URL;
  const token = env.GRAPH_ACCESS_TOKEN;
  const missing = [!baseUrl && 'GRAPH_BASE_URL (e.g. https://graph.microsoft.com/beta)', !token && 'GRAPH_ACCESS_TOKEN (a bearer token for that endpoint)'].filter(Boolean);
  if (missing.length) {
    throw new TargetConfigError(`The live target is not configured: set ${missing.join(' and ')}. Nothing was sent.`);
  }
  let url: URL;
  try {
    url = new URL(baseUrl!);
  } catch {
    throw new TargetConfigError(`GRAPH_BASE_URL is not a URL: "${baseUrl}". Use e.g. https://graph.microsoft.com/beta.`);
  }
  const info: TargetInfo = { name: 'live', baseUrl: url.toString().replace(/\/$/, ''), cloud: env.GRAPH_CLOUD ?? null, tenantId: env.AZURE_TENANT_ID ?? null };
  return { info, client: new GraphClient(info, async () => token!), close: async () => {} };
}
