/**
 * Permission awareness: the token's roles (application) or scp (delegated) against the permissions the docs give
 * each operation. An operation the token cannot call is refused before sending and the test skips with the reason;
 * an opaque token (not a JWT) is never a reason to skip.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { loadContracts } from '../../contracts/load.js';
import type { OperationContract } from '../../contracts/model.js';
import { LiveRefusal } from '../../runner/live/errors.js';
import { bearerOf, decodeJwtClaims } from '../../runner/live/jwt.js';
import { createLiveTarget } from '../../runner/live/live-target.js';
import { grantedBy, permissionGap } from '../../runner/live/permissions.js';
import { fakeJwt } from '../support/fake-entra.js';
import { startFakeGraph } from '../support/fake-graph.js';

const contracts = loadContracts();
const op = (permissions: OperationContract['permissions']): Pick<OperationContract, 'id' | 'permissions'> => ({
  id: 'createWidget',
  permissions,
});
const WRITE = op({ delegatedWork: ['Widgets.ReadWrite.All'], delegatedPersonal: null, application: ['Widgets.ReadWrite.All'] });
const READ = op({
  delegatedWork: ['Widgets.Read.All', 'Widgets.ReadWrite.All'],
  delegatedPersonal: null,
  application: ['Widgets.Read.All'],
});
const DELEGATED_ONLY = op({ delegatedWork: ['Widgets.ReadWrite.All'], delegatedPersonal: null, application: null });

test.describe('permissionGap', () => {
  test('application token: allowed when its roles hold one of the documented permissions', () => {
    expect(permissionGap(WRITE, { roles: ['Other.Read.All', 'Widgets.ReadWrite.All'] })).toBeNull();
    expect(permissionGap(READ, { roles: ['Widgets.Read.All'] })).toBeNull();
  });

  test('ReadWrite covers Read; Read does not cover ReadWrite', () => {
    expect(
      permissionGap(op({ delegatedWork: null, delegatedPersonal: null, application: ['Widgets.Read.All'] }), {
        roles: ['Widgets.ReadWrite.All'],
      }),
    ).toBeNull();
    expect(permissionGap(WRITE, { roles: ['Widgets.Read.All'] })).toBe(
      "createWidget: the token's roles (Widgets.Read.All) hold none of the application permissions the docs require (one of: Widgets.ReadWrite.All). Grant one and consent, or run with a token that has it.",
    );
  });

  test('delegated token: scp is read (space separated), against the work-account permissions', () => {
    expect(permissionGap(WRITE, { scp: 'User.Read Widgets.ReadWrite.All' })).toBeNull();
    expect(permissionGap(WRITE, { scp: 'User.Read', roles: ['Widgets.ReadWrite.All'] })).toMatch(
      /scp \(User\.Read\) hold none of the delegated \(work or school account\) permissions .*Widgets\.ReadWrite\.All/,
    );
  });

  test('an application token for an operation the docs support only delegated says how to run it', () => {
    expect(permissionGap(DELEGATED_ONLY, { roles: ['Widgets.ReadWrite.All'] })).toBe(
      'createWidget: the docs say application permissions are not supported; this token is application (Widgets.ReadWrite.All). Use a delegated token (GRAPH_AUTH=devicecode) with one of: Widgets.ReadWrite.All.',
    );
  });

  test('unknown: an opaque token, or claims with neither roles nor scp, never skip', () => {
    expect(decodeJwtClaims('opaque-token-without-dots')).toBeNull();
    expect(decodeJwtClaims('a.b.c')).toBeNull();
    expect(permissionGap(WRITE, null)).toBeNull();
    expect(permissionGap(WRITE, { tid: 'x' })).toBeNull();
    expect(grantedBy({ roles: [] })).toEqual({ kind: 'application', permissions: [] });
    expect(permissionGap(WRITE, { roles: [] })).toMatch(/roles \(none\) hold none/);
  });

  test('claims and bearer values are read from real-looking tokens and headers', () => {
    const token = fakeJwt({ tid: 't1', roles: ['A.Read.All'] });
    expect(decodeJwtClaims(token)).toMatchObject({ tid: 't1', roles: ['A.Read.All'] });
    expect(bearerOf(`Bearer ${token}`)).toBe(token);
    expect(bearerOf('Basic abc')).toBeNull();
  });
});

test.describe('in a live run', () => {
  const POOLS = '/deviceManagement/embeddedSIMActivationCodePools';

  async function withTarget(
    token: string,
    fn: (t: Awaited<ReturnType<typeof createLiveTarget>>, graph: Awaited<ReturnType<typeof startFakeGraph>>) => Promise<void>,
  ): Promise<void> {
    const graph = await startFakeGraph();
    const dir = mkdtempSync(join(tmpdir(), 'live-perm-'));
    const t = await createLiveTarget(
      { GRAPH_BASE_URL: graph.url, GRAPH_ACCESS_TOKEN: token, GRAPH_REPORTS_DIR: dir, GRAPH_RUN_ID: 'perm' },
      { contracts, signals: false, writeStats: false },
    );
    try {
      await fn(t, graph);
    } finally {
      await t.close();
      await graph.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const send = (t: Awaited<ReturnType<typeof createLiveTarget>>, operation: string, method: string, extra: { noToken?: boolean } = {}) =>
    t.client.send({
      operation,
      caseKind: 'valid',
      caseName: 'perm',
      method,
      path: POOLS,
      ...(method === 'POST' ? { body: { displayName: `${t.tag}p` } } : {}),
      ...extra,
    });

  test('a read-only app token: reads are sent, creates are refused before sending with the reason', async () => {
    await withTarget(fakeJwt({ tid: 't', roles: ['DeviceManagementConfiguration.Read.All'] }), async (t, graph) => {
      expect((await send(t, 'listEmbeddedSIMActivationCodePools', 'GET')).response.status).toBe(200);
      const refused = await send(t, 'createEmbeddedSIMActivationCodePool', 'POST').catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(LiveRefusal);
      expect((refused as LiveRefusal).kind).toBe('permission');
      expect((refused as LiveRefusal).skipReason).toBe(
        "missing permission: createEmbeddedSIMActivationCodePool: the token's roles (DeviceManagementConfiguration.Read.All) hold none of the application permissions the docs require (one of: DeviceManagementConfiguration.ReadWrite.All). Grant one and consent, or run with a token that has it.",
      );
      expect(graph.writes()).toEqual([]);
      expect(t.stats.refused.permission).toBe(1);
      expect(t.describe()).toContain('10 of 16 operations will be skipped for permissions');
      expect(t.permissionGap(contracts.operation('getEmbeddedSIMActivationCodePool'))).toBeNull();
    });
  });

  test('a request without a token (the no-token case) is sent whatever the permissions', async () => {
    await withTarget(fakeJwt({ tid: 't', roles: [] }), async (t, graph) => {
      expect((await send(t, 'createEmbeddedSIMActivationCodePool', 'POST', { noToken: true })).response.status).toBe(401);
      expect(graph.writes()).toHaveLength(1);
    });
  });

  test('an opaque token is sent for every operation', async () => {
    await withTarget('opaque-access-token-0123456789', async (t, graph) => {
      expect((await send(t, 'createEmbeddedSIMActivationCodePool', 'POST')).response.status).toBe(201);
      expect(graph.writes()).toHaveLength(1);
      expect(t.describe()).toContain('opaque (permissions unknown');
    });
  });
});
