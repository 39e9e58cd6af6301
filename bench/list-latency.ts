/**
 * List latency of the embedded mock at scale: N pools created through the mock's own request pipeline (in process,
 * the same validation and store as over HTTP), then timed GETs of the pool list over real HTTP on 127.0.0.1.
 * `npx tsx bench/list-latency.ts [--n 100000] [--rounds 5]`. Prints one line per query; not part of CI.
 */
import { startMockServer } from '../mocks/http-server.js';
import type { MockRequest } from '../mocks/request-gate.js';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} needs a positive integer`);
  return v;
}

const n = flag('--n', 100_000);
const rounds = flag('--rounds', 5);
const POOLS = '/beta/deviceManagement/embeddedSIMActivationCodePools';
const TENANT = 'bench-list';

const server = await startMockServer({ port: 0 });
// Populate through a second pipeline over the same store: what a client's creates would leave behind.
const { createMockPipeline } = await import('../mocks/pipeline.js');
const pipeline = createMockPipeline({ store: server.store });
const headers: Record<string, string> = {
  authorization: 'Bearer bench',
  'x-mock-tenant': TENANT,
  'content-type': 'application/json',
};
const t0 = performance.now();
for (let i = 0; i < n; i++) {
  const body = JSON.stringify({
    displayName: `pool ${String(i).padStart(6, '0')}`,
    activationCodes: [
      { integratedCircuitCardIdentifier: '8901260000000000001', matchingIdentifier: `M-${i}`, smdpPlusServerAddress: 'smdp.example.com' },
    ],
  });
  const request: MockRequest & { search?: string } = {
    method: 'POST',
    origin: server.origin,
    pathname: POOLS,
    search: '',
    header: (name) => headers[name] ?? (name === 'content-length' ? String(body.length) : null),
    text: () => Promise.resolve(body),
  };
  const reply = await pipeline.respond(request);
  if (reply?.status !== 201) throw new Error(`create ${i} answered ${reply?.status}: ${reply?.body}`);
}
console.log(`${n} pools created in ${((performance.now() - t0) / 1000).toFixed(1)} s (node ${process.version})`);

const queries = [
  '',
  '?$top=100',
  '?$skip=99000&$top=100',
  "?$filter=startswith(displayName,'pool 09')",
  '?$orderby=displayName desc&$top=10',
  '?$count=true',
];
for (const q of queries) {
  const times: number[] = [];
  let bytes = 0;
  let status = 0;
  for (let r = 0; r < rounds; r++) {
    const s = performance.now();
    const res = await fetch(`${server.origin}${POOLS}${q}`, { headers: { authorization: 'Bearer bench', 'x-mock-tenant': TENANT } });
    const text = await res.text();
    times.push(performance.now() - s);
    bytes = text.length;
    status = res.status;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  console.log(`GET list${q || ' (no options)'}: ${status}, ${bytes} bytes, median ${median.toFixed(1)} ms of ${rounds}`);
}
await server.close();
