// EPCIS 2.0 XML binding, reading direction: an `EPCISDocument` in XML as the JSON-LD document the
// capture path takes, so that XML capture is JSON-LD capture after one pure conversion. The field
// tables are the writer's (xml.ts): what one direction writes the other reads. Checking the XML
// against GS1's XSD is the caller's (it needs a validator); this reads what that check let through.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  CBV_URN_PREFIXES,
  EPCIS_XML_NAMESPACE,
  EVENT_FIELDS,
  type FieldKind,
  GS1_VOC_PREFIX,
  XmlBindingError,
} from './xml.ts';

const EPCIS_CONTEXT_URL = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
/** Namespaces of the binding itself, never extension prefixes of the JSON-LD context. */
const BINDING_NAMESPACES = new Set([
  EPCIS_XML_NAMESPACE,
  'urn:epcglobal:epcis-query:xsd:2',
  'urn:epcglobal:xsd:1',
  XSI_NAMESPACE,
  'http://www.w3.org/2001/XMLSchema',
  'http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader',
]);
const NUMERIC_SENSOR_ATTRIBUTES = new Set([
  'value',
  'minValue',
  'maxValue',
  'sDev',
  'meanValue',
  'percRank',
  'percValue',
]);

type Json = Record<string, unknown>;
/** fast-xml-parser's ordered form: `{ tag: children, ':@': attributes }` or `{ '#text': text }`. */
type XmlNode = Record<string, unknown>;

interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
});

function toElement(node: XmlNode): Element | undefined {
  const name = Object.keys(node).find((key) => key !== ':@' && key !== '#text');
  if (name === undefined) return undefined;
  const children: Element[] = [];
  let text = '';
  for (const child of (node[name] as XmlNode[]) ?? []) {
    if ('#text' in child) text += String(child['#text']);
    else {
      const element = toElement(child);
      if (element) children.push(element);
    }
  }
  return { name, attributes: (node[':@'] as Record<string, string>) ?? {}, children, text };
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);
const fromCbvUrn = (prefix: string, value: string) =>
  value.startsWith(prefix) ? value.slice(prefix.length) : value;

/** Reads elements with the namespace declarations in scope, collecting the prefixes extensions use. */
class DocumentReader {
  /** prefix → namespace of every extension prefix used, as the JSON-LD context will declare it. */
  readonly used = new Map<string, string>();

  namespaces(scope: Record<string, string>, element: Element): Record<string, string> {
    const declared = Object.entries(element.attributes).filter(([name]) => name.startsWith('xmlns:'));
    if (declared.length === 0) return scope;
    return { ...scope, ...Object.fromEntries(declared.map(([name, uri]) => [name.slice(6), uri])) };
  }

  /** The JSON key of a prefixed extension name, its prefix recorded for the context. */
  private extensionKey(name: string, scope: Record<string, string>, pointer: string): string {
    const colon = name.indexOf(':');
    if (colon < 0) return name;
    const prefix = name.slice(0, colon);
    const uri = scope[prefix];
    if (uri === undefined) throw new XmlBindingError(pointer, `the prefix "${prefix}" is not declared`);
    const earlier = this.used.get(prefix);
    if (earlier !== undefined && earlier !== uri)
      throw new XmlBindingError(pointer, `the prefix "${prefix}" stands for two namespaces in one document`);
    this.used.set(prefix, uri);
    return name;
  }

  event(element: Element, scope: Record<string, string>, pointer: string): Json {
    const inScope = this.namespaces(scope, element);
    const fields = EVENT_FIELDS[element.name];
    if (!fields) throw new XmlBindingError(pointer, `<${element.name}> is not an EPCIS 2.0 event`);
    const kinds = new Map<string, FieldKind>([
      ['eventTime', 'text'],
      ['recordTime', 'text'],
      ['eventTimeZoneOffset', 'text'],
      ['eventID', 'text'],
      ['errorDeclaration', 'errorDeclaration'],
      ['certificationInfo', 'text'],
      ...fields,
    ]);
    const event: Json = { type: element.name };
    // EPCIS 1.x-style `<extension>`/`<baseExtension>` wrappers hold standard fields too: read through them.
    const flatten = (children: Element[]): Element[] =>
      children.flatMap((c) =>
        c.name === 'extension' || c.name === 'baseExtension' ? flatten(c.children) : [c],
      );
    for (const child of flatten(element.children)) {
      const at = `${pointer}/${child.name}`;
      const kind = kinds.get(child.name);
      if (kind !== undefined) event[child.name] = this.field(child, kind, inScope, at);
      else this.addExtension(event, child, inScope, at);
    }
    return event;
  }

  private addExtension(target: Json, element: Element, scope: Record<string, string>, pointer: string) {
    const inScope = this.namespaces(scope, element);
    const key = this.extensionKey(element.name, inScope, pointer);
    const value = this.extensionValue(element, inScope, pointer);
    const earlier = target[key];
    // A repeated element is an array (the writer repeats an array's element).
    if (earlier === undefined) target[key] = value;
    else target[key] = Array.isArray(earlier) ? [...earlier, value] : [earlier, value];
  }

  /** `EPCISHeader/extension/EPCISMasterData` as the JSON-LD `epcisHeader` (the writer's `header`). */
  header(element: Element, scope: Record<string, string>): Json | undefined {
    // Each element on the way down may declare namespaces its descendants use (XML Namespaces §6.1).
    const child = (parent: { element: Element; scope: Record<string, string> } | undefined, name: string) => {
      const found = parent?.element.children.find((c) => c.name === name);
      return found && { element: found, scope: this.namespaces(parent!.scope, found) };
    };
    const children = (
      parent: { element: Element; scope: Record<string, string> } | undefined,
      name: string,
    ) =>
      (parent?.element.children.filter((c) => c.name === name) ?? []).map((found) => ({
        element: found,
        scope: this.namespaces(parent!.scope, found),
      }));
    const top = { element, scope: this.namespaces(scope, element) };
    const list = child(child(child(top, 'extension'), 'EPCISMasterData'), 'VocabularyList');
    if (!list) return undefined;
    const vocabularyList = children(list, 'Vocabulary').map((vocabulary, i) => {
      const at = `/epcisHeader/epcisMasterData/vocabularyList/${i}/vocabularyElementList`;
      const elements = children(child(vocabulary, 'VocabularyElementList'), 'VocabularyElement').map(
        (e, j) => {
          const attributes = children(e, 'attribute').map((a, k) => ({
            id: a.element.attributes.id,
            // Text, elements of their namespaces, or xsi:nil (null), as the writer writes them.
            attribute: this.extensionValue(a.element, a.scope, `${at}/${j}/attributes/${k}/attribute`),
          }));
          const ids = child(e, 'children');
          return {
            id: e.element.attributes.id,
            ...(attributes.length > 0 ? { attributes } : {}),
            ...(ids ? { children: children(ids, 'id').map((c) => c.element.text) } : {}),
          };
        },
      );
      return {
        type: vocabulary.element.attributes.type,
        ...(elements.length > 0 ? { vocabularyElementList: elements } : {}),
      };
    });
    return { epcisMasterData: { vocabularyList } };
  }

  private extensionValue(element: Element, scope: Record<string, string>, pointer: string): unknown {
    if (element.children.length > 0) {
      const object: Json = {};
      for (const child of element.children)
        this.addExtension(object, child, scope, `${pointer}/${child.name}`);
      return object;
    }
    const xsi = (attribute: string) =>
      Object.entries(element.attributes).find(
        ([name]) =>
          name.endsWith(`:${attribute}`) && scope[name.slice(0, name.indexOf(':'))] === XSI_NAMESPACE,
      )?.[1];
    const nil = xsi('nil');
    if ((nil === 'true' || nil === '1') && element.text === '') return null;
    const xsiType = xsi('type');
    const type = xsiType === undefined ? undefined : localName(xsiType);
    if (type === 'boolean') return element.text === 'true' || element.text === '1';
    if (
      type !== undefined &&
      /^(integer|int|long|short|decimal|double|float|nonNegativeInteger|positiveInteger)$/.test(type)
    ) {
      const n = Number(element.text);
      if (!Number.isFinite(n)) throw new XmlBindingError(pointer, `"${element.text}" is not a ${type}`);
      return n;
    }
    return element.text;
  }

  private extensions(
    target: Json,
    element: Element,
    standard: string[],
    scope: Record<string, string>,
    pointer: string,
  ) {
    for (const child of element.children) {
      if (!standard.includes(child.name)) this.addExtension(target, child, scope, `${pointer}/${child.name}`);
    }
  }

  private field(element: Element, kind: FieldKind, scope: Record<string, string>, pointer: string): unknown {
    const inScope = this.namespaces(scope, element);
    const childrenNamed = (name: string) => element.children.filter((c) => c.name === name);
    switch (kind) {
      case 'text':
        return element.text;
      case 'bizStep':
      case 'disposition':
        return fromCbvUrn(CBV_URN_PREFIXES[kind], element.text);
      case 'epcList':
        return childrenNamed('epc').map((c) => c.text);
      case 'quantityList':
        return childrenNamed('quantityElement').map((q, i) => {
          const part = (name: string) => q.children.find((c) => c.name === name);
          const quantity = part('quantity');
          const uom = part('uom');
          const n = quantity === undefined ? undefined : Number(quantity.text);
          if (n !== undefined && !Number.isFinite(n))
            throw new XmlBindingError(`${pointer}/${i}/quantity`, `"${quantity!.text}" is not a decimal`);
          return {
            epcClass: part('epcClass')?.text,
            ...(n !== undefined ? { quantity: n } : {}),
            ...(uom !== undefined ? { uom: uom.text } : {}),
          };
        });
      case 'location': {
        const location: Json = { id: element.children.find((c) => c.name === 'id')?.text };
        this.extensions(location, element, ['id'], inScope, pointer);
        return location;
      }
      case 'bizTransactionList':
        return this.typedList(element, 'bizTransaction', CBV_URN_PREFIXES.bizTransactionType);
      case 'sourceList':
        return this.typedList(element, 'source', CBV_URN_PREFIXES.sourceDestType);
      case 'destinationList':
        return this.typedList(element, 'destination', CBV_URN_PREFIXES.sourceDestType);
      case 'persistentDisposition': {
        const persistent: Json = {};
        for (const key of ['set', 'unset']) {
          const values = childrenNamed(key).map((c) => fromCbvUrn(CBV_URN_PREFIXES.disposition, c.text));
          if (values.length > 0) persistent[key] = values;
        }
        return persistent;
      }
      case 'ilmd': {
        const ilmd: Json = {};
        this.extensions(ilmd, element, [], inScope, pointer);
        return ilmd;
      }
      case 'errorDeclaration': {
        const declaration: Json = {};
        for (const child of element.children) {
          if (child.name === 'declarationTime') declaration.declarationTime = child.text;
          else if (child.name === 'reason')
            declaration.reason = fromCbvUrn(CBV_URN_PREFIXES.errorReason, child.text);
          else if (child.name === 'correctiveEventIDs')
            declaration.correctiveEventIDs = child.children.map((c) => c.text);
          else this.addExtension(declaration, child, inScope, `${pointer}/${child.name}`);
        }
        return declaration;
      }
      case 'sensorElementList':
        return childrenNamed('sensorElement').map((sensor, i) => {
          const at = `${pointer}/${i}`;
          const out: Json = {};
          const metadata = sensor.children.find((c) => c.name === 'sensorMetadata');
          if (metadata) out.sensorMetadata = this.sensorAttributes(metadata, inScope, `${at}/sensorMetadata`);
          out.sensorReport = sensor.children
            .filter((c) => c.name === 'sensorReport')
            .map((r, j) => this.sensorAttributes(r, inScope, `${at}/sensorReport/${j}`));
          this.extensions(out, sensor, ['sensorMetadata', 'sensorReport'], inScope, at);
          return out;
        });
    }
  }

  private typedList(element: Element, item: string, typePrefix: string): Json[] {
    return element.children
      .filter((c) => c.name === item)
      .map((c) => ({
        ...(c.attributes.type !== undefined ? { type: fromCbvUrn(typePrefix, c.attributes.type) } : {}),
        [item]: c.text,
      }));
  }

  private sensorAttributes(element: Element, scope: Record<string, string>, pointer: string): Json {
    const out: Json = {};
    for (const [name, value] of Object.entries(element.attributes)) {
      if (name.startsWith('xmlns')) continue;
      const key = this.extensionKey(name, scope, `${pointer}/${name}`);
      if (NUMERIC_SENSOR_ATTRIBUTES.has(name)) {
        const n = Number(value);
        if (!Number.isFinite(n))
          throw new XmlBindingError(`${pointer}/${name}`, `"${value}" is not a number`);
        out[key] = n;
      } else if (name === 'booleanValue') out[key] = value === 'true' || value === '1';
      // GS1 Web Vocabulary terms are `gs1:` terms in XML and bare words in JSON-LD.
      else if (name === 'type' || name === 'exception') out[key] = fromCbvUrn(GS1_VOC_PREFIX, value);
      else out[key] = value;
    }
    return out;
  }
}

/**
 * An EPCIS 2.0 XML `EPCISDocument` as the JSON-LD EPCISDocument it says, events in document order. The
 * extension prefixes its events use become the JSON-LD context's prefix declarations. Throws
 * XmlBindingError naming what is wrong (a JSON pointer into the document read, or `/` with the line of
 * malformed XML).
 */
export function epcisXmlToDocument(xml: string): Json {
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true)
    throw new XmlBindingError('/', `malformed XML at line ${wellFormed.err.line}: ${wellFormed.err.msg}`);
  const root = (parser.parse(xml) as XmlNode[]).map(toElement).find((e) => e !== undefined);
  if (!root) throw new XmlBindingError('/', 'the XML has no root element');
  const reader = new DocumentReader();
  const scope = Object.fromEntries(
    Object.entries(root.attributes)
      .filter(([name]) => name.startsWith('xmlns:'))
      .map(([name, uri]) => [name.slice(6), uri]),
  );
  const rootPrefix = root.name.includes(':') ? root.name.slice(0, root.name.indexOf(':')) : undefined;
  if (
    localName(root.name) !== 'EPCISDocument' ||
    rootPrefix === undefined ||
    scope[rootPrefix] !== EPCIS_XML_NAMESPACE
  )
    throw new XmlBindingError('/', `the root element must be EPCISDocument in ${EPCIS_XML_NAMESPACE}`);
  const headerElement = root.children.find((c) => c.name === 'EPCISHeader');
  const header = headerElement ? reader.header(headerElement, scope) : undefined;
  // Declarations on EPCISBody, EventList or an `<extension>` wrapper are in scope for the events below.
  const body = root.children.find((c) => c.name === 'EPCISBody');
  const bodyScope = body ? reader.namespaces(scope, body) : scope;
  const eventList = body?.children.find((c) => c.name === 'EventList');
  const listScope = eventList ? reader.namespaces(bodyScope, eventList) : bodyScope;
  const events = (eventList?.children ?? [])
    .flatMap((c) => {
      const inScope = reader.namespaces(listScope, c);
      return c.name === 'extension'
        ? c.children.map((element) => ({ element, scope: inScope }))
        : [{ element: c, scope: listScope }];
    })
    .map(({ element, scope }, i) => reader.event(element, scope, `/epcisBody/eventList/${i}`));
  const prefixes = Object.fromEntries([...reader.used].filter(([, uri]) => !BINDING_NAMESPACES.has(uri)));
  return {
    '@context': Object.keys(prefixes).length > 0 ? [EPCIS_CONTEXT_URL, prefixes] : [EPCIS_CONTEXT_URL],
    type: 'EPCISDocument',
    schemaVersion: root.attributes.schemaVersion ?? '2.0',
    creationDate: root.attributes.creationDate,
    ...(header ? { epcisHeader: header } : {}),
    epcisBody: { eventList: events },
  };
}
