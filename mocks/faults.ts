/**
 * Fault injection, off by default. Faults are chosen for a whole server (options / `--fault`) or for one request with
 * the `x-mock-fault` header. A spec is a comma-separated list of profiles, each with `;name=value` parameters:
 *
 *   throttle[;retry-after=S]     429 TooManyRequests with Retry-After: S seconds (default 1; fractions allowed)
 *   unavailable[;retry-after=S]  503 ServiceUnavailable (Retry-After only when given)
 *   slow[;ms=N]                  answer N ms late (default 200)
 *   patch-204                    answer a successful PATCH with 204 and no body, as the real Intune service does
 *
 * Every profile also takes `count=N`: on a server, apply it to the next N requests it fits and then stop (a throttle
 * that lets a retry through), and `op=<operationId>`: apply it to that operation only. Examples:
 * `throttle;retry-after=0.5`, `slow;ms=50,patch-204`, `unavailable;count=2`, `patch-204;op=updateEmbeddedSIMActivationCodePool`.
 */

export const FAULT_HEADER = 'x-mock-fault';

export type FaultKind = 'throttle' | 'unavailable' | 'slow' | 'patch-204';

export interface Fault {
  kind: FaultKind;
  /** Seconds, for throttle (default 1) and unavailable (null: no Retry-After header). */
  retryAfter: number | null;
  /** Milliseconds, for slow. */
  ms: number;
  /** How many requests a server-wide fault applies to; null: all of them. */
  count: number | null;
  /** The one operation (contract id) the fault applies to; null: every operation. */
  op: string | null;
}

const PARAMS: Record<FaultKind, string[]> = {
  throttle: ['retry-after', 'count', 'op'],
  unavailable: ['retry-after', 'count', 'op'],
  slow: ['ms', 'count', 'op'],
  'patch-204': ['count', 'op'],
};

const KINDS = Object.keys(PARAMS) as FaultKind[];
const isKind = (s: string): s is FaultKind => (KINDS as string[]).includes(s);

export class FaultSpecError extends Error {
  override name = 'FaultSpecError';
}

/** Largest delay a `slow` fault (or the sum of them on one request) may ask for: 10 minutes. */
export const MAX_DELAY_MS = 600_000;
/** Largest Retry-After a fault may announce: one day. */
export const MAX_RETRY_AFTER_S = 86_400;
/** Largest count: a server fault for a billion requests is "always"; leave count out for that. */
const MAX_COUNT = 1_000_000_000;

const LIMITS: Record<string, number> = { ms: MAX_DELAY_MS, 'retry-after': MAX_RETRY_AFTER_S, count: MAX_COUNT };

function number(value: string, param: string, profile: string, where: string, integer: boolean): number {
  const n = Number(value);
  const max = LIMITS[param] ?? Number.MAX_SAFE_INTEGER;
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > max || (integer && !Number.isInteger(n))) {
    throw new FaultSpecError(
      `${where}: "${profile}" has ${param}=${value}; ${param} must be a non-negative ${integer ? 'integer' : 'number'} ` +
        `no larger than ${max}.`,
    );
  }
  return n;
}

/** Parses a fault spec. `where` names its origin in error messages (`x-mock-fault header`, `--fault`). */
export function parseFaults(spec: string, where: string): Fault[] {
  const faults: Fault[] = [];
  for (const item of spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')) {
    const [head = '', ...params] = item.split(';').map((s) => s.trim());
    const kind = head.toLowerCase();
    if (!isKind(kind)) {
      throw new FaultSpecError(`${where}: unknown fault "${head}". Known faults: ${KINDS.join(', ')}.`);
    }
    const fault: Fault = { kind, retryAfter: kind === 'throttle' ? 1 : null, ms: 200, count: null, op: null };
    for (const param of params.filter((p) => p !== '')) {
      const eq = param.indexOf('=');
      const name = (eq < 0 ? param : param.slice(0, eq)).trim().toLowerCase();
      const value = eq < 0 ? '' : param.slice(eq + 1).trim();
      if (!PARAMS[kind].includes(name)) {
        throw new FaultSpecError(`${where}: "${kind}" takes no parameter "${name}". Its parameters: ${PARAMS[kind].join(', ')}.`);
      }
      if (name === 'op') {
        if (!/^[a-z][A-Za-z0-9]*$/.test(value))
          throw new FaultSpecError(
            `${where}: "${kind}" has op=${value}; op must be an operation id such as updateEmbeddedSIMActivationCodePool.`,
          );
        fault.op = value;
      } else if (name === 'retry-after') fault.retryAfter = number(value, name, kind, where, false);
      else if (name === 'ms') fault.ms = number(value, name, kind, where, true);
      else fault.count = number(value, name, kind, where, true);
    }
    faults.push(fault);
  }
  return faults;
}

/** What the faults for one request amount to. */
export interface FaultOutcome {
  delayMs: number;
  /** Answer with this error instead of serving the request. */
  reject: { kind: 'throttle' | 'unavailable'; retryAfter: number | null } | null;
  patch204: boolean;
}

function fits(f: Fault, method: string, operation: string): boolean {
  return (f.kind !== 'patch-204' || method === 'PATCH') && (f.op === null || f.op === operation);
}

/** A server's standing faults, with their remaining counts. */
export class FaultPlan {
  private readonly faults: Fault[];

  constructor(faults: Fault[] | string = []) {
    this.faults = typeof faults === 'string' ? parseFaults(faults, 'mock server faults') : faults.map((f) => ({ ...f }));
  }

  /** The faults that apply to this request (the server's, then the header's), using up counted server faults. */
  outcome(method: string, operation: string, header: Fault[]): FaultOutcome {
    const active: Fault[] = [];
    for (const f of this.faults) {
      if (!fits(f, method, operation) || f.count === 0) continue;
      if (f.count !== null) f.count -= 1;
      active.push(f);
    }
    // A header fault applies to its own request; `count=0` there, as on a server, means none.
    active.push(...header.filter((f) => fits(f, method, operation) && f.count !== 0));
    const reject = active.find((f) => f.kind === 'throttle') ?? active.find((f) => f.kind === 'unavailable');
    return {
      delayMs: Math.min(
        MAX_DELAY_MS,
        active.filter((f) => f.kind === 'slow').reduce((sum, f) => sum + f.ms, 0),
      ),
      reject: reject ? { kind: reject.kind as 'throttle' | 'unavailable', retryAfter: reject.retryAfter } : null,
      patch204: active.some((f) => f.kind === 'patch-204'),
    };
  }
}
