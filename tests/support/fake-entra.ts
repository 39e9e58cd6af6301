/**
 * A fake Entra ID on https://127.0.0.1 for the live-target tests: the OpenID configuration and token endpoints
 * (client credentials with a secret or a client assertion, device code), the device-code endpoint, and an App
 * Service style managed-identity endpoint. @azure/identity insists on https for the authority, so the fake serves
 * TLS with a self-signed certificate made at test time by the `openssl` command line (node:crypto cannot issue
 * X.509 certificates); tests trust it through the credential's tlsOptions.ca, or NODE_EXTRA_CA_CERTS in a child.
 * Tokens are unsigned-looking JWTs whose claims the test chooses.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  dir: string;
  certFile: string;
  keyFile: string;
  /** Certificate then private key, PEM (what AZURE_CLIENT_CERTIFICATE_PATH points at). */
  combinedFile: string;
  certPem: string;
  keyPem: string;
  remove(): void;
}

/** A self-signed certificate for `cn` (and IP 127.0.0.1), valid one day, made with openssl in a temp dir. */
export function makeTestCertificate(cn = '127.0.0.1'): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'fake-entra-cert-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      `/CN=${cn}`,
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
  const certPem = readFileSync(certFile, 'utf8');
  const keyPem = readFileSync(keyFile, 'utf8');
  const combinedFile = join(dir, 'combined.pem');
  execFileSync('sh', ['-c', `cat "${certFile}" "${keyFile}" > "${combinedFile}"`]);
  return { dir, certFile, keyFile, combinedFile, certPem, keyPem, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT', kid: 'fake' })}.${part(claims)}.${Buffer.from(`sig-${randomUUID()}`).toString('base64url')}`;
}

export interface EntraRequest {
  method: string;
  path: string;
  form: Record<string, string>;
  headers: Record<string, string>;
}

export interface IssueContext {
  grant: string;
  form: Record<string, string>;
  /** 1 for the first token this fake issues. */
  n: number;
}

export interface FakeEntraOptions {
  tenantId?: string;
  /** expires_in of the tokens issued (seconds). Default 3600. */
  lifetimeSec?: number;
  /** Claims of each token issued (merged over tid, aud, exp, iat). Default: application roles ReadWrite. */
  claims?: (ctx: IssueContext) => Record<string, unknown>;
  /** A client secret answered 401 invalid_client (default `wrong-secret-value-42`). */
  rejectSecret?: string;
  /** The IDENTITY_HEADER value the managed-identity endpoint requires. */
  identityHeader?: string;
}

export interface FakeEntra {
  /** https://127.0.0.1:PORT: the authority host. */
  url: string;
  tenantId: string;
  /** Trust this (tlsOptions.ca or NODE_EXTRA_CA_CERTS) to talk to the fake. */
  caPem: string;
  caFile: string;
  requests: EntraRequest[];
  /** Token requests only (token endpoint and managed identity), in order. */
  tokenRequests(): EntraRequest[];
  issued: string[];
  identityHeader: string;
  close(): Promise<void>;
}

function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')))));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export async function startFakeEntra(opts: FakeEntraOptions = {}): Promise<FakeEntra> {
  const tenantId = opts.tenantId ?? '11111111-2222-4333-8444-555555555555';
  const lifetime = opts.lifetimeSec ?? 3600;
  const identityHeader = opts.identityHeader ?? `ih-${randomUUID()}`;
  const cert = makeTestCertificate();
  const requests: EntraRequest[] = [];
  const issued: string[] = [];
  let origin = '';

  const issue = (grant: string, form: Record<string, string>, aud: string): string => {
    const now = Math.floor(Date.now() / 1000);
    const base = {
      aud,
      iss: `https://sts.fake/${tenantId}/`,
      iat: now,
      nbf: now,
      exp: now + lifetime,
      tid: tenantId,
      appid: form.client_id ?? 'managed',
      roles: ['DeviceManagementConfiguration.ReadWrite.All'],
    };
    const token = fakeJwt({ ...base, ...(opts.claims?.({ grant, form, n: issued.length + 1 }) ?? {}) });
    issued.push(token);
    return token;
  };

  const server = createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      const form = req.method === 'POST' ? await readForm(req) : Object.fromEntries(url.searchParams);
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')]),
      );
      requests.push({ method: req.method ?? 'GET', path: url.pathname, form, headers });
      const parts = url.pathname.split('/').filter(Boolean);
      const tenant = parts[0] ?? '';

      if (req.method === 'GET' && url.pathname.endsWith('/v2.0/.well-known/openid-configuration')) {
        const base = `${origin}/${tenant}`;
        return json(res, 200, {
          issuer: `${origin}/${tenant}/v2.0`,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          token_endpoint: `${base}/oauth2/v2.0/token`,
          device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
          end_session_endpoint: `${base}/oauth2/v2.0/logout`,
          jwks_uri: `${base}/discovery/v2.0/keys`,
          response_types_supported: ['code', 'id_token', 'code id_token', 'token id_token', 'token'],
          scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        });
      }
      if (req.method === 'POST' && url.pathname.endsWith('/oauth2/v2.0/devicecode')) {
        return json(res, 200, {
          device_code: `dc-${randomUUID()}`,
          user_code: 'FAKE-CODE',
          verification_uri: `${origin}/devicelogin`,
          expires_in: 900,
          interval: 1,
          message: `To sign in, open ${origin}/devicelogin and enter the code FAKE-CODE.`,
        });
      }
      if (req.method === 'POST' && url.pathname.endsWith('/oauth2/v2.0/token')) {
        const grant = form.grant_type ?? '';
        const scope = form.scope ?? '';
        const aud =
          scope
            .split(' ')
            .find((s) => s.endsWith('/.default'))
            ?.replace(/\/\.default$/, '') ?? 'unknown';
        if (grant === 'client_credentials') {
          if (!form.client_secret && !form.client_assertion)
            return json(res, 401, {
              error: 'invalid_client',
              error_description: 'AADSTS7000216: client_assertion or client_secret required.',
            });
          if (form.client_secret && form.client_secret === (opts.rejectSecret ?? 'wrong-secret-value-42')) {
            return json(res, 401, {
              error: 'invalid_client',
              error_description: `AADSTS7000215: Invalid client secret provided. Trace ID: ${randomUUID()}`,
              error_codes: [7000215],
            });
          }
          const token = issue(grant, form, aud);
          return json(res, 200, { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: token });
        }
        if (grant === 'urn:ietf:params:oauth:grant-type:device_code' || grant === 'device_code') {
          const token = issue('device_code', form, aud);
          return json(res, 200, { token_type: 'Bearer', scope, expires_in: lifetime, ext_expires_in: lifetime, access_token: token });
        }
        return json(res, 400, {
          error: 'unsupported_grant_type',
          error_description: `AADSTS70003: grant ${grant} not supported by the fake`,
        });
      }
      if (req.method === 'GET' && url.pathname === '/msi/token') {
        if (req.headers['x-identity-header'] !== identityHeader) return json(res, 401, { error: 'missing or wrong X-IDENTITY-HEADER' });
        const resource = url.searchParams.get('resource') ?? 'unknown';
        const token = issue('managed_identity', form, resource);
        return json(res, 200, {
          access_token: token,
          expires_on: String(Math.floor(Date.now() / 1000) + lifetime),
          resource,
          token_type: 'Bearer',
        });
      }
      json(res, 404, { error: 'not_found', error_description: `the fake Entra has no ${req.method} ${url.pathname}` });
    })().catch((e: unknown) => json(res, 500, { error: 'fake_error', error_description: String(e) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    tenantId,
    caPem: cert.certPem,
    caFile: cert.certFile,
    requests,
    tokenRequests: () => requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token') || r.path === '/msi/token'),
    issued,
    identityHeader,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      cert.remove();
    },
  };
}
