/**
 * National clouds: one setting (GRAPH_CLOUD) chooses the Graph endpoint and the Entra authority host that belong
 * together. GRAPH_BASE_URL overrides the endpoint (a proxy, a fake for tests); AZURE_AUTHORITY_HOST or
 * GRAPH_AUTHORITY_HOST overrides the authority. The token scope is the Graph resource of the cloud
 * (`https://<graph host>/.default`), or GRAPH_SCOPE.
 *
 * Where a bearer token may go: the Graph host of a national cloud (the chosen one), or a server on this machine
 * (loopback). Any other host (a proxy, a typo such as graph.microsoft.con) is refused unless GRAPH_ALLOW_HOST names
 * it; the run header then names it first. The API version is beta, the one the contracts describe.
 */
import { LiveConfigError } from './errors.js';

export type CloudName = 'global' | 'usgov' | 'usgovdod' | 'china';

export interface CloudProfile {
  name: CloudName;
  /** Graph host, e.g. graph.microsoft.com. */
  graphHost: string;
  /** Entra authority host, e.g. https://login.microsoftonline.com. */
  authorityHost: string;
  description: string;
}

export const CLOUDS: Readonly<Record<CloudName, CloudProfile>> = {
  global: {
    name: 'global',
    graphHost: 'graph.microsoft.com',
    authorityHost: 'https://login.microsoftonline.com',
    description: 'Microsoft Graph global service',
  },
  usgov: {
    name: 'usgov',
    graphHost: 'graph.microsoft.us',
    authorityHost: 'https://login.microsoftonline.us',
    description: 'US Government L4 (GCC High)',
  },
  usgovdod: {
    name: 'usgovdod',
    graphHost: 'dod-graph.microsoft.us',
    authorityHost: 'https://login.microsoftonline.us',
    description: 'US Government L5 (DoD)',
  },
  china: {
    name: 'china',
    graphHost: 'microsoftgraph.chinacloudapi.cn',
    authorityHost: 'https://login.chinacloudapi.cn',
    description: 'China, operated by 21Vianet',
  },
};

export const CLOUD_NAMES = Object.keys(CLOUDS) as CloudName[];

/** The API version the contracts describe. */
export const GRAPH_VERSION = 'beta';

export interface Endpoints {
  cloud: CloudName;
  /** Version root every request path is appended to, e.g. https://graph.microsoft.com/beta. */
  baseUrl: string;
  /** Entra authority host (no tenant), e.g. https://login.microsoftonline.com. */
  authorityHost: string;
  /** The one scope tokens are requested for, e.g. https://graph.microsoft.com/.default. */
  scope: string;
  /** Which settings chose what (for the run header). */
  sources: { baseUrl: string; authorityHost: string; scope: string };
  /** The host of baseUrl when it is neither a cloud's Graph host nor loopback, allowed by GRAPH_ALLOW_HOST; else null. */
  allowedHost: string | null;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const isLoopback = (hostname: string): boolean => LOOPBACK.has(hostname.toLowerCase());

/** GRAPH_ALLOW_HOST: host names (comma-separated) a token may be sent to besides the clouds' Graph hosts and loopback. */
function allowedHosts(env: NodeJS.ProcessEnv): string[] {
  return (env.GRAPH_ALLOW_HOST ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
}

/** The version segment must be beta: the contracts describe beta, and v1.0 has no eSIM pools. */
function requireBeta(url: URL): void {
  const last = url.pathname.replace(/\/+$/, '').split('/').pop() ?? '';
  if (last === GRAPH_VERSION) return;
  const fix = `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/[^/]*$/, '')}/${GRAPH_VERSION}`;
  if (/^v\d/i.test(last))
    throw new LiveConfigError(
      `GRAPH_BASE_URL uses API version ${last}; this suite tests ${GRAPH_VERSION} only (the contracts describe the beta eSIM API, which ${last} does not have). Use ${fix}. Nothing was sent.`,
    );
  throw new LiveConfigError(
    `GRAPH_BASE_URL must end in the API version /${GRAPH_VERSION} (the contracts describe ${GRAPH_VERSION}); got "${url.toString()}". Use e.g. ${url.origin}${url.pathname.replace(/\/+$/, '')}/${GRAPH_VERSION}. Nothing was sent.`,
  );
}

function cloudOfHost(host: string): CloudName | null {
  return CLOUD_NAMES.find((c) => CLOUDS[c].graphHost === host.toLowerCase()) ?? null;
}

function parseUrl(value: string, variable: string, example: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new LiveConfigError(`${variable} is not a URL: "${value}". Use e.g. ${example}.`);
  }
}

/** Tokens travel only over https, except to a server on this machine (a local fake or proxy). */
function requireSecure(url: URL, variable: string, example: string): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return;
  throw new LiveConfigError(`${variable} must use https (a bearer token is sent to it); got "${url.toString()}". Use e.g. ${example}.`);
}

/**
 * Endpoints from the environment. Unknown GRAPH_CLOUD, a malformed URL, or a GRAPH_BASE_URL on another cloud's
 * Graph host than GRAPH_CLOUD are errors naming the variable and the fix.
 */
export function resolveEndpoints(env: NodeJS.ProcessEnv): Endpoints {
  const rawCloud = env.GRAPH_CLOUD?.trim().toLowerCase() || undefined;
  if (rawCloud !== undefined && !(CLOUD_NAMES as string[]).includes(rawCloud)) {
    const valid = CLOUD_NAMES.map((c) => `${c} (${CLOUDS[c].graphHost}, ${CLOUDS[c].description})`).join('; ');
    throw new LiveConfigError(`GRAPH_CLOUD="${env.GRAPH_CLOUD}" is not a cloud this suite knows. Valid values: ${valid}.`);
  }
  let cloud = rawCloud as CloudName | undefined;
  let baseUrl: string;
  let baseSource: string;
  let scopeHost: string;
  let allowedHost: string | null = null;
  if (env.GRAPH_BASE_URL?.trim()) {
    const url = parseUrl(env.GRAPH_BASE_URL.trim(), 'GRAPH_BASE_URL', `https://${CLOUDS[cloud ?? 'global'].graphHost}/${GRAPH_VERSION}`);
    requireSecure(url, 'GRAPH_BASE_URL', `https://${CLOUDS[cloud ?? 'global'].graphHost}/${GRAPH_VERSION}`);
    const hostCloud = cloudOfHost(url.hostname);
    if (!hostCloud && !isLoopback(url.hostname)) {
      if (!allowedHosts(env).includes(url.hostname.toLowerCase())) {
        const known = CLOUD_NAMES.map((c) => CLOUDS[c].graphHost).join(', ');
        throw new LiveConfigError(
          `GRAPH_BASE_URL host "${url.hostname}" is not the Graph host of any cloud (${known}) nor this machine, and a bearer token would be sent to it. ` +
            `Fix the URL (a typo?), or set GRAPH_ALLOW_HOST=${url.hostname} to send tokens there on purpose (a proxy). Nothing was sent.`,
        );
      }
      allowedHost = url.hostname.toLowerCase();
    }
    requireBeta(url);
    if (cloud && hostCloud && hostCloud !== cloud) {
      throw new LiveConfigError(
        `GRAPH_BASE_URL (${url.hostname}) is the ${hostCloud} cloud's Graph endpoint but GRAPH_CLOUD=${cloud}. ` +
          `Set GRAPH_CLOUD=${hostCloud}, or drop GRAPH_BASE_URL to use https://${CLOUDS[cloud].graphHost}/${GRAPH_VERSION}.`,
      );
    }
    cloud ??= hostCloud ?? 'global';
    baseUrl = url.toString().replace(/\/+$/, '');
    baseSource = 'GRAPH_BASE_URL';
    // A known Graph host is its own resource; a proxy or fake gets the cloud's resource.
    scopeHost = hostCloud ? url.hostname.toLowerCase() : CLOUDS[cloud].graphHost;
  } else {
    cloud ??= 'global';
    baseUrl = `https://${CLOUDS[cloud].graphHost}/${GRAPH_VERSION}`;
    baseSource = rawCloud ? `GRAPH_CLOUD=${cloud}` : 'default cloud (global)';
    scopeHost = CLOUDS[cloud].graphHost;
  }

  const authorityVar = env.GRAPH_AUTHORITY_HOST?.trim()
    ? 'GRAPH_AUTHORITY_HOST'
    : env.AZURE_AUTHORITY_HOST?.trim()
      ? 'AZURE_AUTHORITY_HOST'
      : null;
  let authorityHost = CLOUDS[cloud].authorityHost;
  if (authorityVar) {
    const url = parseUrl(String(env[authorityVar]).trim(), authorityVar, CLOUDS[cloud].authorityHost);
    if (url.protocol !== 'https:') {
      throw new LiveConfigError(
        `${authorityVar} must use https (Entra and @azure/identity require it); got "${url.toString()}". Use e.g. ${CLOUDS[cloud].authorityHost}.`,
      );
    }
    authorityHost = url.origin;
  }

  const scope = env.GRAPH_SCOPE?.trim() || `https://${scopeHost}/.default`;
  return {
    cloud,
    baseUrl,
    authorityHost,
    scope,
    sources: {
      baseUrl: baseSource,
      authorityHost: authorityVar ?? `GRAPH_CLOUD=${cloud}`,
      scope: env.GRAPH_SCOPE?.trim() ? 'GRAPH_SCOPE' : `Graph resource of ${cloud}`,
    },
    allowedHost,
  };
}
