/** The one list of checks, and choosing among them by name. */
import { expect, test } from '@playwright/test';
import { CHECKS, CHECK_NAMES, checkByName, selectChecks, UnknownCheckError } from '../../checks/registry.js';

const names = (checks: { name: string }[]): string[] => checks.map((c) => c.name);

test('the registry holds the catalogue of checks, each once, with snake_case names and a description', () => {
  expect(CHECK_NAMES).toEqual([
    'status_code',
    'content_type',
    'response_schema',
    'documented_property_missing',
    'undocumented_property',
    'write_only_echoed',
    'server_generated',
    'computed_property',
    'read_only_ignored',
    'update_applied',
    'error_shape',
    'request_id_headers',
    'negative_rejected',
    'not_a_server_error',
    'auth_enforced',
    'use_after_delete',
    'query_select',
    'query_top',
    'query_filter',
    'query_orderby',
    'query_count',
    'paging_complete',
    'stateful_oracle',
  ]);
  for (const c of CHECKS) {
    expect(c.name).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(c.description.length, c.name).toBeGreaterThan(15);
    expect(c.description).not.toContain('\n');
  }
});

test('no selection gives every check, in registry order', () => {
  expect(names(selectChecks())).toEqual(CHECK_NAMES);
  expect(names(selectChecks({ include: [], exclude: [] }))).toEqual(CHECK_NAMES);
});

test('include keeps only the named checks, in registry order', () => {
  expect(names(selectChecks({ include: ['use_after_delete', 'status_code'] }))).toEqual(['status_code', 'use_after_delete']);
});

test('exclude removes the named checks, also from an include list', () => {
  const without = names(selectChecks({ exclude: ['response_schema', 'content_type'] }));
  expect(without).toHaveLength(CHECK_NAMES.length - 2);
  expect(without).not.toContain('response_schema');
  expect(names(selectChecks({ include: ['status_code', 'auth_enforced'], exclude: ['status_code'] }))).toEqual(['auth_enforced']);
  expect(selectChecks({ exclude: [...CHECK_NAMES] })).toEqual([]);
});

test('names are trimmed and blank ones ignored (as from a comma-separated option)', () => {
  expect(names(selectChecks({ include: [' status_code ', ''] }))).toEqual(['status_code']);
});

test('an unknown name is an error naming it, the list it came from and every known check', () => {
  expect(() => selectChecks({ include: ['status_codes'] })).toThrow(UnknownCheckError);
  let message = '';
  try {
    selectChecks({ exclude: ['no_5xx', 'status_code', 'auth'] });
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toContain('Unknown checks "no_5xx", "auth" in the exclude list');
  for (const n of CHECK_NAMES) expect(message).toContain(n);
});

test('checkByName finds a check or says which names exist', () => {
  expect(checkByName('auth_enforced').name).toBe('auth_enforced');
  expect(() => checkByName('nope')).toThrow(/Unknown check "nope".*Known checks: status_code, content_type/);
});
