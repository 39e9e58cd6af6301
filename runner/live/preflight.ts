/**
 * The live preflight: before any test, resolve the endpoint, sign in once, and make one harmless GET of the pools
 * collection (`$top=1`). A run that cannot test (nothing listening, DNS, TLS, a refused token, a URL that is not the
 * Graph beta root, a server that never answers) stops here within seconds with one line naming the setting to fix;
 * nothing else is sent and no test runs. On success the token it got is handed to the Playwright process so that
 * workers (and worker restarts) do not sign in again; see sharedTokenEnv.
 */
import { randomUUID } from 'node:crypto';
import type { Transport } from '../graph-client.js';
import { plainFetch } from '../graph-client.js';
import { resolveEndpoints, type Endpoints } from './cloud.js';
import { chooseCredential, type AuthMode } from './credentials.js';
import { LiveConfigError } from './errors.js';
import { readLiveSettings } from './live-settings.js';
import { redactLiveText } from './secrets.js';
import { CachingTokenSource } from './token-source.js';

export const PREFLIGHT_PATH = '/deviceManagement/embeddedSIMActivationCodePools?$top=1';
export const PREFLIGHT_DEFAULT_TIMEOUT_MS = 15_000;

/** Handed to the Playwright process: the preflight's token, its expiry and the scope it is for. Never written to disk. */
export const SHARED_TOKEN_VARS = ['GRAPH_RUN_TOKEN', 'GRAPH_RUN_TOKEN_EXPIRES', 'GRAPH_RUN_TOKEN_SCOPE'] as const;

export class PreflightError extends Error {
  override name = 'PreflightError';
}

export interface PreflightOptions {
  fetch?: Transport;
  /** PEM of a CA to trust for the authority (tests); a child process uses NODE_EXTRA_CA_CERTS instead. */
  authorityCa?: string;
  /** Lines before the request (the allowed-host notice). Default: stdout. */
  log?: (line: string) => void;
}

export interface PreflightResult {
  endpoints: Endpoints;
  authMode: AuthMode;
  /** One line for the start of the run. */
  summary: string;
  /** Environment for the Playwright process: the shared token (see SHARED_TOKEN_VARS). */
  childEnv: Record<string, string>;
}

const oneLine = (s: string, max = 300): string => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

/** The variables that hold the credential, for the message of a refused token. */
function credentialVars(mode: AuthMode): string {
  switch (mode) {
    case 'token':
      return 'GRAPH_ACCESS_TOKEN';
    case 'env':
      return 'AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH)';
    case 'workload':
      return 'AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_FEDERATED_TOKEN_FILE';
    default:
      return `the account GRAPH_AUTH=${mode} signs in with (AZURE_TENANT_ID, AZURE_CLIENT_ID)`;
  }
}

function within<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Why a request got no answer, with the setting to look at. */
export function describeNetworkError(e: unknown, url: URL, timeoutMs: number): string {
  const codes: string[] = [];
  for (let cur: unknown = e, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    for (const c of [(cur as { code?: unknown }).code, (cur as { name?: unknown }).name]) if (typeof c === 'string') codes.push(c);
  }
  const where = `${url.protocol}//${url.host}`;
  const has = (...names: string[]): boolean => codes.some((c) => names.includes(c));
  if (has('TimeoutError', 'AbortError', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'))
    return `${where} did not answer within ${timeoutMs / 1000} s: check GRAPH_BASE_URL (or GRAPH_CLOUD), the network and any proxy; GRAPH_PREFLIGHT_TIMEOUT_MS sets the wait`;
  if (has('ECONNREFUSED')) return `nothing listens at ${where} (connection refused): check GRAPH_BASE_URL`;
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME'))
    return `the host ${url.hostname} is not found (DNS): check GRAPH_BASE_URL (or GRAPH_CLOUD) and the network`;
  if (codes.some((c) => /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_SSL/.test(c)))
    return `TLS with ${where} failed (${codes.find((c) => /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(c))}): check GRAPH_BASE_URL; for a private CA set NODE_EXTRA_CA_CERTS`;
  if (has('ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE'))
    return `${where} closed the connection without an answer: check GRAPH_BASE_URL (plain http on a https port?)`;
  let inner: unknown = e;
  for (let depth = 0; (inner as { cause?: unknown })?.cause && depth < 5; depth++) inner = (inner as { cause?: unknown }).cause;
  return `no answer from ${where} (${(inner as Error)?.message ?? codes[0] ?? 'unknown error'}): check GRAPH_BASE_URL`;
}

interface GraphErrorInfo {
  code: string | null;
  message: string | null;
}

function graphError(text: string): GraphErrorInfo {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    const code = typeof body?.error?.code === 'string' ? body.error.code : null;
    const message = typeof body?.error?.message === 'string' ? body.error.message : null;
    return { code, message };
  } catch {
    return { code: null, message: null };
  }
}

export async function preflight(env: NodeJS.ProcessEnv, opts: PreflightOptions = {}): Promise<PreflightResult> {
  const log = opts.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const timeoutRaw = env.GRAPH_PREFLIGHT_TIMEOUT_MS?.trim();
  const timeoutMs = timeoutRaw ? Number(timeoutRaw) : PREFLIGHT_DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 300_000)
    throw new LiveConfigError(
      `GRAPH_PREFLIGHT_TIMEOUT_MS must be a whole number of milliseconds from 100 to 300000; got "${timeoutRaw}". Default: ${PREFLIGHT_DEFAULT_TIMEOUT_MS}.`,
    );
  // Settings first: a typo host or a wrong version is refused before any token is asked for.
  const endpoints = resolveEndpoints(env);
  readLiveSettings(env);
  if (endpoints.allowedHost) log(`bearer tokens go to ${endpoints.allowedHost}: not a Graph host, allowed by GRAPH_ALLOW_HOST`);
  const chosen = chooseCredential(env, endpoints, { ...(opts.authorityCa ? { authorityCa: opts.authorityCa } : {}) });
  const tokens = new CachingTokenSource(chosen.credential, endpoints.scope, { label: chosen.label });

  let token: string;
  try {
    token = await within(
      tokens.get(),
      timeoutMs,
      () =>
        new PreflightError(
          `sign-in at ${endpoints.authorityHost} did not finish within ${timeoutMs / 1000} s: check ${endpoints.sources.authorityHost.startsWith('GRAPH_CLOUD') ? 'GRAPH_CLOUD' : endpoints.sources.authorityHost}, the network and any proxy`,
        ),
    );
  } catch (e) {
    if (e instanceof PreflightError) throw e;
    const where = chosen.mode === 'token' ? '' : ` at ${endpoints.authorityHost} (${endpoints.sources.authorityHost})`;
    throw new PreflightError(`sign-in failed${where}: ${oneLine((e as Error).message)}. Check ${credentialVars(chosen.mode)}`);
  }

  const url = new URL(`${endpoints.baseUrl}${PREFLIGHT_PATH}`);
  const send = opts.fetch ?? plainFetch;
  const request = async (): Promise<Response> => {
    try {
      return await send(
        url.toString(),
        {
          method: 'GET',
          headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'client-request-id': randomUUID() },
          signal: AbortSignal.timeout(timeoutMs),
        },
        { operation: 'preflight', method: 'GET' },
      );
    } catch (e) {
      throw new PreflightError(describeNetworkError(e, url, timeoutMs));
    }
  };
  const started = Date.now();
  let res = await request();
  // One retry of a throttled or briefly unavailable service, after at most 5 s.
  if ([429, 502, 503, 504].includes(res.status)) {
    const after = Math.min(5, Math.max(0, Number(res.headers.get('retry-after')) || 1));
    await res.body?.cancel().catch(() => {});
    await new Promise((r) => setTimeout(r, after * 1000));
    res = await request();
  }
  let text = '';
  try {
    text = await within(res.text(), timeoutMs, () => new PreflightError(describeNetworkError({ name: 'TimeoutError' }, url, timeoutMs)));
  } catch (e) {
    if (e instanceof PreflightError) throw e;
    throw new PreflightError(describeNetworkError(e, url, timeoutMs));
  }
  const rid = res.headers.get('request-id');
  const err = graphError(text);
  const said = `${res.status}${err.code ? ` ${err.code}` : ''}${err.message ? `: ${oneLine(err.message, 160)}` : ''}${rid ? `, request-id ${rid}` : ''}`;
  const what = `GET ${endpoints.baseUrl}/deviceManagement/embeddedSIMActivationCodePools`;
  if (res.status === 401)
    throw new PreflightError(
      `${what} answered ${said}: the token is refused. Check ${credentialVars(chosen.mode)}${env.GRAPH_SCOPE ? ' and GRAPH_SCOPE' : ''}`,
    );
  if (res.status === 403)
    throw new PreflightError(
      `${what} answered ${said}: the token may not read eSIM pools. Grant the app (AZURE_CLIENT_ID) DeviceManagementConfiguration.Read.All or ReadWrite.All with admin consent, in a tenant with Intune`,
    );
  if (res.status === 404)
    throw new PreflightError(
      `${what} answered ${said}: no such route. GRAPH_BASE_URL must be the Graph beta root (e.g. https://graph.microsoft.com/beta)`,
    );
  if (res.status < 200 || res.status > 299)
    throw new PreflightError(`${what} answered ${said}: the run cannot start. Check GRAPH_BASE_URL and the service health`);
  let collection = false;
  try {
    collection = Array.isArray((JSON.parse(text) as { value?: unknown })?.value);
  } catch {
    collection = false;
  }
  if (!collection)
    throw new PreflightError(
      `${what} answered ${res.status} but not with a Graph collection (content-type ${res.headers.get('content-type') ?? 'none'}): GRAPH_BASE_URL does not point at Graph`,
    );

  const expires = tokens.expiresAt ?? Date.now() + 3600_000;
  return {
    endpoints,
    authMode: chosen.mode,
    summary: `live preflight: ${what} answered ${res.status} in ${Date.now() - started} ms (cloud ${endpoints.cloud}); signed in once with ${chosen.label}`,
    childEnv: { GRAPH_RUN_TOKEN: token, GRAPH_RUN_TOKEN_EXPIRES: String(expires), GRAPH_RUN_TOKEN_SCOPE: endpoints.scope },
  };
}

/** The preflight's message as the one line a user sees (secrets redacted). */
export function preflightLine(e: unknown): string {
  const msg = e instanceof PreflightError || e instanceof LiveConfigError ? e.message : `unexpected error: ${(e as Error).message}`;
  const core = oneLine(msg, 600)
    .replace(/\s*Nothing was sent\.?$/, '')
    .replace(/[.:;]+$/, '');
  return redactLiveText(`live preflight failed: ${core}. Nothing else was sent; no test ran.`);
}

/**
 * The token a preflight handed down, when it is for `scope`: seed the worker's token source with it. Null when there
 * is none (a run started with `playwright test` directly: each worker signs in itself).
 */
export function sharedToken(env: NodeJS.ProcessEnv, scope: string): { token: string; expiresOnTimestamp: number } | null {
  const token = env.GRAPH_RUN_TOKEN?.trim();
  const expires = Number(env.GRAPH_RUN_TOKEN_EXPIRES);
  if (!token || !Number.isFinite(expires) || env.GRAPH_RUN_TOKEN_SCOPE !== scope) return null;
  return { token, expiresOnTimestamp: expires };
}
