/**
 * The members (properties, navigation properties, enum members) the Graph metadata gives a type, from each source:
 * the CSDL (with base types) and the type mappings (own members only; base types taken from the CSDL).
 */
import type { CsdlModel, CsdlNavigationProperty, CsdlProperty, MemberOf } from './csdl-model.js';
import { allPropertiesOf, ancestorsOf } from './csdl-model.js';
import type { TypeMappings } from './type-mappings.js';

export type MemberKind = 'property' | 'navigationProperty';

export interface MetadataMember {
  name: string;
  /** Kind in the CSDL, or null when the CSDL does not list it. */
  inCsdl: MemberKind | null;
  /** Kind in the type mappings, or null when they do not list it. */
  inMappings: MemberKind | null;
  /** The CSDL declaration, with the type that declares it. */
  csdl: MemberOf<CsdlProperty> | MemberOf<CsdlNavigationProperty> | null;
}

/**
 * Members of `typeName` including inherited ones, by name, from both sources. Without the type in the CSDL the
 * mappings cannot tell its base types; then the bases the docs give (`docBases`, from the schema's allOf) are used,
 * and an entity type is taken to derive from `entity` (true of every Graph entity type but `entity` itself).
 */
export function metadataMembers(
  typeName: string,
  csdl: CsdlModel | null,
  mappings: TypeMappings | null,
  docBases: string[] = [],
): Map<string, MetadataMember> {
  const out = new Map<string, MetadataMember>();
  const entry = (name: string): MetadataMember => {
    let m = out.get(name);
    if (!m) {
      m = { name, inCsdl: null, inMappings: null, csdl: null };
      out.set(name, m);
    }
    return m;
  };
  const csdlType = csdl?.types.get(typeName);
  if (csdl && csdlType) {
    const all = allPropertiesOf(csdl, typeName);
    for (const p of all.properties) Object.assign(entry(p.name), { inCsdl: 'property', csdl: p });
    for (const p of all.navigationProperties) Object.assign(entry(p.name), { inCsdl: 'navigationProperty', csdl: p });
  }
  const mapped = mappings?.types.get(typeName);
  if (mappings && mapped) {
    let chain: string[];
    if (csdl && csdlType) chain = [typeName, ...ancestorsOf(csdl, typeName).map((t) => t.name)];
    else {
      chain = [typeName, ...docBases];
      if (mapped.kind === 'entity' && !chain.includes('entity')) chain.push('entity');
    }
    for (const name of chain) {
      const t = mappings.types.get(name);
      if (!t) continue;
      for (const p of t.properties) entry(p).inMappings = 'property';
      for (const p of t.navigationProperties) entry(p).inMappings = 'navigationProperty';
    }
  }
  return out;
}

/** Enum members from both sources, CSDL order first, then members only the mappings list (in their order). */
export function metadataEnumMembers(
  typeName: string,
  csdl: CsdlModel | null,
  mappings: TypeMappings | null,
): { all: string[]; csdl: string[] | null; mappings: string[] | null } {
  const t = csdl?.types.get(typeName);
  const fromCsdl = t?.kind === 'enum' ? t.members.map((m) => m.name) : null;
  const fromMappings = mappings?.enums.get(typeName) ?? null;
  const all = [...(fromCsdl ?? [])];
  for (const m of fromMappings ?? []) if (!all.includes(m)) all.push(m);
  return { all, csdl: fromCsdl, mappings: fromMappings };
}
