/**
 * Hand-built exchanges for the checks' tests: a request to one of the contract's operations and the answer a test
 * wants to judge, with Graph-like defaults (request-id, Date, the OData JSON content type) that a test overrides or
 * removes (`null`) one at a time. Ids are fixed GUIDs, so tests read the same on every run.
 */
import { loadContracts } from '../../contracts/load.js';
import type { OperationContract } from '../../contracts/model.js';
import type { CaseKind, CheckContext, Exchange, TargetInfo } from '../../checks/types.js';

export const contracts = loadContracts();

export const IDS = {
  pool: '5b1f4a52-3c7e-4d0a-9b8e-0c2d6f1e7a10',
  assignment: '8e2c9d41-6a5b-4f3c-8d7e-1a2b3c4d5e6f',
  deviceState: 'c3d4e5f6-a7b8-4c9d-8e0f-123456789abc',
  group: '2a9f8e7d-6c5b-4a3f-9e8d-7c6b5a4f3e2d',
  request: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  client: 'f0e1d2c3-b4a5-4968-8776-655443322110',
} as const;

/** A second set of run-specific values: the same deviation seen in another run. */
export const OTHER_RUN = {
  pool: '9d8c7b6a-5f4e-4d3c-ab2a-190817263544',
  request: '11111111-2222-4333-8444-555555555555',
  client: '66666666-7777-4888-9999-aaaaaaaaaaaa',
  date: 'Wed, 02 Jul 2025 11:12:13 GMT',
} as const;

export const GRAPH_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
export const DATE = 'Tue, 01 Jul 2025 10:00:00 GMT';
export const T0 = '2025-07-01T10:00:00.1234567Z';
export const T1 = '2025-07-01T10:00:05.7654321Z';
export const T2 = '2025-07-01T10:00:09Z';

export const TARGET: TargetInfo = { name: 'mock', baseUrl: 'http://127.0.0.1:4010/beta', cloud: null, tenantId: null };

const PATH_IDS: Record<string, string> = {
  embeddedSIMActivationCodePoolId: IDS.pool,
  embeddedSIMActivationCodePoolAssignmentId: IDS.assignment,
  embeddedSIMDeviceStateId: IDS.deviceState,
};

export interface ResponseSpec {
  status: number;
  /** Serialised as the body text (with the JSON content type unless headers say otherwise). */
  body?: unknown;
  /** A raw body text instead of `body` (parsed when it is JSON). */
  bodyText?: string;
  /** Added to or replacing the defaults; `null` removes a default header. */
  headers?: Record<string, string | null>;
}

export interface ExchangeSpec {
  caseKind?: CaseKind;
  caseName?: string;
  step?: string;
  mutation?: { rule: string; pointer: string };
  /** Path parameter values by name (defaults: IDS). */
  ids?: Record<string, string>;
  request?: { body?: unknown; headers?: Record<string, string>; url?: string };
  response: ResponseSpec;
  /** The response's request-id (default IDS.request) and Date (default DATE). */
  requestId?: string;
  date?: string;
  target?: TargetInfo;
}

function merge(base: Record<string, string>, extra: Record<string, string | null> = {}): Record<string, string> {
  const out = { ...base };
  for (const [name, value] of Object.entries(extra)) {
    if (value === null) delete out[name.toLowerCase()];
    else out[name.toLowerCase()] = value;
  }
  return out;
}

export function urlOf(op: OperationContract, ids: Record<string, string> = {}): string {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => ids[name] ?? PATH_IDS[name] ?? name);
  return `${TARGET.baseUrl}${path}`;
}

export function buildExchange(operation: string, spec: ExchangeSpec): Exchange {
  const op = contracts.operation(operation);
  const requestHeaders = merge({ authorization: 'Bearer <redacted>' }, spec.request?.headers ?? {});
  if (spec.caseKind === 'no-token') delete requestHeaders.authorization;
  if (spec.request?.body !== undefined) requestHeaders['content-type'] = 'application/json';

  const r = spec.response;
  const bodyText = r.bodyText ?? (r.body === undefined ? '' : JSON.stringify(r.body));
  let body: unknown;
  let parseError: string | undefined;
  if (bodyText.trim() !== '') {
    try {
      body = JSON.parse(bodyText);
    } catch (e) {
      parseError = (e as Error).message;
    }
  }
  const defaults: Record<string, string> = { 'request-id': spec.requestId ?? IDS.request, date: spec.date ?? DATE };
  const sentClientId = requestHeaders['client-request-id'];
  if (sentClientId !== undefined) defaults['client-request-id'] = sentClientId;
  if (bodyText !== '') defaults['content-type'] = GRAPH_JSON;

  return {
    operation,
    caseKind: spec.caseKind ?? 'valid',
    caseName: spec.caseName ?? `${spec.caseKind ?? 'valid'} #1`,
    ...(spec.mutation ? { mutation: spec.mutation } : {}),
    ...(spec.step ? { step: spec.step } : {}),
    request: {
      method: op.method,
      url: spec.request?.url ?? urlOf(op, spec.ids),
      headers: requestHeaders,
      ...(spec.request?.body !== undefined ? { body: spec.request.body } : {}),
    },
    response: {
      status: r.status,
      headers: merge(defaults, r.headers),
      bodyText,
      ...(body !== undefined ? { body } : {}),
      ...(parseError !== undefined ? { parseError } : {}),
    },
    startedAt: Date.UTC(2025, 6, 1, 10, 0, 0),
    durationMs: 12,
    target: spec.target ?? TARGET,
  };
}

export function context(prior: Exchange[] = []): CheckContext {
  return { contracts, prior };
}

type Json = Record<string, unknown>;

export function activationCode(n: number): Json {
  return {
    '@odata.type': '#microsoft.graph.embeddedSIMActivationCode',
    integratedCircuitCardIdentifier: `89014103211118510${String(n).padStart(3, '0')}`,
    matchingIdentifier: `MATCH-${n}`,
    smdpPlusServerAddress: 'smdp.example.com',
  };
}

export const activationCodes = (count: number): Json[] => Array.from({ length: count }, (_, i) => activationCode(i + 1));

/** A pool as Graph returns it: every property but writeOnly activationCodes. */
export function pool(overrides: Json = {}): Json {
  return {
    '@odata.context': `${TARGET.baseUrl}/$metadata#deviceManagement/embeddedSIMActivationCodePools/$entity`,
    '@odata.type': '#microsoft.graph.embeddedSIMActivationCodePool',
    id: IDS.pool,
    displayName: 'Pool A',
    createdDateTime: T0,
    modifiedDateTime: T0,
    activationCodeCount: 2,
    ...overrides,
  };
}

export function groupTarget(overrides: Json = {}): Json {
  return {
    '@odata.type': '#microsoft.graph.groupAssignmentTarget',
    deviceAndAppManagementAssignmentFilterId: null,
    deviceAndAppManagementAssignmentFilterType: 'none',
    groupId: IDS.group,
    ...overrides,
  };
}

export function assignment(overrides: Json = {}): Json {
  return {
    '@odata.type': '#microsoft.graph.embeddedSIMActivationCodePoolAssignment',
    id: IDS.assignment,
    target: groupTarget(),
    ...overrides,
  };
}

export function deviceState(overrides: Json = {}): Json {
  return {
    '@odata.type': '#microsoft.graph.embeddedSIMDeviceState',
    id: IDS.deviceState,
    createdDateTime: T0,
    modifiedDateTime: T0,
    lastSyncDateTime: null,
    universalIntegratedCircuitCardIdentifier: null,
    deviceName: 'Device 1',
    userName: null,
    state: 'installed',
    stateDetails: null,
    ...overrides,
  };
}

export function graphError(code: string, message = 'Something is wrong with the request.', requestId: string = IDS.request): Json {
  return { error: { code, message, innerError: { date: '2025-07-01T10:00:00', 'request-id': requestId, 'client-request-id': requestId } } };
}

/** The request body of a valid pool create. */
export function poolCreateBody(codes = 2): Json {
  return {
    '@odata.type': '#microsoft.graph.embeddedSIMActivationCodePool',
    displayName: 'Pool A',
    activationCodes: activationCodes(codes),
  };
}
