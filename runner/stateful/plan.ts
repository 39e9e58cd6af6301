/**
 * Seeded, bounded random sequences over the operations of the object families: create, read, list, update, delete,
 * actions (assign), with a bias toward the interesting: objects already deleted (repeated deletes, reads and updates
 * of deleted objects) and children of deleted pools. A sequence is planned in full before it runs, from its seed
 * alone (objects are named by handle, `Pool1`, `State2`; ids are bound when the service makes them), so the same
 * seed and bounds give the same sequence on every target. At most `maxObjects` objects are asked for (a create
 * counts even where a 404 is expected: a faulty service may make it anyway; an action counts its list items).
 */
import type { OperationContract } from '../../contracts/model.js';
import type { PayloadSource } from '../cases.js';
import type { Family } from './families.js';

export interface PlannedObject {
  handle: string;
  family: Family;
  parent: PlannedObject | null;
  alive: boolean;
}

export interface PlannedStep {
  op: OperationContract;
  /** The object addressed (get, update, delete, action). */
  object: PlannedObject | null;
  /** The parent a create or list works under (null at the top). */
  parent: PlannedObject | null;
  /** The objects the step makes when it succeeds: one for a create, one per list item for an action. */
  makes: PlannedObject[];
  body?: unknown;
  /** e.g. `create embeddedSIMDeviceState State3 under Pool1 (deleted)`. */
  text: string;
}

export interface SequenceBounds {
  /** The sequence's seed: its steps and bodies come from it alone. */
  seed: number;
  steps: number;
  maxObjects: number;
}

/** mulberry32: a small, seedable generator; the same seed gives the same numbers everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `embeddedSIMActivationCodePoolAssignment` -> `Assignment`. */
const shortName = (resource: string): string => /([A-Z][a-z]+)$/.exec(resource)?.[1] ?? resource;

const state = (o: PlannedObject | null): string => (o === null ? '' : o.alive ? '' : ' (deleted)');

export function planSequence(families: Family[], payloads: PayloadSource, bounds: SequenceBounds): PlannedStep[] {
  const random = seededRandom(bounds.seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
  const objects: PlannedObject[] = [];
  const counters = new Map<string, number>();
  let budget = bounds.maxObjects;
  const steps: PlannedStep[] = [];

  const newObject = (family: Family, parent: PlannedObject | null): PlannedObject => {
    const name = shortName(family.resource);
    const n = (counters.get(name) ?? 0) + 1;
    counters.set(name, n);
    return { handle: `${name}${n}`, family, parent, alive: true };
  };
  /** An object of the family: mostly one that exists, sometimes one already deleted. */
  const choose = (family: Family): PlannedObject | null => {
    const all = objects.filter((o) => o.family === family);
    const alive = all.filter((o) => o.alive);
    const dead = all.filter((o) => !o.alive);
    if (all.length === 0) return null;
    if (dead.length > 0 && (alive.length === 0 || random() < 0.4)) return pick(dead);
    return pick(alive.length > 0 ? alive : all);
  };
  const bodyFor = (op: OperationContract, k: number): unknown => payloads.valid(op.id, (bounds.seed + 7919 * (k + 1)) >>> 0);
  const kill = (o: PlannedObject): void => {
    o.alive = false;
    for (const child of objects) if (child.parent === o) kill(child);
  };

  type Move = { weight: number; make: (k: number) => PlannedStep | null };
  for (let k = 0; k < bounds.steps; k++) {
    const moves: Move[] = [];
    for (const family of families) {
      const parent = family.parent ? choose(family.parent) : null;
      const underParent = family.parent === null || parent !== null;
      const where = parent ? ` under ${parent.handle}${state(parent)}` : '';
      if (budget > 0 && underParent) {
        moves.push({
          weight: family.parent ? 2 : 3,
          make: (i) => {
            const made = newObject(family, parent);
            budget -= 1;
            const expectMade = parent === null || parent.alive;
            if (expectMade) objects.push(made);
            return {
              op: family.create,
              object: null,
              parent,
              makes: expectMade ? [made] : [],
              body: bodyFor(family.create, i),
              text: `create ${family.resource} ${made.handle}${where}`,
            };
          },
        });
      }
      if (family.list && underParent) {
        const list = family.list;
        moves.push({ weight: 0.5, make: () => ({ op: list, object: null, parent, makes: [], text: `list ${family.resource}${where}` }) });
      }
      const target = choose(family);
      if (!target) continue;
      const at = `${family.resource} ${target.handle}${state(target)}`;
      const itemOps: [OperationContract | null, number, string][] = [
        [family.get, 2, `get ${at}`],
        [family.update, 2, `update ${at}`],
        // A pool's delete grows likelier as the sequence goes on, so that its children are then used on a deleted parent.
        [family.delete, family.parent ? 1 : 1 + (5 * k) / bounds.steps, `delete ${at}`],
      ];
      for (const [op, weight, text] of itemOps) {
        if (!op) continue;
        moves.push({
          weight,
          make: (i) => {
            if (op.kind === 'delete') kill(target);
            return { op, object: target, parent: null, makes: [], ...(op.kind === 'update' ? { body: bodyFor(op, i) } : {}), text };
          },
        });
      }
      for (const action of family.actions) {
        if (budget <= 0) continue;
        moves.push({
          weight: 1,
          make: (i) => {
            const body = bodyFor(action, i) as Record<string, unknown>;
            const name = Object.keys(body).find((key) => Array.isArray(body[key]));
            const child = name ? families.find((f) => f.parent === family && f.collection.endsWith(`/${name}`)) : undefined;
            const items = name ? (body[name] as unknown[]).slice(0, budget) : [];
            budget -= items.length;
            const makes: PlannedObject[] = [];
            if (child && name && target.alive) {
              for (const o of objects) if (o.family === child && o.parent === target) kill(o);
              for (const _ of items) makes.push(newObject(child, target));
              objects.push(...makes);
            }
            return {
              op: action,
              object: target,
              parent: null,
              makes,
              body: name ? { ...body, [name]: items } : body,
              text: `${action.path.slice(action.path.lastIndexOf('/') + 1)} ${at} (${items.length} item${items.length === 1 ? '' : 's'})`,
            };
          },
        });
      }
    }
    const total = moves.reduce((n, m) => n + m.weight, 0);
    let r = random() * total;
    const move = moves.find((m) => (r -= m.weight) < 0) ?? moves[moves.length - 1];
    const step = move?.make(k);
    if (step) steps.push(step);
  }
  return steps;
}
