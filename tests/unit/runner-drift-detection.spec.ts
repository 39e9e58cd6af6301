/**
 * Drift detection end to end, in process: the whole run against the mock is clean, and against the mock's
 * PATCH-204 fault profile it gives exactly the status_code finding for each update operation, nothing more.
 */
import { expect, test } from '@playwright/test';
import { loadContracts } from '../../contracts/load.js';
import { selectChecks } from '../../checks/registry.js';
import { payloadSource } from '../../runner/payload-source.js';
import type { CaseResult } from '../../runner/execute.js';
import { runAll } from '../../runner/run-all.js';
import { startMockTarget, type Target } from '../../runner/target.js';

const contracts = loadContracts();
const checks = selectChecks();
const payloads = payloadSource(contracts, '');
const settings = { seed: 4242, validCount: 3 };

async function run(target: Target): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  try {
    await runAll({ client: target.client, contracts, checks, payloads, settings }, (r) => {
      results.push(r);
    });
    return results;
  } finally {
    await target.close();
  }
}

test('the whole run against the mock: every operation exercised, no findings', async () => {
  const results = await run(await startMockTarget({ tenant: 'clean' }));
  const exchanged = new Set(results.flatMap((r) => r.exchanges.map((e) => e.operation)));
  expect([...exchanged].sort()).toEqual(contracts.operations.map((o) => o.id).sort());
  expect(results.flatMap((r) => r.findings)).toEqual([]);
  // Every kind of case was sent.
  expect(new Set(results.flatMap((r) => r.exchanges.map((e) => e.caseKind)))).toEqual(
    new Set([
      'example',
      'valid',
      'invalid',
      'unknown-id',
      'no-token',
      'lifecycle',
      'after-delete',
      'after-update',
      'read-only',
      'stateful',
    ]),
  );
});

test('PATCH answered 204: exactly the status_code finding for each update operation', async () => {
  const results = await run(await startMockTarget({ tenant: 'patch-204', mock: { faults: 'patch-204' } }));
  const findings = results.flatMap((r) => r.findings);
  const kinds = [
    ...new Set(
      findings.map(
        (f) => `${f.check} ${f.operation} ${f.pointer} expected ${JSON.stringify(f.expected)} observed ${JSON.stringify(f.observed)}`,
      ),
    ),
  ].sort();
  expect(kinds).toEqual([
    'status_code updateEmbeddedSIMActivationCodePool /status expected 200 observed 204',
    'status_code updateEmbeddedSIMActivationCodePoolAssignment /status expected 200 observed 204',
    'status_code updateEmbeddedSIMDeviceState /status expected 200 observed 204',
  ]);
  // Same deviation, same fingerprint, whatever ids and times the cases had.
  expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(3);
  for (const f of findings)
    expect(f.evidence).toMatchObject({ status: 204, target: 'mock', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
});

test('a fault scoped to one operation (op=...) gives one finding kind: the one red cell', async () => {
  const results = await run(
    await startMockTarget({ tenant: 'patch-204-pool', mock: { faults: 'patch-204;op=updateEmbeddedSIMActivationCodePool' } }),
  );
  const kinds = [...new Set(results.flatMap((r) => r.findings).map((f) => `${f.check} ${f.operation}`))];
  expect(kinds).toEqual(['status_code updateEmbeddedSIMActivationCodePool']);
});
