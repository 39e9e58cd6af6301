/**
 * The conformance suite's Playwright fixtures. The project chooses the target (`targetName` option: mock or live);
 * tests only see `target`, `contracts`, `checks` and `tracker`, never which target it is.
 */
import { test as base } from '@playwright/test';
import { loadContracts, type LoadedContracts } from '../contracts/load.js';
import { selectChecks } from '../checks/registry.js';
import type { Check } from '../checks/types.js';
import type { MockServerOptions } from '../mocks/index.js';
import type { PayloadSource } from './cases.js';
import { payloadSource } from './payload-source.js';
import { ResourceTracker } from './resources.js';
import { readSettings, type RunSettings } from './settings.js';
import { startMockTarget, type Target, type TargetName } from './target.js';
import { createLiveTarget } from './live/live-target.js';
import { refuseTracing } from './live/trace-guard.js';

export interface WorkerFixtures {
  targetName: TargetName;
  mockOptions: MockServerOptions;
  settings: RunSettings;
  contracts: LoadedContracts;
  checks: Check[];
  payloads: PayloadSource;
  target: Target;
  sharedObjects: ResourceTracker;
}

export interface TestFixtures {
  tracker: ResourceTracker;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  targetName: ['mock', { scope: 'worker', option: true }],
  // MOCK_FAULTS (e.g. `patch-204`) runs the mock with a standing fault profile: the drift detection demo.
  mockOptions: [process.env.MOCK_FAULTS ? { faults: process.env.MOCK_FAULTS } : {}, { scope: 'worker', option: true }],
  settings: [async ({}, use) => use(readSettings()), { scope: 'worker' }],
  contracts: [async ({}, use) => use(loadContracts()), { scope: 'worker' }],
  checks: [
    async ({ settings }, use) =>
      use(selectChecks({ ...(settings.include ? { include: settings.include } : {}), exclude: settings.exclude })),
    { scope: 'worker' },
  ],
  // Live runs tag every displayName with `conformance-<runId>-` (the sweeper deletes only what carries it).
  payloads: [async ({ contracts, target }, use) => use(payloadSource(contracts, target.tag ?? '')), { scope: 'worker' }],
  target: [
    async ({ targetName, mockOptions, contracts }, use, workerInfo) => {
      let target: Target;
      if (targetName === 'live') {
        refuseTracing(workerInfo.project.use.trace);
        const live = await createLiveTarget(process.env, { contracts });
        if (workerInfo.workerIndex === 0) console.log(live.describe());
        target = live;
      } else {
        target = await startMockTarget({ mock: mockOptions, tenant: `worker-${workerInfo.workerIndex}-${workerInfo.parallelIndex}` });
      }
      try {
        await use(target);
      } finally {
        await target.close();
      }
    },
    { scope: 'worker' },
  ],
  // Objects the worker's tests only need to exist (parents, objects that are read): made once, deleted when the worker ends.
  sharedObjects: [
    async ({ target, contracts, payloads, settings }, use) => {
      const shared = new ResourceTracker(target.client, contracts, (opId) => payloads.valid(opId, settings.seed));
      try {
        await use(shared);
      } finally {
        const left = await shared.cleanup();
        if (left.length) console.warn(`cleanup could not delete: ${left.map((l) => `${l.path} (${l.status})`).join(', ')}`);
      }
    },
    { scope: 'worker' },
  ],
  tracker: async ({ target, contracts, payloads, settings, sharedObjects }, use) => {
    const tracker = new ResourceTracker(target.client, contracts, (opId) => payloads.valid(opId, settings.seed), sharedObjects);
    try {
      await use(tracker);
    } finally {
      const left = await tracker.cleanup();
      if (left.length) console.warn(`cleanup could not delete: ${left.map((l) => `${l.path} (${l.status})`).join(', ')}`);
    }
  },
});

export { expect } from '@playwright/test';
