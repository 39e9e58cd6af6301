/**
 * Parts of the live preflight without a child process: which runs have one (--project parsing), how a request that
 * got no answer is described (no traffic: synthetic errors), and the token the preflight hands to the workers.
 */
import { expect, test } from '@playwright/test';
import { describeNetworkError, sharedToken } from '../../runner/live/preflight.js';
import { chosenProjects } from '../../runner/live/preflight-run.js';
import { CachingTokenSource } from '../../runner/live/token-source.js';

test('why a request got no answer, named for each network failure (no traffic needed)', () => {
  const url = new URL('https://graph.example.test/beta/x');
  const err = (code: string): Error => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
  expect(describeNetworkError(err('ENOTFOUND'), url, 15_000)).toBe(
    'the host graph.example.test is not found (DNS): check GRAPH_BASE_URL (or GRAPH_CLOUD) and the network',
  );
  expect(describeNetworkError(err('ECONNREFUSED'), url, 15_000)).toBe(
    'nothing listens at https://graph.example.test (connection refused): check GRAPH_BASE_URL',
  );
  expect(describeNetworkError(err('SELF_SIGNED_CERT_IN_CHAIN'), url, 15_000)).toMatch(/NODE_EXTRA_CA_CERTS$/);
  expect(describeNetworkError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'), url, 2000)).toMatch(
    /did not answer within 2 s: check GRAPH_BASE_URL/,
  );
});

test('the shared token: used until it is due, then the credential renews it; ignored for another scope', async () => {
  let now = 1_000_000;
  let asked = 0;
  const credential = {
    getToken: async () => {
      asked++;
      return { token: `fresh-token-${asked}`, expiresOnTimestamp: now + 3_600_000 };
    },
  };
  const env = {
    GRAPH_RUN_TOKEN: 'seeded-token-abc',
    GRAPH_RUN_TOKEN_EXPIRES: String(now + 600_000),
    GRAPH_RUN_TOKEN_SCOPE: 'https://graph.microsoft.com/.default',
  };
  expect(sharedToken(env, 'https://graph.microsoft.us/.default')).toBeNull();
  const shared = sharedToken(env, 'https://graph.microsoft.com/.default');
  expect(shared).toEqual({ token: 'seeded-token-abc', expiresOnTimestamp: now + 600_000 });
  const tokens = new CachingTokenSource(credential, 'https://graph.microsoft.com/.default', { now: () => now });
  if (shared) tokens.seed(shared.token, shared.expiresOnTimestamp);
  expect(await tokens.get()).toBe('seeded-token-abc');
  expect(asked).toBe(0);
  now += 301_000; // less than five minutes before it expires: due for renewal
  expect(await tokens.get()).toBe('fresh-token-1');
  expect(asked).toBe(1);
});

test('--project parsing: only a run that chooses live has a preflight', () => {
  expect(chosenProjects(['--project=live'])).toEqual(['live']);
  expect(chosenProjects(['--project', 'mock', '--project=live', '-g', 'x'])).toEqual(['mock', 'live']);
  expect(chosenProjects(['--project=unit,mock'])).toEqual(['unit', 'mock']);
  expect(chosenProjects(['-g', 'live'])).toEqual([]);
});
