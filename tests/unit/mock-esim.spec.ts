/**
 * The mock serving the real eSIM contracts (contracts/), over real HTTP and in-process (msw): all 16 documented
 * operations, each answer checked against the operation's documented response schema, and what the docs say about
 * the pool's properties.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { loadContracts } from '../../contracts/load.js';
import { REPO_ROOT } from '../support/shared.js';
import { errorOf, field, httpClient, items, type Answer, type Send } from '../fixtures/mock/harness.js';
import { expect, openMock, test, VIAS, type OpenMock } from '../support/mock-transports.js';

const contracts = loadContracts();
const POOLS = '/deviceManagement/embeddedSIMActivationCodePools';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const code = (n: number) => ({
  '@odata.type': '#microsoft.graph.embeddedSIMActivationCode',
  integratedCircuitCardIdentifier: `89012600000000${String(n).padStart(5, '0')}`,
  matchingIdentifier: `MATCH-${n}`,
  smdpPlusServerAddress: 'smdp.carrier.example.com',
});
const pool = (codes: number) => ({
  '@odata.type': '#microsoft.graph.embeddedSIMActivationCodePool',
  displayName: 'Test pool',
  activationCodes: Array.from({ length: codes }, (_, n) => code(n)),
});
const groupTarget = (groupId: string) => ({ '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId });

for (const via of VIAS)
  test.describe(`the eSIM family from contracts/, via ${via}`, () => {
    test.skip(contracts.operations.length === 0, 'contracts/operations is empty: run `npm run contracts:extract`');

    let server: OpenMock;
    const used = new Set<string>();
    const send: Send = (method, path, options) => server.send(method, path, options);

    /** Sends, and checks a 2xx answer against the operation's documented status and response schema. */
    async function call(opId: string, path: string, json?: unknown, token = 'esim'): Promise<Answer> {
      used.add(opId);
      const op = contracts.operation(opId);
      const a = await send(op.method, path, json === undefined ? { token } : { json, token });
      expect(a.status, `${opId}: ${a.text}`).toBe(op.response.status);
      if (op.response.body) expect(contracts.validateResponse(opId, a.body).errors, opId).toEqual([]);
      else expect(a.text).toBe('');
      return a;
    }

    test.beforeAll(async () => {
      server = await openMock(via, { contracts });
    });
    test.afterAll(async () => {
      await server?.close();
    });

    test('the contracts hold the 16 documented operations, and the mock serves each', async () => {
      expect(contracts.operations).toHaveLength(16);
    });

    test('all 16 operations, in one lifecycle, each answer as documented', async () => {
      const token = 'lifecycle';
      expect(items(await call('listEmbeddedSIMActivationCodePools', POOLS, undefined, token))).toEqual([]);
      const created = await call('createEmbeddedSIMActivationCodePool', POOLS, pool(3), token);
      expect(field(created, 'id')).toMatch(GUID);
      expect(field(created, '@odata.context')).toBe(`${server.root}/$metadata#deviceManagement/embeddedSIMActivationCodePools/$entity`);
      const id = String(field(created, 'id'));
      const P = `${POOLS}/${id}`;
      expect((await call('getEmbeddedSIMActivationCodePool', P, undefined, token)).body).toEqual(created.body);
      expect(items(await call('listEmbeddedSIMActivationCodePools', POOLS, undefined, token))).toHaveLength(1);
      const updated = await call('updateEmbeddedSIMActivationCodePool', P, { displayName: 'Renamed' }, token);
      expect(field(updated, 'displayName')).toBe('Renamed');

      const asg = await call('createEmbeddedSIMActivationCodePoolAssignment', `${P}/assignments`, { target: groupTarget('g-1') }, token);
      const asgUrl = `${P}/assignments/${String(field(asg, 'id'))}`;
      expect(field(asg, '@odata.context')).toBe(
        `${server.root}/$metadata#deviceManagement/embeddedSIMActivationCodePools('${id}')/assignments/$entity`,
      );
      expect(items(await call('listEmbeddedSIMActivationCodePoolAssignments', `${P}/assignments`, undefined, token))).toHaveLength(1);
      expect(field(await call('getEmbeddedSIMActivationCodePoolAssignment', asgUrl, undefined, token), 'target')).toEqual(
        groupTarget('g-1'),
      );
      const asgPatched = await call('updateEmbeddedSIMActivationCodePoolAssignment', asgUrl, { target: groupTarget('g-2') }, token);
      expect(field(asgPatched, 'target')).toEqual(groupTarget('g-2'));

      const ds = await call('createEmbeddedSIMDeviceState', `${P}/deviceStates`, { state: 'installing', deviceName: 'DESKTOP-1' }, token);
      expect(field(ds, 'lastSyncDateTime')).toBeNull();
      const dsUrl = `${P}/deviceStates/${String(field(ds, 'id'))}`;
      expect(items(await call('listEmbeddedSIMDeviceStates', `${P}/deviceStates`, undefined, token))).toHaveLength(1);
      expect(field(await call('getEmbeddedSIMDeviceState', dsUrl, undefined, token), 'deviceName')).toBe('DESKTOP-1');
      expect(field(await call('updateEmbeddedSIMDeviceState', dsUrl, { state: 'installed' }, token), 'state')).toBe('installed');

      const assigned = await call(
        'assignEmbeddedSIMActivationCodePool',
        `${P}/assign`,
        { assignments: [{ target: groupTarget('g-3') }, { target: { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' } }] },
        token,
      );
      expect(items(assigned).map((a) => (a.target as Record<string, unknown>)['@odata.type'])).toEqual([
        '#microsoft.graph.groupAssignmentTarget',
        '#microsoft.graph.allDevicesAssignmentTarget',
      ]);
      expect(field(assigned, '@odata.context')).toBe(
        `${server.root}/$metadata#Collection(microsoft.graph.embeddedSIMActivationCodePoolAssignment)`,
      );
      const afterAssign = items(await call('listEmbeddedSIMActivationCodePoolAssignments', `${P}/assignments`, undefined, token));
      expect(afterAssign.map((a) => a.id)).toEqual(items(assigned).map((a) => a.id));
      expect((await send('GET', asgUrl, { token })).status).toBe(404);

      await call('deleteEmbeddedSIMDeviceState', dsUrl, undefined, token);
      expect((await send('GET', dsUrl, { token })).status).toBe(404);
      const remaining = `${P}/assignments/${String(afterAssign[0]?.id)}`;
      await call('deleteEmbeddedSIMActivationCodePoolAssignment', remaining, undefined, token);
      expect((await send('GET', remaining, { token })).status).toBe(404);
      await call('deleteEmbeddedSIMActivationCodePool', P, undefined, token);
      expect((await send('GET', P, { token })).status).toBe(404);
      expect((await send('GET', `${P}/assignments`, { token })).status).toBe(404);

      expect([...used].sort()).toEqual(contracts.operations.map((o) => o.id).sort());
    });

    test('activationCodes are accepted but never returned; activationCodeCount is their count', async () => {
      const created = await call('createEmbeddedSIMActivationCodePool', POOLS, { ...pool(4), activationCodeCount: 1000 });
      expect(created.body).not.toHaveProperty('activationCodes');
      expect(created.text).not.toContain('smdp.carrier.example.com');
      expect(field(created, 'activationCodeCount')).toBe(4);
      const P = `${POOLS}/${String(field(created, 'id'))}`;
      const got = await call('getEmbeddedSIMActivationCodePool', P);
      expect(got.body).not.toHaveProperty('activationCodes');
      expect(field(got, 'activationCodeCount')).toBe(4);
      const list = await call('listEmbeddedSIMActivationCodePools', POOLS);
      expect(list.text).not.toContain('activationCodes"');
      const patched = await call('updateEmbeddedSIMActivationCodePool', P, { activationCodes: [code(9)] });
      expect(field(patched, 'activationCodeCount')).toBe(1);
      expect(patched.body).not.toHaveProperty('activationCodes');
    });

    test('readOnly values sent by the client are ignored; modifiedDateTime advances', async () => {
      const created = await call('createEmbeddedSIMActivationCodePool', POOLS, {
        ...pool(1),
        id: 'ec308741-8741-ec30-4187-30ec418730ec',
        createdDateTime: '2017-01-01T00:02:43.5775965-08:00',
        modifiedDateTime: '2017-01-01T00:00:22.8983556-08:00',
      });
      expect(field(created, 'id')).not.toBe('ec308741-8741-ec30-4187-30ec418730ec');
      expect(String(field(created, 'createdDateTime'))).not.toMatch(/^2017/);
      const P = `${POOLS}/${String(field(created, 'id'))}`;
      const patched = await call('updateEmbeddedSIMActivationCodePool', P, { createdDateTime: '2017-01-01T00:00:00Z' });
      expect(field(patched, 'createdDateTime')).toBe(field(created, 'createdDateTime'));
      expect(Date.parse(String(field(patched, 'modifiedDateTime')))).toBeGreaterThan(
        Date.parse(String(field(created, 'modifiedDateTime'))),
      );
    });

    test('invalid ICCID, matching id and host name are 400 naming the property', async () => {
      const bad: [Record<string, string>, RegExp][] = [
        [{ integratedCircuitCardIdentifier: '8901' }, /'activationCodes\[0\]\.integratedCircuitCardIdentifier'/],
        [{ matchingIdentifier: 'has space' }, /'activationCodes\[0\]\.matchingIdentifier'/],
        [{ smdpPlusServerAddress: 'not a host' }, /'activationCodes\[0\]\.smdpPlusServerAddress'/],
      ];
      for (const [change, message] of bad) {
        const a = await send('POST', POOLS, { json: { ...pool(0), activationCodes: [{ ...code(1), ...change }] }, token: 'bad' });
        expect(a.status).toBe(400);
        expect(errorOf(a).code).toBe('BadRequest');
        expect(errorOf(a).message).toMatch(message);
        expect(contracts.validateType('graphError', a.body).errors).toEqual([]);
      }
      const noName = await send('POST', POOLS, { json: { activationCodes: [] }, token: 'bad' });
      expect(errorOf(noName).message).toMatch(/'displayName': is required/);
      expect(items(await send('GET', POOLS, { token: 'bad' }))).toEqual([]);
    });

    test('a wrong assignment target names the property inside the target type it claims to be', async () => {
      const P = `${POOLS}/${String(field(await call('createEmbeddedSIMActivationCodePool', POOLS, pool(1), 'targets'), 'id'))}`;
      const a = await send('POST', `${P}/assignments`, { json: { target: { ...groupTarget('g'), groupId: 5 } }, token: 'targets' });
      expect(a.status).toBe(400);
      expect(errorOf(a).message).toMatch(/^Invalid value for property 'target\.groupId'/);
      const b = await send('POST', `${P}/assign`, {
        json: { assignments: [{ target: { '@odata.type': '#microsoft.graph.nothing' } }] },
        token: 'targets',
      });
      expect(b.status).toBe(400);
      expect(errorOf(b).message).toMatch(/target/);
    });

    test('children of an unknown pool are 404; an unknown method on a pool is 405', async () => {
      const missing = `${POOLS}/00000000-0000-0000-0000-000000000000`;
      const a = await send('GET', `${missing}/deviceStates`);
      expect(a.status).toBe(404);
      expect(errorOf(a).message).toMatch(/No embeddedSIMActivationCodePool with id/);
      expect((await send('POST', `${missing}/assign`, { json: { assignments: [] } })).status).toBe(404);
      const put = await send('PUT', missing, { json: {} });
      expect(put.status).toBe(405);
      expect(put.headers.get('allow')?.split(', ').sort()).toEqual(['DELETE', 'GET', 'PATCH']);
    });

    test('the patch-204 fault answers an eSIM PATCH the way Intune is reported to', async () => {
      const P = `${POOLS}/${String(field(await call('createEmbeddedSIMActivationCodePool', POOLS, pool(1), 'p204'), 'id'))}`;
      const a = await send('PATCH', P, { json: { displayName: 'x' }, token: 'p204', headers: { 'x-mock-fault': 'patch-204' } });
      expect(a.status).toBe(204);
      expect(a.text).toBe('');
    });
  });

test.describe('`npm run mock`', () => {
  test.skip(contracts.operations.length === 0, 'contracts/operations is empty: run `npm run contracts:extract`');

  test('`npm run mock` serves contracts/ by default', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'mocks/cli.ts', '--port', '0'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /listening on (\S+)[\s\S]*Ctrl-C/.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        child.once('exit', (c) => reject(new Error(`mock exited (${String(c)}):\n${out}`)));
      });
      expect(out).toContain('16 operations');
      expect(out).toContain(`POST   ${POOLS}/{embeddedSIMActivationCodePoolId}/assign`);
      expect((await httpClient(url)('GET', POOLS)).status).toBe(200);
      child.kill('SIGINT');
      expect((await once(child, 'exit'))[0]).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
