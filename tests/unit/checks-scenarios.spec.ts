/**
 * All checks together over realistic sequences, through runChecks: a conformant lifecycle gives no findings at all,
 * and an update answered 204 (the mock's patch-204 fault, the real Intune behaviour) gives exactly one finding, the
 * status_code one: what follows from it, nothing more.
 */
import { expect, test } from '@playwright/test';
import { runChecks } from '../../checks/findings.js';
import { formatFindings } from '../../checks/format-finding.js';
import { CHECKS } from '../../checks/registry.js';
import type { Exchange, Finding } from '../../checks/types.js';
import {
  assignment,
  buildExchange,
  contracts,
  context,
  deviceState,
  graphError,
  IDS,
  pool,
  poolCreateBody,
  T0,
  T1,
} from '../support/exchange-builder.js';

/** Runs every check on each exchange, with the exchanges before it as ctx.prior (as the lifecycle runner does). */
function runSequence(exchanges: Exchange[]): Finding[] {
  return exchanges.flatMap((x, i) => runChecks(CHECKS, x, contracts.operation(x.operation), context(exchanges.slice(0, i))));
}

const life = { caseKind: 'lifecycle' as const };
const created = pool({ displayName: 'Pool A', createdDateTime: T0, modifiedDateTime: T0, activationCodeCount: 2 });
const updated = { ...created, displayName: 'Pool B', modifiedDateTime: T1 };
const listed = (items: unknown[]) => ({ '@odata.context': 'http://127.0.0.1:4010/beta/$metadata#x', value: items });

function lifecycle(update: Exchange): Exchange[] {
  return [
    buildExchange('createEmbeddedSIMActivationCodePool', {
      ...life,
      step: 'create',
      request: { body: poolCreateBody(2) },
      response: { status: 201, body: created },
    }),
    buildExchange('getEmbeddedSIMActivationCodePool', { ...life, step: 'get', response: { status: 200, body: created } }),
    buildExchange('listEmbeddedSIMActivationCodePools', { ...life, step: 'list', response: { status: 200, body: listed([created]) } }),
    update,
    buildExchange('getEmbeddedSIMActivationCodePool', { ...life, step: 'get-after-update', response: { status: 200, body: updated } }),
    buildExchange('createEmbeddedSIMActivationCodePoolAssignment', {
      ...life,
      step: 'create-assignment',
      request: { body: { target: assignment().target } },
      response: { status: 201, body: assignment() },
    }),
    buildExchange('listEmbeddedSIMActivationCodePoolAssignments', {
      ...life,
      step: 'list-assignments',
      response: { status: 200, body: listed([assignment()]) },
    }),
    buildExchange('assignEmbeddedSIMActivationCodePool', {
      ...life,
      step: 'assign',
      request: { body: { assignments: [{ target: assignment().target }] } },
      response: { status: 200, body: listed([assignment()]) },
    }),
    buildExchange('deleteEmbeddedSIMActivationCodePool', { ...life, step: 'delete', response: { status: 204 } }),
    buildExchange('getEmbeddedSIMActivationCodePool', {
      caseKind: 'after-delete',
      step: 'get-after-delete',
      response: { status: 404, body: graphError('ResourceNotFound') },
    }),
  ];
}

const patch200 = buildExchange('updateEmbeddedSIMActivationCodePool', {
  ...life,
  step: 'update',
  request: { body: { displayName: 'Pool B' }, headers: { 'client-request-id': IDS.client } },
  response: { status: 200, body: updated },
});

const patch204 = buildExchange('updateEmbeddedSIMActivationCodePool', {
  ...life,
  step: 'update',
  request: { body: { displayName: 'Pool B' } },
  response: { status: 204 },
});

const singles: Exchange[] = [
  buildExchange('listEmbeddedSIMActivationCodePools', {
    caseKind: 'no-token',
    response: { status: 401, body: graphError('InvalidAuthenticationToken') },
  }),
  buildExchange('getEmbeddedSIMDeviceState', { caseKind: 'unknown-id', response: { status: 404, body: graphError('ResourceNotFound') } }),
  buildExchange('createEmbeddedSIMActivationCodePool', {
    caseKind: 'invalid',
    mutation: { rule: 'pattern', pointer: '/activationCodes/0/integratedCircuitCardIdentifier' },
    request: { body: poolCreateBody(1) },
    response: { status: 400, body: graphError('BadRequest') },
  }),
  buildExchange('createEmbeddedSIMDeviceState', {
    request: { body: { state: 'installed', deviceName: 'Device 1' } },
    response: { status: 201, body: deviceState() },
  }),
  buildExchange('listEmbeddedSIMDeviceStates', { response: { status: 200, body: listed([deviceState(), deviceState()]) } }),
];

test('a conformant lifecycle and single cases give no findings', () => {
  const findings = [...runSequence(lifecycle(patch200)), ...singles.flatMap((x) => runSequence([x]))];
  expect(findings, formatFindings(findings)).toEqual([]);
});

test('an update answered 204 gives exactly the status_code finding for the update', () => {
  const findings = runSequence(lifecycle(patch204));
  expect(
    findings.map((f) => [f.check, f.operation, f.pointer, f.expected, f.observed]),
    formatFindings(findings),
  ).toEqual([['status_code', 'updateEmbeddedSIMActivationCodePool', '/status', 200, 204]]);
});

test('a service that does not advance modifiedDateTime is caught by the read after a 204 update', () => {
  const steps = lifecycle(patch204);
  steps[4] = buildExchange('getEmbeddedSIMActivationCodePool', {
    ...life,
    step: 'get-after-update',
    response: { status: 200, body: { ...updated, modifiedDateTime: T0 } },
  });
  const findings = runSequence(steps);
  expect(findings.map((f) => `${f.check} ${f.operation} ${f.pointer}`).sort()).toEqual([
    'server_generated getEmbeddedSIMActivationCodePool /modifiedDateTime',
    'status_code updateEmbeddedSIMActivationCodePool /status',
  ]);
});
