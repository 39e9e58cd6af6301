/**
 * The response tally a test attaches (reporting/findings-attachment.ts ResponseTally): how its requests sent with a
 * token were answered, so the report can tell a run whose own setup is broken (every request refused, every route
 * unknown) from a service that drifts. Samples are cut short; the caller redacts the attachment.
 */
import type { Exchange } from '../checks/types.js';
import type { ResponseSample, ResponseTally } from '../reporting/findings-attachment.js';

const EXPECTS_SUCCESS = new Set(['example', 'valid', 'lifecycle']);
const EXCERPT = 300;

function sampleOf(e: Exchange): ResponseSample {
  const id = e.response.headers['request-id'];
  return {
    method: e.request.method,
    url: e.request.url,
    status: e.response.status,
    requestId: id?.trim() ? id.trim() : null,
    excerpt: e.response.bodyText.slice(0, EXCERPT),
  };
}

export function tallyResponses(exchanges: readonly Exchange[]): ResponseTally {
  const t: ResponseTally = { authenticated: 0, denied: 0, expectSuccess: 0, notFound: 0, deniedSample: null, notFoundSample: null };
  for (const e of exchanges) {
    if (e.caseKind === 'no-token' || !e.request.headers.authorization) continue;
    t.authenticated++;
    if (e.response.status === 401 || e.response.status === 403) {
      t.denied++;
      t.deniedSample ??= sampleOf(e);
    }
    if (EXPECTS_SUCCESS.has(e.caseKind)) {
      t.expectSuccess++;
      if (e.response.status === 404) {
        t.notFound++;
        t.notFoundSample ??= sampleOf(e);
      }
    }
  }
  return t;
}
