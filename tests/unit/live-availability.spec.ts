/**
 * National-cloud availability in live runs: an operation the docs do not offer in the chosen cloud is skipped with
 * the reason (through the live target's permission-gap path); one whose availability the docs leave open is not.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { loadContracts } from '../../contracts/load.js';
import type { OperationContract } from '../../contracts/model.js';
import { cloudGap } from '../../runner/live/availability.js';
import { createLiveTarget } from '../../runner/live/live-target.js';
import { fakeJwt } from '../support/fake-entra.js';
import { startFakeGraph } from '../support/fake-graph.js';

const contracts = loadContracts();
const GLOBAL_AND_US = { global: true, usGovL4: true, usGovL5: true, china: false, source: 'api/gizmo-get.md:14 (INCLUDE global-us)' };

test('cloudGap: excluded cloud -> the reason with the doc source; offered or unknown -> null', () => {
  const op = { id: 'getGizmo', clouds: GLOBAL_AND_US };
  expect(cloudGap(op, 'china')).toBe(
    'not offered in this cloud: getGizmo is not available in China, operated by 21Vianet per the docs (api/gizmo-get.md:14 (INCLUDE global-us)); ' +
      'offered in: Microsoft Graph global service, US Government L4 (GCC High), US Government L5 (DoD). Run it with GRAPH_CLOUD set to one of those.',
  );
  expect(cloudGap(op, 'global')).toBeNull();
  expect(cloudGap(op, 'usgovdod')).toBeNull();
  expect(cloudGap({ id: 'getGizmo', clouds: null }, 'china')).toBeNull();
  expect(cloudGap({ id: 'getGizmo' }, 'china')).toBeNull();
});

test('a live run in the China cloud skips what the docs exclude there, and nothing else for that reason', async () => {
  const graph = await startFakeGraph();
  const dir = mkdtempSync(join(tmpdir(), 'live-cloud-'));
  const t = await createLiveTarget(
    {
      GRAPH_CLOUD: 'china',
      GRAPH_BASE_URL: graph.url,
      GRAPH_ACCESS_TOKEN: fakeJwt({ tid: 't', roles: ['DeviceManagementConfiguration.ReadWrite.All'] }),
      GRAPH_REPORTS_DIR: dir,
      GRAPH_RUN_ID: 'cloud',
    },
    { contracts, signals: false, writeStats: false },
  );
  try {
    const get = contracts.operation('getEmbeddedSIMActivationCodePool');
    const excluded: OperationContract = { ...get, clouds: GLOBAL_AND_US };
    expect(t.permissionGap(excluded)).toMatch(/^not offered in this cloud: getEmbeddedSIMActivationCodePool is not available in China/);
    const offered: OperationContract = { ...get, clouds: { ...GLOBAL_AND_US, china: true } };
    expect(t.permissionGap(offered)).toBeNull();
    expect(t.permissionGap({ ...get, clouds: null } as OperationContract)).toBeNull();
  } finally {
    await t.close();
    await graph.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
