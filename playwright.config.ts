import { defineConfig } from '@playwright/test';
import type { WorkerFixtures } from './runner/fixtures.js';

/**
 * Projects:
 * - unit: the tool's own tests (parsers, extractor, checks, generators, mock, live-mode plumbing against local fakes).
 * - mock: the conformance run against the embedded mock (one mock server per worker, on a free 127.0.0.1 port).
 * - live: the same tests against GRAPH_BASE_URL with GRAPH_ACCESS_TOKEN. Opt-in: only run when chosen
 *   (`npm run conformance -- --project=live`); traces off so no token or activation code lands in one.
 */
export default defineConfig<object, Pick<WorkerFixtures, 'targetName' | 'mockOptions'>>({
  testDir: './tests',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  reporter: [
    ['list'],
    ['./runner/drift-reporter.ts', { outputDir: 'reports' }],
    ['junit', { outputFile: 'reports/junit.xml' }],
    ['html', { outputFolder: 'reports/html', open: 'never' }],
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
