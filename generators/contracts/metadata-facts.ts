/**
 * What the schema builder asks of the Graph metadata (CSDL): nullability, patterns and abstractness. An interface,
 * so the builder works (with less) when no metadata is given.
 */
export interface PropertyFacts {
  nullable: boolean | null;
  pattern: string | null;
  edmType: string | null;
}

export interface MetadataFacts {
  /** Name of the metadata file these facts come from, for `$comment`s and findings. */
  source: string;
  property(typeName: string, propertyName: string): PropertyFacts | null;
  isAbstract(typeName: string): boolean | null;
}
