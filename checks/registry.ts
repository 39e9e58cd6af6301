/**
 * Every check, in one list (the order reports use), and choosing among them by name (`--checks`, `--exclude-checks`).
 */
import { authEnforced } from './auth-enforced.js';
import { computedProperty } from './computed-property.js';
import { contentType } from './content-type.js';
import { documentedPropertyMissing } from './documented-property-missing.js';
import { errorShape } from './error-shape.js';
import { negativeRejected } from './negative-rejected.js';
import { notAServerError } from './not-a-server-error.js';
import { pagingComplete } from './paging-complete.js';
import { queryCount } from './query-count.js';
import { queryFilter } from './query-filter.js';
import { queryOrderby } from './query-orderby.js';
import { querySelect } from './query-select.js';
import { queryTop } from './query-top.js';
import { readOnlyIgnored } from './read-only-ignored.js';
import { requestIdHeaders } from './request-id-headers.js';
import { responseSchema } from './response-schema.js';
import { serverGenerated } from './server-generated.js';
import { statefulOracle } from './stateful-oracle.js';
import { statusCode } from './status-code.js';
import type { Check } from './types.js';
import { undocumentedProperty } from './undocumented-property.js';
import { updateApplied } from './update-applied.js';
import { useAfterDelete } from './use-after-delete.js';
import { writeOnlyEchoed } from './write-only-echoed.js';

export const CHECKS: readonly Check[] = [
  statusCode,
  contentType,
  responseSchema,
  documentedPropertyMissing,
  undocumentedProperty,
  writeOnlyEchoed,
  serverGenerated,
  computedProperty,
  readOnlyIgnored,
  updateApplied,
  errorShape,
  requestIdHeaders,
  negativeRejected,
  notAServerError,
  authEnforced,
  useAfterDelete,
  querySelect,
  queryTop,
  queryFilter,
  queryOrderby,
  queryCount,
  pagingComplete,
  statefulOracle,
];

export const CHECK_NAMES: readonly string[] = CHECKS.map((c) => c.name);

export class UnknownCheckError extends Error {
  override name = 'UnknownCheckError';
}

export interface CheckSelection {
  /** Only these checks (all when absent or empty). */
  include?: readonly string[];
  /** Not these checks. */
  exclude?: readonly string[];
}

/** `where` says where the names came from, e.g. `the include list`. */
function verify(names: readonly string[], where: string): void {
  const unknown = names.filter((n) => !CHECK_NAMES.includes(n));
  if (unknown.length === 0) return;
  const list = unknown.map((n) => `"${n}"`).join(', ');
  throw new UnknownCheckError(
    `Unknown check${unknown.length > 1 ? 's' : ''} ${list} in ${where}. Known checks: ${CHECK_NAMES.join(', ')}.`,
  );
}

/**
 * The checks to run, in registry order: `include` (or all) minus `exclude`. Names are the checks' snake_case names;
 * an unknown name is an error that lists the known ones. Excluding everything is allowed and gives an empty list.
 */
export function selectChecks(selection: CheckSelection = {}): Check[] {
  const include = (selection.include ?? []).map((n) => n.trim()).filter((n) => n !== '');
  const exclude = (selection.exclude ?? []).map((n) => n.trim()).filter((n) => n !== '');
  verify(include, 'the include list');
  verify(exclude, 'the exclude list');
  return CHECKS.filter((c) => (include.length === 0 || include.includes(c.name)) && !exclude.includes(c.name));
}

/** The check with this name; an unknown name is an error that lists the known ones. */
export function checkByName(name: string): Check {
  verify([name], 'checkByName');
  return CHECKS.find((c) => c.name === name) as Check;
}
