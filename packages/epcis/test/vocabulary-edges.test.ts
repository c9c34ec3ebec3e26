// CBV 2.0 vocabulary: the spellings of a term in each namespace, the vocabularies without CBV URIs
// (GS1 Web Vocabulary), and every vocabulary-valued field an event can carry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  canonicalVocabularyValue,
  cbvTerm,
  checkVocabulary,
  termListsFromSchema,
  VOCABULARIES,
} from '../src/index.ts';
import { vocabularyFields } from '../src/vocabulary.ts';

const GS1_DIR = join(import.meta.dirname, '../../../schemas/vendor/gs1/epcis-2.0');
const schema = JSON.parse(readFileSync(join(GS1_DIR, 'EPCIS-JSON-Schema.json'), 'utf8'));
// Read inside each test, not at import: a broken reader then fails these tests one by one instead of
// failing to load the file (which a mutation run's test runner does not count as a failed test).
const gs1Terms = () => termListsFromSchema(schema);

describe('termListsFromSchema', () => {
  it('reads the enum branches of each definition, and only those', () => {
    expect(gs1Terms().sensorAlertType.has('ALARM_CONDITION')).toBe(true);
    const small = termListsFromSchema({
      definitions: Object.fromEntries(
        Object.values(VOCABULARIES).map(({ definition }) => [
          definition,
          { anyOf: [{ type: 'string', format: 'uri' }, { enum: [`${definition}-a`, `${definition}-b`] }] },
        ]),
      ),
    });
    expect([...small.bizStep]).toEqual(['bizStep-a', 'bizStep-b']);
    expect([...small.sensorAlertType]).toEqual(['sensorAlertType-a', 'sensorAlertType-b']);
  });

  it('refuses a schema that lists no terms for a vocabulary, naming it', () => {
    expect(() => termListsFromSchema({})).toThrow(
      "the EPCIS schema lists no terms for bizStep: is it GS1's schema?",
    );
    const withoutAlerts = structuredClone(schema);
    withoutAlerts.definitions.sensorAlertType = { anyOf: [{ type: 'string' }] };
    expect(() => termListsFromSchema(withoutAlerts)).toThrow(/no terms for sensorAlertType:/);
    delete withoutAlerts.definitions.sensorAlertType.anyOf;
    expect(() => termListsFromSchema(withoutAlerts)).toThrow(/no terms for sensorAlertType:/);
  });
});

describe('cbvTerm', () => {
  it('reads CBV URIs only for vocabularies with CBV URIs, under their own prefix', () => {
    const terms = gs1Terms();
    expect(cbvTerm('disposition', 'cbv:Disp-in_transit', terms)).toBe('in_transit');
    expect(cbvTerm('bizTransactionType', 'https://ref.gs1.org/cbv/BTT-po', terms)).toBe('po');
    expect(cbvTerm('sourceDestType', 'cbv:SDT-owning_party', terms)).toBe('owning_party');
    expect(cbvTerm('errorReason', 'cbv:ER-did_not_occur', terms)).toBe('did_not_occur');
    expect(cbvTerm('component', 'cbv:Comp-latitude', terms)).toBe('latitude');
    // the prefix must be followed by its hyphen
    expect(cbvTerm('bizStep', 'cbv:BizStepshipping', terms)).toBeUndefined();
    // another vocabulary's prefix of the same length is no way in
    expect(cbvTerm('bizStep', 'cbv:Disp-in_shipping', terms)).toBeUndefined();
    expect(cbvTerm('measurementType', 'cbv:Temperature', terms)).toBeUndefined();
    expect(cbvTerm('measurementType', 'cbv:-Temperature', terms)).toBeUndefined();
  });

  it('reads GS1 Web Vocabulary URIs only for vocabularies without CBV URIs', () => {
    const terms = gs1Terms();
    expect(cbvTerm('measurementType', 'https://gs1.org/voc/Temperature', terms)).toBe('Temperature');
    expect(cbvTerm('measurementType', 'http://www.gs1.org/voc/Temperature', terms)).toBe('Temperature');
    expect(cbvTerm('sensorAlertType', 'gs1:ALARM_CONDITION', terms)).toBe('ALARM_CONDITION');
    expect(cbvTerm('bizStep', 'gs1:shipping', terms)).toBeUndefined();
    expect(cbvTerm('bizStep', 'https://gs1.org/voc/shipping', terms)).toBeUndefined();
  });

  it('knows nothing outside GS1’s namespaces', () => {
    const terms = gs1Terms();
    expect(cbvTerm('bizStep', 'https://example.com/cbv/BizStep-shipping', terms)).toBeUndefined();
    expect(cbvTerm('bizStep', 'xcbv:BizStep-shipping', terms)).toBeUndefined();
    expect(cbvTerm('bizStep', 'https://ref.gs1.org/voc/BizStep-shipping', terms)).toBeUndefined();
    expect(cbvTerm('measurementType', 'https://gs1.org/vocx/Temperature', terms)).toBeUndefined();
    expect(cbvTerm('bizStep', 'Shipping', terms)).toBeUndefined();
    expect(cbvTerm('bizStep', 'cbv:BizStep-shipping\nx', terms)).toBeUndefined();
    expect(cbvTerm('measurementType', 'gs1:Temperature\nx', terms)).toBeUndefined();
    expect(cbvTerm('measurementType', 'xgs1:Temperature', terms)).toBeUndefined();
  });
});

describe('canonicalVocabularyValue', () => {
  it('writes CBV terms as CBV URIs and Web Vocabulary terms as gs1.org/voc URIs', () => {
    const terms = gs1Terms();
    expect(canonicalVocabularyValue('bizStep', 'cbv:BizStep-shipping', terms)).toBe(
      'https://ref.gs1.org/cbv/BizStep-shipping',
    );
    expect(canonicalVocabularyValue('component', 'latitude', terms)).toBe(
      'https://ref.gs1.org/cbv/Comp-latitude',
    );
    expect(canonicalVocabularyValue('sensorAlertType', 'gs1:ALARM_CONDITION', terms)).toBe(
      'https://gs1.org/voc/ALARM_CONDITION',
    );
    expect(canonicalVocabularyValue('bizStep', 'cbv:BizStep-teleporting', terms)).toBe(
      'cbv:BizStep-teleporting',
    );
  });
});

describe('checkVocabulary', () => {
  it('checks every vocabulary field, each against its own vocabulary', () => {
    const terms = gs1Terms();
    const wrong = {
      bizStep: 'cbv:BizStep-flying',
      disposition: 'cbv:Disp-flying',
      persistentDisposition: { set: ['cbv:Disp-a', 5], unset: ['cbv:Disp-b'] },
      bizTransactionList: [{ type: 'cbv:BTT-x' }, 'x', { bizTransaction: 'urn:x:1' }],
      sourceList: [{ type: 'cbv:SDT-x' }],
      destinationList: [{ type: 'cbv:SDT-y' }],
      errorDeclaration: { reason: 'cbv:ER-x' },
      sensorElementList: [
        { sensorReport: [{ type: 'gs1:X', exception: 'gs1:Y', component: 'cbv:Comp-zz' }] },
        'x',
        { sensorReport: ['x', { component: 'cbv:Comp-ww' }] },
      ],
    };
    const issues = checkVocabulary(wrong, terms);
    expect(issues.map((i) => i.pointer)).toEqual([
      '/bizStep',
      '/disposition',
      '/persistentDisposition/set/0',
      '/persistentDisposition/unset/0',
      '/bizTransactionList/0/type',
      '/sourceList/0/type',
      '/destinationList/0/type',
      '/errorDeclaration/reason',
      '/sensorElementList/0/sensorReport/0/type',
      '/sensorElementList/0/sensorReport/0/exception',
      '/sensorElementList/0/sensorReport/0/component',
      '/sensorElementList/2/sensorReport/1/component',
    ]);
    expect(issues[0]!.detail).toBe(
      '"cbv:BizStep-flying" is in GS1\'s namespace but is not a bizStep term of CBV 2.0; terms of your own must be URIs in your own namespace',
    );
    expect(issues.map((i) => /a (\S+) term of CBV/.exec(i.detail)?.[1])).toEqual([
      'bizStep',
      'disposition',
      'disposition',
      'disposition',
      'bizTransaction-type',
      'source-dest-type',
      'source-dest-type',
      'error-reason',
      'measurementType',
      'sensorAlertType',
      'component',
      'component',
    ]);

    const right = {
      bizStep: 'cbv:BizStep-shipping',
      disposition: 'in_transit',
      persistentDisposition: { set: ['cbv:Disp-active'], unset: ['https://ref.gs1.org/cbv/Disp-damaged'] },
      bizTransactionList: [{ type: 'po' }],
      sourceList: [{ type: 'cbv:SDT-owning_party' }],
      destinationList: [{ type: 'location' }],
      errorDeclaration: { reason: 'cbv:ER-did_not_occur' },
      sensorElementList: [
        { sensorReport: [{ type: 'gs1:Temperature', exception: 'ALARM_CONDITION', component: 'latitude' }] },
      ],
    };
    expect(checkVocabulary(right, terms)).toEqual([]);
  });

  it('leaves values outside GS1’s namespaces, and non-text values, to the schema', () => {
    const terms = gs1Terms();
    expect(
      checkVocabulary(
        {
          bizStep: 'flying',
          disposition: 7,
          persistentDisposition: 'x',
          sourceList: { type: 'cbv:SDT-x' },
          destinationList: ['cbv:SDT-x', null],
          bizTransactionList: ['cbv:BTT-x'],
          errorDeclaration: 'cbv:ER-x',
          sensorElementList: [{ sensorReport: { type: 'gs1:X' } }],
        },
        terms,
      ),
    ).toEqual([]);
  });
});

describe('vocabularyFields', () => {
  it('yields each vocabulary field holding text, with its pointer and vocabulary', () => {
    expect([
      ...vocabularyFields({
        bizStep: 'a',
        disposition: 'b',
        persistentDisposition: { set: ['c'], unset: ['d'] },
        bizTransactionList: [{ type: 'e' }],
        sourceList: [{ type: 'f' }],
        destinationList: [{ type: 'g' }],
        errorDeclaration: { reason: 'h' },
        sensorElementList: [{ sensorReport: [{ type: 'i', exception: 'j', component: 'k' }] }],
      }),
    ]).toEqual([
      ['/bizStep', 'bizStep', 'a'],
      ['/disposition', 'disposition', 'b'],
      ['/persistentDisposition/set/0', 'disposition', 'c'],
      ['/persistentDisposition/unset/0', 'disposition', 'd'],
      ['/bizTransactionList/0/type', 'bizTransactionType', 'e'],
      ['/sourceList/0/type', 'sourceDestType', 'f'],
      ['/destinationList/0/type', 'sourceDestType', 'g'],
      ['/errorDeclaration/reason', 'errorReason', 'h'],
      ['/sensorElementList/0/sensorReport/0/type', 'measurementType', 'i'],
      ['/sensorElementList/0/sensorReport/0/exception', 'sensorAlertType', 'j'],
      ['/sensorElementList/0/sensorReport/0/component', 'component', 'k'],
    ]);
  });

  it('yields nothing for absent fields or values that are not text', () => {
    expect([...vocabularyFields({})]).toEqual([]);
    expect([
      ...vocabularyFields({
        bizStep: 1,
        disposition: null,
        persistentDisposition: { set: [2], unset: 'd' },
        bizTransactionList: [{ type: 3 }, 'e'],
        sourceList: [{}],
        destinationList: [{ type: true }],
        errorDeclaration: { reason: 4 },
        sensorElementList: [{ sensorReport: [{ type: 5, exception: 6, component: 7 }] }, 'x'],
      }),
    ]).toEqual([]);
  });
});
