/**
 * The parsers against the real docs in ../shared (seeds and graph-docs/beta): every page parses, the two renderings
 * of the create page agree, the rendered update page (pipe rows, no title) gives its request line and status, and the
 * activation code's pattern notes come out whole and unescaped. Skips with a reason when ../shared is absent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { DocPage } from '../../generators/contracts/doc-page.js';
import { essentialContent } from '../../generators/contracts/doc-page-content.js';
import { parseDocPage } from '../../generators/contracts/parse-page.js';
import { requireShared, sharedPath } from '../support/shared.js';

const SEED_000 = 'seeds/000_43c8c6b22ce8c85f.txt';
const SEED_001 = 'seeds/001_eea2c8bb4c057bcd.txt';
const SEED_003 = 'seeds/003_1b3f4827d9c43755.txt';
const SEED_004 = 'seeds/004_4404cc4ddf5897bb.txt';

const parse = (rel: string): DocPage => parseDocPage(rel, readFileSync(sharedPath(rel), 'utf8'));

function allDocs(): string[] {
  const dirs = ['seeds', 'graph-docs/beta/api', 'graph-docs/beta/resources'];
  return dirs.flatMap((d) =>
    readdirSync(sharedPath(d))
      .filter((f) => f.endsWith('.md') || f.endsWith('.txt'))
      .map((f) => `${d}/${f}`),
  );
}

test.describe('real docs in ../shared', () => {
  test.beforeEach(() => {
    requireShared();
  });

  test('every seed and every beta api/resource page parses without throwing, and without warnings but one', () => {
    const files = allDocs();
    expect(files.length).toBeGreaterThanOrEqual(5 + 16 + 12);
    const warned: string[] = [];
    for (const file of files) {
      const page = parse(file);
      expect(page.title, file).not.toBe('');
      expect(page.pageType, file).not.toBe('unknown');
      if (page.warnings.length > 0) warned.push(file);
    }
    // The only warning in the real docs: seed 003 has no title line, so its title is derived.
    expect(warned).toEqual([SEED_003]);
  });

  test('seed 000 (markdown) and seed 001 (page text) give the same tables, request line, status and examples', () => {
    const markdown = parse(SEED_000);
    const text = parse(SEED_001);
    expect(markdown.format).toBe('markdown');
    expect(text.format).toBe('page-text');
    expect(markdown.msDate).toBe('2024-08-01');
    expect(essentialContent(text)).toEqual(essentialContent(markdown));
    expect(markdown.tables.map((t) => t.section)).toEqual(['Permissions', 'Request headers', 'Request body']);
    expect(markdown.responseStatement?.status).toBe(201);
    expect(markdown.exampleRequest?.body).toMatchObject({ activationCodeCount: 3 });
  });

  test('seed 003 (page text with pipe rows and no title line) gives PATCH, the pool path and 200', () => {
    const page = parse(SEED_003);
    expect(page.format).toBe('page-text');
    expect(page.httpRequest?.method).toBe('PATCH');
    expect(page.httpRequest?.path).toBe('/deviceManagement/embeddedSIMActivationCodePools/{embeddedSIMActivationCodePoolId}');
    expect(page.responseStatement?.status).toBe(200);
    expect(page.title).toBe('Update embeddedSIMActivationCodePool');
    expect(page.warnings[0]?.message).toContain('was derived from the sentence');
    expect(page.tables.find((t) => t.section === 'Request body')?.rows).toHaveLength(6);
    expect(page.exampleResponse?.status).toBe(200);
    expect(page.exampleResponse?.body).toMatchObject({ id: 'ec308741-8741-ec30-4187-30ec418730ec' });
  });

  test('seed 004 and the assign page: a blank line between request line and headers is flagged', () => {
    for (const file of [SEED_004, 'graph-docs/beta/api/intune-esim-embeddedsimactivationcodepool-assign.md']) {
      const req = parse(file).exampleRequest;
      expect(req?.blankLineBeforeHeaders, file).toBe(true);
      expect(
        req?.headers.map((h) => h.name),
        file,
      ).toEqual(['Content-type', 'Content-length']);
      expect(req?.body, file).toHaveProperty('assignments');
    }
  });

  test('delete pages: no request body, 204, and an example response without a body', () => {
    const page = parse('graph-docs/beta/api/intune-esim-embeddedsimactivationcodepool-delete.md');
    expect(page.noRequestBody).toBe(true);
    expect(page.responseStatement?.status).toBe(204);
    expect(page.exampleResponse).toMatchObject({ status: 204, bodyText: null, headers: [] });
  });

  test('the activation code resource: 3 property rows, pattern notes joined and unescaped', () => {
    const page = parse('graph-docs/beta/resources/intune-esim-embeddedsimactivationcode.md');
    const props = page.tables.find((t) => t.section === 'Properties');
    expect(props?.rows).toHaveLength(3);
    expect(props?.rows.map((r) => r.cells[0])).toEqual(['integratedCircuitCardIdentifier', 'matchingIdentifier', 'smdpPlusServerAddress']);
    const description = props?.rows[0]?.cells[2] ?? '';
    expect(description).toContain("The input must match the following regular expression: '^[0-9]{19}[0-9]?$'.");
    expect(description).toMatch(/^The Integrated Circuit Card Identifier \(ICCID\)/);
    expect(props?.rows[1]?.cells[2]).toContain("'^[a-zA-Z0-9-]*$'");
    expect(page.jsonRepresentation?.body).toMatchObject({ '@odata.type': '#microsoft.graph.embeddedSIMActivationCode' });
  });

  test('resource and enum pages: inheritance, members, Methods rows', () => {
    expect(parse('graph-docs/beta/resources/intune-shared-exclusiongroupassignmenttarget.md').inheritsFrom).toBe('groupAssignmentTarget');
    const states = parse('graph-docs/beta/resources/intune-esim-embeddedsimdevicestatevalue.md');
    expect(states.pageType).toBe('enum');
    expect(states.tables[0]?.rows.map((r) => r.cells[0])).toContain('removedByUser');
    const pool = parse('graph-docs/beta/resources/intune-esim-embeddedsimactivationcodepool.md');
    expect(pool.tables.map((t) => t.section)).toEqual(['Methods', 'Properties', 'Relationships']);
    expect(pool.tables[0]?.rows[3]?.cells.slice(0, 2)).toEqual(['Delete embeddedSIMActivationCodePool', 'None']);
  });
});
