/**
 * Does Prism, given the OpenAPI export, agree with the contracts? Two measures for the bench report:
 * - Prism's mock answers (create, get, list, as the throughput rows send them) checked against the contracts'
 *   response schemas: an answer Prism makes up from the export must be one the contracts accept;
 * - a whole pool lifecycle through `prism proxy --errors` in front of our mock: the violations Prism reports.
 */
import type { LoadedContracts } from '../contracts/load.js';
import { type LifecycleResult, runProxyLifecycle } from './prism-lifecycle.js';
import { type RunningServer, startPrismProxy } from './servers.js';
import { requestFor, THROUGHPUT_OPS } from './throughput.js';

export interface PrismAnswerCheck {
  op: string;
  status: number;
  /** Where the answer breaks the contract (empty: it satisfies it). */
  violations: string[];
}

export interface PrismConformance {
  answers: PrismAnswerCheck[];
  proxy: LifecycleResult | null;
  /** Why the proxy lifecycle did not run, when it did not. */
  proxySkipped: string | null;
}

const OP_IDS = {
  create: 'createEmbeddedSIMActivationCodePool',
  get: 'getEmbeddedSIMActivationCodePool',
  list: 'listEmbeddedSIMActivationCodePools',
} as const;

export async function checkPrismAnswers(prism: RunningServer, contracts: LoadedContracts, body: string): Promise<PrismAnswerCheck[]> {
  const out: PrismAnswerCheck[] = [];
  for (const op of THROUGHPUT_OPS) {
    const req = requestFor(op, contracts, prism.basePath, [body], 'any-id', 'bench-check')(0);
    const res = await fetch(`${prism.origin}${req.path}`, { method: req.method, headers: req.headers, body: req.body });
    const text = await res.text();
    const opId = OP_IDS[op];
    const violations: string[] = [];
    if (res.status !== contracts.operation(opId).response.status)
      violations.push(`status ${res.status}, documented ${contracts.operation(opId).response.status}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      violations.push(`not JSON: ${text.slice(0, 120)}`);
    }
    if (parsed !== undefined) {
      const verdict = contracts.validateResponse(opId, parsed);
      if (!verdict.valid) violations.push(...verdict.errors.slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`));
    }
    out.push({ op, status: res.status, violations });
  }
  return out;
}

export async function proxyLifecycle(
  prismEntry: string,
  openapiFile: string,
  ours: RunningServer,
  contracts: LoadedContracts,
): Promise<LifecycleResult> {
  const proxy = await startPrismProxy(
    prismEntry,
    openapiFile,
    `${ours.origin}${ours.basePath}`,
    contracts.operation('listEmbeddedSIMActivationCodePools').path,
  );
  try {
    return await runProxyLifecycle(proxy.origin, contracts, 'bench-proxy');
  } finally {
    await proxy.stop();
  }
}
