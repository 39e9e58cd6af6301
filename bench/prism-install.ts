/**
 * `npx tsx bench/prism-install.ts`: installs the pinned Prism (see prism.ts) now, so that the Prism proxy test
 * (tests/unit/openapi-prism-proxy.spec.ts) and the bench find it. CI runs this before the tests; it fails loudly
 * when the install does.
 */
import { ensurePrism, PRISM_PACKAGE, PRISM_VERSION } from './prism.js';

const result = await ensurePrism(undefined, (line) => console.log(line));
if ('skipped' in result) {
  console.error(`prism-install: ${result.skipped}`);
  process.exit(1);
}
console.log(`${PRISM_PACKAGE}@${PRISM_VERSION} ${result.installed ? 'installed' : 'already there'}: ${result.entry}`);
