import { defineConfig } from '@playwright/test';
import type { WorkerFixtures } from './runner/fixtures.js';

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
  use: { trace: 'off' },
  projects: [
    { name: 'unit', testDir: './tests/unit' },
    { name: 'mock', testDir: './tests/conformance', use: { targetName: 'mock' } },
    { name: 'live', testDir: './tests/conformance', use: { targetName: 'live' } },
  ],
});
