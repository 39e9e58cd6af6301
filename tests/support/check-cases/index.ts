/** All per-check example tables, keyed by check name. */
import type { CheckCases } from './case-types.js';
import { BODY_CASES } from './body-cases.js';
import { LIFECYCLE_CASES } from './lifecycle-cases.js';
import { PROTOCOL_CASES } from './protocol-cases.js';
import { QUERY_CASES } from './query-cases.js';
import { SEMANTIC_CASES } from './semantic-cases.js';
import { STATUS_CASES } from './status-cases.js';

export type { CheckCase, CheckCases, CheckPair, ExpectedDraft } from './case-types.js';

export const CHECK_CASES: CheckCases = {
  ...STATUS_CASES,
  ...BODY_CASES,
  ...LIFECYCLE_CASES,
  ...PROTOCOL_CASES,
  ...QUERY_CASES,
  ...SEMANTIC_CASES,
};
