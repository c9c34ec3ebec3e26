// The package loads: its module-level tables (regular expressions built from strings, term lists, key
// orders) are valid. Imported inside the test, so that a broken table fails this test rather than
// every test file's import (which a mutation run's test runner does not count as a failed test).
import { describe, expect, it } from 'vitest';

describe('@groundtruth/epcis', () => {
  it('loads, with every export the package declares', async () => {
    const epcis = await import('../src/index.ts');
    expect(Object.keys(epcis).sort()).toEqual([
      'CBV_NAMESPACE',
      'EPCIS_QUERY_XML_NAMESPACE',
      'EPCIS_XML_NAMESPACE',
      'GS1_VOC_NAMESPACE',
      'MATCH_PARAMETERS',
      'VOCABULARIES',
      'XmlBindingError',
      'canonicalEpc',
      'canonicalVocabularyValue',
      'cbvTerm',
      'checkQuantities',
      'checkVocabulary',
      'createSchemaValidator',
      'epcLikePattern',
      'epcMatchPatterns',
      'epcisDocumentToXml',
      'epcisXmlToDocument',
      'eventHashId',
      'preHashString',
      'queryKeysOf',
      'readCaptureDocument',
      'termListsFromSchema',
      'valueAt',
    ]);
    // a canonical form that goes through the module-level Digital Link patterns
    expect(epcis.canonicalEpc('https://example.com/01/09780345418913/21/S1')).toBe(
      'https://id.gs1.org/01/09780345418913/21/S1',
    );
  });
});
