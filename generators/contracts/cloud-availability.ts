/**
 * In which national clouds the docs say an operation is offered. Two layouts:
 *   - Learn's page text: a table `Global service | US Government L4 | US Government L5 (DOD) | China operated by
 *     21Vianet` with one row of ✅ / ❌;
 *   - the markdown source: `[!INCLUDE [national-cloud-support](../../includes/<which>.md)]`, named for the clouds
 *     (all-clouds, global-only, global-us, global-china).
 * Pages that say nothing (the 2021 markdown) give null: unknown, never "not offered".
 */
import type { CloudAvailability } from '../../contracts/model.js';
import type { DocPage } from './doc-page.js';

type Clouds = Omit<CloudAvailability, 'source'>;

const BY_INCLUDE: Record<string, Clouds> = {
  'all-clouds': { global: true, usGovL4: true, usGovL5: true, china: true },
  'global-only': { global: true, usGovL4: false, usGovL5: false, china: false },
  'global-us': { global: true, usGovL4: true, usGovL5: true, china: false },
  'global-china': { global: true, usGovL4: false, usGovL5: false, china: true },
};

const COLUMNS: [RegExp, keyof Clouds][] = [
  [/^global service$/i, 'global'],
  [/^us government l4$/i, 'usGovL4'],
  [/^us government l5/i, 'usGovL5'],
  [/^china operated by 21vianet$/i, 'china'],
];

/** From the page's national-cloud table, or null when it has none. Throws on a cell that is neither ✅ nor ❌. */
export function cloudsFromTable(page: DocPage): CloudAvailability | null {
  const table = page.tables.find((t) => /^global service$/i.test((t.header[0] ?? '').trim()));
  const row = table?.rows[0];
  if (!table || !row) return null;
  const out: Clouds = { global: false, usGovL4: false, usGovL5: false, china: false };
  for (const [i, head] of table.header.entries()) {
    const key = COLUMNS.find(([re]) => re.test(head.trim()))?.[1];
    const value = (row.cells[i] ?? '').trim();
    if (!key) return { ...out, source: `${page.file}:${table.line}: unknown cloud column "${head}"` };
    out[key] = /^(✅|✔️?|yes)$/i.test(value);
  }
  return { ...out, source: `${page.file}:${table.line} (national-cloud table)` };
}

/** From a `[!INCLUDE [national-cloud-support](…/<name>.md)]` line; null for an include name not known here. */
export function cloudsFromInclude(target: string, where: string): CloudAvailability | null {
  const name = (target.split('/').pop() ?? '').replace(/\.md$/i, '');
  const clouds = BY_INCLUDE[name];
  return clouds ? { ...clouds, source: `${where} (INCLUDE ${name})` } : null;
}
