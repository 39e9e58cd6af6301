/**
 * Live settings without a network: the cloud table (endpoint, authority and scope that belong together), overrides,
 * errors that name the variable and the fix, the sign-in method chosen from the environment, and the safety
 * settings (read-only, write budget, pace, attempts).
 */
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { CLOUDS, resolveEndpoints } from '../../runner/live/cloud.js';
import { chooseCredential } from '../../runner/live/credentials.js';
import { LiveConfigError } from '../../runner/live/errors.js';
import { readLiveSettings } from '../../runner/live/live-settings.js';
import { newRunId, runIdFrom, tagFor } from '../../runner/live/run-tag.js';

test.describe('national clouds', () => {
  const table = [
    {
      cloud: 'global',
      baseUrl: 'https://graph.microsoft.com/beta',
      authority: 'https://login.microsoftonline.com',
      scope: 'https://graph.microsoft.com/.default',
    },
    {
      cloud: 'usgov',
      baseUrl: 'https://graph.microsoft.us/beta',
      authority: 'https://login.microsoftonline.us',
      scope: 'https://graph.microsoft.us/.default',
    },
    {
      cloud: 'usgovdod',
      baseUrl: 'https://dod-graph.microsoft.us/beta',
      authority: 'https://login.microsoftonline.us',
      scope: 'https://dod-graph.microsoft.us/.default',
    },
    {
      cloud: 'china',
      baseUrl: 'https://microsoftgraph.chinacloudapi.cn/beta',
      authority: 'https://login.chinacloudapi.cn',
      scope: 'https://microsoftgraph.chinacloudapi.cn/.default',
    },
  ];
  for (const row of table) {
    test(`GRAPH_CLOUD=${row.cloud} chooses ${row.baseUrl} with ${row.authority}`, () => {
      const e = resolveEndpoints({ GRAPH_CLOUD: row.cloud });
      expect({ cloud: e.cloud, baseUrl: e.baseUrl, authority: e.authorityHost, scope: e.scope }).toEqual({
        cloud: row.cloud,
        baseUrl: row.baseUrl,
        authority: row.authority,
        scope: row.scope,
      });
    });
  }

  test('no GRAPH_CLOUD is the global cloud; the value is case-insensitive', () => {
    expect(resolveEndpoints({}).baseUrl).toBe('https://graph.microsoft.com/beta');
    expect(resolveEndpoints({ GRAPH_CLOUD: 'USGov' }).cloud).toBe('usgov');
  });

  test('an unknown cloud is an error listing the valid ones', () => {
    expect(() => resolveEndpoints({ GRAPH_CLOUD: 'germany' })).toThrow(LiveConfigError);
    expect(() => resolveEndpoints({ GRAPH_CLOUD: 'germany' })).toThrow(/GRAPH_CLOUD="germany".*global.*usgov.*usgovdod.*china/);
  });

  test('GRAPH_BASE_URL overrides the endpoint; a fake keeps the cloud scope and authority', () => {
    const e = resolveEndpoints({ GRAPH_CLOUD: 'china', GRAPH_BASE_URL: 'http://127.0.0.1:4000/beta/' });
    expect(e.baseUrl).toBe('http://127.0.0.1:4000/beta');
    expect(e.scope).toBe('https://microsoftgraph.chinacloudapi.cn/.default');
    expect(e.authorityHost).toBe(CLOUDS.china.authorityHost);
    expect(e.sources.baseUrl).toBe('GRAPH_BASE_URL');
  });

  test('a GRAPH_BASE_URL on a known Graph host sets the cloud when GRAPH_CLOUD is not given', () => {
    const e = resolveEndpoints({ GRAPH_BASE_URL: 'https://dod-graph.microsoft.us/beta' });
    expect(e.cloud).toBe('usgovdod');
    expect(e.authorityHost).toBe('https://login.microsoftonline.us');
    expect(e.scope).toBe('https://dod-graph.microsoft.us/.default');
  });

  test("a GRAPH_BASE_URL of another cloud's host than GRAPH_CLOUD is an error saying which to change", () => {
    expect(() => resolveEndpoints({ GRAPH_CLOUD: 'global', GRAPH_BASE_URL: 'https://graph.microsoft.us/beta' })).toThrow(
      /usgov cloud's Graph endpoint but GRAPH_CLOUD=global.*Set GRAPH_CLOUD=usgov/,
    );
  });

  test('a known Graph host without the version, a malformed URL, and plain http to a remote host are refused', () => {
    expect(() => resolveEndpoints({ GRAPH_BASE_URL: 'https://graph.microsoft.com' })).toThrow(/must end in the API version.*\/beta/);
    expect(() => resolveEndpoints({ GRAPH_BASE_URL: 'graph dot com' })).toThrow(/GRAPH_BASE_URL is not a URL/);
    expect(() => resolveEndpoints({ GRAPH_BASE_URL: 'http://graph.example.org/beta' })).toThrow(/GRAPH_BASE_URL must use https/);
    expect(resolveEndpoints({ GRAPH_BASE_URL: 'http://localhost:9/beta' }).baseUrl).toBe('http://localhost:9/beta');
  });

  test('AZURE_AUTHORITY_HOST or GRAPH_AUTHORITY_HOST overrides the authority (https only); GRAPH_SCOPE the scope', () => {
    expect(resolveEndpoints({ AZURE_AUTHORITY_HOST: 'https://127.0.0.1:8443/' }).authorityHost).toBe('https://127.0.0.1:8443');
    expect(resolveEndpoints({ AZURE_AUTHORITY_HOST: 'https://a.test', GRAPH_AUTHORITY_HOST: 'https://b.test' }).authorityHost).toBe(
      'https://b.test',
    );
    expect(() => resolveEndpoints({ GRAPH_AUTHORITY_HOST: 'http://127.0.0.1:8080' })).toThrow(/GRAPH_AUTHORITY_HOST must use https/);
    expect(resolveEndpoints({ GRAPH_SCOPE: 'api://custom/.default' }).scope).toBe('api://custom/.default');
  });
});

test.describe('sign-in method', () => {
  const endpoints = resolveEndpoints({ AZURE_AUTHORITY_HOST: 'https://127.0.0.1:1' });

  test('default: a given token first, then workload identity, then the app registration variables', () => {
    const base = { AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 'secret-value' };
    expect(chooseCredential({ ...base, GRAPH_ACCESS_TOKEN: 'abc.def.ghi' }, endpoints).mode).toBe('token');
    expect(chooseCredential({ ...base, AZURE_FEDERATED_TOKEN_FILE: fileURLToPath(import.meta.url) }, endpoints).mode).toBe('workload');
    expect(chooseCredential(base, endpoints).mode).toBe('env');
    expect(chooseCredential({ GRAPH_AUTH: 'cli' }, endpoints).mode).toBe('cli');
    expect(chooseCredential({ GRAPH_AUTH: 'DeviceCode' }, endpoints).mode).toBe('devicecode');
    expect(chooseCredential({ GRAPH_AUTH: 'interactive' }, endpoints).mode).toBe('interactive');
  });

  test('no credential at all names every way to give one', () => {
    let message = '';
    try {
      chooseCredential({}, endpoints);
    } catch (e) {
      expect(e).toBeInstanceOf(LiveConfigError);
      message = (e as Error).message;
    }
    for (const v of [
      'GRAPH_ACCESS_TOKEN',
      'AZURE_TENANT_ID',
      'AZURE_CLIENT_ID',
      'AZURE_CLIENT_SECRET',
      'AZURE_CLIENT_CERTIFICATE_PATH',
      'AZURE_FEDERATED_TOKEN_FILE',
      'GRAPH_AUTH=managed',
    ])
      expect(message).toContain(v);
    expect(message).toContain('nothing was sent');
  });

  test('a chosen method with variables missing names exactly those', () => {
    expect(() => chooseCredential({ GRAPH_AUTH: 'env', AZURE_CLIENT_ID: 'c' }, endpoints)).toThrow(
      /GRAPH_AUTH=env .*needs AZURE_TENANT_ID; set it/,
    );
    expect(() => chooseCredential({ GRAPH_AUTH: 'env', AZURE_CLIENT_ID: 'c', AZURE_TENANT_ID: 't' }, endpoints)).toThrow(
      /AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH/,
    );
    expect(() => chooseCredential({ GRAPH_AUTH: 'workload', AZURE_TENANT_ID: 't' }, endpoints)).toThrow(
      /needs AZURE_CLIENT_ID and AZURE_FEDERATED_TOKEN_FILE/,
    );
    expect(() => chooseCredential({ GRAPH_AUTH: 'token' }, endpoints)).toThrow(/needs GRAPH_ACCESS_TOKEN/);
    expect(() => chooseCredential({ GRAPH_AUTH: 'kerberos' }, endpoints)).toThrow(
      /GRAPH_AUTH="kerberos".*token, env, workload, managed, cli, devicecode, interactive/,
    );
  });

  test('an unreadable certificate or token file is named with its variable', () => {
    expect(() =>
      chooseCredential({ AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_CERTIFICATE_PATH: '/nonexistent/cert.pem' }, endpoints),
    ).toThrow(/AZURE_CLIENT_CERTIFICATE_PATH=\/nonexistent\/cert.pem: cannot read the certificate \(ENOENT\)/);
    expect(() =>
      chooseCredential({ AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_FEDERATED_TOKEN_FILE: '/nonexistent/token' }, endpoints),
    ).toThrow(/AZURE_FEDERATED_TOKEN_FILE=\/nonexistent\/token: cannot read/);
  });
});

test.describe('safety settings', () => {
  test('defaults: writes allowed, budget 60 (a full default run makes at most 60 objects), 90 writes per 20 s, 5 attempts, journal under reports/', () => {
    const s = readLiveSettings({ GRAPH_RUN_ID: 'r1' });
    expect(s).toMatchObject({
      runId: 'r1',
      readOnly: false,
      writeBudget: 60,
      writePace: 90,
      maxAttempts: 5,
      reportsDir: 'reports',
      journalFile: 'reports/live-journal.jsonl',
    });
  });

  test('each setting read, and bad values named with their range', () => {
    const s = readLiveSettings({
      GRAPH_READ_ONLY: '1',
      GRAPH_WRITE_BUDGET: '3',
      GRAPH_WRITE_PACE: '10',
      GRAPH_MAX_ATTEMPTS: '2',
      GRAPH_REPORTS_DIR: '/tmp/x',
      GRAPH_MAX_RETRY_AFTER_S: '5',
    });
    expect(s).toMatchObject({
      readOnly: true,
      writeBudget: 3,
      writePace: 10,
      maxAttempts: 2,
      journalFile: '/tmp/x/live-journal.jsonl',
      maxRetryAfterMs: 5000,
    });
    expect(readLiveSettings({ REPORTS_DIR: '/tmp/r' }).journalFile).toBe('/tmp/r/live-journal.jsonl');
    expect(() => readLiveSettings({ GRAPH_WRITE_PACE: '100' })).toThrow(
      /GRAPH_WRITE_PACE must be a whole number from 1 to 99.*Intune allows 100/,
    );
    expect(() => readLiveSettings({ GRAPH_WRITE_BUDGET: 'lots' })).toThrow(/GRAPH_WRITE_BUDGET must be a whole number/);
    expect(() => readLiveSettings({ GRAPH_READ_ONLY: 'maybe' })).toThrow(/GRAPH_READ_ONLY must be 1 or 0/);
  });

  test('run ids: made fresh, or taken from GRAPH_RUN_ID when it is safe in a displayName', () => {
    expect(newRunId(new Date('2025-03-01T10:15:00.123Z'))).toMatch(/^20250301T101500Z-[0-9a-f]{4}$/);
    expect(runIdFrom({ GRAPH_RUN_ID: 'ci-42' })).toBe('ci-42');
    expect(tagFor('ci-42')).toBe('conformance-ci-42-');
    expect(() => runIdFrom({ GRAPH_RUN_ID: 'two words' })).toThrow(/GRAPH_RUN_ID="two words" may hold only/);
  });
});

test('a live run refuses Playwright tracing (a trace would keep secrets unredacted)', async () => {
  const { refuseTracing } = await import('../../runner/live/trace-guard.js');
  expect(() => refuseTracing('off')).not.toThrow();
  expect(() => refuseTracing(undefined)).not.toThrow();
  expect(() => refuseTracing({ mode: 'off' })).not.toThrow();
  expect(() => refuseTracing('on')).toThrow(/tracing is "on" for the live project.*without --trace/);
  expect(() => refuseTracing({ mode: 'retain-on-failure' })).toThrow(LiveConfigError);
});
