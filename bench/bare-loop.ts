/**
 * The bare loop: the requests a suite run sent (same order, method, path, headers and body), sent again with plain
 * fetch, each answer read and nothing else done with it. Two things keep the replay honest:
 *  - ids: a create in the replay gets a new server id, so every later path segment that was a recorded id is
 *    replaced by the id the replay's own create got (one Map lookup; the only work besides fetch);
 *  - answers: the replay keeps each status and compares them with the recorded ones afterwards, outside the timing,
 *    so a bare loop that "won" by getting cheap 404s instead of the suite's answers would show as mismatches.
 */
import type { RecordedRequest } from './recording.js';

export interface ReplayStep {
  method: string;
  /** Path and query, split around recorded ids: even indexes are literal text, odd indexes recorded ids. */
  parts: string[];
  init: RequestInit;
  /** The recorded id this step's answer creates (its replay id is captured), or null. */
  capture: string | null;
  expectedStatus: number;
}

export interface ReplayPlan {
  steps: ReplayStep[];
  /** Path segments that name an object the sequence created (remapped at replay). */
  remappedSegments: number;
  /** Bodies that mention a created id (not remapped: none are expected; reported if any). */
  bodiesMentioningIds: number;
}

export interface ReplayOutcome {
  loopMs: number;
  statuses: number[];
}

export interface Mismatch {
  index: number;
  method: string;
  path: string;
  expected: number;
  observed: number;
}

/** Prepares the replay: everything that is not sending (URL parsing, header objects) happens here, untimed. */
export function planReplay(records: readonly RecordedRequest[]): ReplayPlan {
  const created = new Set<string>();
  let remappedSegments = 0;
  let bodiesMentioningIds = 0;
  const steps: ReplayStep[] = records.map((r) => {
    const u = new URL(r.url);
    const parts: string[] = [];
    let literal = '';
    for (const [i, segment] of u.pathname.split('/').entries()) {
      const prefix = i === 0 ? '' : '/';
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // not percent-encoded text: compare as is
      }
      if (created.has(decoded)) {
        parts.push(literal + prefix, decoded);
        literal = '';
        remappedSegments++;
      } else {
        literal += prefix + segment;
      }
    }
    parts.push(literal + u.search);
    if (r.body !== null && [...created].some((id) => r.body?.includes(id))) bodiesMentioningIds++;
    if (r.id !== null) created.add(r.id);
    return {
      method: r.method,
      parts,
      init: { method: r.method, headers: { ...r.headers }, ...(r.body !== null ? { body: r.body } : {}) },
      capture: r.id,
      expectedStatus: r.status,
    };
  });
  return { steps, remappedSegments, bodiesMentioningIds };
}

/** The URL of a step against `origin`, with recorded ids replaced by the replay's. */
export function stepUrl(step: ReplayStep, origin: string, ids: ReadonlyMap<string, string>): string {
  if (step.parts.length === 1) return origin + step.parts[0];
  let url = origin;
  for (let i = 0; i < step.parts.length; i++) {
    const part = step.parts[i] as string;
    url += i % 2 === 0 ? part : encodeURIComponent(ids.get(part) ?? part);
  }
  return url;
}

/** Sends every step in order with `fetchFn` (plain fetch), reading each answer; timed from first send to last read. */
export async function replay(plan: ReplayPlan, origin: string, fetchFn: typeof fetch = fetch): Promise<ReplayOutcome> {
  const ids = new Map<string, string>();
  const statuses = new Array<number>(plan.steps.length).fill(0);
  const t0 = performance.now();
  for (let i = 0; i < plan.steps.length; i++) {
    const step = plan.steps[i] as ReplayStep;
    const res = await fetchFn(stepUrl(step, origin, ids), step.init);
    const text = await res.text();
    statuses[i] = res.status;
    if (step.capture !== null && res.status >= 200 && res.status < 300) {
      const id = (JSON.parse(text) as { id?: unknown }).id;
      if (typeof id === 'string') ids.set(step.capture, id);
    }
  }
  return { loopMs: performance.now() - t0, statuses };
}

/** Where the replay's answers differ from the recorded ones. */
export function mismatches(plan: ReplayPlan, statuses: readonly number[]): Mismatch[] {
  const out: Mismatch[] = [];
  plan.steps.forEach((s, index) => {
    const observed = statuses[index] ?? 0;
    if (observed !== s.expectedStatus) out.push({ index, method: s.method, path: s.parts.join(''), expected: s.expectedStatus, observed });
  });
  return out;
}
