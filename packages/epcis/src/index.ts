// GS1 EPCIS 2.0 / CBV 2.0: reading and checking captured documents, CBV vocabulary, event hash IDs
// and the keys the query interface filters on. Pure: no I/O (the caller loads GS1's schema).
export { type DocumentEvent, type ReadDocument, readCaptureDocument } from './document.ts';
export { canonicalEpc, eventHashId, type JsonLdContext, preHashString } from './event-hash.ts';
export { checkQuantities } from './quantities.ts';
export {
  type EpcRole,
  epcLikePattern,
  epcMatchPatterns,
  MATCH_PARAMETERS,
  type QueryKeys,
  queryKeysOf,
} from './query-keys.ts';
export {
  createSchemaValidator,
  type EpcisSchemaValidator,
  type JsonObject,
  type ValidationIssue,
  valueAt,
} from './validate.ts';
export {
  CBV_NAMESPACE,
  canonicalVocabularyValue,
  cbvTerm,
  checkVocabulary,
  GS1_VOC_NAMESPACE,
  type TermLists,
  termListsFromSchema,
  VOCABULARIES,
  type VocabularyName,
} from './vocabulary.ts';
export {
  EPCIS_QUERY_XML_NAMESPACE,
  EPCIS_XML_NAMESPACE,
  epcisDocumentToXml,
  XmlBindingError,
} from './xml.ts';
export { epcisXmlToDocument } from './xml-read.ts';
