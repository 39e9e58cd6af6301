/**
 * The strategies, in the order a small budget reaches them (most likely to find something first). Each builds on a
 * body from the domain generators (valid.ts, every optional member present) and changes the values one JSON Schema
 * keyword speaks about, everywhere in the body.
 */
import type { ArrayShape, ScalarShape, Shape, UnionShape } from '../shape.js';
import { scalarProblem } from '../scalar.js';
import { validBody, validValue } from '../valid.js';
import { DESCEND, mapBody, REMOVE, sitesOf, type Site } from './body-walk.js';
import { fullwidth, PATTERN_EDGES } from './pattern-edges.js';
import { edgeStrings, fitText, UNICODE_SAMPLES } from './text-values.js';
import type { Strategy, StrategyBody, StrategyInput } from './types.js';

/** Strings that name other objects (a group, a collection, a filter, a chip): free text would only be an unknown id. */
const REFERENCE_NAMES = new Set([
  'groupId',
  'collectionId',
  'deviceAndAppManagementAssignmentFilterId',
  'universalIntegratedCircuitCardIdentifier',
]);

const isScalar = (s: Shape): s is ScalarShape => s.kind === 'string' || s.kind === 'integer' || s.kind === 'number' || s.kind === 'boolean';

/** A string the schema constrains by nothing but its type (and length): free text. */
function isText(site: Site): site is Site & { shape: ScalarShape } {
  const s = site.shape;
  return (
    s.kind === 'string' &&
    s.patterns.length === 0 &&
    s.format === null &&
    s.enum === null &&
    typeof site.value === 'string' &&
    !REFERENCE_NAMES.has(site.name ?? '')
  );
}

function full(input: StrategyInput, extra: { prefer?: string[]; odataType?: 'all' } = {}): unknown {
  return validBody(input.opId, { seed: input.seed, contracts: input.contracts, runTag: input.runTag, optional: 'all', ...extra });
}

/** Keeps the run tag in front of display names (live runs sweep by it). */
const prefixFor = (site: Site, input: StrategyInput): string => (site.name === 'displayName' ? input.runTag : '');

function changed(before: unknown, after: unknown, note: string[]): StrategyBody | null {
  if (JSON.stringify(before) === JSON.stringify(after) || note.length === 0) return null;
  return { body: after, note: note.join('; ') };
}

const show = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}…(${s.length} chars)` : s;
};

/** Replaces every free-text string with pick(i), i counting the sites. */
function textStrategy(input: StrategyInput, pick: (shape: ScalarShape, i: number) => string): StrategyBody | null {
  const base = full(input);
  const note: string[] = [];
  let i = 0;
  const body = mapBody(base, input.shape, (site) => {
    if (!isText(site)) return DESCEND;
    const value = fitText(prefixFor(site, input), pick(site.shape, i++), site.shape);
    note.push(`${site.pointer} = ${show(value)}`);
    return value;
  });
  return changed(base, body, note);
}

function arrays(input: StrategyInput, size: (shape: ArrayShape) => number | null, label: string): StrategyBody | null {
  const base = full(input);
  const note: string[] = [];
  const body = mapBody(base, input.shape, (site) => {
    if (site.shape.kind !== 'array' || !Array.isArray(site.value)) return DESCEND;
    const shape = site.shape;
    const n = size(shape);
    if (n === null || n < (shape.minItems ?? 0) || n > (shape.maxItems ?? Number.MAX_SAFE_INTEGER)) return DESCEND;
    const current = site.value as unknown[];
    const items = Array.from({ length: n }, (_, k) =>
      k < current.length
        ? current[k]
        : validValue(shape.items, null, {
            seed: (input.seed + 7919 * (k + 1)) >>> 0,
            contracts: input.contracts,
            runTag: input.runTag,
            optional: 'all',
          }),
    );
    note.push(`${site.pointer}: ${n} ${label}`);
    return items;
  });
  return changed(base, body, note);
}

const unions = (shape: Shape): UnionShape[] => sitesOfShape(shape).filter((s): s is UnionShape => s.kind === 'union');

function sitesOfShape(shape: Shape, out: Shape[] = []): Shape[] {
  out.push(shape);
  if (shape.kind === 'object') for (const p of shape.properties) sitesOfShape(p.shape, out);
  else if (shape.kind === 'array') sitesOfShape(shape.items, out);
  else if (shape.kind === 'union') for (const v of shape.variants) sitesOfShape(v, out);
  return out;
}

export const STRATEGIES: readonly Strategy[] = [
  {
    name: 'unicode-text',
    kind: 'valid',
    description: 'every free-text string in another script: accents, combining marks, RTL, astral, zero-width, CJK',
    make: (input) => textStrategy(input, (_s, i) => UNICODE_SAMPLES[(input.seed + input.round + i) % UNICODE_SAMPLES.length] as string),
  },
  {
    name: 'edge-text',
    kind: 'valid',
    description: 'every free-text string empty, whitespace-only, one character, very long, or at minLength / maxLength',
    make: (input) =>
      textStrategy(input, (shape, i) => {
        const edges = edgeStrings(shape);
        return edges[(input.round + i) % edges.length] as string;
      }),
  },
  {
    name: 'nulls',
    kind: 'valid',
    description: 'every optional nullable property sent as null',
    make: (input) => {
      const base = full(input);
      const note: string[] = [];
      const body = mapBody(base, input.shape, (site) => {
        if (site.required || site.name === null || !site.shape.nullable || site.value === null || site.shape.kind === 'any') return DESCEND;
        note.push(`${site.pointer} = null`);
        return null;
      });
      return changed(base, body, note);
    },
  },
  {
    name: 'types-and-enums',
    kind: 'valid',
    description: 'each concrete type of every polymorphic value and each value of every enum, one per round',
    make: (input) => {
      const variants = [...new Set(unions(input.shape).flatMap((u) => u.variants.map((v) => v.typeName ?? '')))].filter(Boolean);
      const prefer = variants.length > 0 ? [variants[input.round % variants.length] as string] : [];
      const base = full(input);
      const typed = full(input, { prefer });
      const note: string[] = prefer.length ? [`type ${prefer[0]}`] : [];
      let i = 0;
      const body = mapBody(typed, input.shape, (site) => {
        if (!isScalar(site.shape) || site.shape.enum === null || site.value === null || site.name === '@odata.type') return DESCEND;
        const values = site.shape.enum;
        const value = values[(input.round + i++) % values.length];
        note.push(`${site.pointer} = ${show(value)}`);
        return value;
      });
      return changed(base, body, note) ?? (prefer.length ? { body, note: note.join('; ') } : null);
    },
  },
  {
    name: 'pattern-edges',
    kind: 'valid',
    description: 'patterned values at their edges: shortest and longest ICCID, empty matching id, odd but valid SM-DP+ hosts',
    make: (input) => {
      const base = full(input);
      const note: string[] = [];
      let i = 0;
      const body = mapBody(base, input.shape, (site) => {
        const edges = site.name !== null ? PATTERN_EDGES[site.name] : undefined;
        if (!edges || !isScalar(site.shape)) return DESCEND;
        const shape = site.shape;
        const fitting = edges.filter((e) => scalarProblem(shape, e) === null);
        if (fitting.length === 0) return DESCEND;
        const k = (input.round + i++) % fitting.length;
        const value = fitting[k] as string;
        // Not the value: patterned values here are activation codes, which a live run never writes out.
        note.push(`${site.pointer}: edge ${k + 1} of ${fitting.length} (${[...value].length} chars)`);
        return value;
      });
      return changed(base, body, note);
    },
  },
  {
    name: 'collections-empty',
    kind: 'valid',
    description: 'every collection empty (where minItems allows)',
    make: (input) => arrays(input, () => 0, 'items'),
  },
  {
    name: 'collections-large',
    kind: 'valid',
    description: 'every collection large (largeItems, within maxItems)',
    make: (input) => arrays(input, (s) => Math.min(input.largeItems, s.maxItems ?? input.largeItems), 'items'),
  },
  {
    name: 'required-only',
    kind: 'valid',
    description: 'optional properties absent: only what the schema (or the domain) requires',
    make: (input) => {
      const base = full(input);
      const note: string[] = [];
      const essential = new Set([
        '@odata.type',
        'integratedCircuitCardIdentifier',
        'matchingIdentifier',
        'smdpPlusServerAddress',
        'target',
        'groupId',
        'collectionId',
      ]);
      const body = mapBody(base, input.shape, (site) => {
        if (site.required || site.name === null || essential.has(site.name)) return DESCEND;
        note.push(`${site.pointer} left out`);
        return REMOVE;
      });
      return changed(base, body, note);
    },
  },
  {
    name: 'prototype-keys',
    kind: 'invalid',
    description: 'an undocumented member named __proto__, constructor or toString (unknown property: 400)',
    make: (input) => {
      const base = full(input);
      if (typeof base !== 'object' || base === null || Array.isArray(base)) return null;
      const key = ['__proto__', 'constructor', 'toString'][input.round % 3] as string;
      const body = { ...(base as Record<string, unknown>) };
      // defineProperty: `body.__proto__ = …` would set the prototype, not a member JSON.stringify sends.
      Object.defineProperty(body, key, {
        value: { id: 'explore', createdDateTime: '1999-01-01T00:00:00Z' },
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return { body, note: `member "${key}" added`, mutation: { rule: 'unknown-property', pointer: `/${key}` } };
    },
  },
  {
    name: 'fullwidth-pattern',
    kind: 'invalid',
    description: 'a patterned value in fullwidth look-alike characters (ＡＢ１２): breaks exactly its pattern',
    make: (input) => {
      const base = full(input);
      const candidates = sitesOf(base, input.shape).filter(
        (s) => isScalar(s.shape) && s.shape.patterns.length > 0 && typeof s.value === 'string' && s.name !== '@odata.type',
      );
      const target = candidates.filter((s) => fullwidth(s.value as string) !== s.value)[input.round % Math.max(1, candidates.length)];
      if (!target) return null;
      const value = fullwidth(target.value as string);
      const body = mapBody(base, input.shape, (s) => (s.pointer === target.pointer ? value : DESCEND));
      return { body, note: `${target.pointer} in fullwidth characters`, mutation: { rule: 'pattern', pointer: target.pointer } };
    },
  },
  {
    name: 'all-optional',
    kind: 'valid',
    description: 'every optional property present, @odata.type on every typed object',
    make: (input) => ({ body: full(input, { odataType: 'all' }), note: 'every optional property, @odata.type everywhere' }),
  },
  {
    name: 'collections-single',
    kind: 'valid',
    description: 'every collection with exactly one item',
    make: (input) => arrays(input, () => 1, 'item'),
  },
  {
    name: 'number-bounds',
    kind: 'valid',
    description: 'every writable number at its minimum, its maximum, 0 and 1 (within range)',
    make: (input) => {
      const base = full(input);
      const note: string[] = [];
      let i = 0;
      const body = mapBody(base, input.shape, (site) => {
        const s = site.shape;
        if ((s.kind !== 'integer' && s.kind !== 'number') || s.enum !== null || typeof site.value !== 'number') return DESCEND;
        const edges = [s.minimum, s.maximum, 0, 1, -1].filter((v): v is number => v !== null && scalarProblem(s, v) === null);
        const value = edges[(input.round + i++) % edges.length];
        if (value === undefined) return DESCEND;
        note.push(`${site.pointer} = ${value}`);
        return value;
      });
      return changed(base, body, note);
    },
  },
  {
    name: 'domain',
    kind: 'valid',
    description: "today's realistic bodies: Luhn ICCIDs, SM-DP+ hosts, matching ids, optional members at random",
    make: (input) => ({
      body: validBody(input.opId, { seed: input.seed, contracts: input.contracts, runTag: input.runTag }),
      note: 'domain generators',
    }),
  },
];
