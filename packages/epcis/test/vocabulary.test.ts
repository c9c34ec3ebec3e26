// CBV 2.0 vocabulary checks and the query keys pulled out of events: pure functions, tested directly
// against GS1's schema (which supplies the term lists).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  canonicalVocabularyValue,
  cbvTerm,
  checkVocabulary,
  createSchemaValidator,
  epcLikePattern,
  epcMatchPatterns,
  queryKeysOf,
  readCaptureDocument,
  termListsFromSchema,
} from '../src/index.ts';

const GS1_DIR = join(import.meta.dirname, '../../../schemas/vendor/gs1/epcis-2.0');
const schema = JSON.parse(readFileSync(join(GS1_DIR, 'EPCIS-JSON-Schema.json'), 'utf8'));
const terms = termListsFromSchema(schema);
const validator = createSchemaValidator(schema);

describe('CBV 2.0 terms', () => {
  it('reads every vocabulary from the schema', () => {
    expect(terms.bizStep.has('shipping')).toBe(true);
    expect(terms.disposition.has('in_transit')).toBe(true);
    expect(terms.bizTransactionType.has('po')).toBe(true);
    expect(terms.sourceDestType.has('owning_party')).toBe(true);
    expect(terms.errorReason.has('did_not_occur')).toBe(true);
    expect(terms.measurementType.has('Temperature')).toBe(true);
    expect(terms.component.has('latitude')).toBe(true);
    expect(() => termListsFromSchema({ definitions: {} })).toThrow(/no terms for bizStep/);
  });

  it('knows a term in each of its spellings, and only in its own vocabulary', () => {
    for (const spelling of [
      'shipping',
      'https://ref.gs1.org/cbv/BizStep-shipping',
      'http://ref.gs1.org/cbv/BizStep-shipping',
      'cbv:BizStep-shipping',
    ])
      expect(cbvTerm('bizStep', spelling, terms)).toBe('shipping');
    expect(cbvTerm('bizStep', 'https://ref.gs1.org/cbv/Disp-in_transit', terms)).toBeUndefined();
    expect(cbvTerm('bizStep', 'https://ref.gs1.org/cbv/BizStep-teleporting', terms)).toBeUndefined();
    expect(cbvTerm('measurementType', 'gs1:Temperature', terms)).toBe('Temperature');
    expect(cbvTerm('measurementType', 'gs1:Telepathy', terms)).toBeUndefined();
    expect(canonicalVocabularyValue('disposition', 'in_transit', terms)).toBe(
      'https://ref.gs1.org/cbv/Disp-in_transit',
    );
    expect(canonicalVocabularyValue('bizStep', 'https://ns.example.com/drying', terms)).toBe(
      'https://ns.example.com/drying',
    );
    expect(canonicalVocabularyValue('measurementType', 'Temperature', terms)).toBe(
      'https://gs1.org/voc/Temperature',
    );
  });

  it('flags GS1-namespace values CBV does not define, wherever they sit, and leaves own namespaces alone', () => {
    const event = {
      bizStep: 'https://ref.gs1.org/cbv/BizStep-shipping',
      disposition: 'https://ns.example.com/disp/fermenting',
      persistentDisposition: { set: ['cbv:Disp-made_up'], unset: ['completeness_verified'] },
      bizTransactionList: [{ type: 'cbv:BTT-po' }, { type: 'https://ref.gs1.org/cbv/BTT-bribe' }],
      sourceList: [{ type: 'https://gs1.org/voc/owning_party' }],
      errorDeclaration: { reason: 'cbv:ER-did_not_occur' },
      sensorElementList: [{ sensorReport: [{ type: 'gs1:Telepathy', component: 'cbv:Comp-latitude' }] }],
    };
    expect(checkVocabulary(event, terms).map((i) => i.pointer)).toEqual([
      '/persistentDisposition/set/0',
      '/bizTransactionList/1/type',
      '/sourceList/0/type',
      '/sensorElementList/0/sensorReport/0/type',
    ]);
  });
});

describe('reading a capture document', () => {
  const event = {
    type: 'ObjectEvent',
    eventTime: '2026-10-01T08:00:00Z',
    eventTimeZoneOffset: '+00:00',
    epcList: ['urn:epc:id:sgtin:0614141.107346.2017'],
    action: 'OBSERVE',
  };
  const doc = (events: unknown[]) => ({
    '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-10-01T09:00:00Z',
    epcisBody: { eventList: events },
  });

  it('gives each event its own issues and the document the rest', () => {
    const read = readCaptureDocument(
      doc([event, { ...event, bizStep: 'flying' }, { ...event, action: undefined }]),
      validator,
      terms,
    );
    expect(read.documentIssues).toEqual([]);
    expect(read.events.map((e) => e.issues.map((i) => i.pointer))).toEqual([
      [],
      ['/epcisBody/eventList/1/bizStep'],
      ['/epcisBody/eventList/2'],
    ]);
    expect(read.events[1]!.issues[0]!.detail).toMatch(/"flying" is not a bizStep term defined by CBV 2.0/);
    const { schemaVersion: _dropped, ...headless } = doc([event]);
    expect(readCaptureDocument(headless, validator, terms).documentIssues.map((i) => i.pointer)).toEqual([
      '',
    ]);
    expect(readCaptureDocument({ type: 'Invoice' }, validator, terms).documentIssues[0]!.pointer).toBe(
      '/type',
    );
    expect(readCaptureDocument('text', validator, terms).documentIssues).toHaveLength(1);
  });

  it('keys an event for queries: canonical vocabulary, locations and EPCs by role', () => {
    const keys = queryKeysOf({
      type: 'TransformationEvent',
      eventTime: '2026-10-01T08:00:00Z',
      bizStep: 'commissioning',
      bizLocation: { id: 'urn:epc:id:sgln:0614141.00888.0' },
      inputEPCList: ['urn:epc:id:sgtin:0614141.107346.1', 'urn:epc:id:sgtin:0614141.107346.1'],
      outputQuantityList: [{ epcClass: 'urn:epc:class:lgtin:0614141.107346.LOT1', quantity: 10, uom: 'KGM' }],
    });
    expect(keys).toMatchObject({
      eventType: 'TransformationEvent',
      bizStep: 'https://ref.gs1.org/cbv/BizStep-commissioning',
      bizLocation: 'urn:epc:id:sgln:0614141.00888.0',
      action: null,
    });
    // Each EPC as captured and as its canonical GS1 Digital Link URI, so either spelling finds it.
    expect(keys.epcs).toEqual([
      { role: 'input', value: 'urn:epc:id:sgtin:0614141.107346.1', spelling: 'captured' },
      { role: 'input', value: 'https://id.gs1.org/01/10614141073464/21/1', spelling: 'canonical' },
      { role: 'outputClass', value: 'urn:epc:class:lgtin:0614141.107346.LOT1', spelling: 'captured' },
      {
        role: 'outputClass',
        value: 'https://id.gs1.org/01/10614141073464/10/LOT1',
        spelling: 'canonical',
      },
    ]);
  });

  it('matches a value in both spellings, and a pattern over EPC URNs only', () => {
    expect(epcMatchPatterns('https://example.com/01/10614141073464/21/2018?17=280101')).toEqual([
      'https://example.com/01/10614141073464/21/2018?17=280101',
      'https://id.gs1.org/01/10614141073464/21/2018',
    ]);
    expect(epcMatchPatterns('urn:epc:id:sscc:0614141.1234567890')).toEqual([
      'urn:epc:id:sscc:0614141.1234567890',
      'https://id.gs1.org/00/106141412345678908',
    ]);
    expect(epcMatchPatterns('urn:epc:idpat:sgtin:0614141.107346.*')).toEqual([
      'urn:epc:id:sgtin:0614141.107346.%',
    ]);
    expect(epcMatchPatterns('urn:example:not-an-epc')).toEqual(['urn:example:not-an-epc']);
  });

  it('turns EPC pattern URIs into LIKE patterns and escapes the rest', () => {
    expect(epcLikePattern('urn:epc:idpat:sgtin:0614141.107346.*')).toBe('urn:epc:id:sgtin:0614141.107346.%');
    expect(epcLikePattern('urn:epc:idpat:sgtin:0614141.*.*')).toBe('urn:epc:id:sgtin:0614141.%.%');
    expect(epcLikePattern('urn:epc:id:sgtin:0614141.107346.20_7%')).toBe(
      'urn:epc:id:sgtin:0614141.107346.20\\_7\\%',
    );
  });
});
