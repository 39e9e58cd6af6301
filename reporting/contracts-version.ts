/**
 * The contracts version a run was held to: sha256 over the generated contract files (operations, schemas, doc
 * findings; the ones `npm run contracts:extract` owns), names and bytes, first 12 hex digits. The ledger is not part
 * of it: accepting drift does not change what the docs promise.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFilesIn } from '../generators/contracts/staleness.js';

export function contractsVersion(dir: string): string {
  const hash = createHash('sha256');
  for (const name of generatedFilesIn(dir)) {
    hash.update(`${name}\u0000`);
    hash.update(readFileSync(join(dir, name)));
    hash.update('\u0000');
  }
  return hash.digest('hex').slice(0, 12);
}
