/**
 * One operation page -> an OperationDraft: what this one page says about its operation. Drafts of the same
 * operation (same method and path) from several pages are merged by operation-merge.ts.
 */
import type { Example, HeaderSpec, HttpMethod, OperationKind, Permissions, QueryOptionsSpec } from '../../contracts/model.js';
import type { DocPage, DocTable, HttpExample } from './doc-page.js';
import { DocParseError } from './doc-page.js';
import { upperFirst } from './graph-types.js';
import { revisionOf, type Revision } from './revision.js';
import { cell, findTable, TableShapeError } from './tables.js';

export interface OperationDraft {
  /** `POST /deviceManagement/embeddedSIMActivationCodePools`: what makes two pages the same operation. */
  key: string;
  id: string;
  summary: string;
  kind: OperationKind;
  resource: string;
  method: HttpMethod;
  path: string;
  pathParameters: string[];
  permissions: Permissions;
  requestHeaders: HeaderSpec[];
  /** none: "Do not supply a request body"; type: a JSON representation of `resource`; parameters: action parameters. */
  requestBody: { kind: 'none' } | { kind: 'type' } | { kind: 'parameters'; parameters: { name: string; type: string }[] };
  /** Property names of the request body table, as listed (for findings). */
  requestTable: { names: string[]; statement: string | null; line: number | null };
  response: { status: number; type: string | null; collection: boolean };
  example: Example;
  page: DocPage;
  revision: Revision;
  /** The "Optional query parameters" section (generators/contracts/query-options.ts, set by extract.ts); null: none. */
  queryOptions?: QueryOptionsSpec | null;
}

const METHODS: HttpMethod[] = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];
const PERMISSION_KINDS: [RegExp, keyof Permissions][] = [
  [/^delegated \(work or school account\)$/i, 'delegatedWork'],
  [/^delegated \(personal microsoft account\)$/i, 'delegatedPersonal'],
  [/^application$/i, 'application'],
];

function readPermissions(page: DocPage): Permissions {
  const perms: Permissions = { delegatedWork: null, delegatedPersonal: null, application: null };
  const table = findTable(page, 'Permission type');
  if (!table) return perms;
  const layout = permissionLayout(page, table);
  for (const row of table.rows) {
    const label = cell(row.cells, 0).trim();
    const kind = PERMISSION_KINDS.find(([re]) => re.test(label))?.[1];
    if (!kind) {
      throw new DocParseError(
        table.included ?? page.file,
        row.line,
        `unknown permission type "${label}"; expected one of the three Graph permission kinds`,
      );
    }
    // Three columns: least privileged, then the higher privileged ones; two: one list in the header's order.
    const list = (layout === 'three' ? [cell(row.cells, 1), cell(row.cells, 2)] : [cell(row.cells, 1)]).flatMap(permissionList);
    if (list.length === 0) continue;
    perms[kind] = layout === 'most-first' ? list.reverse() : list;
  }
  return perms;
}

/** "Not supported." / "Not available." / empty -> []; `A, B.` -> [A, B]. */
function permissionList(value: string): string[] {
  const v = value.trim();
  if (v === '' || /^not (supported|available)\.?$/i.test(v)) return [];
  return v
    .split(/\s*,\s*/)
    .map((p) => p.replace(/\.$/, ''))
    .filter(Boolean);
}

function permissionLayout(page: DocPage, table: DocTable): 'most-first' | 'least-first' | 'three' {
  const h = table.header.map((c) => c.toLowerCase().replace(/\s+/g, ' ').trim());
  const ok2 = h.length === 2 && (h[1] ?? '').startsWith('permissions');
  const ok3 = h.length === 3 && (h[1] ?? '').startsWith('least privileged') && (h[2] ?? '').startsWith('higher privileged');
  if (!ok2 && !ok3) {
    throw new TableShapeError(
      table.included ?? page.file,
      table.line,
      `the permissions table has columns [${table.header.join(' | ')}]; expected [Permission type | Permissions (...)] or ` +
        '[Permission type | Least privileged permissions | Higher privileged permissions]. Report the new layout so the extractor can learn it.',
    );
  }
  for (const row of table.rows) {
    if (row.cells.length !== table.header.length) {
      throw new TableShapeError(
        table.included ?? page.file,
        row.line,
        `row has ${row.cells.length} cells, the permissions table's header has ${table.header.length}`,
      );
    }
  }
  return ok3 ? 'three' : (h[1] ?? '').includes('most to least') ? 'most-first' : 'least-first';
}

function readHeaders(page: DocPage): HeaderSpec[] {
  const table = findTable(page, 'Header', ['Header', 'Value']);
  return (table?.rows ?? []).map((row) => {
    const text = cell(row.cells, 1);
    // The value is what comes before "Required."/"Learn more"; <token> and {token} are the same placeholder.
    const value =
      text
        .split(/\.?\s+Required\b|\.\s+Learn more/)[0]
        ?.replace(/<([^>]+)>/g, '{$1}')
        .trim() ?? '';
    return { name: cell(row.cells, 0), value, required: /\bRequired\b/.test(text) };
  });
}

/** Graph type names mentioned in a sentence, in order (camelCase words that are known types). */
function typesIn(text: string, known: Set<string>): string[] {
  return (text.match(/[a-z][A-Za-z0-9]+/g) ?? []).filter((w) => known.has(w));
}

function toExample(page: DocPage, req: HttpExample | null, res: HttpExample | null): Example {
  const headers = (m: HttpExample): Record<string, string> => Object.fromEntries(m.headers.map((h) => [h.name, h.value]));
  return {
    source: page.file,
    request: req
      ? {
          method: (req.method?.toUpperCase() ?? 'GET') as HttpMethod,
          url: req.url ?? '',
          line: req.line,
          headers: headers(req),
          body: req.body === undefined ? null : req.body,
        }
      : null,
    response: res
      ? { status: res.status ?? 0, line: res.line, headers: headers(res), body: res.body === undefined ? null : res.body }
      : null,
  };
}

function operationKind(method: HttpMethod, path: string, title: string): OperationKind {
  const endsWithParam = /\}$/.test(path);
  if (/ action$/i.test(title) || (method === 'POST' && !/^create\b/i.test(title) && !endsWithParam && !/s$/.test(path))) {
    return 'action';
  }
  switch (method) {
    case 'GET':
      return endsWithParam ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PATCH':
    case 'PUT':
      return 'update';
    case 'DELETE':
      return 'delete';
  }
}

/** `{embeddedSIMActivationCodePoolId}` -> `embeddedSIMActivationCodePool`. */
function paramType(param: string): string {
  return param.replace(/Id$/, '');
}

export function draftOperation(page: DocPage, knownTypes: Set<string>): OperationDraft {
  const req = page.httpRequest;
  if (!req) throw new DocParseError(page.file, 1, 'operation page without an "HTTP Request" line (METHOD /path)');
  const method = req.method.toUpperCase() as HttpMethod;
  if (!METHODS.includes(method)) throw new DocParseError(page.file, req.line, `unknown HTTP method "${req.method}"`);
  const path = req.path.replace(/\?.*$/, '');
  const pathParameters = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
  const kind = operationKind(method, path, page.title);

  const stmt = page.responseStatement;
  if (!stmt) throw new DocParseError(page.file, 1, 'no "returns a `NNN ...` response code" sentence under "Response"');
  const responseTypes = typesIn(stmt.text, knownTypes);
  const lastParam = pathParameters[pathParameters.length - 1];
  const resource =
    kind === 'action' || kind === 'delete' || kind === 'get' || kind === 'update'
      ? paramType(lastParam ?? responseTypes[0] ?? '')
      : (responseTypes[0] ?? '');
  if (!resource) throw new DocParseError(page.file, stmt.line, 'cannot tell which Graph type this operation is about');

  const title = page.title.trim();
  const action = /^(\w+) action$/i.exec(title)?.[1];
  const id = action
    ? `${action}${upperFirst(resource)}`
    : title.replace(/^(\w+)\s+(\w+).*$/, (_m, verb: string, rest: string) => `${verb.toLowerCase()}${upperFirst(rest)}`);

  const bodyTable = findTable(page, 'Property', ['Property', 'Type', 'Description']);
  const names = (bodyTable?.rows ?? []).map((r) => cell(r.cells, 0));
  let requestBody: OperationDraft['requestBody'] = { kind: 'type' };
  if (page.noRequestBody || method === 'GET' || method === 'DELETE') requestBody = { kind: 'none' };
  else if (kind === 'action') {
    requestBody = {
      kind: 'parameters',
      parameters: (bodyTable?.rows ?? []).map((r) => ({ name: cell(r.cells, 0), type: cell(r.cells, 1) })),
    };
  }
  const noResponseBody = stmt.status === 204 || kind === 'delete';
  return {
    key: `${method} ${path}`,
    id,
    summary: title,
    kind,
    resource,
    method,
    path,
    pathParameters,
    permissions: readPermissions(page),
    requestHeaders: readHeaders(page),
    requestBody,
    requestTable: { names, statement: page.requestBodyStatement?.text ?? null, line: bodyTable?.line ?? null },
    response: {
      status: stmt.status,
      type: noResponseBody ? null : (responseTypes[0] ?? resource),
      collection: !noResponseBody && (kind === 'list' || /\bcollection\b/i.test(stmt.text)),
    },
    example: toExample(page, page.exampleRequest, page.exampleResponse),
    page,
    revision: revisionOf(page),
  };
}
