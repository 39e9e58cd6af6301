/**
 * The Graph metadata the extractor uses: the newest CSDL in the metadata folder (streamed, only the family's types
 * kept) and the newest type mappings. Gives the schema builder its facts and the findings their cross-check.
 */
import type { DocFinding } from '../../contracts/model.js';
import { csdlFacts, readCsdl, type CsdlModel } from './csdl-reader.js';
import type { JsonSchema } from './graph-types.js';
import { checkAgainstMetadata } from './metadata-check.js';
import type { MetadataFacts } from './metadata-facts.js';
import { newestCsdlFile } from './metadata-files.js';
import { readTypeMappings } from './type-mappings.js';

export interface LoadedMetadata {
  /** File names used, for the record. */
  sources: string[];
  facts: MetadataFacts;
  check(schemas: Map<string, JsonSchema>): DocFinding[];
}

export function factsFrom(csdl: CsdlModel): MetadataFacts {
  return {
    source: csdl.fileName,
    property(typeName, propName) {
      const f = csdlFacts(csdl, typeName, propName);
      return f.nullable === null && f.edmType === null ? null : { nullable: f.nullable, pattern: f.pattern, edmType: f.edmType };
    },
    isAbstract(typeName) {
      const t = csdl.types.get(typeName);
      return t ? t.abstract : null;
    },
  };
}

export async function loadMetadata(dir: string, wanted: Set<string>): Promise<LoadedMetadata> {
  const csdlFile = newestCsdlFile(dir);
  if (!csdlFile) {
    throw new Error(
      `No beta_metadata-<YYYY-MM-DD>.xml in ${dir}. Put the Graph beta $metadata there, point --metadata at the folder ` +
        'that has it, or pass --no-metadata to extract from the docs alone (no patterns or nullability from the CSDL).',
    );
  }
  const csdl = await readCsdl(csdlFile.path, wanted);
  const mappings = readTypeMappings(dir);
  return {
    sources: [csdl.fileName, ...Object.values(mappings.files).map((f) => f.fileName)],
    facts: factsFrom(csdl),
    // graphError is the protocol's error body, not a type of the service's metadata.
    check: (schemas) => checkAgainstMetadata(new Map([...schemas].filter(([name]) => name !== 'graphError')), csdl, mappings),
  };
}
