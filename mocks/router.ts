/**
 * Which answer a request path gets, decided once for both ways the mock is served (node:http and msw): the operation
 * for its method and path template, else 405 when another method is documented for the path, else 400 naming the
 * first unknown segment; paths outside the version root are not the mock's.
 *
 * Paths match the way msw's patterns (path-to-regexp) matched them before routing moved here: literal segments in any
 * letter case, one optional trailing slash, parameters decoded (a malformed escape is kept as sent, so it names no
 * stored entity). Routes are indexed by method and segment count; within one bucket the contracts' order decides,
 * as the order of the msw handlers did.
 */
import type { HttpMethod } from '../contracts/model.js';
import type { MockModel, OperationRoute } from './mock-model.js';
import { parsePath, type Segment } from './routes.js';

export type RouteMatch =
  | { kind: 'operation'; route: OperationRoute; params: Record<string, string> }
  | { kind: 'methodNotAllowed'; path: string; methods: HttpMethod[] }
  | { kind: 'unknownPath'; segment: string }
  | { kind: 'outside' };

interface Template {
  segments: Segment[];
  /** Lower-case literal per segment; null for a parameter. */
  literals: (string | null)[];
}

function compile(segments: Segment[]): Template {
  return { segments, literals: segments.map((s) => (s.param === undefined ? s.literal.toLowerCase() : null)) };
}

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The parameters of `parts` (raw path segments) under `template`, or null when it does not match. */
function matchTemplate(template: Template, parts: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const literal = template.literals[i];
    if (literal === null) {
      if (part === '') return null;
      params[(template.segments[i] as { param: string }).param] = decode(part);
    } else if (literal !== part.toLowerCase()) {
      return null;
    }
  }
  return params;
}

/** The first segment of a path that no documented template accepts there, as Graph names it in its 400. */
export function firstUnknownSegment(rest: string[], templates: Segment[][]): string {
  let candidates = templates;
  for (const [i, seg] of rest.entries()) {
    candidates = candidates.filter((t) => {
      const s = t[i];
      return s !== undefined && (s.param !== undefined || s.literal.toLowerCase() === seg.toLowerCase());
    });
    if (candidates.length === 0) return seg;
  }
  return rest[rest.length - 1] ?? '';
}

export class RouteIndex {
  private readonly base: string;
  /** `<METHOD> <segment count>` -> operation routes, in contract order. */
  private readonly operations = new Map<string, { route: OperationRoute; template: Template }[]>();
  /** Segment count -> documented path templates with their methods, in contract order. */
  private readonly paths = new Map<number, { path: string; methods: HttpMethod[]; template: Template }[]>();
  private readonly allTemplates: Segment[][];

  constructor(model: MockModel) {
    this.base = `${model.basePath.toLowerCase()}/`;
    for (const route of model.routes) {
      const key = `${route.op.method.toUpperCase()} ${route.segments.length}`;
      const bucket = this.operations.get(key) ?? [];
      bucket.push({ route, template: compile(route.segments) });
      this.operations.set(key, bucket);
    }
    this.allTemplates = [];
    for (const [path, methods] of model.methodsByPath) {
      const segments = parsePath(path);
      this.allTemplates.push(segments);
      const bucket = this.paths.get(segments.length) ?? [];
      bucket.push({ path, methods, template: compile(segments) });
      this.paths.set(segments.length, bucket);
    }
  }

  /** `method` upper-case; `pathname` as in a URL (percent-encoded, no query). */
  match(method: string, pathname: string): RouteMatch {
    if (!pathname.toLowerCase().startsWith(this.base)) return { kind: 'outside' };
    let rest = pathname.slice(this.base.length);
    if (rest.endsWith('/')) rest = rest.slice(0, -1);
    const parts = rest.split('/');
    for (const { route, template } of this.operations.get(`${method} ${parts.length}`) ?? []) {
      const params = matchTemplate(template, parts);
      if (params !== null) return { kind: 'operation', route, params };
    }
    for (const { path, methods, template } of this.paths.get(parts.length) ?? []) {
      if (matchTemplate(template, parts) !== null) return { kind: 'methodNotAllowed', path, methods };
    }
    const segments = pathname
      .slice(this.base.length)
      .split('/')
      .filter((s) => s !== '');
    return { kind: 'unknownPath', segment: decode(firstUnknownSegment(segments, this.allTemplates)) };
  }
}
