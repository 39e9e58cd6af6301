/**
 * What the drift reporter keeps of one test: enough to build the report, and nothing that depends on which shard or
 * worker ran it.
 */
import type { FindingsAttachment } from './findings-attachment.js';

export type TestStatus = 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted';

export interface TestRecord {
  project: string;
  /** `file > describe > title` (the title path below the project). */
  title: string;
  status: TestStatus;
  /** The operation the test is about, when its annotations or title say (`operation` annotation, `<opId> (GET /…)`). */
  operation: string | null;
  /** Why it was skipped (the skip annotation), when it was. */
  skipReason: string | null;
  /** Set when the test ran but said not all of it did (an `incomplete` annotation: e.g. exploration stopped by a budget). */
  partial?: string | null;
  /** First line of its first error, when it failed. */
  error: string | null;
  attachments: FindingsAttachment[];
}

/** Operation ids named by a test title such as `createEmbeddedSIMActivationCodePool (POST /deviceManagement/…)`. */
const TITLE_OPERATION = /^([A-Za-z][A-Za-z0-9_]*) \((GET|POST|PATCH|PUT|DELETE) \//;

/**
 * The operation a test is about: an `operation` annotation (`test('x', { annotation: { type: 'operation',
 * description: op.id } }, …)`), else the first title that starts with a known operation id (`known`: the contract
 * files' ids), else the first title of the form `<operationId> (<METHOD> /path)`.
 */
export function operationOfTest(
  titles: readonly string[],
  annotations: readonly { type: string; description?: string }[],
  known: ReadonlySet<string> = new Set(),
): string | null {
  const a = annotations.find((x) => x.type === 'operation' && x.description);
  if (a?.description) return a.description;
  for (const t of titles) {
    const first = /^[A-Za-z][A-Za-z0-9_]*/.exec(t)?.[0];
    if (first && known.has(first)) return first;
  }
  for (const t of titles) {
    const m = TITLE_OPERATION.exec(t);
    if (m?.[1]) return m[1];
  }
  return null;
}
