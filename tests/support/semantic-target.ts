/**
 * The embedded mock behind a deviating proxy (tests/support/deviating-proxy.ts), with what the runner needs to
 * talk to it in process: a GraphClient, the contracts, every check, seeded payloads and a tracker. `leftovers()`
 * counts what the mock still stores (after cleanup: 0 when every object made was tracked and deleted).
 */
import { loadContracts } from '../../contracts/load.js';
import { selectChecks } from '../../checks/registry.js';
import type { Check, Finding, TargetInfo } from '../../checks/types.js';
import { startMockServer } from '../../mocks/index.js';
import type { PayloadSource } from '../../runner/cases.js';
import { GraphClient } from '../../runner/graph-client.js';
import { payloadSource } from '../../runner/payload-source.js';
import { ResourceTracker } from '../../runner/resources.js';
import { startDeviatingProxy, type Deviation } from './deviating-proxy.js';

export const SEED = 20240801;
export const contracts = loadContracts();

export interface SemanticTarget {
  client: GraphClient;
  checks: Check[];
  payloads: PayloadSource;
  tracker: ResourceTracker;
  /** How many requests each deviation answered. */
  hits: number[];
  /** Objects the mock still stores. */
  leftovers(): number;
  close(): Promise<void>;
}

export async function openSemanticTarget(deviations: Deviation[] = []): Promise<SemanticTarget> {
  const mock = await startMockServer({ port: 0 });
  const proxy = await startDeviatingProxy(mock.url, deviations);
  const info: TargetInfo = { name: 'mock', baseUrl: proxy.url, cloud: null, tenantId: 'semantic' };
  const client = new GraphClient(info, async () => 'semantic-test-token');
  const payloads = payloadSource(contracts, '');
  const tracker = new ResourceTracker(client, contracts, (opId) => payloads.valid(opId, SEED));
  return {
    client,
    checks: selectChecks(),
    payloads,
    tracker,
    hits: proxy.hits,
    leftovers: () => mock.store.tenantKeys().reduce((n, k) => n + mock.store.tenant(k).size(), 0),
    close: async () => {
      await proxy.close();
      await mock.close();
    },
  };
}

/** `check operation pointer` of each finding, sorted and unique: what a test compares. */
export const summarise = (findings: Finding[]): string[] =>
  [...new Set(findings.map((f) => `${f.check} ${f.operation} ${f.pointer}`))].sort();
