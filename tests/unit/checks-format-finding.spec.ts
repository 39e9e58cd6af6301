/** A finding as text for test output: every field a reader needs, long values cut. */
import { expect, test } from '@playwright/test';
import { runChecks } from '../../checks/findings.js';
import { formatFinding, formatFindings, showValue } from '../../checks/format-finding.js';
import { statusCode } from '../../checks/status-code.js';
import { buildExchange, contracts, context, IDS } from '../support/exchange-builder.js';

const x = buildExchange('updateEmbeddedSIMActivationCodePool', {
  caseName: 'valid #2',
  request: { body: { displayName: 'B' }, headers: { 'client-request-id': IDS.client } },
  response: { status: 204 },
  target: { name: 'live', baseUrl: 'https://graph.microsoft.com/beta', cloud: 'Global', tenantId: 'contoso-tenant' },
});
const [finding] = runChecks([statusCode], x, contracts.operation(x.operation), context());

test('a finding shows check, operation, case, message, pointer, expected, observed, evidence and fingerprint', () => {
  if (!finding) throw new Error('expected a status_code finding');
  const text = formatFinding(finding);
  const lines = text.split('\n');
  expect(lines[0]).toBe('status_code · updateEmbeddedSIMActivationCodePool · valid #2');
  expect(lines[1]).toBe('  PATCH answered 204; the docs say 200');
  expect(text).toContain('at:        /status');
  expect(text).toContain('expected:  200');
  expect(text).toContain('observed:  204');
  expect(text).toContain(`exchange:  PATCH ${x.request.url} -> 204`);
  expect(text).toContain(`request-id ${IDS.request}, client-request-id ${IDS.client}, date Tue, 01 Jul 2025 10:00:00 GMT`);
  expect(text).toContain('target:    live (cloud Global, tenant contoso-tenant)');
  expect(text).toContain(`kind:      doc-vs-service, fingerprint ${finding.fingerprint}`);
});

test('a finding at the body root and without evidence ids says so', () => {
  if (!finding) throw new Error('expected a status_code finding');
  const bare = { ...finding, pointer: '', evidence: { ...finding.evidence, requestId: null, date: null, cloud: null, tenantId: null } };
  const text = formatFinding(bare);
  expect(text).toContain('at:        (body)');
  expect(text).toContain('request-id (none)');
  expect(text).toContain('target:    live\n');
});

test('values are one line of JSON, long ones cut with their length', () => {
  expect(showValue('204')).toBe('"204"');
  expect(showValue({ a: [1, 2] })).toBe('{"a":[1,2]}');
  expect(showValue(undefined)).toBe('(nothing)');
  const long = showValue('x'.repeat(1000));
  expect(long.length).toBeLessThan(340);
  expect(long).toContain('(1002 characters)');
});

test('several findings are numbered; none says so', () => {
  if (!finding) throw new Error('expected a status_code finding');
  expect(formatFindings([])).toBe('no findings');
  const text = formatFindings([finding, finding]);
  expect(text.startsWith('2 findings\n\n1. status_code')).toBe(true);
  expect(text).toContain('\n\n2. status_code');
});
