/**
 * Where on its page each compared field of an operation draft is said: the file (the page, or the included
 * permissions file) and line, for the transitions between revisions (revision-transitions.ts).
 */
import type { Permissions } from '../../contracts/model.js';
import type { DocPage } from './doc-page.js';
import type { OperationDraft } from './operation-page.js';
import type { FieldValue } from './revision-transitions.js';

const KIND_LABEL: Record<keyof Permissions, RegExp> = {
  delegatedWork: /^delegated \(work or school account\)$/i,
  delegatedPersonal: /^delegated \(personal microsoft account\)$/i,
  application: /^application$/i,
};

function tableLine(page: DocPage, firstColumn: RegExp): { file: string; line: number } | null {
  const t = page.tables.find((x) => firstColumn.test((x.header[0] ?? '').trim()));
  return t ? { file: t.included ?? page.file, line: t.line } : null;
}

function permissionLine(page: DocPage, kind: keyof Permissions): { file: string; line: number | null } {
  const t = page.tables.find((x) => /^permission type$/i.test((x.header[0] ?? '').trim()));
  const row = t?.rows.find((r) => KIND_LABEL[kind].test((r.cells[0] ?? '').trim()));
  return { file: t?.included ?? page.file, line: row?.line ?? t?.line ?? null };
}

/** The compared fields of a draft (`projection`), each with its file and line. */
export function operationFields(d: OperationDraft, projection: Record<string, unknown>): Record<string, FieldValue> {
  const page = d.page;
  const at = (where: { file: string; line: number | null } | null): { file: string; line: number | null } =>
    where ?? { file: page.file, line: null };
  const lines: Record<string, { file: string; line: number | null }> = {
    '/method': at(page.httpRequest && { file: page.file, line: page.httpRequest.line }),
    '/path': at(page.httpRequest && { file: page.file, line: page.httpRequest.line }),
    '/permissions/delegatedWork': permissionLine(page, 'delegatedWork'),
    '/permissions/delegatedPersonal': permissionLine(page, 'delegatedPersonal'),
    '/permissions/application': permissionLine(page, 'application'),
    '/clouds': { file: page.file, line: Number(/:(\d+)/.exec(page.clouds?.source ?? '')?.[1]) || null },
    '/requestHeaders': at(tableLine(page, /^header$/i)),
    '/request/properties': { file: page.file, line: d.requestTable.line },
    '/response/status': at(page.responseStatement && { file: page.file, line: page.responseStatement.line }),
    '/response/body/type': at(page.responseStatement && { file: page.file, line: page.responseStatement.line }),
    '/response/body/collection': at(page.responseStatement && { file: page.file, line: page.responseStatement.line }),
    '/examples/*/request/body': { file: page.file, line: page.exampleRequest?.bodyLine ?? page.exampleRequest?.line ?? null },
    '/examples/*/response/body': { file: page.file, line: page.exampleResponse?.bodyLine ?? page.exampleResponse?.line ?? null },
  };
  return Object.fromEntries(
    Object.entries(projection).map(([pointer, value]) => [pointer, { value, ...(lines[pointer] ?? { file: page.file, line: null }) }]),
  );
}
