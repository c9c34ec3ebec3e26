// The EPCIS 2.0 XML binding, writing direction: GS1's 47 JSON-LD example documents
// (schemas/vendor/gs1/epcis-2.0/examples, from github.com/gs1/EPCIS) written as XML each validate
// against GS1's XSD under xmllint, and say what the JSON said in the binding's spelling.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { epcisDocumentToXml, XmlBindingError } from '../src/xml.ts';
import { epcisXmlToDocument } from '../src/xml-read.ts';
import { xsdErrors } from './xmllint.ts';

const EXAMPLES = join(import.meta.dirname, '../../../schemas/vendor/gs1/epcis-2.0/examples');
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) =>
    statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)],
  );
const examples = filesUnder(EXAMPLES)
  .filter((file) => file.endsWith('.jsonld'))
  .map((file) => ({
    name: relative(EXAMPLES, file),
    document: JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & {
      type: 'EPCISDocument' | 'EPCISQueryDocument';
    },
  }));

const event = (fields: Record<string, unknown>) => ({
  '@context': [
    'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
    { ext: 'https://example.com/ext/' },
  ],
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: '2024-01-01T00:00:00Z',
  epcisBody: {
    eventList: [
      {
        type: 'ObjectEvent',
        eventTime: '2024-01-01T00:00:00Z',
        eventTimeZoneOffset: '+00:00',
        action: 'OBSERVE',
        ...fields,
      },
    ],
  },
});

describe('epcisDocumentToXml', () => {
  it('has all 47 of GS1’s examples to write', () => {
    expect(examples).toHaveLength(47);
  });

  it.each(examples)('writes $name as XML that GS1’s XSD accepts', ({ document }) => {
    const xml = epcisDocumentToXml(document);
    expect(xsdErrors(xml, document.type)).toBe('');
  });

  it('is checked by a validator that refuses fields out of the XSD’s order', () => {
    const xml = epcisDocumentToXml(event({ bizStep: 'shipping' })).replace(
      /(<action>OBSERVE<\/action>)(<bizStep>[^<]*<\/bizStep>)/,
      '$2$1',
    );
    expect(xsdErrors(xml, 'EPCISDocument')).toMatch(/bizStep.*not expected/);
  });

  it('writes CBV bare words as CBV URNs and keeps other URIs as given', () => {
    const xml = epcisDocumentToXml(
      event({
        bizStep: 'shipping',
        disposition: 'https://ref.gs1.org/cbv/Disp-in_transit',
        bizTransactionList: [{ type: 'po', bizTransaction: 'urn:epcglobal:cbv:bt:0614141000005:PO-1' }],
        sourceList: [{ type: 'owning_party', source: 'urn:epc:id:pgln:0614141.00001' }],
      }),
    );
    expect(xml).toContain('<bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>');
    expect(xml).toContain('<disposition>https://ref.gs1.org/cbv/Disp-in_transit</disposition>');
    expect(xml).toContain('<bizTransaction type="urn:epcglobal:cbv:btt:po">');
    expect(xml).toContain(
      '<source type="urn:epcglobal:cbv:sdt:owning_party">urn:epc:id:pgln:0614141.00001</source>',
    );
    expect(xsdErrors(xml, 'EPCISDocument')).toBe('');
  });

  it('writes extension fields in their namespace, typed so that numbers and booleans read back as such', () => {
    const xml = epcisDocumentToXml(
      event({
        'ext:weight': 12.5,
        'ext:count': 3,
        'ext:checked': true,
        'ext:note': 'a < b',
        'ext:list': ['x', 'y'],
        'ext:nothing': null,
      }),
    );
    expect(xml).toContain('xmlns:ext="https://example.com/ext/"');
    expect(xml).toContain('<ext:weight xsi:type="xsd:double">12.5</ext:weight>');
    expect(xml).toContain('<ext:count xsi:type="xsd:integer">3</ext:count>');
    expect(xml).toContain('<ext:checked xsi:type="xsd:boolean">true</ext:checked>');
    expect(xml).toContain('<ext:note>a &lt; b</ext:note>');
    expect(xml).toContain('<ext:list>x</ext:list><ext:list>y</ext:list>');
    expect(xml).toContain('<ext:nothing xsi:nil="true"/>');
    expect(xsdErrors(xml, 'EPCISDocument')).toBe('');
    // Read back, each value has its JSON type again: null is null, not "".
    const [read] = (epcisXmlToDocument(xml).epcisBody as { eventList: Record<string, unknown>[] }).eventList;
    expect(read).toMatchObject({
      'ext:weight': 12.5,
      'ext:count': 3,
      'ext:checked': true,
      'ext:note': 'a < b',
      'ext:list': ['x', 'y'],
      'ext:nothing': null,
    });
    expect(epcisXmlToDocument(xml.replace('<ext:nothing xsi:nil="true"/>', '<ext:nothing/>'))).toMatchObject({
      epcisBody: { eventList: [{ 'ext:nothing': '' }] },
    });
  });

  it('writes the header’s master data as EPCISHeader, which reads back as the same epcisHeader', () => {
    const epcisHeader = {
      epcisMasterData: {
        vocabularyList: [
          {
            type: 'urn:epcglobal:epcis:vtype:BusinessLocation',
            vocabularyElementList: [
              {
                id: 'urn:epc:id:sgln:0614141.00888.0',
                attributes: [
                  { id: 'urn:epcglobal:cbv:mda#name', attribute: 'Warehouse & yard' },
                  {
                    id: 'urn:epcglobal:cbv:mda#address',
                    attribute: { 'ext:street': 'Main St 1', 'ext:city': 'X' },
                  },
                ],
                children: ['urn:epc:id:sgln:0614141.00888.1', 'urn:epc:id:sgln:0614141.00888.2'],
              },
            ],
          },
          { type: 'urn:epcglobal:epcis:vtype:ReadPoint' },
        ],
      },
    };
    const document = { ...event({}), epcisHeader };
    const xml = epcisDocumentToXml(document);
    expect(xml).toContain(
      '<EPCISHeader><extension><EPCISMasterData><VocabularyList><Vocabulary type="urn:epcglobal:epcis:vtype:BusinessLocation">',
    );
    expect(xsdErrors(xml, 'EPCISDocument')).toBe('');
    expect(epcisXmlToDocument(xml).epcisHeader).toEqual(epcisHeader);
    // Nothing else of a JSON-LD header has a place in the XML one: refused, not dropped.
    expect(() =>
      epcisDocumentToXml({ ...document, epcisHeader: { ...epcisHeader, 'ext:note': 'n' } }),
    ).toThrow(expect.objectContaining({ pointer: '/epcisHeader/ext:note' }));
  });

  it('refuses master data fields the XML header has no place for, at every level, and lists as values', () => {
    const header = (vocabulary: Record<string, unknown>, masterData: Record<string, unknown> = {}) => ({
      ...event({}),
      epcisHeader: {
        epcisMasterData: {
          vocabularyList: [{ type: 'urn:epcglobal:epcis:vtype:BusinessLocation', ...vocabulary }],
          ...masterData,
        },
      },
    });
    const element = (fields: Record<string, unknown>) =>
      header({ vocabularyElementList: [{ id: 'urn:epc:id:sgln:0614141.00888.0', ...fields }] });
    const at = '/epcisHeader/epcisMasterData';
    const refusals: [unknown, string][] = [
      [header({}, { 'ext:note': 'n' }), `${at}/ext:note`],
      [header({ 'ext:note': 'n' }), `${at}/vocabularyList/0/ext:note`],
      [element({ 'ext:note': 'n' }), `${at}/vocabularyList/0/vocabularyElementList/0/ext:note`],
      [
        element({ attributes: [{ id: 'a', attribute: 'x', 'ext:note': 'n' }] }),
        `${at}/vocabularyList/0/vocabularyElementList/0/attributes/0/ext:note`,
      ],
      [
        element({ attributes: [{ id: 'a', attribute: ['p', 'q'] }] }),
        `${at}/vocabularyList/0/vocabularyElementList/0/attributes/0/attribute`,
      ],
      // GS1's XSD does not make <attribute> nillable: null cannot be written validly, nor as "".
      [
        element({ attributes: [{ id: 'a', attribute: null }] }),
        `${at}/vocabularyList/0/vocabularyElementList/0/attributes/0/attribute`,
      ],
      [{ ...event({}), epcisHeader: { epcisMasterData: 'x' } }, at],
      [{ ...event({}), epcisHeader: 'x' }, '/epcisHeader'],
    ];
    for (const [document, pointer] of refusals)
      expect(() => epcisDocumentToXml(document as Record<string, unknown>), pointer).toThrow(
        expect.objectContaining({ pointer }),
      );
  });

  it('declares an event’s own context prefixes on the event, keeping the document’s', () => {
    const document = event({ '@context': [{ own: 'https://example.com/own/' }], 'own:a': 'x', 'ext:b': 'y' });
    const xml = epcisDocumentToXml(document);
    expect(xml).toContain('<ObjectEvent xmlns:own="https://example.com/own/">');
    expect(xsdErrors(xml, 'EPCISDocument')).toBe('');
  });

  it('refuses an extension whose prefix no context declares, naming the field', () => {
    expect(() => epcisDocumentToXml(event({ 'nowhere:a': 'x' }))).toThrow(
      new XmlBindingError(
        '/epcisBody/eventList/0/nowhere:a',
        'the prefix "nowhere" is declared by no @context in scope',
      ),
    );
  });

  it('refuses an unknown event type and an unprefixed field that is not the type’s', () => {
    const bad = event({});
    (bad.epcisBody.eventList[0] as Record<string, unknown>).type = 'QuantityEvent';
    expect(() => epcisDocumentToXml(bad)).toThrow(/eventList\/0\/type/);
    expect(() => epcisDocumentToXml(event({ childEPCs: ['urn:epc:id:sgtin:1.2.3'] }))).toThrow(/childEPCs/);
  });
});

/** An event without its own @context: read back, every prefix sits in the document's context. */
const withoutContext = ({ '@context': _context, ...event }: Record<string, unknown>) => event;
const captureExamples = examples.filter((e) => e.document.type === 'EPCISDocument');

describe('epcisXmlToDocument', () => {
  it('has GS1’s 46 capture documents to read back (the 47th is a query document)', () => {
    expect(captureExamples).toHaveLength(46);
  });

  it.each(captureExamples)('reads $name back as the JSON-LD it was written from', ({ document }) => {
    const back = epcisXmlToDocument(epcisDocumentToXml(document));
    const events = (d: Record<string, unknown>) =>
      ((d.epcisBody as { eventList: Record<string, unknown>[] }).eventList ?? []).map(withoutContext);
    expect(events(back)).toEqual(events(document));
    // Each prefix the events use is declared, for the namespace the original's contexts gave it.
    const declared = (context: unknown): [string, unknown][] =>
      (Array.isArray(context) ? context : [context]).flatMap((c) =>
        c !== null && typeof c === 'object' ? Object.entries(c as Record<string, unknown>) : [],
      );
    const original = new Map([
      ['cbvmda', 'urn:epcglobal:cbv:mda'],
      ...declared(document['@context']),
      ...((document.epcisBody as { eventList: Record<string, unknown>[] }).eventList ?? []).flatMap((e) =>
        declared(e['@context']),
      ),
    ]);
    for (const [prefix, iri] of declared(back['@context'])) expect(original.get(prefix), prefix).toBe(iri);
  });

  it('reads CBV URNs as bare words, gs1: sensor terms as bare words, typed extensions as JSON types', () => {
    const xml = `<?xml version="1.0"?>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:ext="https://example.com/ext/" schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">
  <EPCISBody><EventList>
    <ObjectEvent>
      <eventTime>2024-01-01T00:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
      <action>OBSERVE</action><bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>
      <disposition>https://ref.gs1.org/cbv/Disp-in_transit</disposition>
      <quantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998877</epcClass><quantity>200.5</quantity><uom>KGM</uom></quantityElement></quantityList>
      <sourceList><source type="urn:epcglobal:cbv:sdt:owning_party">urn:epc:id:pgln:4012345.00225</source></sourceList>
      <sensorElementList><sensorElement><sensorReport type="gs1:Temperature" value="26.5" uom="CEL" ext:probe="p1"/></sensorElement></sensorElementList>
      <ext:count xsi:type="xsd:integer">3</ext:count><ext:ok xsi:type="xsd:boolean">true</ext:ok><ext:note>n</ext:note><ext:note>m</ext:note>
    </ObjectEvent>
  </EventList></EPCISBody>
</epcis:EPCISDocument>`;
    expect(epcisXmlToDocument(xml)).toEqual({
      '@context': [
        'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
        { ext: 'https://example.com/ext/' },
      ],
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: '2024-01-01T00:00:00Z',
      epcisBody: {
        eventList: [
          {
            type: 'ObjectEvent',
            eventTime: '2024-01-01T00:00:00Z',
            eventTimeZoneOffset: '+00:00',
            action: 'OBSERVE',
            bizStep: 'shipping',
            disposition: 'https://ref.gs1.org/cbv/Disp-in_transit',
            quantityList: [
              { epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 200.5, uom: 'KGM' },
            ],
            sourceList: [{ type: 'owning_party', source: 'urn:epc:id:pgln:4012345.00225' }],
            sensorElementList: [
              { sensorReport: [{ type: 'Temperature', value: 26.5, uom: 'CEL', 'ext:probe': 'p1' }] },
            ],
            'ext:count': 3,
            'ext:ok': true,
            'ext:note': ['n', 'm'],
          },
        ],
      },
    });
    expect(xsdErrors(xml, 'EPCISDocument')).toBe('');
  });

  it('reads namespaces declared inside the header and on EPCISBody/EventList, as XML scopes them', () => {
    const xml = `<?xml version="1.0"?>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">
  <EPCISHeader><extension><EPCISMasterData><VocabularyList>
    <Vocabulary type="urn:epcglobal:epcis:vtype:BusinessLocation"><VocabularyElementList>
      <VocabularyElement id="urn:epc:id:sgln:0614141.00888.0" xmlns:ext="https://example.com/ext/">
        <attribute id="urn:epcglobal:cbv:mda#address"><ext:street>Main St 1</ext:street></attribute>
      </VocabularyElement>
    </VocabularyElementList></Vocabulary>
  </VocabularyList></EPCISMasterData></extension></EPCISHeader>
  <EPCISBody xmlns:own="https://example.com/own/"><EventList xmlns:lst="https://example.com/lst/">
    <ObjectEvent>
      <eventTime>2024-01-01T00:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
      <action>OBSERVE</action><own:a>x</own:a><lst:b>y</lst:b>
    </ObjectEvent>
  </EventList></EPCISBody>
</epcis:EPCISDocument>`;
    expect(xsdErrors(xml, 'EPCISDocument')).toBe('');
    const document = epcisXmlToDocument(xml);
    expect(document['@context']).toEqual([
      'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
      { ext: 'https://example.com/ext/', own: 'https://example.com/own/', lst: 'https://example.com/lst/' },
    ]);
    expect(document.epcisHeader).toEqual({
      epcisMasterData: {
        vocabularyList: [
          {
            type: 'urn:epcglobal:epcis:vtype:BusinessLocation',
            vocabularyElementList: [
              {
                id: 'urn:epc:id:sgln:0614141.00888.0',
                attributes: [
                  { id: 'urn:epcglobal:cbv:mda#address', attribute: { 'ext:street': 'Main St 1' } },
                ],
              },
            ],
          },
        ],
      },
    });
    expect(document.epcisBody).toMatchObject({ eventList: [{ 'own:a': 'x', 'lst:b': 'y' }] });
    // A declaration on one element is not in scope on its sibling.
    const sibling = xml
      .replace(' xmlns:ext="https://example.com/ext/"', '')
      .replace('<Vocabulary type=', '<Vocabulary xmlns:ext="https://example.com/ext/" type=')
      .replace(
        '</VocabularyElement>',
        '</VocabularyElement><VocabularyElement id="urn:epc:id:sgln:0614141.00888.1" xmlns:other="https://example.com/o/"/>',
      );
    expect(epcisXmlToDocument(sibling).epcisHeader).toMatchObject({
      epcisMasterData: {
        vocabularyList: [{ vocabularyElementList: [{}, { id: 'urn:epc:id:sgln:0614141.00888.1' }] }],
      },
    });
  });

  it('names an undeclared prefix in the header by the path the writer uses', () => {
    const xml = epcisDocumentToXml({
      ...event({}),
      epcisHeader: {
        epcisMasterData: {
          vocabularyList: [
            {
              type: 'urn:epcglobal:epcis:vtype:BusinessLocation',
              vocabularyElementList: [
                {
                  id: 'urn:epc:id:sgln:0614141.00888.0',
                  attributes: [{ id: 'a', attribute: { 'ext:s': 'x' } }],
                },
              ],
            },
          ],
        },
      },
    }).replace(' xmlns:ext="https://example.com/ext/"', '');
    expect(() => epcisXmlToDocument(xml)).toThrow(
      new XmlBindingError(
        '/epcisHeader/epcisMasterData/vocabularyList/0/vocabularyElementList/0/attributes/0/attribute/ext:s',
        'the prefix "ext" is not declared',
      ),
    );
  });

  it('refuses malformed XML with its line, and a document that is not an EPCISDocument', () => {
    expect(() => epcisXmlToDocument('<a>\n<b></a>')).toThrow(/malformed XML at line 2/);
    expect(() => epcisXmlToDocument('<EPCISDocument schemaVersion="2.0"/>')).toThrow(
      /root element must be EPCISDocument in urn:epcglobal:epcis:xsd:2/,
    );
  });
});
