/**
 * EXPERIMENTS, used only by the bench to measure proposed changes to the mock (mocks/ is not the bench's to edit).
 * msw's getResponse tries every handler in order; each try clones nothing new but parses the request's cookies and
 * compiles the handler's path pattern (path-to-regexp) before it compares the method, and a matching handler runs
 * through msw's resolver machinery (an AbortController per run, cookie forwarding). Two ways to cut that, installed
 * by wrapping HttpHandler.prototype.run in this process only:
 *  - `prefilter`: a quick check (method, then a path regex compiled once per handler) returns null, as run itself
 *    does for a handler that does not match, before any of that work. A handler the check lets through runs
 *    unchanged, so every answer is msw's own. Stands in for: in mocks/http-server.ts, choose the handler(s) for a
 *    request from an index by method and path template and call getResponse with those only.
 *  - `direct`: the same check, then the handler's resolver is called with the path parameters the regex captured,
 *    skipping msw's run machinery. Stands in for: an HTTP server that routes requests to the mock's operations
 *    itself instead of going through msw. The bench proves the answers unchanged by replaying a recorded suite
 *    run against it (same statuses for every request).
 */
import { HttpHandler } from 'msw';

export type DispatchExperiment = 'prefilter' | 'direct';

/**
 * A regex that matches every URL msw's path pattern matches (and, for patterns with `*` only in front, the same
 * ones): `*` any text, `:name` one segment (captured as a named group).
 */
export function looseRegExp(path: string): RegExp {
  const source = path
    .split(/(\*|:[A-Za-z0-9_]+)/)
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? `(?<${part.slice(1)}>[^/?#]+)` : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}/?(?:[?#].*)?$`, 'i');
}

function decoded(groups: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(groups ?? {})) {
    try {
      out[k] = decodeURIComponent(v);
    } catch {
      out[k] = v;
    }
  }
  return out;
}

let installed: DispatchExperiment | null = null;

/** Installs one experiment in this process (once; a second, different one is an error). */
export function installDispatch(kind: DispatchExperiment): void {
  if (installed === kind) return;
  if (installed !== null) throw new Error(`the ${installed} experiment is already installed in this process`);
  installed = kind;
  const original = HttpHandler.prototype.run;
  const compiled = new WeakMap<HttpHandler, RegExp | null>();
  type Resolver = (info: { request: Request; requestId: string; params: Record<string, string>; cookies: Record<string, string> }) => Promise<Response | undefined> | Response | undefined;
  HttpHandler.prototype.run = async function dispatchRun(this: HttpHandler, args: Parameters<HttpHandler['run']>[0]) {
    const { method, path } = this.info;
    if (typeof method === 'string' && method.toUpperCase() !== args.request.method.toUpperCase()) return null;
    if (method instanceof RegExp && !method.test(args.request.method)) return null;
    if (typeof path !== 'string') return original.call(this, args);
    let re = compiled.get(this);
    if (re === undefined) {
      re = looseRegExp(path);
      compiled.set(this, re);
    }
    const m = re === null ? null : re.exec(args.request.url);
    if (re !== null && m === null) return null;
    if (kind === 'prefilter') return original.call(this, args);
    const resolver = (this as unknown as { resolver: Resolver }).resolver;
    const response = await resolver({ request: args.request, requestId: args.requestId, params: decoded(m?.groups), cookies: {} });
    return { handler: this, request: args.request, requestId: args.requestId, response: response ?? undefined, parsedResult: undefined } as Awaited<ReturnType<HttpHandler['run']>>;
  } as HttpHandler['run'];
}

/** The experiment named by BENCH_MOCK_DISPATCH (bench children install it when set). */
export function dispatchFromEnv(env: NodeJS.ProcessEnv = process.env): DispatchExperiment | null {
  const v = env.BENCH_MOCK_DISPATCH;
  if (v === undefined || v === '') return null;
  if (v !== 'prefilter' && v !== 'direct') throw new Error(`BENCH_MOCK_DISPATCH must be prefilter or direct; got "${v}"`);
  return v;
}
