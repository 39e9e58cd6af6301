/**
 * Doc vs metadata: compares the doc-derived JSON Schemas (one per Graph type) with the Graph metadata, the CSDL
 * ($metadata, with types and nullability) and the newer type mappings (member names only), and reports every
 * difference as a DocFinding of kind `doc-vs-metadata`. Also reports how the two metadata revisions differ for the
 * documented types (`metadata-revision-change`).
 *
 * Rules: metadata-property-undocumented, doc-property-not-in-metadata, type-mismatch, nullability-mismatch,
 * enum-members-mismatch, abstract-type, metadata-revision-change, doc-type-not-in-metadata.
 * A property counts as "in the metadata" when either source lists it; types and nullability come from the CSDL.
 */
import type { DocFinding } from '../../contracts/model.js';
import type { CsdlModel } from './csdl-model.js';
import { parseTypeRef } from './csdl-model.js';
import { describeShape, isRecord, SchemaSet, shapeOf } from './doc-schema-shape.js';
import type { JsonSchemaObject } from './doc-schema-shape.js';
import { describeExpected, expectedShape, shapesAgree } from './edm-json-shape.js';
import { metadataEnumMembers, metadataMembers } from './metadata-members.js';
import type { MetadataMember } from './metadata-members.js';
import type { TypeMappings } from './type-mappings.js';
import { mappingFileOf } from './type-mappings.js';

export { csdlFacts } from './csdl-model.js';
export type { CsdlFacts } from './csdl-model.js';
export type { JsonSchemaObject } from './doc-schema-shape.js';

type Emit = (f: Omit<DocFinding, 'kind'>) => void;

interface Ctx {
  subject: string;
  csdl: CsdlModel | null;
  mappings: TypeMappings | null;
  /** File cited for findings from the CSDL / from the mappings. */
  csdlFile: string;
  mappingFile: string;
  emit: Emit;
}

export function checkAgainstMetadata(
  schemas: Map<string, JsonSchemaObject>,
  csdl: CsdlModel | null,
  mappings: TypeMappings | null,
): DocFinding[] {
  if (!csdl && !mappings) return [];
  const set = new SchemaSet(schemas);
  const findings: DocFinding[] = [];
  const emit: Emit = (f) => findings.push({ ...f, kind: 'doc-vs-metadata' });
  for (const [key, schema] of schemas) {
    const subject = typeof schema.title === 'string' ? schema.title : key;
    const mappingFile = (mappings && mappingFileOf(mappings, subject)) ?? mappings?.files.entity.fileName ?? '';
    const ctx: Ctx = { subject, csdl, mappings, csdlFile: csdl?.fileName ?? mappingFile, mappingFile, emit };
    checkType(ctx, schema, set);
  }
  return findings.sort(
    (a, b) => cmp(a.subject, b.subject) || cmp(a.rule, b.rule) || cmp(a.pointer ?? '', b.pointer ?? '') || cmp(a.message, b.message),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkType(ctx: Ctx, schema: JsonSchemaObject, set: SchemaSet): void {
  const { subject, csdl, mappings } = ctx;
  const csdlType = csdl?.types.get(subject) ?? null;
  const known = csdlType !== null || !!mappings?.types.has(subject) || !!mappings?.enums.has(subject);
  const isFamily = isFamilySchema(schema);
  const isEnum = Array.isArray(schema.enum);
  if (!known) {
    const files = mappings ? Object.values(mappings.files).map((f) => f.fileName) : [];
    const sources = [csdl?.fileName, ...files].filter(Boolean).join(', ');
    ctx.emit({
      rule: 'doc-type-not-in-metadata',
      subject,
      file: ctx.csdlFile,
      line: null,
      pointer: '',
      message: `The docs describe a type ${subject} that the metadata does not define (${sources}).`,
      expected: null,
      observed: subject,
    });
    return;
  }
  // A family schema may list the type itself (its `$defs`) among its members: then the type occurs as such.
  const selfMembers = isFamily ? set.ownFamilyMembers(schema) : [];
  if (csdlType?.abstract && (!isFamily || selfMembers.length > 0)) {
    ctx.emit({
      rule: 'abstract-type',
      subject,
      file: ctx.csdlFile,
      line: csdlType.line,
      pointer: '',
      message: `${subject} is abstract in the metadata (only its derived types occur), but the docs describe it as a concrete type.`,
      expected: 'abstract',
      observed: isEnum ? 'enum' : isFamily ? 'family schema admitting the type itself' : 'concrete object schema',
    });
  }
  if (csdlType && (csdlType.kind === 'enum') !== isEnum && !isFamily) {
    const metaKind = csdlType.kind === 'enum' ? 'an enum' : `a ${csdlType.kind} type`;
    ctx.emit({
      rule: 'type-mismatch',
      subject,
      file: ctx.csdlFile,
      line: csdlType.line,
      pointer: '',
      message: `${subject} is ${metaKind} in the metadata but the docs describe it as ${isEnum ? 'an enum' : 'an object'}.`,
      expected: `${csdlType.kind} type`,
      observed: isEnum ? 'enum' : 'object',
    });
    return;
  }
  if (isEnum) {
    checkEnum(ctx, schema.enum as unknown[]);
    return;
  }
  checkRevisions(ctx);
  if (isFamily && selfMembers.length === 0) return; // its members are checked one by one
  const docProps = new Map<string, JsonSchemaObject>();
  for (const part of isFamily ? selfMembers : [schema]) {
    for (const [name, sub] of set.propertiesOf(part, schema)) if (!docProps.has(name)) docProps.set(name, sub);
  }
  // Navigation properties from the Relationships table (schema-builder's $defs/navigation) are documented too.
  const navigation = isRecord(schema.$defs) && isRecord(schema.$defs.navigation) ? schema.$defs.navigation : null;
  for (const [name, sub] of navigation ? set.propertiesOf(navigation, schema) : []) if (!docProps.has(name)) docProps.set(name, sub);
  const members = metadataMembers(subject, csdl, mappings, set.basesOf(schema));
  for (const m of members.values()) {
    const doc = docProps.get(m.name);
    if (doc) checkProperty(ctx, m, doc);
    else undocumented(ctx, m);
  }
  for (const [name, doc] of docProps) {
    if (members.has(name)) continue;
    ctx.emit({
      rule: 'doc-property-not-in-metadata',
      subject,
      file: ctx.csdlFile,
      line: null,
      pointer: `/properties/${name}`,
      message: `The docs give ${subject} a property ${name} that the metadata does not list (${sourcesText(ctx)}).`,
      expected: null,
      observed: describeShape(shapeOf(doc)),
    });
  }
}

/** `oneOf`/`anyOf` of `$ref`s, with no properties of its own but Graph annotations (`@odata.type`). */
function isFamilySchema(schema: JsonSchemaObject): boolean {
  const members = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : null;
  if (!members || members.length === 0 || !members.every((m) => isRecord(m) && typeof m.$ref === 'string')) return false;
  const own = isRecord(schema.properties) ? Object.keys(schema.properties) : [];
  return own.every((name) => name.includes('@'));
}

function sourcesText(ctx: Ctx): string {
  return [ctx.csdl?.fileName, ctx.mappings ? ctx.mappingFile : null].filter(Boolean).join(', ');
}

function undocumented(ctx: Ctx, m: MetadataMember): void {
  const kind = m.inCsdl ?? m.inMappings ?? 'property';
  const where = [m.inCsdl ? ctx.csdl?.fileName : null, m.inMappings ? ctx.mappingFile : null].filter(Boolean) as string[];
  const inherited = m.csdl && m.csdl.declaredOn !== ctx.subject ? ` (inherited from ${m.csdl.declaredOn})` : '';
  const what = `${kind === 'navigationProperty' ? 'navigation property' : 'property'} ${m.name}${inherited}`;
  ctx.emit({
    rule: 'metadata-property-undocumented',
    subject: ctx.subject,
    file: m.inCsdl ? ctx.csdlFile : ctx.mappingFile,
    line: m.csdl?.line ?? null,
    pointer: `/properties/${m.name}`,
    message: `The metadata (${where.join(', ')}) lists ${what} of ${ctx.subject}, but the docs' schema has no such property.`,
    expected: { kind, type: m.csdl?.type ?? null, sources: where },
    observed: null,
  });
}

function checkProperty(ctx: Ctx, m: MetadataMember, doc: JsonSchemaObject): void {
  const { csdl } = ctx;
  if (!csdl || !m.csdl) return; // only the mappings list it: names, no types
  const pointer = `/properties/${m.name}`;
  const observed = shapeOf(doc);
  const expected = expectedShape(m.csdl.type, csdl);
  const base = { subject: ctx.subject, file: ctx.csdlFile, line: m.csdl.line, pointer };
  if (!shapesAgree(expected, observed, csdl)) {
    ctx.emit({
      ...base,
      rule: 'type-mismatch',
      message:
        `${ctx.subject}.${m.name} is ${m.csdl.type} in the metadata (JSON: ${describeExpected(expected)}), ` +
        `but the docs' schema says ${describeShape(observed)}.`,
      expected: m.csdl.type,
      observed: describeShape(observed),
    });
  } else {
    checkInlineEnum(ctx, m.name, m.csdl.type, observed.kind === 'array' ? observed.items?.enum : observed.enum);
  }
  if (m.inCsdl !== 'property') return; // nullability of navigation properties is not compared
  const collection = parseTypeRef(m.csdl.type, csdl.aliases).collection;
  const docNullable = collection ? observed.nullable || !!observed.items?.nullable : observed.nullable;
  // For a collection, CSDL Nullable speaks of its items; only a doc admitting null where Nullable=false is reported.
  if (collection ? docNullable && !m.csdl.nullable : docNullable !== m.csdl.nullable) {
    ctx.emit({
      ...base,
      rule: 'nullability-mismatch',
      message: m.csdl.nullable
        ? `${ctx.subject}.${m.name} is nullable in the metadata (no Nullable="false"), but the docs' schema does not admit null.`
        : `${ctx.subject}.${m.name} has Nullable="false" in the metadata, but the docs' schema admits null` +
          `${collection ? ' (in or as the collection)' : ''}.`,
      expected: { nullable: m.csdl.nullable },
      observed: { nullable: docNullable },
    });
  }
}

/** An enum-typed property documented as an inline string enum: compare its members with the enum type's. */
function checkInlineEnum(ctx: Ctx, prop: string, type: string, values: unknown[] | undefined): void {
  if (!values || !ctx.csdl) return;
  const enumName = parseTypeRef(type, ctx.csdl.aliases).name;
  const expected = metadataEnumMembers(enumName, ctx.csdl, ctx.mappings).all;
  const diff = memberDiff(expected, values);
  if (!diff) return;
  ctx.emit({
    rule: 'enum-members-mismatch',
    subject: ctx.subject,
    file: ctx.csdlFile,
    line: null,
    pointer: `/properties/${prop}/enum`,
    message: `${ctx.subject}.${prop} lists the members of ${enumName} inline and they differ from the metadata: ${diff}.`,
    expected,
    observed: values,
  });
}

function checkEnum(ctx: Ctx, values: unknown[]): void {
  const members = metadataEnumMembers(ctx.subject, ctx.csdl, ctx.mappings);
  const docValues = values.filter((v) => v !== null);
  const diff = memberDiff(members.all, docValues);
  if (diff) {
    const csdlType = ctx.csdl?.types.get(ctx.subject);
    ctx.emit({
      rule: 'enum-members-mismatch',
      subject: ctx.subject,
      file: members.csdl ? ctx.csdlFile : ctx.mappingFile,
      line: csdlType?.line ?? null,
      pointer: '/enum',
      message: `The members of enum ${ctx.subject} differ between the metadata (${sourcesText(ctx)}) and the docs: ${diff}.`,
      expected: members.all,
      observed: docValues,
    });
  }
  if (!members.csdl || !members.mappings) return;
  for (const name of members.all) {
    const inCsdl = members.csdl.includes(name);
    if (inCsdl === members.mappings.includes(name)) continue;
    revision(ctx, `/enum/${name}`, `member ${name}`, inCsdl ? 'absent' : 'member', inCsdl ? 'member' : 'absent');
  }
}

/** Properties added to or removed from the type between the CSDL and the (newer) type mappings. */
function checkRevisions(ctx: Ctx): void {
  const { csdl, mappings, subject } = ctx;
  if (!csdl?.types.has(subject) || !mappings?.types.has(subject)) return;
  for (const m of metadataMembers(subject, csdl, mappings).values()) {
    if (m.inCsdl === m.inMappings) continue;
    const kindText = (k: string | null): string => (k === 'navigationProperty' ? 'navigation property' : 'property');
    const what = m.inCsdl && m.inMappings ? `member ${m.name}` : `${kindText(m.inMappings ?? m.inCsdl)} ${m.name}`;
    revision(ctx, `/properties/${m.name}`, what, m.inMappings ?? 'absent', m.inCsdl ?? 'absent');
  }
}

function revision(ctx: Ctx, pointer: string, what: string, newer: string, older: string): void {
  const older_ = ctx.csdl?.fileName ?? '';
  const change = older === 'absent' ? 'added' : newer === 'absent' ? 'removed' : `changed from ${older} to ${newer}`;
  ctx.emit({
    rule: 'metadata-revision-change',
    subject: ctx.subject,
    file: ctx.mappingFile,
    line: null,
    pointer,
    message: `${ctx.subject}: ${what} ${change} between ${older_} and ${ctx.mappingFile}.`,
    expected: newer,
    observed: older,
  });
}

/** `missing from the docs: a, b; not in the metadata: c`, or null when the sets agree. */
function memberDiff(expected: string[], observed: unknown[]): string | null {
  const missing = expected.filter((m) => !observed.includes(m));
  const extra = observed.filter((v) => !expected.includes(v as string)).map((v) => String(v));
  const parts = [
    missing.length ? `missing from the docs: ${missing.join(', ')}` : '',
    extra.length ? `not in the metadata: ${extra.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : null;
}
