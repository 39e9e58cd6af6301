/**
 * Secrets never leave a live run: the client secret, the tokens, certificate contents and the activation codes sent
 * (ICCID, matching identifier) are found in no file the run wrote and nowhere on its console. A child process runs
 * a small live run against the fake Entra and a fake Graph that echoes the codes back in an error message, writes
 * what the suite writes (journal, stats, findings, the failure text with its curl replay, an error message), and
 * every byte under its reports dir and of its stdout/stderr is searched for the planted values.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { REDACTED } from '../../runner/redact.js';
import { clearSecrets, redactLive, redactLiveText, registerActivationCodes, registerSecret } from '../../runner/live/secrets.js';
import { REPO_ROOT } from '../support/shared.js';
import { fakeJwt, makeTestCertificate, startFakeEntra } from '../support/fake-entra.js';
import { startFakeGraph } from '../support/fake-graph.js';

const ICCID = '8988247000000912345';
const MATCHING = 'K2-4RT7Q-PLANTED-MATCH';
const EID = '89049032000000000000000012345678';
const SECRET = 'planted-client-secret-Zq8~x';

test.describe('redactLive', () => {
  test.afterEach(() => clearSecrets());

  test('replaces registered secrets anywhere, PEM blocks, JWTs, bearer values and activation codes by name and by value', () => {
    const cert = makeTestCertificate('redact');
    try {
      registerSecret(SECRET);
      registerActivationCodes(
        JSON.stringify({ activationCodes: [{ integratedCircuitCardIdentifier: ICCID, matchingIdentifier: MATCHING }] }),
      );
      const token = fakeJwt({ tid: 't' });
      const out = redactLive({
        message: `code ${ICCID} with ${MATCHING} rejected; secret=${SECRET}`,
        nested: [{ integratedCircuitCardIdentifier: 'another-iccid-value', universalIntegratedCircuitCardIdentifier: EID }],
        header: `Bearer ${token}`,
        pasted: `token ${token} and key ${cert.keyPem}`,
        kept: 'conformance-run-pool 7',
      });
      const text = JSON.stringify(out);
      for (const s of [ICCID, MATCHING, SECRET, EID, 'another-iccid-value', token, 'PRIVATE KEY', cert.keyPem.split('\n')[1] ?? 'x'])
        expect(text).not.toContain(s);
      expect(out.kept).toBe('conformance-run-pool 7');
      expect(out.message).toBe(`code ${REDACTED} with ${REDACTED} rejected; secret=${REDACTED}`);
      expect(redactLiveText(`certificate:\n${cert.certPem}`)).toBe(`certificate:\n${REDACTED}\n`);
    } finally {
      cert.remove();
    }
  });

  test('short values are not registered (they would redact ordinary text)', () => {
    registerSecret('abc');
    expect(redactLiveText('abc abc')).toBe('abc abc');
  });
});

test('a planted secret, token and activation code appear in no file the run wrote and nowhere on its console', async () => {
  const entra = await startFakeEntra();
  const graph = await startFakeGraph({
    rejectBody: (body) => {
      const code = (body as { activationCodes?: { integratedCircuitCardIdentifier?: string; matchingIdentifier?: string }[] } | undefined)
        ?.activationCodes?.[0];
      return code
        ? [
            400,
            `Activation code ${code.integratedCircuitCardIdentifier} (matching identifier ${code.matchingIdentifier}) is already in use.`,
          ]
        : null;
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'live-redaction-'));
  const reports = join(dir, 'reports');
  try {
    const url = (p: string): string => JSON.stringify(pathToFileURL(join(REPO_ROOT, p)).href);
    const script = join(dir, 'run.mts');
    writeFileSync(
      script,
      `import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLiveTarget } from ${url('runner/live/live-target.ts')};
import { redactLive, redactLiveText } from ${url('runner/live/secrets.ts')};
import { runChecks } from ${url('checks/findings.ts')};
import { selectChecks } from ${url('checks/registry.ts')};
import { describeFindings } from ${url('runner/report-findings.ts')};
const t = await createLiveTarget(process.env);
console.log(t.describe());
const body = { displayName: t.tag + 'pool', activationCodes: [{ integratedCircuitCardIdentifier: '${ICCID}', matchingIdentifier: '${MATCHING}', smdpPlusServerAddress: 'smdp.example.com' }] };
const op = t.contracts.operation('createEmbeddedSIMActivationCodePool');
const ex = await t.client.send({ operation: op.id, caseKind: 'valid', caseName: 'valid #1', method: 'POST', path: op.path, body });
const raw = JSON.stringify(ex);
console.log('raw exchange holds the planted code:', raw.includes('${ICCID}') && raw.includes('${MATCHING}'));
const findings = runChecks(selectChecks({ exclude: [] }), ex, op, { contracts: t.contracts, prior: [] });
console.log('findings:', findings.length);
writeFileSync(join(process.env.GRAPH_REPORTS_DIR, 'drift.json'), JSON.stringify(redactLive({ findings }), null, 2));
writeFileSync(join(process.env.GRAPH_REPORTS_DIR, 'exchange.json'), JSON.stringify(redactLive(ex), null, 2));
console.error(redactLiveText(describeFindings([{ plan: { kind: 'valid', name: 'valid #1', seed: 1 }, exchanges: [ex], findings }], { live: true })));
console.error(redactLiveText('setup: create answered ' + ex.response.status + ': ' + ex.response.bodyText));
await t.close();
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_EXTRA_CA_CERTS: entra.caFile,
        GRAPH_BASE_URL: graph.url,
        AZURE_AUTHORITY_HOST: entra.url,
        AZURE_TENANT_ID: entra.tenantId,
        AZURE_CLIENT_ID: '77777777-0000-4000-8000-000000000007',
        AZURE_CLIENT_SECRET: SECRET,
        GRAPH_REPORTS_DIR: reports,
        GRAPH_RUN_ID: 'redaction',
      },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code, err).toBe(0);

    // The run did handle the secrets: the secret went to Entra, the token and codes to Graph, the codes came back.
    expect(entra.tokenRequests()[0]?.form.client_secret).toBe(SECRET);
    const token = entra.issued[0] as string;
    expect(graph.log[0]?.authorization).toBe(`Bearer ${token}`);
    expect(out).toContain('raw exchange holds the planted code: true');
    expect(out).toMatch(/findings: [1-9]/);

    const files: string[] = [];
    const walk = (d: string): void => {
      for (const n of readdirSync(d)) statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : files.push(join(d, n));
    };
    walk(reports);
    expect(files.map((f) => f.slice(reports.length + 1)).sort()).toEqual([
      'drift.json',
      'exchange.json',
      'live-journal.jsonl',
      'live-stats/redaction.' + String(child.pid) + '.json',
    ]);
    const outputs: [string, string][] = [
      ...files.map((f): [string, string] => [f, readFileSync(f, 'utf8')]),
      ['stdout', out],
      ['stderr', err],
    ];
    for (const [where, text] of outputs) {
      for (const [what, planted] of [
        ['client secret', SECRET],
        ['access token', token],
        ['ICCID', ICCID],
        ['matching identifier', MATCHING],
      ] as const) {
        expect(text.includes(planted), `${what} found in ${where}`).toBe(false);
      }
    }
    expect(readFileSync(join(reports, 'exchange.json'), 'utf8')).toContain(REDACTED);
    expect(err).toContain(`Activation code ${REDACTED} (matching identifier ${REDACTED}) is already in use.`);
  } finally {
    await graph.close();
    await entra.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
