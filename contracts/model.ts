/**
 * The shape of the files under contracts/. Everything downstream (the mock, the payload generators, the runner and
 * its checks, the reports) reads contracts through these types; the extractor in generators/contracts writes them.
 * contracts/contract.schema.json is the same model as a JSON Schema, used to validate hand-edited files.
 */

/** Base of every `$id` in contracts/schemas. The host is reserved (.invalid): schemas are never fetched. */
export const SCHEMA_BASE = 'https://graph-esim-conformance.invalid/schemas/';

/** `$id` of the JSON Schema for a Graph type, e.g. schemaId('embeddedSIMActivationCodePool'). */
export function schemaId(typeName: string): string {
  return `${SCHEMA_BASE}${typeName}.schema.json`;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** What an operation does to its resource; drives the mock's behaviour and the runner's lifecycle. */
export type OperationKind = 'list' | 'get' | 'create' | 'update' | 'delete' | 'action';

export type DocFormat = 'markdown' | 'page-text';

/** Permissions by kind, least privileged first; null where the docs say "Not supported". */
export interface Permissions {
  delegatedWork: string[] | null;
  delegatedPersonal: string[] | null;
  application: string[] | null;
}

/** One document that describes an operation or a type. */
export interface SourceRecord {
  /** Path as given to the extractor, relative to the docs root it was found under (e.g. `seeds/000_….txt`). */
  file: string;
  format: DocFormat;
  /**
   * How the revision was placed: its date and where the date came from (`ms.date`, `Learn sitemap date`, `commit
   * date`, `date given with --docs`) or `... without a date`, then its template generation.
   */
  revision: string;
  /** ISO date (YYYY-MM-DD) of the revision when one is known (see `revision` for its source), else null. */
  date: string | null;
  /**
   * Relative age among the sources of one operation, newest first (0 = newest). Sources that are two renderings
   * of one revision share a rank.
   */
  rank: number;
  /** sha256 of the page bytes, first 12 hex digits: lets a reader tell whether a doc changed since extraction. */
  sha256: string;
  /** The git commit the page was read from, when it came from a clone's history (contracts:history). */
  commit?: string;
}

/** A field on which the sources of one operation disagree, with what each source said and what the contract kept. */
export interface Disagreement {
  /** JSON pointer into the operation contract, e.g. `/permissions/application`. */
  pointer: string;
  /** Each distinct value with the sources that gave it, newest first. */
  values: { value: unknown; sources: string[] }[];
  /** The value the contract kept (the newest revision's). */
  kept: unknown;
}

export interface HeaderSpec {
  name: string;
  value: string;
  required: boolean;
}

/** A body as documented: the schema it must satisfy, inline or by `$ref` to contracts/schemas. */
export interface BodySpec {
  /** JSON Schema 2020-12. References Graph types by their absolute `$id` (see schemaId). */
  schema: Record<string, unknown>;
  /** The Graph type of the body (or of its items, for collections). */
  type: string;
  /** `{ "value": [...] }` rather than one object. */
  collection: boolean;
}

export interface ExampleMessage {
  /** Start line of the message in its source. */
  line: number;
  headers: Record<string, string>;
  /** Parsed JSON body, or null when the example shows none. */
  body: unknown;
}

export interface ExampleRequest extends ExampleMessage {
  method: HttpMethod;
  url: string;
}

export interface ExampleResponse extends ExampleMessage {
  status: number;
}

export interface Example {
  /** `file` of the SourceRecord the example comes from. */
  source: string;
  request: ExampleRequest | null;
  response: ExampleResponse | null;
}

/** The national clouds the docs say offer an operation, and where they say it. */
export interface CloudAvailability {
  global: boolean;
  usGovL4: boolean;
  usGovL5: boolean;
  china: boolean;
  /** The page and line (national-cloud table or INCLUDE) it was read from. */
  source: string;
}

/** What an operation's page says under "Optional query parameters" (generators/contracts/query-options.ts). */
export interface QueryOptionsSpec {
  /** False when the page says the operation does not support query parameters. */
  supported: boolean;
  /** The section's text, markdown reduced to plain text. */
  statement: string;
  /** The link the section gives for details (e.g. `/graph/query-parameters`), or null. */
  reference: string | null;
  /** System query options the page names itself (`$select`, ...), lower-case, in page order; empty when it names none. */
  named: string[];
  /**
   * The options the contract takes the page to allow: `named` when it names some; for a page that supports "the OData
   * Query Parameters" without naming any, OData's system query options for the kind (get: $select, $expand; list:
   * $select, $expand, $filter, $orderby, $top, $skip, $count, $search); none when unsupported.
   */
  options: string[];
  /** `file` of the SourceRecord the section is from, and the line of its heading. */
  source: string;
  line: number;
}

export interface OperationContract {
  /** operationId, e.g. `createEmbeddedSIMActivationCodePool`. */
  id: string;
  /** The page title, e.g. `Create embeddedSIMActivationCodePool`. */
  summary: string;
  kind: OperationKind;
  /** The Graph type the operation is about (the pool, the assignment, the device state). */
  resource: string;
  method: HttpMethod;
  /** Path template relative to the version root, e.g. `/deviceManagement/embeddedSIMActivationCodePools/{embeddedSIMActivationCodePoolId}`. */
  path: string;
  /** Names of the `{…}` parameters in `path`, in order. */
  pathParameters: string[];
  apiVersion: 'beta' | 'v1.0';
  permissions: Permissions;
  /**
   * National clouds offering the operation per the newest revision; null when its page does not say. The extractor
   * always writes it; a hand-written contract may leave it out (same as null).
   */
  clouds?: CloudAvailability | null;
  requestHeaders: HeaderSpec[];
  /** null: the docs say not to send a body. */
  request: BodySpec | null;
  /** The documented success answer. */
  response: { status: number; body: BodySpec | null };
  examples: Example[];
  sources: SourceRecord[];
  /** Where sources disagree (doc vs doc drift). Empty when they agree. */
  disagreements: Disagreement[];
  /**
   * The page's "Optional query parameters" section (newest source); null when the page has none. The extractor always
   * writes it; a hand-written contract may leave it out (read as null).
   */
  queryOptions?: QueryOptionsSpec | null;
}

/** The three kinds of drift, kept apart in reports. */
export type DriftKind = 'doc-vs-doc' | 'doc-vs-metadata' | 'doc-vs-service';

/** Something the docs get wrong about themselves, the protocol or the metadata. Data, not a failure. */
export interface DocFinding {
  /** Stable rule id, e.g. `content-length-mismatch`. */
  rule: string;
  kind: DriftKind | 'doc-internal';
  /** Operation id or type name the finding is about. */
  subject: string;
  /** Source file and line. */
  file: string;
  line: number | null;
  /** JSON pointer into the subject's contract or example, when there is one. */
  pointer: string | null;
  message: string;
  expected: unknown;
  observed: unknown;
  /** doc-vs-doc: the change from an older revision to the next newer one (expected = after, observed = before). */
  transition?: { from: RevisionSide; to: RevisionSide };
}

/** One side of a doc-vs-doc transition: a revision, where it says it, and what it says. */
export interface RevisionSide {
  /** The page (or included file) and line the value was read from; line null when no single line holds it. */
  file: string;
  line: number | null;
  /** What placed the revision (the source's `revision` text) and its date when known. */
  revision: string;
  date: string | null;
  value: unknown;
  /** Other sources of the same rank (renderings of the same revision) that say the same. */
  alsoIn: string[];
}

/** contracts/doc-findings.json */
export interface DocFindingsFile {
  generatedFrom: SourceRecord[];
  /** The Graph metadata files the doc-vs-metadata findings were made against (empty when none was given). */
  metadata: string[];
  findings: DocFinding[];
}
