/**
 * The checked-in contract files load, validate against contracts/contract.schema.json, and a hand edit with a typo
 * fails with the file and the JSON pointer of the mistake.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { CONTRACTS_DIR, loadContracts } from '../../contracts/load.js';
import { contractFileProblems } from '../../contracts/meta-schema.js';

test('the checked-in contracts load: 16 operations, every one valid against the meta-schema', () => {
  const c = loadContracts();
  expect(c.operations).toHaveLength(16);
  expect(c.schemas.has('graphError')).toBe(true);
  for (const op of c.operations) expect(contractFileProblems('operation', op), op.id).toEqual([]);
});

test('validators work on real values', () => {
  const c = loadContracts();
  const ok = {
    displayName: 'Pool A',
    activationCodes: [
      {
        integratedCircuitCardIdentifier: '8901260222193581828',
        matchingIdentifier: 'ABCD-1234',
        smdpPlusServerAddress: 'smdp.example.com',
      },
    ],
  };
  expect(c.validateRequest('createEmbeddedSIMActivationCodePool', ok).valid).toBe(true);
  const bad = { ...ok, activationCodes: [{ ...ok.activationCodes[0], integratedCircuitCardIdentifier: '12' }] };
  const r = c.validateRequest('createEmbeddedSIMActivationCodePool', bad);
  expect(r.valid).toBe(false);
  expect(r.errors.map((e) => e.instancePath)).toContain('/activationCodes/0/integratedCircuitCardIdentifier');
  expect(
    c.validateType('graphError', {
      error: { code: 'BadRequest', message: 'x', innerError: { date: '2026-01-01T00:00:00', 'request-id': 'r' } },
    }).valid,
  ).toBe(true);
  expect(() => c.operation('nope')).toThrow(/No operation "nope".*Known: /);
});

function copyContracts(): string {
  const dir = mkdtempSync(join(tmpdir(), 'contracts-'));
  cpSync(join(CONTRACTS_DIR, 'operations'), join(dir, 'operations'), { recursive: true });
  cpSync(join(CONTRACTS_DIR, 'schemas'), join(dir, 'schemas'), { recursive: true });
  return dir;
}

test('a hand-edited contract with a typo fails with the file and the JSON pointer', () => {
  const dir = copyContracts();
  try {
    const file = join(dir, 'operations', 'getEmbeddedSIMActivationCodePool.json');
    const op = JSON.parse(readFileSync(file, 'utf8'));
    op.kind = 'gett';
    op.permissions.aplication = op.permissions.application;
    writeFileSync(file, JSON.stringify(op));
    let message = '';
    try {
      loadContracts(dir);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('getEmbeddedSIMActivationCodePool.json');
    expect(message).toMatch(/at \/kind: must be equal to one of the allowed values \(allowed: \["list","get"/);
    expect(message).toMatch(/at \/permissions: must NOT have additional properties \(unexpected property "aplication"\)/);
    expect(message).toContain('npm run contracts:extract');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a contract file that is not JSON names the file', () => {
  const dir = copyContracts();
  try {
    writeFileSync(join(dir, 'schemas', 'embeddedSIMActivationCode.schema.json'), '{ "title": ');
    expect(() => loadContracts(dir)).toThrow(/embeddedSIMActivationCode\.schema\.json: not valid JSON/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
