/**
 * Between a client's JSON and the stored entity, in both directions:
 * - in: readOnly properties, `id` and instance annotations (`@odata.type`, `x@odata.bind`, ...) sent by the client
 *   are dropped; the server sets `id`, createdDateTime and modifiedDateTime (when the type has them).
 * - out: `@odata.type` first, then the type's properties in schema order; writeOnly ones never appear, computed ones
 *   are computed, and unset nullable ones are null (Graph answers with every property of the type).
 */
import { isPrototypeKey } from '../lib/prototype-keys.js';
import type { MonotonicClock, StoredEntity } from './tenant-store.js';
import type { TypeFacts } from './type-facts.js';

/** Server-maintained timestamps, by property name: set on create, and (modified ones) on every update. */
const CREATED = ['createdDateTime'];
const MODIFIED = ['modifiedDateTime', 'lastModifiedDateTime'];

export type Json = Record<string, unknown>;

/** The writable part of a client object. */
export function writablePart(body: Json, facts: TypeFacts): Json {
  const out: Json = {};
  for (const [name, value] of Object.entries(body)) {
    // Never `__proto__` & co.: `out[name] = value` would replace the copy's prototype (request-gate refuses them too).
    if (name === 'id' || name.includes('@') || isPrototypeKey(name)) continue;
    if (facts.property(name)?.readOnly) continue;
    out[name] = value;
  }
  return out;
}

export function newEntity(id: string, body: Json, facts: TypeFacts, clock: MonotonicClock): StoredEntity {
  const now = clock.next().toISOString();
  const data = writablePart(body, facts);
  for (const name of [...CREATED, ...MODIFIED]) if (facts.property(name)) data[name] = now;
  return { id, type: facts.type, data };
}

/** Applies a PATCH: given properties replace stored ones; modified timestamps advance. Mutates the entity. */
export function patchEntity(entity: StoredEntity, body: Json, facts: TypeFacts, clock: MonotonicClock): void {
  Object.assign(entity.data, writablePart(body, facts));
  const now = clock.next().toISOString();
  for (const name of MODIFIED) if (facts.property(name)) entity.data[name] = now;
}

/** The entity as Graph returns it. `context` is its @odata.context URL, omitted inside collections. */
export function present(entity: StoredEntity, facts: TypeFacts, context: string | null): Json {
  const out: Json = {};
  if (context !== null) out['@odata.context'] = context;
  out['@odata.type'] = `#microsoft.graph.${entity.type}`;
  out.id = entity.id;
  for (const p of facts.properties) {
    if (p.name === 'id' || p.writeOnly) continue;
    if (p.countOf !== null) {
      const items = entity.data[p.countOf];
      out[p.name] = Array.isArray(items) ? items.length : 0;
    } else if (Object.hasOwn(entity.data, p.name)) {
      out[p.name] = entity.data[p.name];
    } else if (p.nullable) {
      out[p.name] = null;
    }
  }
  for (const [name, value] of Object.entries(entity.data)) {
    if (!(name in out) && !facts.property(name)?.writeOnly) out[name] = value;
  }
  return out;
}
