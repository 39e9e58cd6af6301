/**
 * Which CSDL types to keep for a `wanted` set: the wanted types, the types derived from them (at any depth), the
 * types of their structural properties when asked, and the base types of everything kept. Base types are kept for
 * their properties only: the types derived from a base type are not pulled in (from `entity` that would be all).
 */

/** What the index pass records for every type of the document (short names throughout). */
export interface TypeIndexEntry {
  baseType: string | null;
  /** Types of the structural (not navigation) properties, Edm primitives left out. */
  propertyTypes: string[];
}

export interface KeptTypes {
  kept: Set<string>;
  /** Wanted names the document does not define. */
  missing: string[];
}

export function keptTypes(
  index: Map<string, TypeIndexEntry>,
  wanted: Set<string>,
  opts: { derived: boolean; propertyTypes: boolean },
): KeptTypes {
  const children = new Map<string, string[]>();
  for (const [name, entry] of index) {
    if (entry.baseType === null) continue;
    const list = children.get(entry.baseType) ?? [];
    list.push(name);
    children.set(entry.baseType, list);
  }
  // full: reached as wanted, derived or property type (follow descendants too); otherwise only as a base type.
  const state = new Map<string, 'base' | 'full'>();
  const work: { name: string; full: boolean }[] = [...wanted].map((name) => ({ name, full: true }));
  for (let item = work.pop(); item; item = work.pop()) {
    const entry = index.get(item.name);
    if (!entry) continue;
    const before = state.get(item.name);
    if (before === 'full' || (before === 'base' && !item.full)) continue;
    state.set(item.name, item.full ? 'full' : 'base');
    if (entry.baseType !== null) work.push({ name: entry.baseType, full: false });
    if (opts.propertyTypes) for (const t of entry.propertyTypes) work.push({ name: t, full: true });
    if (item.full && opts.derived) for (const c of children.get(item.name) ?? []) work.push({ name: c, full: true });
  }
  return { kept: new Set(state.keys()), missing: [...wanted].filter((w) => !index.has(w)).sort() };
}
