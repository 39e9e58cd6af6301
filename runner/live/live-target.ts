/**
 * The live target: a real tenant (any cloud), signed in through @azure/identity, with the safety and resilience
 * layers between the GraphClient and the network. Outermost first:
 *   activation codes registered as secrets -> read-only guard -> permission guard -> write budget -> journal
 *   -> token renewal on 401 -> retries (Retry-After, backoff, ambiguous POST lookup) -> write pacing -> fetch
 * Pacing sits under the retries because every attempt counts against Intune's write budget.
 * createLiveTarget gets the first token before returning (so the tenant id is known and a bad credential fails
 * before any test); it sends nothing to Graph. When the run's preflight signed in already (GRAPH_RUN_TOKEN, see
 * runner/live/preflight.ts), that token is used until it is due for renewal: a worker, or a worker restarted after
 * a failed test, does not sign in again. Closing deletes what this process created and is still recorded as
 * present, writes the stats, and removes the SIGINT/SIGTERM handlers.
 */
import type { LoadedContracts } from '../../contracts/load.js';
import { loadContracts } from '../../contracts/load.js';
import type { OperationContract } from '../../contracts/model.js';
import type { TargetInfo } from '../../checks/types.js';
import { GraphClient, plainFetch, type Transport } from '../graph-client.js';
import type { Target } from '../target.js';
import { cleanupFromJournal, installSignalCleanup, rawSender, type CleanupResult, type RawSend } from './cleanup.js';
import { resolveEndpoints, type Endpoints } from './cloud.js';
import { chooseCredential, type AuthMode } from './credentials.js';
import { LiveConfigError } from './errors.js';
import { Journal } from './journal.js';
import type { TokenClaims } from './jwt.js';
import { readLiveSettings, type LiveSettings } from './live-settings.js';
import { cloudGap } from './availability.js';
import { grantedBy, permissionGap } from './permissions.js';
import { tagFor } from './run-tag.js';
import { createStats, describeStats, writeStatsFile, type LiveStats } from './stats.js';
import { realTiming, type Timing } from './timing.js';
import { renewingAuth } from './transport-auth.js';
import { readOnlyGuard, permissionGuard, writeBudgetGuard } from './transport-guards.js';
import { journaling, pathBelow, registeringCodes } from './transport-journal.js';
import { sharedToken } from './preflight.js';
import { pacing } from './transport-pacing.js';
import { retrying } from './transport-retry.js';
import { isWrite, operationLookup, type TransportLayer } from './transport-types.js';
import { tellLeader } from './run-group.js';
import { CachingTokenSource, TokenAcquisitionError } from './token-source.js';

export interface LiveTargetOptions {
  contracts?: LoadedContracts;
  /** PEM of a CA to trust for the authority host (a local fake Entra in tests). */
  authorityCa?: string;
  /** The innermost transport. Default: fetch. */
  fetch?: Transport;
  timing?: Timing;
  /** Pace window (tests shorten it). Default 20 s. */
  pacingWindowMs?: number;
  /** Backoff of the first retry. Default 1 s. */
  baseDelayMs?: number;
  /** Install SIGINT/SIGTERM handlers that clean up before exiting. Default true. */
  signals?: boolean;
  /** Write reports/live-stats/<runId>.<pid>.json on close. Default true. */
  writeStats?: boolean;
  /** Device-code instructions and cleanup notices. Default: stderr. */
  log?: (line: string) => void;
}

export interface LiveTarget extends Target {
  endpoints: Endpoints;
  settings: LiveSettings;
  runId: string;
  /** `conformance-<runId>-`: give it to the payload generator (displayName prefix). */
  tag: string;
  authMode: AuthMode;
  tokens: CachingTokenSource;
  journal: Journal;
  stats: LiveStats;
  /** The whole layered transport (what the client sends through). */
  transport: Transport;
  /** Sends a request below the version root through the transport (used by cleanup and the sweeper). */
  send: RawSend;
  contracts: LoadedContracts;
  /** Null when the current token may call `op` (or it cannot be told); else why it is skipped. */
  permissionGap(op: Pick<OperationContract, 'id' | 'permissions'>): string | null;
  /** Deletes what the journal says is still there: this process's objects, or the whole run's with `all`. */
  cleanup(opts?: { all?: boolean }): Promise<CleanupResult>;
  /** Lines for the start of a run: cloud, endpoint, tenant, sign-in, permissions, safety settings. */
  describe(): string;
}

/** How long an interrupted worker waits for its writes in flight before it cleans up. */
const INFLIGHT_WAIT_MS = 10_000;

function compose(layers: TransportLayer[], inner: Transport): Transport {
  return layers.reduceRight((next, layer) => layer(next), inner);
}

export async function createLiveTarget(env: NodeJS.ProcessEnv = process.env, opts: LiveTargetOptions = {}): Promise<LiveTarget> {
  const endpoints = resolveEndpoints(env);
  const settings = readLiveSettings(env);
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const timing = opts.timing ?? realTiming;
  const chosen = chooseCredential(env, endpoints, {
    ...(opts.authorityCa ? { authorityCa: opts.authorityCa } : {}),
    prompt: log,
    now: () => timing.now(),
  });
  const tokens = new CachingTokenSource(chosen.credential, endpoints.scope, { label: chosen.label, now: () => timing.now() });
  const shared = sharedToken(env, endpoints.scope);
  if (shared) tokens.seed(shared.token, shared.expiresOnTimestamp);
  try {
    await tokens.get();
  } catch (e) {
    const msg = e instanceof TokenAcquisitionError ? e.message : (e as Error).message;
    const where = chosen.mode === 'token' ? '' : `\nAuthority: ${endpoints.authorityHost} (${endpoints.sources.authorityHost});`;
    throw new LiveConfigError(`${msg}${where} nothing was sent to Graph.`, { cause: e });
  }
  const claims: TokenClaims | null = tokens.claims;
  const tenantId = typeof claims?.tid === 'string' ? claims.tid : env.AZURE_TENANT_ID?.trim() || null;

  const contracts = opts.contracts ?? loadContracts();
  const lookup = operationLookup(contracts);
  const stats = createStats();
  const journal = new Journal(settings.journalFile, settings.runId);

  // Writes in flight (awaited before an interrupted run cleans up), and whether the run is stopping (no new creates).
  const inflight = new Set<Promise<unknown>>();
  let stopping = false;
  const tracking: TransportLayer = (next) => (url, init, meta) => {
    const method = init.method ?? meta.method;
    if (stopping && lookup(meta.operation)?.kind === 'create')
      return Promise.reject(new Error(`the run is stopping (SIGINT/SIGTERM): ${meta.operation} was not sent`));
    const p = next(url, init, meta);
    if (isWrite(method)) {
      inflight.add(p);
      void p.catch(() => {}).finally(() => inflight.delete(p));
    }
    return p;
  };

  const layers: TransportLayer[] = [
    tracking,
    registeringCodes(),
    ...(settings.readOnly ? [readOnlyGuard(stats)] : []),
    permissionGuard({ lookup, stats }),
    writeBudgetGuard({ budget: settings.writeBudget, journal, lookup, stats }),
    journaling({ journal, baseUrl: endpoints.baseUrl, lookup }),
    renewingAuth(tokens),
    retrying({
      maxAttempts: settings.maxAttempts,
      maxRetryAfterMs: settings.maxRetryAfterMs,
      timeoutMs: settings.requestTimeoutMs,
      ...(opts.baseDelayMs !== undefined ? { baseDelayMs: opts.baseDelayMs } : {}),
      timing,
      stats,
      knownIds: () => journal.knownIds(),
      onOrphan: ({ collectionUrl, object, operation }) => {
        const id = String(object.id);
        journal.recordCreated({
          path: `${pathBelow(endpoints.baseUrl, collectionUrl)}/${encodeURIComponent(id)}`,
          id,
          operation,
          ...(typeof object.displayName === 'string' ? { displayName: object.displayName } : {}),
        });
      },
    }),
    pacing({ limit: settings.writePace, ...(opts.pacingWindowMs !== undefined ? { windowMs: opts.pacingWindowMs } : {}), timing, stats }),
  ];
  const transport = compose(layers, opts.fetch ?? plainFetch);
  const info: TargetInfo = { name: 'live', baseUrl: endpoints.baseUrl, cloud: endpoints.cloud, tenantId };
  const client = new GraphClient(info, tokens.get, {}, transport);
  const send = rawSender(endpoints.baseUrl, transport, tokens.get);
  const cleanup = (o: { all?: boolean } = {}): Promise<CleanupResult> =>
    cleanupFromJournal({ journal, send, operations: contracts.operations, ...(o.all ? {} : { pid: process.pid }) });

  let closed = false;
  let uninstall = (): void => {};
  /** Deletes what this process made and is still there, writes the stats, removes the signal handlers. */
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    try {
      const result = await cleanup();
      if (result.left.length)
        log(
          `live cleanup left ${result.left.length} object(s): ${result.left.map((l) => `${l.path} (${l.reason})`).join('; ')}. Run \`npm run sweep -- --yes\` to delete leftovers.`,
        );
    } finally {
      uninstall();
      stats.tokenRenewals = Math.max(0, tokens.acquired - 1);
      if (opts.writeStats !== false) writeStatsFile(settings.reportsDir, settings.runId, stats);
    }
  };
  if (opts.signals !== false)
    uninstall = installSignalCleanup(
      async () => {
        stopping = true;
        tellLeader();
        // Writes already sent are answered (or time out) first, so what they made is journaled before cleanup.
        const bound = new Promise<void>((resolve) => setTimeout(resolve, INFLIGHT_WAIT_MS).unref());
        await Promise.race([Promise.allSettled([...inflight]), bound]);
        await close();
      },
      { log, limitMs: 25_000 },
    );

  return {
    info,
    client,
    endpoints,
    settings,
    runId: settings.runId,
    tag: tagFor(settings.runId),
    authMode: chosen.mode,
    tokens,
    journal,
    stats,
    transport,
    send,
    contracts,
    permissionGap: (op) => cloudGap(op, endpoints.cloud) ?? permissionGap(op, tokens.claims),
    cleanup,
    describe: () => {
      const granted = grantedBy(tokens.claims);
      const gaps = contracts.operations.map((o) => permissionGap(o, tokens.claims)).filter((g) => g !== null);
      return [
        ...(endpoints.allowedHost ? [`bearer tokens go to ${endpoints.allowedHost}: not a Graph host, allowed by GRAPH_ALLOW_HOST`] : []),
        `live run ${settings.runId}: ${endpoints.baseUrl} (cloud ${endpoints.cloud}, ${endpoints.sources.baseUrl}), tenant ${tenantId ?? 'unknown'}`,
        chosen.mode === 'token'
          ? `token given directly (GRAPH_ACCESS_TOKEN); not renewable`
          : `signed in with ${chosen.label} at ${endpoints.authorityHost}; scope ${endpoints.scope}`,
        `token: ${granted ? `${granted.kind}, ${granted.permissions.join(', ') || 'no permissions'}` : 'opaque (permissions unknown; nothing skipped for permissions)'}`,
        `${gaps.length} of ${contracts.operations.length} operations will be skipped for permissions`,
        `safety: ${settings.readOnly ? 'read-only (GET only)' : `write budget ${settings.writeBudget} objects`}, pace ${settings.writePace} writes per 20 s, ${settings.maxAttempts} attempts per request, objects named ${tagFor(settings.runId)}…, journal ${settings.journalFile}`,
      ].join('\n');
    },
    close,
  };
}

export { describeStats };
