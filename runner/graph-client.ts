/**
 * Sends one request to a target and records it as an Exchange: a fresh client-request-id per request, the token
 * from the target, the body as JSON. Never throws on what the service answers: a malformed body is recorded (and
 * becomes a finding), only a failed connection is an error.
 */
import { randomUUID } from 'node:crypto';
import type { CaseKind, Exchange, TargetInfo } from '../checks/types.js';
import { REDACTED } from './redact.js';

export interface SendOptions {
  operation: string;
  caseKind: CaseKind;
  caseName: string;
  method: string;
  /** Path below the version root, e.g. `/deviceManagement/embeddedSIMActivationCodePools`. */
  path: string;
  /** JSON body; `rawBody` sends text as is (malformed JSON cases). */
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  /** Send no Authorization header. */
  noToken?: boolean;
  mutation?: { rule: string; pointer: string };
  step?: string;
}

export type TokenSource = () => Promise<string>;

/**
 * How a request reaches the target: plain fetch by default; the live target wraps it with retries, Retry-After and
 * pacing. Receives the operation and case so it can tell writes from reads.
 */
export type Transport = (url: string, init: RequestInit, meta: { operation: string; method: string }) => Promise<Response>;

export const plainFetch: Transport = (url, init) => fetch(url, init);

export class GraphClient {
  constructor(
    readonly target: TargetInfo,
    private readonly token: TokenSource,
    private readonly extraHeaders: Record<string, string> = {},
    private readonly transport: Transport = plainFetch,
  ) {}

  async send(opts: SendOptions): Promise<Exchange> {
    const url = `${this.target.baseUrl.replace(/\/$/, '')}${opts.path}`;
    const headers: Record<string, string> = {
      accept: 'application/json',
      'client-request-id': randomUUID(),
      ...this.extraHeaders,
      ...Object.fromEntries(Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    };
    const text = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    if (text !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const sent = { ...headers };
    if (!opts.noToken) {
      headers.authorization = `Bearer ${await this.token()}`;
      sent.authorization = `Bearer ${REDACTED}`;
    }
    const startedAt = Date.now();
    const t0 = performance.now();
    const res = await this.transport(url, { method: opts.method, headers, body: text }, { operation: opts.operation, method: opts.method });
    const bodyText = await res.text();
    const durationMs = performance.now() - t0;
    const responseHeaders: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      responseHeaders[k] = v;
    });
    let body: unknown;
    let parseError: string | undefined;
    if (bodyText.length > 0) {
      try {
        body = JSON.parse(bodyText);
      } catch (e) {
        parseError = (e as Error).message;
      }
    }
    return {
      operation: opts.operation,
      caseKind: opts.caseKind,
      caseName: opts.caseName,
      ...(opts.mutation ? { mutation: opts.mutation } : {}),
      ...(opts.step ? { step: opts.step } : {}),
      request: {
        method: opts.method,
        url,
        headers: sent,
        ...(opts.body !== undefined ? { body: opts.body } : opts.rawBody !== undefined ? { body: opts.rawBody } : {}),
      },
      response: {
        status: res.status,
        headers: responseHeaders,
        bodyText,
        ...(body !== undefined ? { body } : {}),
        ...(parseError ? { parseError } : {}),
      },
      startedAt,
      durationMs,
      target: this.target,
    };
  }
}
