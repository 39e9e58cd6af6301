/**
 * Mock throughput: requests per second of `npm run mock` and of Prism (serving the OpenAPI export of contracts/) on
 * create, get and list of the pool, with the same load generator, the same bodies, the same machine. The rows are
 * interleaved (ours, Prism, ours, Prism...) so background load hits both alike. Only 2xx answers count as served.
 */
import type { LoadedContracts } from '../contracts/load.js';
import { validBody } from '../generators/payloads/index.js';
import { generateLoad, type LoadRequest, type LoadResult } from './load-generator.js';
import { median, pairedRatio } from './stats.js';
import type { PrismInstall } from './prism.js';
import { checkPrismAnswers, type PrismConformance, proxyLifecycle } from './prism-conformance.js';
import { startOurMock, startPrism, type RunningServer } from './servers.js';

export type ThroughputOp = 'create' | 'get' | 'list';
export const THROUGHPUT_OPS: ThroughputOp[] = ['create', 'get', 'list'];

export interface ThroughputOptions {
  contracts: LoadedContracts;
  openapiFile: string;
  prism: PrismInstall;
  connections: number;
  durationMs: number;
  warmupMs: number;
  maxRequests: number;
  /** Measurements per server and operation (each durationMs / rounds long), interleaved; medians are reported. */
  rounds: number;
  log: (line: string) => void;
}

export interface ThroughputRow {
  op: ThroughputOp;
  ours: LoadResult | null;
  prism: LoadResult | null;
  /** Median over rounds of ours.okRps / prism.okRps, when both ran. */
  ratio: number | null;
  notes: string[];
}

export interface ThroughputReport {
  rows: ThroughputRow[];
  /** Why Prism rows are missing, when they are. */
  prismSkipped: string | null;
  /** Prism's mock answers against the contracts, and a lifecycle through Prism's validating proxy (null: no Prism). */
  prismConformance: PrismConformance | null;
  notes: string[];
}

const BODY_COUNT = 64;

/** The request each row sends, for a server (its base path) and the id of an existing pool. */
export function requestFor(
  op: ThroughputOp,
  contracts: LoadedContracts,
  basePath: string,
  bodies: readonly string[],
  poolId: string,
  token: string,
): (i: number) => LoadRequest {
  const pools = contracts.operation('createEmbeddedSIMActivationCodePool').path;
  const item = contracts.operation('getEmbeddedSIMActivationCodePool').path.replace(/\{[^}]+\}/, encodeURIComponent(poolId));
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
  switch (op) {
    case 'create': {
      const h = { ...headers, 'content-type': 'application/json' };
      return (i) => ({ method: 'POST', path: `${basePath}${pools}`, headers: h, body: bodies[i % bodies.length] ?? '{}' });
    }
    case 'get':
      return () => ({ method: 'GET', path: `${basePath}${item}`, headers });
    case 'list':
      return () => ({ method: 'GET', path: `${basePath}${pools}`, headers });
  }
}

async function seedPool(server: RunningServer, contracts: LoadedContracts, body: string, token: string): Promise<string> {
  const pools = contracts.operation('createEmbeddedSIMActivationCodePool').path;
  const res = await fetch(`${server.origin}${server.basePath}${pools}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  const text = await res.text();
  const id = res.ok ? (JSON.parse(text) as { id?: unknown }).id : undefined;
  if (typeof id !== 'string')
    throw new Error(`${server.name}: creating the pool the get and list rows read answered ${res.status}: ${text.slice(0, 300)}`);
  return id;
}

/**
 * Rounds of one server and operation as one result: counts and statuses summed, rates and latencies the median of
 * the rounds (a round disturbed by another process does not drag the figure).
 */
export function mergeResults(rounds: readonly LoadResult[]): LoadResult {
  const statuses: Record<string, number> = {};
  for (const r of rounds) for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  const sum = (f: (r: LoadResult) => number): number => rounds.reduce((n, r) => n + f(r), 0);
  return {
    requests: sum((r) => r.requests),
    ok: sum((r) => r.ok),
    statuses,
    errors: sum((r) => r.errors),
    firstError: rounds.find((r) => r.firstError)?.firstError ?? null,
    elapsedMs: sum((r) => r.elapsedMs),
    rps: median(rounds.map((r) => r.rps)),
    okRps: median(rounds.map((r) => r.okRps)),
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    sockets: Math.max(0, ...rounds.map((r) => r.sockets)),
  };
}

function served(result: LoadResult, who: string): string[] {
  if (result.requests === 0) return [`${who}: no request was sent`];
  const bad = result.requests - result.ok;
  if (bad === 0) return [];
  const codes = Object.entries(result.statuses)
    .filter(([s]) => !s.startsWith('2'))
    .map(([s, n]) => `${n} x ${s}`)
    .join(', ');
  return [
    `${who}: ${bad} of ${result.requests} answers were not 2xx (${codes}${result.firstError ? `; ${result.firstError}` : ''}); only 2xx count`,
  ];
}

export async function measureThroughput(opts: ThroughputOptions): Promise<ThroughputReport> {
  const bodies = Array.from({ length: BODY_COUNT }, (_, i) =>
    JSON.stringify(validBody('createEmbeddedSIMActivationCodePool', { seed: 1000 + i, contracts: opts.contracts })),
  );
  const notes: string[] = [];
  const ours = await startOurMock();
  let prism: RunningServer | null = null;
  let prismSkipped: string | null = 'skipped' in opts.prism ? opts.prism.skipped : null;
  try {
    if (!('skipped' in opts.prism)) {
      try {
        prism = await startPrism(opts.prism.entry, opts.openapiFile, contractsPath(opts.contracts));
      } catch (e) {
        prismSkipped = (e as Error).message;
      }
    }
    const ourPool = await seedPool(ours, opts.contracts, bodies[0] ?? '{}', 'bench-read');
    let prismConformance: PrismConformance | null = null;
    if (prism && !('skipped' in opts.prism)) {
      opts.log('prism: checking its mock answers against the contracts, and a lifecycle through prism proxy --errors...');
      const answers = await checkPrismAnswers(prism, opts.contracts, bodies[0] ?? '{}');
      let proxy = null;
      let proxySkipped: string | null = null;
      try {
        proxy = await proxyLifecycle(opts.prism.entry, opts.openapiFile, ours, opts.contracts);
      } catch (e) {
        proxySkipped = (e as Error).message;
      }
      prismConformance = { answers, proxy, proxySkipped };
    }
    const targets: { key: string; server: RunningServer; pool: string }[] = [
      { key: 'ours', server: ours, pool: ourPool },
      ...(prism ? [{ key: 'prism', server: prism, pool: ourPool }] : []),
    ];
    // Each server gets a warm-up per operation, then `rounds` short measurements, interleaved across servers and
    // operations, so that a burst of load from another process hits one round of each rather than one server.
    const samples = new Map<string, LoadResult[]>();
    const perRound = Math.max(100, Math.round(opts.durationMs / opts.rounds));
    for (let round = 0; round < opts.rounds; round++) {
      for (const op of THROUGHPUT_OPS) {
        // Writes go to their own tenant, so the list row reads a collection of exactly one pool.
        const token = op === 'create' ? 'bench-write' : 'bench-read';
        opts.log(`throughput: ${op}, round ${round + 1}/${opts.rounds}: ${targets.map((t) => t.server.name).join(', ')}`);
        for (const t of targets) {
          const next = requestFor(op, opts.contracts, t.server.basePath, bodies, t.pool, token);
          if (round === 0)
            await generateLoad({
              origin: t.server.origin,
              next,
              connections: opts.connections,
              durationMs: opts.warmupMs,
              maxRequests: opts.maxRequests,
            });
          const r = await generateLoad({
            origin: t.server.origin,
            next,
            connections: opts.connections,
            durationMs: perRound,
            maxRequests: opts.maxRequests,
          });
          const key = `${op}|${t.key}`;
          samples.set(key, [...(samples.get(key) ?? []), r]);
        }
      }
    }
    const rows: ThroughputRow[] = THROUGHPUT_OPS.map((op) => {
      const rowNotes: string[] = [];
      const of = (key: string, name: string): LoadResult | null => {
        const rs = samples.get(`${op}|${key}`);
        if (!rs) return null;
        const merged = mergeResults(rs);
        rowNotes.push(...served(merged, name));
        return merged;
      };
      const o = of('ours', ours.name);
      const p = prism ? of('prism', prism.name) : null;
      const ratio = p
        ? pairedRatio(
            (samples.get(`${op}|ours`) ?? []).map((r) => r.okRps),
            (samples.get(`${op}|prism`) ?? []).map((r) => r.okRps),
          )
        : null;
      return { op, ours: o, prism: p, ratio: ratio !== null && Number.isFinite(ratio) ? ratio : null, notes: rowNotes };
    });
    if (prism)
      notes.push(
        `Prism serves paths without the server's /beta base path; it validates each request against the export and answers from its examples (static mode, -v silent).`,
      );
    return { rows, prismSkipped, prismConformance, notes };
  } finally {
    await ours.stop();
    if (prism) await prism.stop();
  }
}

/** A path Prism answers while starting up (used to wait for it). */
function contractsPath(contracts: LoadedContracts): string {
  return contracts.operation('listEmbeddedSIMActivationCodePools').path;
}
