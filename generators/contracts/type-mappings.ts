/**
 * Reads the Graph type mappings (msgraph-metadata schemas/type-mappings): per kind, the property and
 * navigation-property names of every type, or an enum's member names. They list a type's OWN members only and say
 * nothing about base types (the CSDL does). The newest `<version>-<kind>-types-<date>.json` of each kind in the
 * directory is used, and recorded.
 */
import { readFileSync } from 'node:fs';
import { shortName } from './csdl-model.js';
import { newestDatedFile } from './metadata-files.js';
import type { DatedFile } from './metadata-files.js';

export type MappingKind = 'entity' | 'complex' | 'enum';

export interface MappedType {
  kind: 'entity' | 'complex';
  /** Short name, as in CsdlModel (`microsoft.graph.` stripped). */
  name: string;
  properties: string[];
  navigationProperties: string[];
}

export interface TypeMappings {
  dir: string;
  /** The file used for each kind. */
  files: Record<MappingKind, DatedFile>;
  /** Entity and complex types by short name. */
  types: Map<string, MappedType>;
  /** Enum types by short name -> member names (as listed: the files sort them alphabetically). */
  enums: Map<string, string[]>;
}

const KINDS: MappingKind[] = ['entity', 'complex', 'enum'];

/** Reads the newest entity, complex and enum type mappings in `dir`. Throws naming the file and the fix. */
export function readTypeMappings(dir: string, version: 'beta' | 'v1.0' = 'beta'): TypeMappings {
  const files = {} as Record<MappingKind, DatedFile>;
  for (const kind of KINDS) {
    const found = newestDatedFile(dir, `${version}-${kind}-types-`, '.json');
    if (!found) {
      throw new Error(
        `No ${version}-${kind}-types-<YYYY-MM-DD>.json in ${dir}. Copy the type mappings from msgraph-metadata ` +
          '(schemas/type-mappings) there, or pass --metadata <dir> pointing at a directory that has them.',
      );
    }
    files[kind] = found;
  }
  const types = new Map<string, MappedType>();
  const enums = new Map<string, string[]>();
  for (const kind of KINDS) {
    const file = files[kind];
    for (const [ns, byName] of namespaces(file)) {
      for (const [typeName, value] of Object.entries(byName)) {
        const name = shortName(`${ns}.${typeName}`);
        const where = `${file.path}: ${JSON.stringify(ns)}.${JSON.stringify(typeName)}`;
        if (kind === 'enum') enums.set(name, stringList(value, where));
        else types.set(name, mappedType(kind, name, value, where));
      }
    }
  }
  return { dir, files, types, enums };
}

/** The file name the mappings took `typeName` from (entity/complex/enum), or null when they do not list it. */
export function mappingFileOf(mappings: TypeMappings, typeName: string): string | null {
  const t = mappings.types.get(typeName);
  if (t) return mappings.files[t.kind].fileName;
  return mappings.enums.has(typeName) ? mappings.files.enum.fileName : null;
}

function namespaces(file: DatedFile): [string, Record<string, unknown>][] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file.path, 'utf8'));
  } catch (e) {
    throw new Error(`${file.path}: not readable JSON (${(e as Error).message}). Replace it with a fresh copy of the type mappings.`);
  }
  if (!isRecord(data)) throw new Error(`${file.path}: expected an object of namespaces ({ "microsoft.graph": {...} }).`);
  return Object.entries(data).map(([ns, v]) => {
    if (!isRecord(v)) throw new Error(`${file.path}: ${JSON.stringify(ns)} should map type names to their members.`);
    return [ns, v];
  });
}

function mappedType(kind: 'entity' | 'complex', name: string, value: unknown, where: string): MappedType {
  if (!isRecord(value)) throw new Error(`${where}: expected { "properties": [...], "navigationProperties": [...] }.`);
  return {
    kind,
    name,
    properties: stringList(value.properties ?? [], `${where}.properties`),
    navigationProperties: stringList(value.navigationProperties ?? [], `${where}.navigationProperties`),
  };
}

function stringList(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new Error(`${where}: expected an array of names (strings).`);
  }
  return value as string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
