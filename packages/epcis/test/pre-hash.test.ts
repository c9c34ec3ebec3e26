// CBV 2.0 §8.9 pre-hash string, one rule at a time: small events whose expected strings are written out
// here from the rules (numbers rule 6, timestamps rules 8–9, CBV values rules 5 and 7, ordering rules
// 10–12, user extensions rules 19–21). The reference vectors (event-hash.test.ts) check whole events;
// these pin the edges those events do not reach.
import { describe, expect, it } from 'vitest';
import { type JsonLdContext, preHashString } from '../src/index.ts';

const CBV = 'https://ref.gs1.org/cbv/';
const VOC = 'https://ref.gs1.org/voc/';
const NS = 'https://ns.example.com/epcis/';

/** The pre-hash string of an event of type `T` with the given fields, without its leading `eventType=T`. */
function body(fields: Record<string, unknown>, context?: JsonLdContext): string {
  const text = preHashString({ type: 'T', ...fields }, context);
  expect(text.startsWith('eventType=T')).toBe(true);
  return text.slice('eventType=T'.length);
}

describe('preHashString', () => {
  it('writes an event without a type with an empty eventType', () => {
    expect(preHashString({ action: 'ADD' })).toBe('eventType=action=ADD');
  });

  describe('numbers (rule 6): no leading or trailing zeros, as the reference writes them', () => {
    it.each([
      ['0012.50', '12.5'],
      ['1.500', '1.5'], // every trailing zero after the point, not just one
      ['1.5e1', '15'], // exponent and decimals cancel: an integer written plainly
      ['1e10000', '1E+10000'], // the largest exponent read
      ['100', '100'],
      ['5.', '5'],
      ['.5', '0.5'],
      ['0.005', '0.005'],
      ['+7', '7'],
      ['-1.5', '-1.5'],
      ['-0.0', '-0'],
      ['0', '0'],
      ['000', '0'],
      ['1e-2', '0.01'],
      ['25e-1', '2.5'],
      ['250e-1', '25'],
      ['1.50E1', '15'],
      ['2.500e2', '250'],
      ['1.23e+2', '123'],
      // an integer given with a positive exponent stays in scientific notation (Python's Decimal)
      ['1E3', '1E+3'],
      ['12E3', '1.2E+4'],
      ['1.0E3', '1.0E+3'],
      ['120e1', '1.20E+3'],
      ['  7 ', '7'],
    ])('%j is written %j', (value, expected) => {
      expect(body({ action: value })).toBe(`action=${expected}`);
    });

    it('leaves text that is no decimal number as it is', () => {
      for (const text of ['.', 'e5', '1e', '1.2.3', '0x10', '1_000', '1e10001', '1e99999', '1e-99999'])
        expect(body({ action: text })).toBe(`action=${text}`);
    });

    it('writes JSON numbers and booleans as text, and drops non-finite numbers and empty values', () => {
      expect(body({ action: 1.5 })).toBe('action=1.5');
      expect(body({ action: true })).toBe('action=true');
      expect(body({ action: false })).toBe('action=false');
      expect(body({ action: Number.POSITIVE_INFINITY })).toBe('');
      expect(body({ action: Number.NaN })).toBe('');
      expect(body({ action: '' })).toBe('');
      expect(body({ action: '   ' })).toBe('');
      expect(body({ action: null })).toBe('');
      expect(body({ action: { value: 1 } })).toBe('');
    });
  });

  describe('timestamps (rules 8, 9): UTC, milliseconds, rounded half up', () => {
    it.each([
      ['2020-03-04T10:00:30Z', '2020-03-04T10:00:30.000Z'],
      ['2020-03-04T10:00:30.0005Z', '2020-03-04T10:00:30.001Z'],
      ['2020-03-04T10:00:30.0004999Z', '2020-03-04T10:00:30.000Z'],
      ['2020-03-04T10:00:30.00049999999Z', '2020-03-04T10:00:30.000Z'], // only six digits count
      ['2020-03-04T10:00:30.9995+00:00', '2020-03-04T10:00:31.000Z'],
      ['2020-03-04T10:00:30.123456Z', '2020-03-04T10:00:30.123Z'],
      ['2020-03-04T10:00:30,5Z', '2020-03-04T10:00:30.500Z'],
      ['2020-03-04 10:00', '2020-03-04T10:00:00.000Z'],
      ['2020-03-04t10:00:30z', '2020-03-04T10:00:30.000Z'],
      ['2020-03-04T10:00:30', '2020-03-04T10:00:30.000Z'], // no offset: taken as UTC
      ['2020-03-04T10:00:30+0530', '2020-03-04T04:30:30.000Z'],
      ['2020-03-04T10:00:30+05:30', '2020-03-04T04:30:30.000Z'],
      ['2020-03-04T10:00:30-06', '2020-03-04T16:00:30.000Z'],
      ['2020-03-04T00:15:00+01:00', '2020-03-03T23:15:00.000Z'],
      ['2020-02-28T23:30:00-01:00', '2020-02-29T00:30:00.000Z'],
      [' 2020-03-04T10:00:30Z ', '2020-03-04T10:00:30.000Z'],
    ])('%j is written %j', (value, expected) => {
      expect(body({ eventTime: value })).toBe(`eventTime=${expected}`);
    });

    it('leaves text that is no timestamp, or one past year 9999, as it is (trimmed)', () => {
      expect(body({ eventTime: ' yesterday ' })).toBe('eventTime=yesterday');
      expect(body({ eventTime: '2020-03-04' })).toBe('eventTime=2020-03-04');
      expect(body({ eventTime: 'x2020-03-04T10:00:30Z' })).toBe('eventTime=x2020-03-04T10:00:30Z');
      expect(body({ eventTime: '2020-03-04T10:00:30Zx' })).toBe('eventTime=2020-03-04T10:00:30Zx');
      expect(body({ eventTime: '9999-12-31T23:59:59.9999Z ' })).toBe('eventTime=9999-12-31T23:59:59.9999Z');
      expect(body({ eventTime: '9999-12-31T23:59:59Z' })).toBe('eventTime=9999-12-31T23:59:59.000Z');
      // before year 0 once in UTC
      expect(body({ eventTime: '0000-01-01T00:00:00+01:00' })).toBe('eventTime=0000-01-01T00:00:00+01:00');
      expect(body({ eventTime: '0000-01-01T00:00:00Z' })).toBe('eventTime=0000-01-01T00:00:00.000Z');
    });

    it('treats every field named for a time as a timestamp, but not the time zone offset', () => {
      expect(body({ eventTimeZoneOffset: '+01:00' })).toBe('eventTimeZoneOffset=+01:00');
      expect(
        body({
          sensorElementList: [
            { sensorMetadata: { time: '2020-03-04T11:00:00+01:00', startTime: '2020-03-04T10:00:00.0Z' } },
          ],
        }),
      ).toBe('sensorElementsensorMetadatatime=2020-03-04T10:00:00.000ZstartTime=2020-03-04T10:00:00.000Z');
      // a value that reads as a number is still a timestamp field's text, not a number
      expect(body({ eventTime: '007' })).toBe('eventTime=007');
    });
  });

  describe('CBV values (rules 5, 7)', () => {
    it('expands bare words by the field they sit in', () => {
      expect(body({ bizStep: 'shipping', disposition: 'in_transit' })).toBe(
        `bizStep=${CBV}BizStep-shippingdisposition=${CBV}Disp-in_transit`,
      );
      expect(
        body({
          bizTransactionList: [{ type: 'po', bizTransaction: 'urn:x:1' }],
          sourceList: [{ type: 'owning_party', source: 'urn:x:2' }],
          destinationList: [{ type: 'location', destination: 'urn:x:3' }],
        }),
      ).toBe(
        `bizTransactionListtype=${CBV}BTT-pobizTransaction=urn:x:1` +
          `sourceListtype=${CBV}SDT-owning_partysource=urn:x:2` +
          `destinationListtype=${CBV}SDT-locationdestination=urn:x:3`,
      );
      expect(body({ persistentDisposition: { set: ['completeness_verified'], unset: ['damaged'] } })).toBe(
        `persistentDispositionset=${CBV}Disp-completeness_verifiedunset=${CBV}Disp-damaged`,
      );
      // a URI is no bare word, and neither is an empty value
      expect(body({ bizStep: 'https://ns.example.com/drying' })).toBe(
        'bizStep=https://ns.example.com/drying',
      );
      expect(body({ bizStep: ' ' })).toBe('');
    });

    it('writes every CBV URN as its CBV Web URI', () => {
      expect(body({ bizStep: 'urn:epcglobal:cbv:bizstep:receiving' })).toBe(
        `bizStep=${CBV}BizStep-receiving`,
      );
      expect(body({ disposition: 'urn:epcglobal:cbv:disp:active' })).toBe(`disposition=${CBV}Disp-active`);
      expect(body({ action: 'urn:epcglobal:cbv:btt:inv' })).toBe(`action=${CBV}BTT-inv`);
      expect(body({ action: 'urn:epcglobal:cbv:sdt:possessing_party' })).toBe(
        `action=${CBV}SDT-possessing_party`,
      );
      expect(body({ action: 'urn:epcglobal:cbv:er:incorrect_data' })).toBe(`action=${CBV}ER-incorrect_data`);
      expect(body({ action: 'x-urn:epcglobal:cbv:er:incorrect_data' })).toBe(
        'action=x-urn:epcglobal:cbv:er:incorrect_data',
      );
    });

    it('expands CURIEs in GS1 namespaces only', () => {
      const context = [
        'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
        { ex: 'https://ns.example.com/', g: 'https://gs1.org/voc/', plain: 'http://gs1.org/voc/' },
      ];
      expect(body({ action: 'cbv:Disp-active' }, context)).toBe(`action=${CBV}Disp-active`);
      expect(body({ action: 'gs1:Temperature' }, context)).toBe(`action=${VOC}Temperature`);
      expect(body({ action: 'g:Temperature' }, context)).toBe('action=https://gs1.org/voc/Temperature');
      expect(body({ action: 'plain:Temperature' }, context)).toBe('action=plain:Temperature');
      expect(body({ action: 'ex:drying' }, context)).toBe('action=ex:drying');
      expect(body({ action: 'nobody:drying' }, context)).toBe('action=nobody:drying');
    });
  });

  describe('the document context', () => {
    it('reads prefixes from strings, maps, lists and `@id` definitions, skipping keywords', () => {
      expect(body({ 'a:x': '1' }, { a: NS })).toBe(`{${NS}}x=1`);
      expect(body({ 'a:x': '1' }, ['https://example.com/context.jsonld', { a: { '@id': NS } }])).toBe(
        `{${NS}}x=1`,
      );
      expect(body({ 'a:x': '1' }, { a: { '@type': '@id' } })).toBe('a:x=1');
      expect(body({ 'a:x': '1' }, { a: 42 })).toBe('a:x=1');
      expect(body({ 'a:x': '1' }, { a: { '@id': 5 } })).toBe('a:x=1');
      expect(body({ 'a:x': '1' }, 'https://example.com/context.jsonld')).toBe('a:x=1');
      // a name without a colon has no prefix, even where its start is one
      expect(body({ ab: '1' }, { a: NS })).toBe('ab=1');
      expect(body({ action: 'kk' }, { k: VOC })).toBe('action=kk');
      // a GS1 namespace must start the IRI a prefix stands for
      expect(body({ action: 'k:y' }, { k: `urn:x:${VOC}` })).toBe('action=k:y');
      // a keyword is no prefix: a value that looks like a CURIE under it stays as written
      expect(body({ action: '@k:y' }, { '@k': VOC })).toBe('action=@k:y');
      expect(body({ action: 'k:y' }, { k: VOC })).toBe(`action=${VOC}y`);
    });

    it("also reads the event's own @context", () => {
      expect(body({ '@context': { a: NS }, 'a:x': '1' })).toBe(`{${NS}}x=1`);
      expect(body({ '@context': [{ a: NS }], 'a:x': '1' }, { b: NS })).toBe(`{${NS}}x=1`);
    });

    it('knows the prefixes of the standard EPCIS context without a declaration', () => {
      expect(body({ 'epcis:x': '1', 'cbvmda:y': '2', 'cbv:z': '3', 'gs1:w': '4' })).toBe(
        '{https://ref.gs1.org/cbv/}z=3{https://ref.gs1.org/epcis/}x=1{https://ref.gs1.org/voc/}w=4{urn:epcglobal:cbv:mda}y=2',
      );
    });

    it('keeps gs1: bound to the GS1 Web Vocabulary whatever the document says', () => {
      expect(body({ action: 'gs1:X' }, { gs1: 'https://example.com/' })).toBe(`action=${VOC}X`);
    });
  });

  describe('ordering (rules 10–12)', () => {
    it('sorts by Unicode code point, not by UTF-16 code unit', () => {
      // U+FF61 is one code unit above the high surrogates of U+1F600, but a lower code point.
      expect(body({ epcList: ['urn:x:\u{1F600}', 'urn:x:\uFF61'] })).toBe(
        'epcListepc=urn:x:\uFF61epc=urn:x:\u{1F600}',
      );
      expect(body({ epcList: ['urn:x:ab', 'urn:x:b', 'urn:x:a'] })).toBe(
        'epcListepc=urn:x:aepc=urn:x:abepc=urn:x:b',
      );
      expect(body({ epcList: ['urn:x:a', 'urn:x:a'] })).toBe('epcListepc=urn:x:aepc=urn:x:a');
    });

    it('writes standard fields in the order of CBV 2.0 §8.9, whatever the JSON order', () => {
      expect(
        body({
          action: 'ADD',
          parentID: 'urn:x:p',
          eventTimeZoneOffset: '+00:00',
          eventTime: '2020-01-01T00:00:00Z',
          transformationID: 'urn:x:t',
        }),
      ).toBe(
        'eventTime=2020-01-01T00:00:00.000ZeventTimeZoneOffset=+00:00parentID=urn:x:paction=ADDtransformationID=urn:x:t',
      );
      expect(
        body({
          outputQuantityList: [{ epcClass: 'urn:x:o', quantity: 1 }],
          outputEPCList: ['urn:x:oe'],
          inputQuantityList: [{ epcClass: 'urn:x:i', quantity: 2 }],
          childQuantityList: [{ epcClass: 'urn:x:c', quantity: 3 }],
          quantityList: [{ epcClass: 'urn:x:q', quantity: 4 }],
          childEPCs: ['urn:x:ce'],
          inputEPCList: ['urn:x:ie'],
        }),
      ).toBe(
        'inputEPCListepc=urn:x:ie' +
          'childEPCsepc=urn:x:ce' +
          'quantityListquantityElementepcClass=urn:x:qquantity=4' +
          'childQuantityListquantityElementepcClass=urn:x:cquantity=3' +
          'inputQuantityListquantityElementepcClass=urn:x:iquantity=2' +
          'outputEPCListepc=urn:x:oe' +
          'outputQuantityListquantityElementepcClass=urn:x:oquantity=1',
      );
    });
  });

  describe('lists and nested fields', () => {
    it('omits empty lists and empty entries, and reads a single value as a list of one', () => {
      expect(body({ epcList: [] })).toBe('');
      expect(body({ epcList: ['', ' '] })).toBe('');
      expect(body({ epcList: ['urn:x:a', ''] })).toBe('epcListepc=urn:x:a');
      expect(body({ epcList: 'urn:x:a' })).toBe('epcListepc=urn:x:a');
      expect(body({ quantityList: [] })).toBe('');
      expect(body({ quantityList: ['urn:x:a', null, { epcClass: ' ' }] })).toBe('');
      expect(body({ bizTransactionList: [{}, null, 'urn:x:t'] })).toBe('');
      expect(body({ sourceList: [null], destinationList: [null] })).toBe('');
      expect(body({ persistentDisposition: {} })).toBe('');
      expect(body({ persistentDisposition: 'damaged' })).toBe('');
      expect(body({ readPoint: 'urn:x:r' })).toBe('');
      expect(body({ readPoint: { id: '' } })).toBe('');
      expect(body({ sensorElementList: [{}, { sensorReport: [{}, null] }, 'x', null] })).toBe('');
      expect(body({ ilmd: [] })).toBe('');
      expect(body({ ilmd: ['urn:x:a'] })).toBe('');
    });

    it('writes quantity elements as epcClass, quantity, uom, and sorts the elements', () => {
      expect(
        body({
          quantityList: [
            { uom: 'KGM', quantity: '2.50', epcClass: 'urn:x:b' },
            { quantity: 1, epcClass: 'urn:x:a' },
          ],
        }),
      ).toBe(
        'quantityList' +
          'quantityElementepcClass=urn:x:aquantity=1' +
          'quantityElementepcClass=urn:x:bquantity=2.5uom=KGM',
      );
    });

    it('writes a list entry as its type first, then its identifier; either may be missing', () => {
      expect(
        body({
          bizTransactionList: [
            { bizTransaction: 'urn:x:2', type: 'urn:x:own-type' },
            { bizTransaction: 'urn:x:1' },
          ],
          sourceList: [{ type: 'owning_party' }],
        }),
      ).toBe(
        'bizTransactionListbizTransaction=urn:x:1type=urn:x:own-typebizTransaction=urn:x:2' +
          `sourceListtype=${CBV}SDT-owning_party`,
      );
    });

    it('sorts persistent dispositions within set and within unset', () => {
      expect(body({ persistentDisposition: { unset: ['b', 'a'], set: ['d', 'c'] } })).toBe(
        `persistentDispositionset=${CBV}Disp-cset=${CBV}Disp-dunset=${CBV}Disp-aunset=${CBV}Disp-b`,
      );
    });

    it('writes sensor elements without a list key, metadata then sorted reports, elements sorted', () => {
      expect(
        body({
          sensorElementList: [
            { sensorReport: { type: 'Mass', value: '3.0' } },
            {
              sensorReport: [
                { value: 2, type: 'Temperature', uom: 'CEL' },
                { type: 'gs1:Humidity', exception: 'ALARM_CONDITION', component: 'latitude', value: 1 },
              ],
              sensorMetadata: { bizRules: 'urn:x:rules', deviceID: 'urn:x:device' },
            },
          ],
        }),
      ).toBe(
        'sensorElementsensorMetadatadeviceID=urn:x:devicebizRules=urn:x:rules' +
          `sensorReporttype=${VOC}Humidityexception=${VOC}ALARM_CONDITIONvalue=1component=${CBV}Comp-latitude` +
          `sensorReporttype=${VOC}Temperaturevalue=2uom=CEL` +
          `sensorElementsensorReporttype=${VOC}Massvalue=3`,
      );
    });

    it('writes read point and business location by their id', () => {
      expect(body({ bizLocation: { id: 'urn:x:b' }, readPoint: { id: 'urn:x:r' } })).toBe(
        'readPointid=urn:x:rbizLocationid=urn:x:b',
      );
    });
  });

  describe('user extensions (rules 19–21)', () => {
    it('names each by namespace IRI, repeats the name for each list item, and sorts every level', () => {
      expect(
        body(
          {
            'a:list': ['2', '1'],
            'a:nested': { 'a:z': '1', 'a:y': { 'a:x': '0' } },
            'a:empty': '',
            'a:blank': '  ',
            'a:nothing': null,
            'undeclared:f': 'v',
            plain: 'p',
          },
          { a: NS },
        ),
      ).toBe(
        `plain=pundeclared:f=v{${NS}}blank{${NS}}empty{${NS}}list=1{${NS}}list=2{${NS}}nested{${NS}}y{${NS}}x=0{${NS}}z=1{${NS}}nothing`,
      );
    });

    it('skips comments, JSON-LD keywords, undefined values and the fields CBV excludes', () => {
      expect(
        body({
          comment: 'c',
          'rdfs:comment': 'c',
          '#text': 't',
          '@id': 'urn:x:id',
          x: undefined,
          eventID: 'urn:x:e',
          recordTime: '2020-01-01T00:00:00Z',
          errorDeclaration: { declarationTime: '2020-01-01T00:00:00Z' },
          certificationInfo: 'urn:x:c',
        }),
      ).toBe('');
    });

    it('puts ilmd after the standard fields, then extensions inside standard fields, then the event’s own', () => {
      expect(
        body(
          {
            'a:top': '1',
            ilmd: { 'a:lot': 'L1' },
            readPoint: { id: 'urn:x:r', 'a:rp': '2' },
            bizLocation: { id: 'urn:x:b', 'a:bl': '3' },
            quantityList: [{ epcClass: 'urn:x:q', quantity: 1, 'a:qe': '4' }, { epcClass: 'urn:x:p' }, null],
            childQuantityList: [{ epcClass: 'urn:x:c', 'a:cq': '5' }],
            inputQuantityList: [{ epcClass: 'urn:x:i', 'a:iq': '9' }],
            outputQuantityList: [{ epcClass: 'urn:x:o', 'a:oq': '10' }],
            sensorElementList: [
              {
                sensorMetadata: { time: '2020-01-01T00:00:00Z', 'a:sm': '6' },
                sensorReport: [{ type: 'Mass', 'a:sr': '7' }, { type: 'Length' }],
                'a:se': '8',
              },
              { sensorReport: [{ type: 'Mass' }, null] },
              null,
            ],
          },
          { a: NS },
        ),
      ).toBe(
        'quantityListquantityElementepcClass=urn:x:pquantityElementepcClass=urn:x:qquantity=1' +
          'childQuantityListquantityElementepcClass=urn:x:c' +
          'inputQuantityListquantityElementepcClass=urn:x:i' +
          'outputQuantityListquantityElementepcClass=urn:x:o' +
          'readPointid=urn:x:rbizLocationid=urn:x:b' +
          `sensorElementsensorMetadatatime=2020-01-01T00:00:00.000ZsensorReporttype=${VOC}LengthsensorReporttype=${VOC}Mass` +
          `sensorElementsensorReporttype=${VOC}Mass` +
          `ilmd{${NS}}lot=L1` +
          `quantityListquantityElement{${NS}}qe=4` +
          `childQuantityListquantityElement{${NS}}cq=5` +
          `inputQuantityListquantityElement{${NS}}iq=9` +
          `outputQuantityListquantityElement{${NS}}oq=10` +
          `readPoint{${NS}}rp=2` +
          `bizLocation{${NS}}bl=3` +
          `sensorElementsensorMetadata{${NS}}sm=6sensorReport{${NS}}sr=7{${NS}}se=8` +
          `{${NS}}top=1`,
      );
    });

    it('sorts extensions inside standard fields: quantity elements, sensor reports and elements', () => {
      expect(
        body(
          {
            quantityList: [
              { epcClass: 'urn:x:q', 'a:q': '2' },
              { epcClass: 'urn:x:q', 'a:q': '1' },
            ],
            sensorElementList: [
              { sensorReport: [{ 'a:r': '2' }, { 'a:r': '1' }], 'a:e': '2' },
              { 'a:e': '1' },
            ],
          },
          { a: NS },
        ),
      ).toBe(
        'quantityListquantityElementepcClass=urn:x:qquantityElementepcClass=urn:x:q' +
          `quantityListquantityElement{${NS}}q=1quantityElement{${NS}}q=2` +
          // 's' sorts before '{': the element with reports comes first
          `sensorElementsensorReport{${NS}}r=1sensorReport{${NS}}r=2{${NS}}e=2` +
          `sensorElement{${NS}}e=1`,
      );
    });
  });
});
