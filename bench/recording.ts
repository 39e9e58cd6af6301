/**
 * The requests a suite run sent, as bench/record-fetch.mjs writes them (one JSON object a line, one file per
 * process), and reading them back in the order they were sent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RECORD_DIR_VARIABLE = 'BENCH_RECORD_DIR';
export const RECORDER = fileURLToPath(new URL('./record-fetch.mjs', import.meta.url));

export interface RecordedRequest {
  /** When it was sent (ms since the epoch, fractional). */
  t: number;
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The body text; null for none. */
  body: string | null;
  status: number;
  /** The `id` of a 2xx answer to a POST (a created object), else null. */
  id: string | null;
}

export class RecordingError extends Error {
  override name = 'RecordingError';
}

function parseLine(line: string, where: string): RecordedRequest {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (e) {
    throw new RecordingError(`${where}: not JSON (${(e as Error).message}). Delete the recording and run the bench again.`);
  }
  const r = v as Partial<RecordedRequest> & { body?: unknown };
  if (
    typeof r.method !== 'string' ||
    typeof r.url !== 'string' ||
    typeof r.status !== 'number' ||
    typeof r.headers !== 'object' ||
    r.headers === null
  ) {
    throw new RecordingError(`${where}: a recorded request needs method, url, headers and status.`);
  }
  if (r.body !== null && typeof r.body !== 'string') {
    throw new RecordingError(`${where}: the body is not text (${JSON.stringify(r.body)}); the bare loop replays text bodies only.`);
  }
  return {
    t: typeof r.t === 'number' ? r.t : 0,
    method: r.method,
    url: r.url,
    headers: r.headers,
    body: r.body ?? null,
    status: r.status,
    id: typeof r.id === 'string' ? r.id : null,
  };
}

/** One recording file. */
export function readRecording(file: string): RecordedRequest[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => parseLine(l, `${file}:${i + 1}`));
}

/** Every recording in a folder (one per process that sent requests), ordered by when each process began sending. */
export function readRecordings(dir: string): { file: string; requests: RecordedRequest[] }[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /^rec-\d+\.jsonl$/.test(n));
  } catch {
    names = [];
  }
  return names
    .map((n) => ({ file: join(dir, n), requests: readRecording(join(dir, n)) }))
    .filter((r) => r.requests.length > 0)
    .sort((a, b) => (a.requests[0]?.t ?? 0) - (b.requests[0]?.t ?? 0));
}
