import { defineConfig } from '@playwright/test';

/**
 * Projects:
 * - unit: the tool's own tests (parsers, extractor, checks, generators, mock internals).
 * Later issues add `mock` (the conformance run against the embedded mock) and `live`.
 */
export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  reporter: process.env.CI ? [['list'], ['./tests/support/summary-reporter.ts']] : [['list']],
  outputDir: './test-results',
  projects: [
    {
      name: 'unit',
      testDir: './tests/unit',
    },
  ],
});
