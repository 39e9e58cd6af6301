/**
 * A guard for tests that read ../shared (the Graph docs, seeds and metadata the project is built from). On a
 * machine without it those tests skip and say why; CI has it, so there they run.
 */
import { resolve } from 'node:path';
import { test } from '@playwright/test';
import { REPO_ROOT, SHARED_DIR, sharedPresent } from '../../generators/contracts/shared-location.js';

export { REPO_ROOT, SHARED_DIR, sharedPresent };

/** Call at the top of a describe block (or test) that reads ../shared. */
export function requireShared(): void {
  test.skip(
    !sharedPresent,
    `needs the shared docs at ${SHARED_DIR} (../shared beside the checkout, or set GRAPH_ESIM_SHARED); not present here`,
  );
}

export function sharedPath(...parts: string[]): string {
  return resolve(SHARED_DIR, ...parts);
}
