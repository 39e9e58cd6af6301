// Preload (`node --import bench/record-fetch.mjs`, or NODE_OPTIONS for Playwright's workers) that records every
// request a process sends with the global fetch: method, URL, headers, body, and the status and `id` of the answer.
// Active only when BENCH_RECORD_DIR is set; writes <dir>/rec-<pid>.jsonl when the process exits. The record is what
// bench/bare-loop.ts replays. Plain JavaScript because it must load before any TypeScript loader is registered.
// Recording reads a clone of each POST answer; runs that are timed are made without this preload.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.BENCH_RECORD_DIR;

if (dir && typeof globalThis.fetch === 'function') {
  const records = [];
  const original = globalThis.fetch;
  globalThis.fetch = async function recordingFetch(input, init) {
    const method = String(init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const url = input instanceof Request ? input.url : String(input);
    const headers = Object.fromEntries(new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined)));
    const body =
      init?.body === undefined || init?.body === null
        ? null
        : typeof init.body === 'string'
          ? init.body
          : { unsupported: typeof init.body };
    const record = { t: performance.timeOrigin + performance.now(), method, url, headers, body, status: 0, id: null };
    records.push(record);
    const res = await original(input, init);
    record.status = res.status;
    if (method === 'POST' && res.status >= 200 && res.status < 300) {
      try {
        const parsed = JSON.parse(await res.clone().text());
        if (parsed && typeof parsed.id === 'string') record.id = parsed.id;
      } catch {
        // not JSON: nothing to remap
      }
    }
    return res;
  };
  process.on('exit', () => {
    if (records.length === 0) return;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `rec-${process.pid}.jsonl`), `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  });
}
