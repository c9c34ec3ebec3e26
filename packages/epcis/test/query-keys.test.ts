// The keys the query interface filters on, pulled out of one event; the MATCH_* parameters' roles; the
// LIKE patterns a MATCH_* value stands for.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  canonicalVocabularyValue,
  epcLikePattern,
  epcMatchPatterns,
  MATCH_PARAMETERS,
  queryKeysOf,
  termListsFromSchema,
} from '../src/index.ts';

const GS1_DIR = join(import.meta.dirname, '../../../schemas/vendor/gs1/epcis-2.0');
const terms = termListsFromSchema(JSON.parse(readFileSync(join(GS1_DIR, 'EPCIS-JSON-Schema.json'), 'utf8')));

const SGTIN = 'urn:epc:id:sgtin:0614141.107346.1';
const SGTIN_DL = 'https://id.gs1.org/01/10614141073464/21/1';

describe('queryKeysOf', () => {
  it('keys every EPC list and quantity list by its role, each value once, captured then canonical', () => {
    const keys = queryKeysOf({
      type: 'AggregationEvent',
      eventTime: '2026-10-01T08:00:00Z',
      action: 'ADD',
      disposition: 'in_progress',
      readPoint: { id: 'urn:epc:id:sgln:0614141.00777.0' },
      epcList: ['urn:x:e', 'urn:x:e', 7],
      childEPCs: [SGTIN, SGTIN_DL],
      parentID: 'urn:x:p',
      outputEPCList: ['urn:x:o'],
      quantityList: [{ epcClass: 'urn:x:c' }, { quantity: 1 }, null, 'urn:x:no', { epcClass: 5 }],
      childQuantityList: [{ epcClass: 'urn:x:cc' }],
      inputQuantityList: [{ epcClass: 'urn:x:ic' }],
      outputQuantityList: 'not a list',
    });
    expect(keys).toEqual({
      eventType: 'AggregationEvent',
      eventTime: '2026-10-01T08:00:00Z',
      action: 'ADD',
      bizStep: null,
      disposition: 'https://ref.gs1.org/cbv/Disp-in_progress',
      readPoint: 'urn:epc:id:sgln:0614141.00777.0',
      bizLocation: null,
      epcs: [
        { role: 'epc', value: 'urn:x:e', spelling: 'captured' },
        { role: 'child', value: SGTIN, spelling: 'captured' },
        // the canonical form of the URN is the Digital Link URI already captured: not added twice
        { role: 'child', value: SGTIN_DL, spelling: 'captured' },
        { role: 'parent', value: 'urn:x:p', spelling: 'captured' },
        { role: 'output', value: 'urn:x:o', spelling: 'captured' },
        { role: 'class', value: 'urn:x:c', spelling: 'captured' },
        { role: 'childClass', value: 'urn:x:cc', spelling: 'captured' },
        { role: 'inputClass', value: 'urn:x:ic', spelling: 'captured' },
      ],
    });
  });

  it('gives null for fields that are absent or not text, and keeps non-CBV vocabulary as captured', () => {
    const keys = queryKeysOf({
      type: 'ObjectEvent',
      eventTime: '2026-10-01T08:00:00Z',
      action: 1,
      bizStep: 'https://ns.example.com/drying',
      disposition: 2,
      parentID: 3,
      readPoint: 'urn:x:r',
      bizLocation: { id: 4 },
    });
    expect(keys).toEqual({
      eventType: 'ObjectEvent',
      eventTime: '2026-10-01T08:00:00Z',
      action: null,
      bizStep: 'https://ns.example.com/drying',
      disposition: null,
      readPoint: null,
      bizLocation: null,
      epcs: [],
    });
    expect(queryKeysOf({ type: 'ObjectEvent', eventTime: 'x', readPoint: null }).readPoint).toBeNull();
  });

  it('keys the vocabulary of any event capture accepts as the term lists would, without them', () => {
    // What GS1's schema and checkVocabulary let through: every listed term, bare or as either CBV
    // URI, and URIs of one's own namespace. The keys must not depend on the lists, so that a rebuild
    // under another GS1 release projects the same rows (decision 0031).
    for (const [vocabulary, prefix] of [
      ['bizStep', 'BizStep'],
      ['disposition', 'Disp'],
    ] as const) {
      expect(terms[vocabulary].size).toBeGreaterThan(10);
      const spellings = [...terms[vocabulary]].flatMap((term) => [
        term,
        `cbv:${prefix}-${term}`,
        `https://ref.gs1.org/cbv/${prefix}-${term}`,
      ]);
      for (const value of [...spellings, 'https://ns.example.com/drying', 'urn:example:step']) {
        const keys = queryKeysOf({ type: 'ObjectEvent', eventTime: 'x', [vocabulary]: value });
        expect(keys[vocabulary], value).toBe(canonicalVocabularyValue(vocabulary, value, terms));
      }
    }
  });

  it('adds the canonical form of a parent ID and of every quantity class', () => {
    const keys = queryKeysOf({
      type: 'AggregationEvent',
      eventTime: '2026-10-01T08:00:00Z',
      parentID: 'urn:epc:id:sscc:0614141.1234567890',
      outputQuantityList: [{ epcClass: 'urn:epc:class:lgtin:0614141.107346.L1' }],
    });
    expect(keys.epcs).toEqual([
      { role: 'parent', value: 'urn:epc:id:sscc:0614141.1234567890', spelling: 'captured' },
      { role: 'parent', value: 'https://id.gs1.org/00/106141412345678908', spelling: 'canonical' },
      { role: 'outputClass', value: 'urn:epc:class:lgtin:0614141.107346.L1', spelling: 'captured' },
      { role: 'outputClass', value: 'https://id.gs1.org/01/10614141073464/10/L1', spelling: 'canonical' },
    ]);
  });

  it('adds one canonical form for two spellings of the same EPC', () => {
    const keys = queryKeysOf({
      type: 'ObjectEvent',
      eventTime: '2026-10-01T08:00:00Z',
      epcList: [SGTIN, `https://example.com/01/10614141073464/21/1`],
    });
    expect(keys.epcs).toEqual([
      { role: 'epc', value: SGTIN, spelling: 'captured' },
      { role: 'epc', value: 'https://example.com/01/10614141073464/21/1', spelling: 'captured' },
      { role: 'epc', value: SGTIN_DL, spelling: 'canonical' },
    ]);
  });
});

describe('MATCH_PARAMETERS', () => {
  it('looks in the roles EPCIS 2.0 §8.2.7.1 gives each MATCH_ parameter', () => {
    expect(MATCH_PARAMETERS).toEqual({
      MATCH_epc: ['epc', 'child'],
      MATCH_parentID: ['parent'],
      MATCH_inputEPC: ['input'],
      MATCH_outputEPC: ['output'],
      MATCH_anyEPC: ['epc', 'child', 'parent', 'input', 'output'],
      MATCH_epcClass: ['class', 'childClass'],
      MATCH_inputEPCClass: ['inputClass'],
      MATCH_outputEPCClass: ['outputClass'],
      MATCH_anyEPCClass: ['class', 'childClass', 'inputClass', 'outputClass'],
    });
  });
});

describe('epcLikePattern', () => {
  it('escapes the LIKE wildcards and the escape character in anything that is no pattern', () => {
    expect(epcLikePattern('urn:x:a_b%c\\d')).toBe('urn:x:a\\_b\\%c\\\\d');
    expect(epcLikePattern('urn:epc:id:sgtin:0614141.107346.*')).toBe('urn:epc:id:sgtin:0614141.107346.*');
  });

  it('turns whole-field stars of a pattern URI into %, whatever the case of its prefix', () => {
    expect(epcLikePattern('URN:EPC:IDPAT:sgtin:0614141.107346.*')).toBe('urn:epc:id:sgtin:0614141.107346.%');
    expect(epcLikePattern('urn:epc:idpat:sgtin:*.*.*')).toBe('urn:epc:id:sgtin:%.%.%');
    expect(epcLikePattern('urn:epc:idpat:sgtin:0614141.1*.5')).toBe('urn:epc:id:sgtin:0614141.1*.5');
    expect(epcLikePattern('urn:epc:idpat:sgtin:0614141.107346.a_*')).toBe(
      'urn:epc:id:sgtin:0614141.107346.a\\_*',
    );
    expect(epcLikePattern('urn:epc:idpat:usdod-x9:*')).toBe('urn:epc:id:usdod-x9:%');
    expect(epcLikePattern('urn:epc:idpat:sg_tin:*')).toBe('urn:epc:idpat:sg\\_tin:*');
    expect(epcLikePattern('x:urn:epc:idpat:sgtin:*')).toBe('x:urn:epc:idpat:sgtin:*');
    // a line break ends no pattern: the value is taken as it is
    expect(epcLikePattern('urn:epc:idpat:sgtin:*\nx')).toBe('urn:epc:idpat:sgtin:*\nx');
  });
});

describe('epcMatchPatterns', () => {
  it('gives a pattern URI (any case) as its pattern alone', () => {
    expect(epcMatchPatterns('URN:epc:idpat:sgtin:0614141.107346.*')).toEqual([
      'urn:epc:id:sgtin:0614141.107346.%',
    ]);
  });

  it('reads a pattern only at the start of the value', () => {
    const dl = 'https://example.com/01/10614141073464?q=urn:epc:idpat:sgtin:*';
    expect(epcMatchPatterns(dl)).toEqual([dl, 'https://id.gs1.org/01/10614141073464']);
  });

  it('gives a canonical Digital Link URI once, and another spelling with its canonical form', () => {
    expect(epcMatchPatterns(SGTIN_DL)).toEqual([SGTIN_DL]);
    expect(epcMatchPatterns('urn:epc:id:sgtin:0614141.107346.1_2')).toEqual([
      'urn:epc:id:sgtin:0614141.107346.1\\_2',
      'https://id.gs1.org/01/10614141073464/21/1\\_2',
    ]);
  });
});
