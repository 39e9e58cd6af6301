/**
 * National-cloud availability: the docs say in which clouds an operation is offered (the contract's `clouds`, from
 * the page's national-cloud table or INCLUDE). A live run in a cloud the docs exclude skips the operation with the
 * reason instead of reporting the service's refusal as drift. Unknown availability (older pages say nothing) is
 * never a reason to skip.
 */
import type { CloudAvailability, OperationContract } from '../../contracts/model.js';
import { CLOUDS, type CloudName } from './cloud.js';

const FIELD: Record<CloudName, keyof Omit<CloudAvailability, 'source'>> = {
  global: 'global',
  usgov: 'usGovL4',
  usgovdod: 'usGovL5',
  china: 'china',
};

/** Null when the docs offer `op` in `cloud` (or do not say); else why the operation is skipped. */
export function cloudGap(op: Pick<OperationContract, 'id'> & { clouds?: CloudAvailability | null }, cloud: CloudName): string | null {
  const clouds = op.clouds;
  if (!clouds || clouds[FIELD[cloud]]) return null;
  const offered = (Object.keys(FIELD) as CloudName[]).filter((c) => clouds[FIELD[c]]).map((c) => CLOUDS[c].description);
  return (
    `not offered in this cloud: ${op.id} is not available in ${CLOUDS[cloud].description} per the docs (${clouds.source}); ` +
    `offered in: ${offered.join(', ') || 'none'}. Run it with GRAPH_CLOUD set to one of those.`
  );
}
