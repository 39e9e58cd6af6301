import { defineConfig } from '@playwright/test';
import type { WorkerFixtures } from './runner/fixtures.js';
import { newRunId } from './runner/live/run-tag.js';
import { relayRunnerSignals } from './runner/live/run-group.js';

// One run id for the whole run: set here in the main process, inherited by every worker (objects are named
// `conformance-<runId>-…`; the journal, the write budget and the end-of-run cleanup are per run).
process.env.GRAPH_RUN_ID ??= newRunId();
// Under `npm run conformance`: a SIGTERM to the Playwright runner alone stops the whole run (runner/live/run-group.ts).
relayRunnerSignals();

/**
 * Projects:
 * - unit: the tool's own tests (parsers, extractor, checks, generators, mock, live-mode plumbing against local fakes).
 * - mock: the conformance run against the embedded mock (one mock server per worker, on a free 127.0.0.1 port).
 * - live: the same tests against GRAPH_BASE_URL with GRAPH_ACCESS_TOKEN. Opt-in: only run when chosen
 *   (`npm run conformance -- --project=live`); traces off so no token or activation code lands in one.
 */
/** Where run output goes (REPORTS_DIR moves it, e.g. for a nested run in a test). */
const REPORTS = process.env.REPORTS_DIR ?? 'reports';

export default defineConfig<object, Pick<WorkerFixtures, 'targetName' | 'mockOptions'>>({
  testDir: './tests',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  reporter: [
    ['list'],
    ['./runner/drift-reporter.ts', { outputDir: REPORTS }],
    ['junit', { outputFile: `${REPORTS}/junit.xml` }],
    ['html', { outputFolder: `${REPORTS}/html`, open: 'never' }],
    ['./tests/support/summary-reporter.ts'],
  ],
  outputDir: './test-results',
  // Deletes what a live run's journal still lists after every worker is gone; contacts nothing otherwise.
  globalTeardown: './runner/live/global-teardown.ts',
  use: { trace: 'off' },
  projects: [
    { name: 'unit', testDir: './tests/unit' },
    { name: 'mock', testDir: './tests/conformance', use: { targetName: 'mock' } },
    // One worker: the write pace (Intune: 100 writes per 20 s per app per tenant) is kept per process.
    {
      name: 'live',
      testDir: './tests/conformance',
      workers: 1,
      use: { targetName: 'live', trace: 'off', screenshot: 'off', video: 'off' },
    },
  ],
});
