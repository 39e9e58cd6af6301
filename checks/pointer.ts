/**
 * Pointers as fingerprints use them: array positions and GUIDs (which differ from run to run) drop out.
 * Building and reading pointers is lib/json-pointer.ts.
 */

import { GUID_SOURCE } from './identifiers.js';

const GUID_ANYWHERE = new RegExp(GUID_SOURCE, 'gi');

/**
 * The pointer with array indexes as `*` and GUIDs as `{id}` (`/value/3/target` gives `/value/` + `*` + `/target`).
 * What a fingerprint hashes instead of the pointer itself.
 */
export function normalisePointer(pointer: string): string {
  return pointer
    .split('/')
    .map((segment, i) => (i > 0 && /^\d+$/.test(segment) ? '*' : segment.replace(GUID_ANYWHERE, '{id}')))
    .join('/');
}
