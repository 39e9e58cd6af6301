/**
 * Streaming reader of an OData CSDL ($metadata) XML file. The file is read in chunks through the incremental
 * tokenizer (xml-tokenizer.ts) and never held whole: current Graph metadata is tens of MB. With a `wanted` set the
 * file is read twice: a first pass indexes every type's name, base type and property types (small), the closure of
 * what to keep is computed, and a second pass keeps the full definitions and annotations of those types only.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CsdlModel, CsdlReadStats } from './csdl-model.js';
import { shortName } from './csdl-model.js';
import { keptTypes } from './csdl-closure.js';
import type { TypeIndexEntry } from './csdl-closure.js';
import { CsdlCollector } from './csdl-collector.js';
import { XmlSyntaxError, XmlTokenizer } from './xml-tokenizer.js';
import type { XmlToken } from './xml-tokenizer.js';

export * from './csdl-model.js';

export interface ReadCsdlOptions {
  /** Bytes per chunk read from the file (tests use tiny values to probe chunk boundaries). Default 64 KiB. */
  highWaterMark?: number;
  /** Also keep types derived (directly or not) from a wanted type. Default true. */
  derived?: boolean;
  /** Also keep the types of the structural properties of kept types (complex and enum types). Default false. */
  propertyTypes?: boolean;
}

/** A CSDL file that cannot be read, with where and how to fix it. */
export class CsdlReadError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line: number | null = null,
    readonly column: number | null = null,
  ) {
    super(message);
    this.name = 'CsdlReadError';
  }
}

const HOW_TO_PROVIDE =
  'The Graph $metadata is expected at ../shared/graph-metadata/beta_metadata-<date>.xml beside the checkout ' +
  '(set GRAPH_ESIM_SHARED to point elsewhere), or pass --metadata <file>.';

/**
 * Reads the CSDL at `path`. `wanted` (type names, short or qualified) limits the types kept to those, the types derived from them
 * (options.derived), their base types, and optionally the types of their properties; without it every type is kept.
 * Annotations are kept for targets in kept types only.
 */
export async function readCsdl(path: string, wanted?: Set<string>, options: ReadCsdlOptions = {}): Promise<CsdlModel> {
  await assertReadableFile(path);
  const stats: CsdlReadStats = { maxBufferedChars: 0, passes: 0, chars: 0, chunks: 0 };
  let keep: ((name: string) => boolean) | null = null;
  let missing: string[] = [];
  if (wanted) {
    const index = new Map<string, TypeIndexEntry>();
    const indexer = new CsdlCollector({ index });
    await scan(path, options.highWaterMark, (t) => indexer.token(t), stats);
    const names = new Set([...wanted].map((w) => shortName(w)));
    const closure = keptTypes(index, names, { derived: options.derived ?? true, propertyTypes: options.propertyTypes ?? false });
    missing = closure.missing;
    keep = (name) => closure.kept.has(name);
  }
  const collector = new CsdlCollector({ keep });
  await scan(path, options.highWaterMark, (t) => collector.token(t), stats);
  return {
    file: path,
    fileName: basename(path),
    types: sortedMap(collector.types),
    annotations: sortedMap(collector.annotations),
    aliases: collector.aliases,
    missing,
    stats,
  };
}

function sortedMap<V>(m: Map<string, V>): Map<string, V> {
  return new Map([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function assertReadableFile(path: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'not found' : `not readable (${code ?? String(e)})`;
    throw new CsdlReadError(`CSDL metadata file ${what}: ${path}. ${HOW_TO_PROVIDE}`, path);
  }
  if (!info.isFile()) throw new CsdlReadError(`CSDL metadata path is not a file: ${path}. ${HOW_TO_PROVIDE}`, path);
}

async function scan(path: string, highWaterMark: number | undefined, onToken: (t: XmlToken) => void, stats: CsdlReadStats): Promise<void> {
  const tokenizer = new XmlTokenizer(onToken);
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: highWaterMark ?? 64 * 1024 });
  try {
    for await (const chunk of stream) tokenizer.push(chunk as string);
    tokenizer.end();
  } catch (e) {
    if (e instanceof XmlSyntaxError) {
      throw new CsdlReadError(
        `${path}:${e.pos.line}:${e.pos.column}: not a readable CSDL XML file: ${e.reason} ` +
          `(line ${e.pos.line}, column ${e.pos.column}, character offset ${e.pos.offset}). ` +
          `Replace it with a complete copy of the Graph $metadata. ${HOW_TO_PROVIDE}`,
        path,
        e.pos.line,
        e.pos.column,
      );
    }
    if (e instanceof CsdlReadError) throw e;
    throw new CsdlReadError(`${path}: reading failed: ${(e as Error).message}. ${HOW_TO_PROVIDE}`, path);
  } finally {
    stream.destroy();
  }
  stats.passes += 1;
  stats.maxBufferedChars = Math.max(stats.maxBufferedChars, tokenizer.stats.maxBufferedChars);
  stats.chars = tokenizer.stats.chars;
  stats.chunks = tokenizer.stats.chunks;
}
