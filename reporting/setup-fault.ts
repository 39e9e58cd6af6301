/**
 * Telling a broken run from a drifting service. When the answers show that the run itself cannot test (its token is
 * refused everywhere, its base URL reaches no Graph route, the service cannot be reached), the findings such a run
 * makes say nothing about the service: the verdict is error and nothing may enter the ledger.
 *
 *   auth        every request sent with a token was answered 401 or 403
 *   route       every request that should succeed (example, valid, lifecycle) was answered 404
 *   connection  tests failed on a connection error and no request got an answer at all
 */
import type { ResponseSample, ResponseTally } from './findings-attachment.js';
import type { TestRecord } from './test-record.js';
import type { SetupFault } from './verdict.js';

/** Error text of a request that never got an answer. */
const CONNECTION = /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|fetch failed|socket hang up|certificate|TLS/i;

const sample = (s: ResponseSample | null): SetupFault['sample'] =>
  s ? { method: s.method, url: s.url, status: s.status, requestId: s.requestId, excerpt: s.excerpt } : null;

export function sumTallies(tests: readonly Pick<TestRecord, 'attachments'>[]): ResponseTally {
  const total: ResponseTally = { authenticated: 0, denied: 0, expectSuccess: 0, notFound: 0, deniedSample: null, notFoundSample: null };
  for (const t of tests)
    for (const a of t.attachments) {
      const r = a.responses;
      if (!r) continue;
      total.authenticated += r.authenticated;
      total.denied += r.denied;
      total.expectSuccess += r.expectSuccess;
      total.notFound += r.notFound;
      total.deniedSample ??= r.deniedSample;
      total.notFoundSample ??= r.notFoundSample;
    }
  return total;
}

export function detectSetupFault(tests: readonly Pick<TestRecord, 'attachments' | 'status' | 'error' | 'project'>[]): SetupFault | null {
  const live = tests.some((t) => t.project === 'live');
  const t = sumTallies(tests);
  if (t.authenticated > 0 && t.denied === t.authenticated) {
    const status = t.deniedSample?.status ?? 401;
    return {
      kind: 'auth',
      message:
        `every one of ${t.authenticated} requests sent with a token was answered ${status === 403 ? '403 (forbidden)' : '401/403'}: ` +
        (live
          ? 'the token is refused (check AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET or GRAPH_ACCESS_TOKEN, GRAPH_SCOPE, and the app permission DeviceManagementConfiguration.ReadWrite.All with admin consent)'
          : "the target refuses the run's token"),
      requests: t.denied,
      sample: sample(t.deniedSample),
    };
  }
  if (t.expectSuccess > 0 && t.notFound === t.expectSuccess) {
    return {
      kind: 'route',
      message:
        `every one of ${t.expectSuccess} requests that should succeed was answered 404: ` +
        (live ? 'GRAPH_BASE_URL does not reach the Graph beta API (it must end in /beta)' : 'the target does not serve these routes'),
      requests: t.notFound,
      sample: sample(t.notFoundSample),
    };
  }
  const unreachable = tests.filter((x) => x.status !== 'passed' && x.status !== 'skipped' && x.error && CONNECTION.test(x.error));
  if (unreachable.length > 0 && t.authenticated === 0 && t.expectSuccess === 0) {
    const first = unreachable[0];
    return {
      kind: 'connection',
      message:
        `${unreachable.length} test(s) failed without any answer from the target` +
        (live ? ' (check GRAPH_BASE_URL / GRAPH_CLOUD, the network and proxy, NODE_EXTRA_CA_CERTS for a private CA)' : ''),
      requests: unreachable.length,
      sample: first ? { method: '', url: '', status: null, requestId: null, excerpt: (first.error ?? '').slice(0, 300) } : null,
    };
  }
  return null;
}
