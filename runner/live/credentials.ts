/**
 * Which credential signs a live run in, chosen by GRAPH_AUTH:
 *   token       GRAPH_ACCESS_TOKEN, a bearer token given directly (not renewable)
 *   env         AZURE_TENANT_ID + AZURE_CLIENT_ID + AZURE_CLIENT_SECRET, or AZURE_CLIENT_CERTIFICATE_PATH
 *               (+ AZURE_CLIENT_CERTIFICATE_PASSWORD, AZURE_CLIENT_SEND_CERTIFICATE_CHAIN): the variables
 *               EnvironmentCredential reads, read here from the env given
 *   workload    AZURE_TENANT_ID + AZURE_CLIENT_ID + AZURE_FEDERATED_TOKEN_FILE (workload identity federation, e.g.
 *               GitHub Actions OIDC)
 *   managed     managed identity (AZURE_CLIENT_ID selects a user-assigned one)
 *   cli         the Azure CLI's signed-in account (`az login`)
 *   devicecode  delegated sign-in with a device code (AZURE_CLIENT_ID of a public client app; AZURE_TENANT_ID)
 *   interactive delegated sign-in in a browser (same variables)
 * Default: token when GRAPH_ACCESS_TOKEN is set, else workload when AZURE_FEDERATED_TOKEN_FILE is, else env.
 * Secrets read here are registered so they are never written anywhere.
 */
import { readFileSync } from 'node:fs';
import {
  AzureCliCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  DeviceCodeCredential,
  InteractiveBrowserCredential,
  ManagedIdentityCredential,
  WorkloadIdentityCredential,
  type TokenCredential,
} from '@azure/identity';
import { CLOUDS, type Endpoints } from './cloud.js';
import { LiveConfigError } from './errors.js';
import { registerSecret } from './secrets.js';
import { staticTokenCredential } from './token-source.js';

export const AUTH_MODES = ['token', 'env', 'workload', 'managed', 'cli', 'devicecode', 'interactive'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export interface CredentialOptions {
  /** Extra CA certificate (PEM) to trust for the authority: a local fake Entra in tests. */
  authorityCa?: string;
  /** Where the device-code instructions go. Default: stderr. */
  prompt?: (message: string) => void;
  now?: () => number;
}

export interface ChosenCredential {
  mode: AuthMode;
  credential: TokenCredential;
  /** For the run header and errors, e.g. `client secret (AZURE_CLIENT_SECRET) for app 1234…`. */
  label: string;
}

const get = (env: NodeJS.ProcessEnv, name: string): string | undefined => env[name]?.trim() || undefined;

function chooseMode(env: NodeJS.ProcessEnv): AuthMode {
  const raw = get(env, 'GRAPH_AUTH')?.toLowerCase();
  if (raw !== undefined) {
    if ((AUTH_MODES as readonly string[]).includes(raw)) return raw as AuthMode;
    throw new LiveConfigError(
      `GRAPH_AUTH="${env.GRAPH_AUTH}" is not a sign-in method this suite knows. Valid values: ${AUTH_MODES.join(', ')}.`,
    );
  }
  if (get(env, 'GRAPH_ACCESS_TOKEN')) return 'token';
  if (get(env, 'AZURE_FEDERATED_TOKEN_FILE')) return 'workload';
  if (get(env, 'AZURE_CLIENT_SECRET') || get(env, 'AZURE_CLIENT_CERTIFICATE_PATH')) return 'env';
  throw new LiveConfigError(
    'The live target has no credential: nothing was sent. Set one of:\n' +
      '  GRAPH_ACCESS_TOKEN                                   a bearer token for the Graph endpoint\n' +
      '  AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET   an app registration with a client secret\n' +
      '  AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_CERTIFICATE_PATH   ... with a certificate (PEM with the private key)\n' +
      '  AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_FEDERATED_TOKEN_FILE      workload identity federation (CI)\n' +
      'or choose GRAPH_AUTH=managed | cli | devicecode | interactive.',
  );
}

function requireVars(env: NodeJS.ProcessEnv, mode: AuthMode, names: string[], why: string): Record<string, string> {
  const missing = names.filter((n) => !get(env, n));
  if (missing.length)
    throw new LiveConfigError(
      `GRAPH_AUTH=${mode} (${why}) needs ${missing.join(' and ')}; set ${missing.length > 1 ? 'them' : 'it'}. Nothing was sent.`,
    );
  return Object.fromEntries(names.map((n) => [n, get(env, n) as string]));
}

function readable(path: string, variable: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new LiveConfigError(
      `${variable}=${path}: cannot read ${what} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}). Point it at a readable file.`,
    );
  }
}

const short = (id: string): string => (id.length > 8 ? `${id.slice(0, 8)}…` : id);

export function chooseCredential(env: NodeJS.ProcessEnv, endpoints: Endpoints, opts: CredentialOptions = {}): ChosenCredential {
  const mode = chooseMode(env);
  const customAuthority = !Object.values(CLOUDS).some((c) => c.authorityHost === endpoints.authorityHost);
  const common = {
    authorityHost: endpoints.authorityHost,
    // Instance discovery only knows Microsoft's own hosts; a custom authority (a test fake) is taken as is.
    ...(customAuthority || get(env, 'GRAPH_DISABLE_INSTANCE_DISCOVERY') === '1' ? { disableInstanceDiscovery: true } : {}),
    ...(opts.authorityCa ? { tlsOptions: { ca: opts.authorityCa } } : {}),
  };

  switch (mode) {
    case 'token': {
      const token = requireVars(env, mode, ['GRAPH_ACCESS_TOKEN'], 'a bearer token given directly').GRAPH_ACCESS_TOKEN as string;
      registerSecret(token);
      return { mode, credential: staticTokenCredential(token, opts.now), label: 'the token in GRAPH_ACCESS_TOKEN' };
    }
    case 'env': {
      const ids = requireVars(env, mode, ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID'], 'an app registration');
      const tenant = ids.AZURE_TENANT_ID as string;
      const client = ids.AZURE_CLIENT_ID as string;
      const secret = get(env, 'AZURE_CLIENT_SECRET');
      const certPath = get(env, 'AZURE_CLIENT_CERTIFICATE_PATH');
      if (secret) {
        registerSecret(secret);
        return {
          mode,
          credential: new ClientSecretCredential(tenant, client, secret, common),
          label: `client secret (AZURE_CLIENT_SECRET) of app ${short(client)}`,
        };
      }
      if (certPath) {
        registerSecret(readable(certPath, 'AZURE_CLIENT_CERTIFICATE_PATH', 'the certificate'));
        const password = get(env, 'AZURE_CLIENT_CERTIFICATE_PASSWORD');
        registerSecret(password);
        const credential = new ClientCertificateCredential(
          tenant,
          client,
          { certificatePath: certPath, ...(password ? { certificatePassword: password } : {}) },
          {
            ...common,
            sendCertificateChain:
              get(env, 'AZURE_CLIENT_SEND_CERTIFICATE_CHAIN') === 'true' || get(env, 'AZURE_CLIENT_SEND_CERTIFICATE_CHAIN') === '1',
          },
        );
        return { mode, credential, label: `certificate (AZURE_CLIENT_CERTIFICATE_PATH) of app ${short(client)}` };
      }
      throw new LiveConfigError(
        'GRAPH_AUTH=env needs AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH (a PEM file with the certificate and its private key). Nothing was sent.',
      );
    }
    case 'workload': {
      const v = requireVars(
        env,
        mode,
        ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_FEDERATED_TOKEN_FILE'],
        'workload identity federation',
      );
      const file = v.AZURE_FEDERATED_TOKEN_FILE as string;
      registerSecret(readable(file, 'AZURE_FEDERATED_TOKEN_FILE', 'the federated token'));
      const credential = new WorkloadIdentityCredential({
        ...common,
        tenantId: v.AZURE_TENANT_ID as string,
        clientId: v.AZURE_CLIENT_ID as string,
        tokenFilePath: file,
      });
      return {
        mode,
        credential,
        label: `workload identity federation (AZURE_FEDERATED_TOKEN_FILE) for app ${short(v.AZURE_CLIENT_ID as string)}`,
      };
    }
    case 'managed': {
      const clientId = get(env, 'AZURE_CLIENT_ID');
      const options = { ...(opts.authorityCa ? { tlsOptions: { ca: opts.authorityCa } } : {}) };
      const credential = clientId ? new ManagedIdentityCredential({ ...options, clientId }) : new ManagedIdentityCredential(options);
      return {
        mode,
        credential,
        label: clientId ? `user-assigned managed identity ${short(clientId)}` : 'system-assigned managed identity',
      };
    }
    case 'cli': {
      const tenantId = get(env, 'AZURE_TENANT_ID');
      return { mode, credential: new AzureCliCredential(tenantId ? { tenantId } : {}), label: 'the Azure CLI account (az login)' };
    }
    case 'devicecode':
    case 'interactive': {
      const tenantId = get(env, 'AZURE_TENANT_ID') ?? 'organizations';
      const clientId = get(env, 'AZURE_CLIENT_ID');
      const delegated = { ...common, tenantId, ...(clientId ? { clientId } : {}) };
      if (mode === 'devicecode') {
        const prompt = opts.prompt ?? ((m: string) => process.stderr.write(`${m}\n`));
        return {
          mode,
          credential: new DeviceCodeCredential({ ...delegated, userPromptCallback: (info) => prompt(info.message) }),
          label: `device-code sign-in${clientId ? ` to app ${short(clientId)}` : ''}`,
        };
      }
      const redirectUri = get(env, 'GRAPH_REDIRECT_URI') ?? 'http://localhost';
      return {
        mode,
        credential: new InteractiveBrowserCredential({ ...delegated, redirectUri }),
        label: `browser sign-in${clientId ? ` to app ${short(clientId)}` : ''}`,
      };
    }
  }
}
