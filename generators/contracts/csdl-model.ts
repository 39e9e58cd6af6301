/**
 * The part of an OData CSDL ($metadata) document the contract extractor uses: entity, complex and enum types with
 * their properties, and the Core Description / LongDescription annotations. csdl-reader.ts builds it from the XML;
 * the helpers here answer questions about it (inherited properties, a property's facts for the schema builder).
 *
 * Names are short: the `microsoft.graph` namespace (alias `graph`) is stripped, so `microsoft.graph.entity` is
 * `entity`; types of other namespaces keep the rest (`microsoft.graph.callRecords.session` is `callRecords.session`).
 */

export type CsdlTypeKind = 'entity' | 'complex' | 'enum';

export interface CsdlProperty {
  name: string;
  /** As written in the CSDL, e.g. `Edm.String`, `Collection(graph.embeddedSIMActivationCode)`. */
  type: string;
  /** CSDL default: true when the Nullable attribute is absent. For collections it is about the items. */
  nullable: boolean;
  line: number;
}

export interface CsdlNavigationProperty {
  name: string;
  type: string;
  containsTarget: boolean;
  nullable: boolean;
  line: number;
}

export interface CsdlEnumMember {
  name: string;
  /** Value attribute as a number; null when absent. */
  value: number | null;
}

export interface CsdlType {
  kind: CsdlTypeKind;
  /** Short name (see the file comment). */
  name: string;
  /** Namespace-qualified name, e.g. `microsoft.graph.entity`. */
  qualifiedName: string;
  /** Short name of the base type, or null. */
  baseType: string | null;
  abstract: boolean;
  properties: CsdlProperty[];
  navigationProperties: CsdlNavigationProperty[];
  /** Enum types only (else empty). */
  members: CsdlEnumMember[];
  line: number;
}

/** The annotations kept for one target (a type, or `type/property`). */
export interface CsdlAnnotation {
  /** Org.OData.Core.V1.Description */
  description: string | null;
  /** Org.OData.Core.V1.LongDescription (where Graph states patterns: "The input must match ... '<regex>'."). */
  longDescription: string | null;
  /** Org.OData.Validation.V1.Pattern, when the document uses it. */
  pattern: string | null;
  /** Org.OData.Core.V1.Computed */
  computed: boolean;
}

export interface CsdlReadStats {
  /** Largest number of characters held by the tokenizer at once, over all passes. */
  maxBufferedChars: number;
  /** 1 when every type was kept, 2 when a `wanted` set was given (an index pass, then the keeping pass). */
  passes: number;
  /** Characters read in the last pass. */
  chars: number;
  /** Chunks read in the last pass. */
  chunks: number;
}

export interface CsdlModel {
  /** The path read. */
  file: string;
  /** Its base name, e.g. `beta_metadata-2021-07-13.xml` (what findings cite). */
  fileName: string;
  /** Short name -> type. */
  types: Map<string, CsdlType>;
  /** Short target (`embeddedSIMActivationCode/integratedCircuitCardIdentifier`, or a type name) -> annotations. */
  annotations: Map<string, CsdlAnnotation>;
  /** Alias -> namespace, from Schema and edmx:Include elements. */
  aliases: Record<string, string>;
  /** Names asked for (`wanted`) that the document does not define. */
  missing: string[];
  stats: CsdlReadStats;
}

export const GRAPH_NAMESPACE = 'microsoft.graph';

/** Short name of a qualified or alias-qualified name (`graph.x`, `microsoft.graph.x` -> `x`). */
export function shortName(qualified: string, aliases: Record<string, string> = {}): string {
  let name = qualified;
  const dot = name.indexOf('.');
  if (dot > 0) {
    const ns = aliases[name.slice(0, dot)];
    if (ns !== undefined) name = `${ns}${name.slice(dot)}`;
  }
  if (name.startsWith('graph.')) name = name.slice('graph.'.length);
  if (name.startsWith(`${GRAPH_NAMESPACE}.`)) name = name.slice(GRAPH_NAMESPACE.length + 1);
  return name;
}

export interface TypeRef {
  collection: boolean;
  /** `Edm.String` for primitives, else the short type name. */
  name: string;
  edm: boolean;
}

/** `Collection(graph.x)` -> { collection: true, name: 'x', edm: false }. */
export function parseTypeRef(type: string, aliases: Record<string, string> = {}): TypeRef {
  const m = /^Collection\((.*)\)$/.exec(type.trim());
  const inner = (m ? (m[1] ?? '') : type).trim();
  const edm = inner.startsWith('Edm.');
  return { collection: Boolean(m), name: edm ? inner : shortName(inner, aliases), edm };
}

/** The chain of base types of `typeName`, nearest first (not including the type itself). */
export function ancestorsOf(model: CsdlModel, typeName: string): CsdlType[] {
  const out: CsdlType[] = [];
  const seen = new Set([typeName]);
  let base = model.types.get(typeName)?.baseType ?? null;
  while (base !== null && !seen.has(base)) {
    seen.add(base);
    const t = model.types.get(base);
    if (!t) break;
    out.push(t);
    base = t.baseType;
  }
  return out;
}

export type MemberOf<T> = T & { declaredOn: string };

/** Structural and navigation properties of a type including inherited ones (base types first). */
export function allPropertiesOf(
  model: CsdlModel,
  typeName: string,
): { properties: MemberOf<CsdlProperty>[]; navigationProperties: MemberOf<CsdlNavigationProperty>[] } {
  const own = model.types.get(typeName);
  const chain = [...ancestorsOf(model, typeName)].reverse();
  if (own) chain.push(own);
  return {
    properties: chain.flatMap((t) => t.properties.map((p) => ({ ...p, declaredOn: t.name }))),
    navigationProperties: chain.flatMap((t) => t.navigationProperties.map((p) => ({ ...p, declaredOn: t.name }))),
  };
}

/** Types whose base type chain reaches `typeName` (not including it), by name. */
export function derivedTypesOf(model: CsdlModel, typeName: string): string[] {
  return [...model.types.values()]
    .filter((t) => ancestorsOf(model, t.name).some((a) => a.name === typeName))
    .map((t) => t.name)
    .sort();
}

/** Annotations of a type (`prop` omitted) or of one of its properties, as declared (not inherited). */
export function annotationOf(model: CsdlModel, typeName: string, prop?: string): CsdlAnnotation | null {
  return model.annotations.get(prop === undefined ? typeName : `${typeName}/${prop}`) ?? null;
}

/**
 * The regular expression in Graph's LongDescription wording, e.g.
 * "The input must match the following regular expression: '^[0-9]{19}[0-9]?$'." -> `^[0-9]{19}[0-9]?$`.
 * The pattern runs from the first quote after "regular expression" to the last quote. Null when the text has none.
 */
export function patternFromLongDescription(text: string | null | undefined): string | null {
  if (!text) return null;
  const m = /regular expression\s*:?\s*'(.*)'/is.exec(text);
  const pattern = m?.[1];
  return pattern ? pattern : null;
}

export interface CsdlFacts {
  /** Null when the property is not in the model. */
  nullable: boolean | null;
  /** From Validation.Pattern, else from the LongDescription wording. */
  pattern: string | null;
  edmType: string | null;
  description: string | null;
  computed: boolean;
  /** The type that declares the property (itself or a base type). */
  declaredOn: string | null;
}

/** What the CSDL says about `typeName.propName` (inherited properties included), for the schema builder. */
export function csdlFacts(model: CsdlModel | null, typeName: string, propName: string): CsdlFacts {
  const none: CsdlFacts = {
    nullable: null,
    pattern: null,
    edmType: null,
    description: null,
    computed: false,
    declaredOn: null,
  };
  if (!model) return none;
  const { properties, navigationProperties } = allPropertiesOf(model, typeName);
  const p = [...properties, ...navigationProperties].find((x) => x.name === propName);
  if (!p) return none;
  const note = annotationOf(model, p.declaredOn, propName);
  return {
    nullable: p.nullable,
    pattern: note?.pattern ?? patternFromLongDescription(note?.longDescription),
    edmType: p.type,
    description: note?.description ?? null,
    computed: note?.computed ?? false,
    declaredOn: p.declaredOn,
  };
}
