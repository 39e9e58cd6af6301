/**
 * Reads a V8 CPU profile (`node --cpu-prof` writes one .cpuprofile per process) and says where the time went: self
 * time per function (the time the function itself was on the CPU, not its callees) and per area (a package under
 * node_modules, a folder of this repository, Node's internals, the garbage collector).
 *
 * A sample's duration is the gap to the next sample's timestamp (the last runs to endTime), as Chrome DevTools counts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber?: number;
}

export interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  /** `name (file:line)` or `name (area)`. */
  key: string;
  ms: number;
  /** Share of all sampled time, 0..1. */
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Time not spent idle (sampled time minus `(idle)`). */
  busyMs: number;
  functions: SelfTime[];
  areas: SelfTime[];
}

export class ProfileError extends Error {
  override name = 'ProfileError';
}

export function readProfile(file: string): CpuProfile {
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ProfileError(`${file}: not a readable CPU profile (${(e as Error).message}).`);
  }
  const p = v as Partial<CpuProfile>;
  if (
    !Array.isArray(p.nodes) ||
    !Array.isArray(p.samples) ||
    !Array.isArray(p.timeDeltas) ||
    typeof p.startTime !== 'number' ||
    typeof p.endTime !== 'number'
  ) {
    throw new ProfileError(`${file}: not a V8 CPU profile (needs nodes, samples, timeDeltas, startTime, endTime).`);
  }
  return p as CpuProfile;
}

/** Node's own code, by what it does (so "Node internals" says whether it is fetch, streams or module loading). */
export function nodeArea(url: string): string {
  const path = url.slice('node:'.length).replace(/^internal\//, '');
  if (path.startsWith('deps/undici')) return 'node: undici (fetch, Request, Response, Headers)';
  if (/^(abort_controller|event_target|per_context\/domexception|worker\/js_transferable)/.test(path))
    return 'node: AbortSignal, EventTarget, DOMException';
  if (path.startsWith('modules/') || path.startsWith('deps/cjs-module-lexer') || path === 'vm' || path.startsWith('vm/'))
    return 'node: module loading';
  if (path.startsWith('streams/') || path === 'stream_base_commons' || path.startsWith('webstreams/')) return 'node: streams';
  if (/^_?http|^http/.test(path)) return 'node: http';
  if (/^(net|dns|tcp_wrap|timers|process\/task_queues)/.test(path)) return 'node: net, timers, task queues';
  return `node: ${path.split('/')[0] ?? path}`;
}

/** Where a frame's code lives: a package, a repo folder, Node itself, or a V8 pseudo-frame. */
export function areaOf(frame: CallFrame, repoRoot: string): string {
  const { url, functionName } = frame;
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return nodeArea(url);
  let path = url;
  if (url.startsWith('file://')) {
    try {
      path = fileURLToPath(url);
    } catch {
      path = url;
    }
  }
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? 'node_modules');
  }
  const root = repoRoot.endsWith('/') ? repoRoot : `${repoRoot}/`;
  if (path.startsWith(root)) {
    const rel = path.slice(root.length);
    const dir = rel.includes('/') ? rel.slice(0, rel.indexOf('/') + 1) : rel;
    return dir;
  }
  return 'other';
}

function frameKey(frame: CallFrame, repoRoot: string): string {
  const name = frame.functionName || '(anonymous)';
  if (frame.url === '') return name;
  let file = frame.url.startsWith('file://') ? frame.url.slice('file://'.length) : frame.url;
  const root = repoRoot.endsWith('/') ? repoRoot : `${repoRoot}/`;
  if (file.startsWith(root)) file = file.slice(root.length);
  const nm = file.lastIndexOf('node_modules/');
  if (nm >= 0) file = file.slice(nm + 'node_modules/'.length);
  return `${name} (${file}:${frame.lineNumber + 1})`;
}

function top(map: Map<string, number>, total: number, n: number): SelfTime[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, us]) => ({ key, ms: us / 1000, share: total > 0 ? us / total : 0 }));
}

/** Self time by function (the `n` largest) and by area (the `areaCount` largest). */
export function summarizeProfile(profile: CpuProfile, repoRoot: string, n = 15, areaCount = 100): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  const { samples, timeDeltas } = profile;
  let t = profile.startTime;
  const stamps = samples.map((_, i) => (t += timeDeltas[i] ?? 0));
  for (let i = 0; i < samples.length; i++) {
    const next = i + 1 < samples.length ? (stamps[i + 1] ?? profile.endTime) : profile.endTime;
    const dur = Math.max(0, next - (stamps[i] ?? next));
    const id = samples[i] ?? -1;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dur);
  }
  const fns = new Map<string, number>();
  const areas = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    total += us;
    if (node.callFrame.functionName === '(idle)') idle += us;
    const fk = frameKey(node.callFrame, repoRoot);
    fns.set(fk, (fns.get(fk) ?? 0) + us);
    const ak = areaOf(node.callFrame, repoRoot);
    areas.set(ak, (areas.get(ak) ?? 0) + us);
  }
  return { totalMs: total / 1000, busyMs: (total - idle) / 1000, functions: top(fns, total, n), areas: top(areas, total, areaCount) };
}

export interface AreaDifference {
  area: string;
  /** Self time in the first profile (the suite) and in the second (the bare loop), ms. */
  aMs: number;
  bMs: number;
  extraMs: number;
}

/** Self time by area of `a` minus that of `b` (what the suite spends beyond the bare loop), largest first. */
export function areaDifference(a: ProfileSummary, b: ProfileSummary): AreaDifference[] {
  const keys = new Set([...a.areas.map((x) => x.key), ...b.areas.map((x) => x.key)]);
  const msOf = (s: ProfileSummary, k: string): number => s.areas.find((x) => x.key === k)?.ms ?? 0;
  return [...keys]
    .filter((k) => k !== '(idle)')
    .map((area) => ({ area, aMs: msOf(a, area), bMs: msOf(b, area), extraMs: msOf(a, area) - msOf(b, area) }))
    .sort((x, y) => y.extraMs - x.extraMs);
}
