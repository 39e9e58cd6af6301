/**
 * Turns the XML tokens of a CSDL document into CsdlModel parts as they stream by. Two modes: `index` records, for
 * every type, its base type and property types (the small first pass); otherwise full definitions and annotations are
 * kept for the types `keep` accepts (all when it is null).
 */
import type { CsdlAnnotation, CsdlType, CsdlTypeKind } from './csdl-model.js';
import { parseTypeRef, shortName } from './csdl-model.js';
import type { TypeIndexEntry } from './csdl-closure.js';
import { XmlSyntaxError } from './xml-tokenizer.js';
import type { XmlToken } from './xml-tokenizer.js';

const TYPE_ELEMENTS: Record<string, CsdlTypeKind> = { EntityType: 'entity', ComplexType: 'complex', EnumType: 'enum' };

const TERMS: Record<string, keyof CsdlAnnotation> = {
  'Org.OData.Core.V1.Description': 'description',
  'Org.OData.Core.V1.LongDescription': 'longDescription',
  'Org.OData.Validation.V1.Pattern': 'pattern',
  'Org.OData.Core.V1.Computed': 'computed',
};

interface Frame {
  el: string;
  /** Annotation target this element stands for (a kept type, `type/property`, or an Annotations Target). */
  target?: string;
  /** For an Annotation element with a kept term and no String attribute: collects the text of its <String> child. */
  capture?: { target: string; term: keyof CsdlAnnotation; text: string };
}

export class CsdlCollector {
  readonly types = new Map<string, CsdlType>();
  readonly annotations = new Map<string, CsdlAnnotation>();
  readonly aliases: Record<string, string> = {};
  private readonly frames: Frame[] = [];
  private namespace: string | null = null;
  private current: CsdlType | null = null;
  private rootSeen = false;

  constructor(private readonly mode: { index: Map<string, TypeIndexEntry> } | { keep: ((name: string) => boolean) | null }) {}

  token(t: XmlToken): void {
    if (t.kind === 'text') {
      const top = this.frames[this.frames.length - 1];
      if (top?.el === 'String') {
        const capture = this.frames[this.frames.length - 2]?.capture;
        if (capture) capture.text += t.text;
      }
      return;
    }
    if (t.kind === 'end') {
      this.close();
      return;
    }
    if (!this.rootSeen) {
      this.rootSeen = true;
      if (local(t.name) !== 'Edmx') {
        throw new XmlSyntaxError(`root element <${t.name}> is not edmx:Edmx, so this is not an OData CSDL document`, t.pos);
      }
    }
    const frame = this.open(t.name, t.attrs, t.pos.line);
    if (t.selfClosing) {
      this.frames.push(frame);
      this.close();
    } else {
      this.frames.push(frame);
    }
  }

  private parent(): Frame | undefined {
    return this.frames[this.frames.length - 1];
  }

  private open(name: string, attrs: Record<string, string>, line: number): Frame {
    const el = local(name);
    const parent = this.parent();
    if (el === 'Include' && attrs.Alias && attrs.Namespace) this.aliases[attrs.Alias] = attrs.Namespace;
    if (el === 'Schema') {
      this.namespace = attrs.Namespace ?? null;
      if (attrs.Alias && attrs.Namespace) this.aliases[attrs.Alias] = attrs.Namespace;
      return { el };
    }
    const kind = TYPE_ELEMENTS[el];
    if (kind && parent?.el === 'Schema' && attrs.Name) return this.openType(el, kind, attrs, line);
    const type = this.current;
    if (type && parent?.target === type.name && attrs.Name) {
      if (el === 'Property' || el === 'NavigationProperty') {
        const nullable = attrs.Nullable !== 'false';
        const t = attrs.Type ?? '';
        if (el === 'Property') type.properties.push({ name: attrs.Name, type: t, nullable, line });
        else {
          const containsTarget = attrs.ContainsTarget === 'true';
          type.navigationProperties.push({ name: attrs.Name, type: t, containsTarget, nullable, line });
        }
        return { el, target: `${type.name}/${attrs.Name}` };
      }
      if (el === 'Member') {
        const v = attrs.Value === undefined ? null : Number(attrs.Value);
        type.members.push({ name: attrs.Name, value: v === null || Number.isNaN(v) ? null : v });
        return { el };
      }
    }
    if (el === 'Annotations' && attrs.Target && !('index' in this.mode)) {
      const target = this.shortTarget(attrs.Target);
      return target && this.keeps(target.split('/')[0] ?? '') ? { el, target } : { el };
    }
    if (el === 'Annotation' && parent?.target !== undefined && attrs.Term && !('index' in this.mode)) {
      const term = TERMS[this.qualifiedTerm(attrs.Term)];
      if (term === undefined) return { el };
      if (term === 'computed') {
        if (attrs.Bool !== 'false') this.annotate(parent.target, term, true);
      } else if (attrs.String !== undefined) {
        this.annotate(parent.target, term, attrs.String);
      } else {
        return { el, capture: { target: parent.target, term, text: '' } };
      }
      return { el };
    }
    return { el };
  }

  private openType(el: string, kind: CsdlTypeKind, attrs: Record<string, string>, line: number): Frame {
    const qualifiedName = this.namespace ? `${this.namespace}.${attrs.Name ?? ''}` : (attrs.Name ?? '');
    const name = shortName(qualifiedName, this.aliases);
    const baseType = attrs.BaseType ? shortName(attrs.BaseType, this.aliases) : null;
    if ('index' in this.mode) {
      this.current = { kind, name, qualifiedName, baseType, abstract: false, properties: [], navigationProperties: [], members: [], line };
      return { el, target: name };
    }
    if (!this.keeps(name)) return { el };
    const abstract = attrs.Abstract === 'true';
    this.current = { kind, name, qualifiedName, baseType, abstract, properties: [], navigationProperties: [], members: [], line };
    return { el, target: name };
  }

  private close(): void {
    const frame = this.frames.pop();
    if (!frame) return;
    const capture = frame.capture;
    if (capture && capture.text.trim()) this.annotate(capture.target, capture.term, capture.text.trim());
    if (TYPE_ELEMENTS[frame.el] && this.current && frame.target === this.current.name) {
      const t = this.current;
      this.current = null;
      if ('index' in this.mode) {
        const propertyTypes = t.properties
          .map((p) => parseTypeRef(p.type, this.aliases))
          .filter((r) => !r.edm)
          .map((r) => r.name);
        this.mode.index.set(t.name, { baseType: t.baseType, propertyTypes: [...new Set(propertyTypes)] });
      } else {
        this.types.set(t.name, t);
      }
    }
    if (frame.el === 'Schema') this.namespace = null;
  }

  private keeps(name: string): boolean {
    return 'keep' in this.mode && (this.mode.keep === null || this.mode.keep(name));
  }

  /** `microsoft.graph.x/p` -> `x/p`; null for targets that are not a type or a type's member (functions, sets). */
  private shortTarget(target: string): string | null {
    const slash = target.indexOf('/');
    const head = slash === -1 ? target : target.slice(0, slash);
    if (head.includes('(')) return null;
    return shortName(head, this.aliases) + (slash === -1 ? '' : target.slice(slash));
  }

  private qualifiedTerm(term: string): string {
    const dot = term.lastIndexOf('.');
    const ns = dot > 0 ? this.aliases[term.slice(0, dot)] : undefined;
    return ns === undefined ? term : `${ns}${term.slice(dot)}`;
  }

  private annotate(target: string, term: keyof CsdlAnnotation, value: string | boolean): void {
    const a = this.annotations.get(target) ?? { description: null, longDescription: null, pattern: null, computed: false };
    if (term === 'computed') a.computed = value === true;
    else a[term] = String(value);
    this.annotations.set(target, a);
  }
}

function local(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}
