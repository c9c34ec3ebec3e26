// EPCIS 2.0 XML binding (EPCIS 2.0 §9.5 and GS1's XSD, schemas/vendor/gs1/epcis-2.0/xsd): writing the
// JSON-LD documents the service reads and serves as `EPCISDocument` / `EPCISQueryDocument` XML. One
// table per event type lists its fields in the XSD's sequence order, because the XML binding is ordered
// where JSON is not. Pure: no I/O.

export const EPCIS_XML_NAMESPACE = 'urn:epcglobal:epcis:xsd:2';
export const EPCIS_QUERY_XML_NAMESPACE = 'urn:epcglobal:epcis-query:xsd:2';
const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
const XSD_NAMESPACE = 'http://www.w3.org/2001/XMLSchema';

/** A JSON-LD document or event the binding cannot express, naming the field (a JSON pointer). */
export class XmlBindingError extends Error {
  constructor(
    readonly pointer: string,
    detail: string,
  ) {
    super(`${pointer}: ${detail}`);
    this.name = 'XmlBindingError';
  }
}

type Json = Record<string, unknown>;

/**
 * How a field is written. Vocabulary fields are CBV bare words in JSON-LD and CBV URNs in XML
 * (CBV 2.0 §8: `shipping` ≡ `urn:epcglobal:cbv:bizstep:shipping`); URIs of other namespaces stay as given.
 */
export type FieldKind =
  | 'text'
  | 'bizStep'
  | 'disposition'
  | 'epcList'
  | 'quantityList'
  | 'location'
  | 'bizTransactionList'
  | 'sourceList'
  | 'destinationList'
  | 'sensorElementList'
  | 'persistentDisposition'
  | 'ilmd'
  | 'errorDeclaration';

/** The fields every event type starts with (EPCISEventType). */
const EVENT_HEAD: readonly (readonly [string, FieldKind])[] = [
  ['eventTime', 'text'],
  ['recordTime', 'text'],
  ['eventTimeZoneOffset', 'text'],
  ['eventID', 'text'],
  ['errorDeclaration', 'errorDeclaration'],
  ['certificationInfo', 'text'],
];

const WHAT_WHERE_WHY: readonly (readonly [string, FieldKind])[] = [
  ['bizStep', 'bizStep'],
  ['disposition', 'disposition'],
  ['readPoint', 'location'],
  ['bizLocation', 'location'],
];

/** Each event type's own fields after the head, in the XSD's order; extension fields follow them. */
export const EVENT_FIELDS: Readonly<Record<string, readonly (readonly [string, FieldKind])[]>> = {
  ObjectEvent: [
    ['epcList', 'epcList'],
    ['action', 'text'],
    ...WHAT_WHERE_WHY,
    ['bizTransactionList', 'bizTransactionList'],
    ['quantityList', 'quantityList'],
    ['sourceList', 'sourceList'],
    ['destinationList', 'destinationList'],
    ['sensorElementList', 'sensorElementList'],
    ['persistentDisposition', 'persistentDisposition'],
    ['ilmd', 'ilmd'],
  ],
  AggregationEvent: [
    ['parentID', 'text'],
    ['childEPCs', 'epcList'],
    ['action', 'text'],
    ...WHAT_WHERE_WHY,
    ['bizTransactionList', 'bizTransactionList'],
    ['childQuantityList', 'quantityList'],
    ['sourceList', 'sourceList'],
    ['destinationList', 'destinationList'],
    ['sensorElementList', 'sensorElementList'],
    ['persistentDisposition', 'persistentDisposition'],
  ],
  TransactionEvent: [
    ['bizTransactionList', 'bizTransactionList'],
    ['parentID', 'text'],
    ['epcList', 'epcList'],
    ['action', 'text'],
    ...WHAT_WHERE_WHY,
    ['quantityList', 'quantityList'],
    ['sourceList', 'sourceList'],
    ['destinationList', 'destinationList'],
    ['sensorElementList', 'sensorElementList'],
    ['persistentDisposition', 'persistentDisposition'],
  ],
  TransformationEvent: [
    ['inputEPCList', 'epcList'],
    ['inputQuantityList', 'quantityList'],
    ['outputEPCList', 'epcList'],
    ['outputQuantityList', 'quantityList'],
    ['transformationID', 'text'],
    ...WHAT_WHERE_WHY,
    ['bizTransactionList', 'bizTransactionList'],
    ['sourceList', 'sourceList'],
    ['destinationList', 'destinationList'],
    ['sensorElementList', 'sensorElementList'],
    ['persistentDisposition', 'persistentDisposition'],
    ['ilmd', 'ilmd'],
  ],
  AssociationEvent: [
    ['parentID', 'text'],
    ['childEPCs', 'epcList'],
    ['childQuantityList', 'quantityList'],
    ['action', 'text'],
    ...WHAT_WHERE_WHY,
    ['bizTransactionList', 'bizTransactionList'],
    ['sourceList', 'sourceList'],
    ['destinationList', 'destinationList'],
    ['sensorElementList', 'sensorElementList'],
    ['persistentDisposition', 'persistentDisposition'],
  ],
};

/** CBV 2.0 URN prefixes of the vocabularies whose JSON-LD form is a bare word. */
export const CBV_URN_PREFIXES = {
  bizStep: 'urn:epcglobal:cbv:bizstep:',
  disposition: 'urn:epcglobal:cbv:disp:',
  bizTransactionType: 'urn:epcglobal:cbv:btt:',
  sourceDestType: 'urn:epcglobal:cbv:sdt:',
  errorReason: 'urn:epcglobal:cbv:er:',
} as const;
/** Sensor measurement and alert types: bare words of the GS1 Web Vocabulary, `gs1:` terms in XML. */
export const GS1_VOC_PREFIX = 'gs1:';

/**
 * Prefixes GS1's EPCIS JSON-LD context defines, for extension fields that use them undeclared; `cbvmda`
 * (CBV master data attributes, e.g. in ILMD) as the XML binding's examples declare it.
 */
const STANDARD_PREFIXES: Readonly<Record<string, string>> = {
  gs1: 'https://gs1.org/voc/',
  cbv: 'https://ref.gs1.org/cbv/',
  cbvmda: 'urn:epcglobal:cbv:mda',
};

const isBareWord = (value: string) => !value.includes(':');
const vocabularyToXml = (prefix: string, value: string) => (isBareWord(value) ? `${prefix}${value}` : value);

const asObject = (v: unknown): Json | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
/** A header object with only the fields the XML binding has a place for; anything else is refused. */
function objectOnly(value: unknown, fields: string[], pointer: string): Json {
  const object = asObject(value);
  if (!object) throw new XmlBindingError(pointer, 'must be an object');
  for (const name of Object.keys(object))
    if (!fields.includes(name))
      throw new XmlBindingError(
        `${pointer}/${name}`,
        'the XML binding’s master data has no place for this field',
      );
  return object;
}
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

const NCNAME = /^[A-Za-z_][\w.-]*$/;

/** The prefix → namespace declarations of a JSON-LD context (string entries are remote contexts). */
export function contextPrefixes(context: unknown): Record<string, string> {
  const prefixes: Record<string, string> = {};
  for (const entry of asList(context)) {
    const object = asObject(entry);
    if (!object) continue;
    for (const [prefix, value] of Object.entries(object)) {
      const iri = typeof value === 'string' ? value : asObject(value)?.['@id'];
      if (typeof iri === 'string' && !prefix.startsWith('@') && NCNAME.test(prefix) && !/^xml/i.test(prefix))
        prefixes[prefix] = iri;
    }
  }
  return prefixes;
}

const declarations = (prefixes: Record<string, string>) =>
  Object.entries(prefixes)
    .map(([prefix, iri]) => ` xmlns:${prefix}="${escapeXml(iri)}"`)
    .join('');

/** Writes one event with the XML namespace prefixes in scope on it. */
class EventWriter {
  private readonly out: string[] = [];

  constructor(private readonly inScope: Record<string, string>) {}

  static write(event: Json, documentPrefixes: Record<string, string>, at: string): string {
    const type = event.type;
    const fields = typeof type === 'string' ? EVENT_FIELDS[type] : undefined;
    if (!fields) throw new XmlBindingError(`${at}/type`, `"${String(type)}" is not an EPCIS 2.0 event type`);
    const own = contextPrefixes(event['@context']);
    // Only what the event's context adds or redefines is declared on the event element.
    const added = Object.fromEntries(Object.entries(own).filter(([p, iri]) => documentPrefixes[p] !== iri));
    const writer = new EventWriter({ ...documentPrefixes, ...own });
    writer.out.push(`<${type}${declarations(added)}>`);
    const known = new Set(['type', '@context']);
    for (const [name, kind] of [...EVENT_HEAD, ...fields]) {
      known.add(name);
      if (event[name] !== undefined) writer.field(name, kind, event[name], `${at}/${name}`);
    }
    for (const [name, value] of Object.entries(event)) {
      if (known.has(name)) continue;
      if (!name.includes(':'))
        throw new XmlBindingError(
          `${at}/${name}`,
          `"${name}" is neither a ${type} field nor a prefixed extension`,
        );
      writer.extension(name, value, `${at}/${name}`);
    }
    writer.out.push(`</${type}>`);
    return writer.out.join('');
  }

  /**
   * The JSON-LD `epcisHeader` as `EPCISHeader`: its master data (`epcisMasterData`, EPCIS 2.0 §9.5 /
   * the XSD's `EPCISHeader/extension/EPCISMasterData`). The XML header holds nothing else a JSON-LD
   * header can say, so any other field, at any level of the master data, is refused rather than dropped.
   */
  static header(header: Json, documentPrefixes: Record<string, string>, at: string): string {
    const writer = new EventWriter(documentPrefixes);
    for (const name of Object.keys(header))
      if (name !== 'epcisMasterData')
        throw new XmlBindingError(`${at}/${name}`, 'the XML binding’s EPCISHeader holds master data only');
    if (header.epcisMasterData === undefined) return '';
    const masterData = objectOnly(header.epcisMasterData, ['vocabularyList'], `${at}/epcisMasterData`);
    const out = writer.out;
    out.push('<EPCISHeader><extension><EPCISMasterData><VocabularyList>');
    for (const [i, entry] of asList(masterData.vocabularyList).entries()) {
      const pointer = `${at}/epcisMasterData/vocabularyList/${i}`;
      const vocabulary = objectOnly(entry, ['type', 'vocabularyElementList'], pointer);
      if (typeof vocabulary.type !== 'string')
        throw new XmlBindingError(`${pointer}/type`, 'must be a string');
      out.push(`<Vocabulary type="${escapeXml(vocabulary.type)}">`);
      const elements = asList(vocabulary.vocabularyElementList);
      if (elements.length > 0) out.push('<VocabularyElementList>');
      for (const [j, item] of elements.entries()) {
        const at = `${pointer}/vocabularyElementList/${j}`;
        const element = objectOnly(item, ['id', 'attributes', 'children'], at);
        if (typeof element.id !== 'string') throw new XmlBindingError(`${at}/id`, 'must be a string');
        out.push(`<VocabularyElement id="${escapeXml(element.id)}">`);
        for (const [k, a] of asList(element.attributes).entries()) {
          const attribute = objectOnly(a, ['id', 'attribute'], `${at}/attributes/${k}`);
          if (typeof attribute.id !== 'string')
            throw new XmlBindingError(`${at}/attributes/${k}/id`, 'must be a string');
          const value = attribute.attribute;
          if (Array.isArray(value))
            throw new XmlBindingError(
              `${at}/attributes/${k}/attribute`,
              'an attribute’s value is text or one object in the XML binding, not a list',
            );
          // GS1's XSD does not make <attribute> nillable, so null has no valid XML spelling: refused,
          // where writing "" would read back as a different value.
          if (value === null)
            throw new XmlBindingError(
              `${at}/attributes/${k}/attribute`,
              'a null attribute value has no place in the XML binding (attribute is not nillable)',
            );
          out.push(`<attribute id="${escapeXml(attribute.id)}">`);
          const object = asObject(value);
          // An attribute's value is mixed content: text, or elements of their namespaces.
          if (object)
            for (const [child, v] of Object.entries(object))
              writer.extension(child, v, `${at}/attributes/${k}/attribute/${child}`);
          else if (value !== undefined) out.push(escapeXml(String(value)));
          out.push('</attribute>');
        }
        if (element.children !== undefined) {
          out.push('<children>');
          for (const [k, id] of asList(element.children).entries())
            writer.text('id', id, `${at}/children/${k}`);
          out.push('</children>');
        }
        out.push('</VocabularyElement>');
      }
      if (elements.length > 0) out.push('</VocabularyElementList>');
      out.push('</Vocabulary>');
    }
    out.push('</VocabularyList></EPCISMasterData></extension></EPCISHeader>');
    return out.join('');
  }

  private text(name: string, value: unknown, pointer: string) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      throw new XmlBindingError(pointer, 'must be a string');
    this.out.push(`<${name}>${escapeXml(String(value))}</${name}>`);
  }

  private field(name: string, kind: FieldKind, value: unknown, pointer: string) {
    switch (kind) {
      case 'text':
        return this.text(name, value, pointer);
      case 'bizStep':
      case 'disposition':
        return this.text(name, vocabularyToXml(CBV_URN_PREFIXES[kind], String(value)), pointer);
      case 'epcList':
        this.out.push(`<${name}>`);
        for (const [i, epc] of asList(value).entries()) this.text('epc', epc, `${pointer}/${i}`);
        this.out.push(`</${name}>`);
        return;
      case 'quantityList':
        this.out.push(`<${name}>`);
        for (const [i, element] of asList(value).entries()) {
          const q = asObject(element) ?? {};
          this.out.push('<quantityElement>');
          this.text('epcClass', q.epcClass, `${pointer}/${i}/epcClass`);
          if (q.quantity !== undefined) this.text('quantity', q.quantity, `${pointer}/${i}/quantity`);
          if (q.uom !== undefined) this.text('uom', q.uom, `${pointer}/${i}/uom`);
          this.out.push('</quantityElement>');
        }
        this.out.push(`</${name}>`);
        return;
      case 'location': {
        const location = asObject(value) ?? {};
        this.out.push(`<${name}>`);
        this.text('id', location.id, `${pointer}/id`);
        this.extensions(location, ['id'], pointer);
        this.out.push(`</${name}>`);
        return;
      }
      case 'bizTransactionList':
        return this.typedList(name, 'bizTransaction', CBV_URN_PREFIXES.bizTransactionType, value, pointer);
      case 'sourceList':
        return this.typedList(name, 'source', CBV_URN_PREFIXES.sourceDestType, value, pointer);
      case 'destinationList':
        return this.typedList(name, 'destination', CBV_URN_PREFIXES.sourceDestType, value, pointer);
      case 'persistentDisposition': {
        const persistent = asObject(value) ?? {};
        this.out.push(`<${name}>`);
        for (const key of ['unset', 'set'] as const) {
          for (const [i, d] of asList(persistent[key]).entries())
            this.text(
              key,
              vocabularyToXml(CBV_URN_PREFIXES.disposition, String(d)),
              `${pointer}/${key}/${i}`,
            );
        }
        this.out.push(`</${name}>`);
        return;
      }
      case 'ilmd':
        this.out.push(`<${name}>`);
        this.extensions(asObject(value) ?? {}, [], pointer);
        this.out.push(`</${name}>`);
        return;
      case 'errorDeclaration': {
        const declaration = asObject(value) ?? {};
        this.out.push(`<${name}>`);
        if (declaration.declarationTime !== undefined)
          this.text('declarationTime', declaration.declarationTime, `${pointer}/declarationTime`);
        if (typeof declaration.reason === 'string')
          this.text(
            'reason',
            vocabularyToXml(CBV_URN_PREFIXES.errorReason, declaration.reason),
            `${pointer}/reason`,
          );
        if (declaration.correctiveEventIDs !== undefined) {
          this.out.push('<correctiveEventIDs>');
          for (const [i, id] of asList(declaration.correctiveEventIDs).entries())
            this.text('correctiveEventID', id, `${pointer}/correctiveEventIDs/${i}`);
          this.out.push('</correctiveEventIDs>');
        }
        this.extensions(declaration, ['declarationTime', 'reason', 'correctiveEventIDs'], pointer);
        this.out.push(`</${name}>`);
        return;
      }
      case 'sensorElementList':
        this.out.push(`<${name}>`);
        for (const [i, element] of asList(value).entries())
          this.sensorElement(asObject(element) ?? {}, `${pointer}/${i}`);
        this.out.push(`</${name}>`);
        return;
    }
  }

  private typedList(name: string, item: string, typePrefix: string, value: unknown, pointer: string) {
    this.out.push(`<${name}>`);
    for (const [i, entry] of asList(value).entries()) {
      const e = asObject(entry) ?? {};
      const type =
        typeof e.type === 'string' ? ` type="${escapeXml(vocabularyToXml(typePrefix, e.type))}"` : '';
      const id = e[item];
      if (typeof id !== 'string') throw new XmlBindingError(`${pointer}/${i}/${item}`, 'must be a string');
      this.out.push(`<${item}${type}>${escapeXml(id)}</${item}>`);
    }
    this.out.push(`</${name}>`);
  }

  private sensorElement(element: Json, pointer: string) {
    this.out.push('<sensorElement>');
    const metadata = asObject(element.sensorMetadata);
    if (metadata) this.out.push(`<sensorMetadata${this.attributes(metadata, `${pointer}/sensorMetadata`)}/>`);
    for (const [j, report] of asList(element.sensorReport).entries()) {
      const r = { ...(asObject(report) ?? {}) };
      for (const key of ['type', 'exception'] as const) {
        if (typeof r[key] === 'string') r[key] = vocabularyToXml(GS1_VOC_PREFIX, r[key] as string);
      }
      this.out.push(`<sensorReport${this.attributes(r, `${pointer}/sensorReport/${j}`)}/>`);
    }
    this.extensions(element, ['sensorMetadata', 'sensorReport'], pointer);
    this.out.push('</sensorElement>');
  }

  /** Sensor fields are XML attributes; prefixed extension attributes need their namespace in scope. */
  private attributes(object: Json, pointer: string): string {
    return Object.entries(object)
      .map(([name, value]) => {
        if (name.includes(':')) this.namespaceOf(name, `${pointer}/${name}`);
        if (value === null || typeof value === 'object')
          throw new XmlBindingError(
            `${pointer}/${name}`,
            'a sensor field must be a string, number or boolean',
          );
        return ` ${name}="${escapeXml(String(value))}"`;
      })
      .join('');
  }

  private extensions(object: Json, standard: string[], pointer: string) {
    for (const [name, value] of Object.entries(object)) {
      if (standard.includes(name)) continue;
      if (!name.includes(':'))
        throw new XmlBindingError(
          `${pointer}/${name}`,
          `"${name}" is not a standard field and has no namespace prefix`,
        );
      this.extension(name, value, `${pointer}/${name}`);
    }
  }

  private namespaceOf(name: string, pointer: string): string {
    const prefix = name.slice(0, name.indexOf(':'));
    const iri = this.inScope[prefix] ?? STANDARD_PREFIXES[prefix];
    if (iri === undefined)
      throw new XmlBindingError(pointer, `the prefix "${prefix}" is declared by no @context in scope`);
    return iri;
  }

  /**
   * An extension field as an element of its namespace. Arrays repeat the element; numbers and booleans
   * carry `xsi:type` and null is `xsi:nil`, so that reading the XML back gives the same JSON values.
   */
  private extension(name: string, value: unknown, pointer: string) {
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) this.extension(name, item, `${pointer}/${i}`);
      return;
    }
    if (name.includes(':')) this.namespaceOf(name, pointer);
    else if (!NCNAME.test(name)) throw new XmlBindingError(pointer, `"${name}" is not an XML element name`);
    const object = asObject(value);
    if (object) {
      this.out.push(`<${name}>`);
      for (const [child, v] of Object.entries(object)) this.extension(child, v, `${pointer}/${child}`);
      this.out.push(`</${name}>`);
    } else if (typeof value === 'number') {
      const type = Number.isInteger(value) ? 'xsd:integer' : 'xsd:double';
      this.out.push(`<${name} xsi:type="${type}">${value}</${name}>`);
    } else if (typeof value === 'boolean') {
      this.out.push(`<${name} xsi:type="xsd:boolean">${value}</${name}>`);
    } else if (value === null) {
      // XML Schema's nil (XSD Part 1 §2.6.2), so that it reads back as null and not as "".
      this.out.push(`<${name} xsi:nil="true"/>`);
    } else {
      this.out.push(`<${name}>${escapeXml(String(value))}</${name}>`);
    }
  }
}

/** The events of a JSON-LD EPCISDocument or EPCISQueryDocument, with the pointer of their list. */
function eventListOf(document: Json): { events: unknown[]; at: string } {
  if (document.type === 'EPCISQueryDocument') {
    const results = asObject(asObject(document.epcisBody)?.queryResults);
    return {
      events: asList(asObject(results?.resultsBody)?.eventList),
      at: '/epcisBody/queryResults/resultsBody/eventList',
    };
  }
  return { events: asList(asObject(document.epcisBody)?.eventList), at: '/epcisBody/eventList' };
}

/**
 * A JSON-LD `EPCISDocument` or `EPCISQueryDocument` as the EPCIS 2.0 XML binding writes it, its
 * `epcisHeader` master data included; everything an event says is kept. Throws XmlBindingError
 * naming the field the binding cannot express.
 */
export function epcisDocumentToXml(document: Json): string {
  const type = document.type;
  if (type !== 'EPCISDocument' && type !== 'EPCISQueryDocument')
    throw new XmlBindingError('/type', 'must be EPCISDocument or EPCISQueryDocument');
  const documentPrefixes = contextPrefixes(document['@context']);
  const root = type === 'EPCISDocument' ? 'epcis:EPCISDocument' : 'epcisq:EPCISQueryDocument';
  const rootPrefixes: Record<string, string> = {
    ...STANDARD_PREFIXES,
    ...documentPrefixes,
    epcis: EPCIS_XML_NAMESPACE,
    ...(type === 'EPCISQueryDocument' ? { epcisq: EPCIS_QUERY_XML_NAMESPACE } : {}),
    xsi: XSI_NAMESPACE,
    xsd: XSD_NAMESPACE,
  };
  const { events, at } = eventListOf(document);
  const eventXml = events.map((event, i) =>
    EventWriter.write(asObject(event) ?? {}, rootPrefixes, `${at}/${i}`),
  );
  const eventList = `<EventList>${eventXml.join('')}</EventList>`;
  let body: string;
  if (type === 'EPCISQueryDocument') {
    const results = asObject(asObject(document.epcisBody)?.queryResults) ?? {};
    const queryName = String(results.queryName ?? 'SimpleEventQuery');
    const subscription =
      typeof results.subscriptionID === 'string'
        ? `<subscriptionID>${escapeXml(results.subscriptionID)}</subscriptionID>`
        : '';
    body =
      `<epcisq:QueryResults><queryName>${escapeXml(queryName)}</queryName>${subscription}` +
      `<resultsBody>${eventList}</resultsBody></epcisq:QueryResults>`;
  } else {
    body = eventList;
  }
  const headerObject = asObject(document.epcisHeader);
  if (document.epcisHeader !== undefined && !headerObject)
    throw new XmlBindingError('/epcisHeader', 'must be an object');
  const header = headerObject ? EventWriter.header(headerObject, rootPrefixes, '/epcisHeader') : '';
  const creationDate =
    typeof document.creationDate === 'string' ? document.creationDate : new Date().toISOString();
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<${root}${declarations(rootPrefixes)} schemaVersion="2.0" creationDate="${escapeXml(creationDate)}">` +
    `${header}<EPCISBody>${body}</EPCISBody></${root}>\n`
  );
}
