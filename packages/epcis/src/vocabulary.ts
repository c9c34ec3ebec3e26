// CBV 2.0 vocabulary beyond what the JSON Schema can say. The schema accepts a CBV bare word or any
// URI outside the `urn:epcglobal:cbv` namespace, so `https://ref.gs1.org/cbv/BizStep-made_up` or
// `cbv:Disp-made_up` pass it although CBV defines no such term. Terms in GS1's namespaces must be
// terms CBV lists; a party's own terms belong in its own namespace.
import type { ValidationIssue } from './validate.ts';

export const CBV_NAMESPACE = 'https://ref.gs1.org/cbv/';
export const GS1_VOC_NAMESPACE = 'https://gs1.org/voc/';

/** A CBV vocabulary: its JSON Schema definition name and the prefix of its terms' CBV URIs. */
interface Vocabulary {
  definition: string;
  /** `BizStep` for https://ref.gs1.org/cbv/BizStep-shipping; undefined for GS1 Web Vocabulary terms. */
  cbvPrefix?: string;
}

export const VOCABULARIES = {
  bizStep: { definition: 'bizStep', cbvPrefix: 'BizStep' },
  disposition: { definition: 'disposition', cbvPrefix: 'Disp' },
  bizTransactionType: { definition: 'bizTransaction-type', cbvPrefix: 'BTT' },
  sourceDestType: { definition: 'source-dest-type', cbvPrefix: 'SDT' },
  errorReason: { definition: 'error-reason', cbvPrefix: 'ER' },
  component: { definition: 'component', cbvPrefix: 'Comp' },
  measurementType: { definition: 'measurementType' },
  sensorAlertType: { definition: 'sensorAlertType' },
} as const satisfies Record<string, Vocabulary>;

export type VocabularyName = keyof typeof VOCABULARIES;

/** The terms of each vocabulary, read from the schema's enums so that they follow GS1's release. */
export type TermLists = Record<VocabularyName, ReadonlySet<string>>;

export function termListsFromSchema(schema: Record<string, unknown>): TermLists {
  const definitions = (schema.definitions ?? {}) as Record<string, { anyOf?: { enum?: string[] }[] }>;
  const lists = {} as Record<VocabularyName, ReadonlySet<string>>;
  for (const [name, vocabulary] of Object.entries(VOCABULARIES) as [VocabularyName, Vocabulary][]) {
    const terms = definitions[vocabulary.definition]?.anyOf?.flatMap((branch) => branch.enum ?? []) ?? [];
    if (terms.length === 0)
      throw new Error(`the EPCIS schema lists no terms for ${vocabulary.definition}: is it GS1's schema?`);
    lists[name] = new Set(terms);
  }
  return lists;
}

/** Where a value sits in GS1's namespaces: the bare term after the namespace, or undefined. */
function inGs1Namespace(value: string): { cbv: string } | { voc: string } | undefined {
  const cbv = /^(?:https?:\/\/ref\.gs1\.org\/cbv\/|cbv:)(.*)$/.exec(value);
  if (cbv) return { cbv: cbv[1]! };
  const voc = /^(?:https?:\/\/(?:www\.)?gs1\.org\/voc\/|gs1:)(.*)$/.exec(value);
  if (voc) return { voc: voc[1]! };
  return undefined;
}

/**
 * The term of the vocabulary a spelling names, not checked against the term lists: the value itself
 * when it is a bare word (no URI scheme), the part after the CBV prefix of a CBV URI, the part after
 * the namespace of a GS1 Web Vocabulary URI; undefined for a URI of someone's own namespace.
 */
function spelledTerm(vocabulary: VocabularyName, value: string): string | undefined {
  const where = inGs1Namespace(value);
  if (!where) return value.includes(':') ? undefined : value;
  const { cbvPrefix } = VOCABULARIES[vocabulary] as Vocabulary;
  if ('cbv' in where)
    return cbvPrefix && where.cbv.startsWith(`${cbvPrefix}-`)
      ? where.cbv.slice(cbvPrefix.length + 1)
      : undefined;
  return cbvPrefix ? undefined : where.voc;
}

/**
 * The bare CBV term a vocabulary value stands for (`shipping` for `shipping`,
 * `https://ref.gs1.org/cbv/BizStep-shipping` or `cbv:BizStep-shipping`), or undefined for a URI of
 * someone's own namespace or a term CBV does not define.
 */
export function cbvTerm(vocabulary: VocabularyName, value: string, terms: TermLists): string | undefined {
  const term = spelledTerm(vocabulary, value);
  return term !== undefined && terms[vocabulary].has(term) ? term : undefined;
}

/** A term's canonical spelling: its full CBV URI, or its gs1.org/voc URI for GS1 Web Vocabulary terms. */
function canonicalTerm(vocabulary: VocabularyName, term: string): string {
  const { cbvPrefix } = VOCABULARIES[vocabulary] as Vocabulary;
  return cbvPrefix ? `${CBV_NAMESPACE}${cbvPrefix}-${term}` : `${GS1_VOC_NAMESPACE}${term}`;
}

/**
 * A vocabulary value in one canonical spelling, so that queries match whichever form was captured:
 * CBV terms as their full CBV URI, GS1 Web Vocabulary terms as their gs1.org/voc URI, own URIs as given.
 */
export function canonicalVocabularyValue(
  vocabulary: VocabularyName,
  value: string,
  terms: TermLists,
): string {
  const term = cbvTerm(vocabulary, value, terms);
  return term === undefined ? value : canonicalTerm(vocabulary, term);
}

/**
 * canonicalVocabularyValue of a value in an event that passed capture validation, without the term
 * lists: GS1's schema admits a bare word only from its enum, and checkVocabulary a URI in GS1's
 * namespaces only when it names a listed term, so the spelling alone says which term it is. Keys of a
 * captured event are projected from its ledger entry alone (decision 0031), the same whichever GS1
 * release is configured when the log is replayed.
 */
export function capturedVocabularyValue(vocabulary: VocabularyName, value: string): string {
  const term = spelledTerm(vocabulary, value);
  return term === undefined ? value : canonicalTerm(vocabulary, term);
}

type Json = Record<string, unknown>;
const asObject = (v: unknown): Json | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Every vocabulary-valued field of an event: [pointer relative to the event, vocabulary, value]. */
export function* vocabularyFields(event: Json): Generator<[string, VocabularyName, string]> {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const bizStep = str(event.bizStep);
  if (bizStep !== undefined) yield ['/bizStep', 'bizStep', bizStep];
  const disposition = str(event.disposition);
  if (disposition !== undefined) yield ['/disposition', 'disposition', disposition];
  const persistent = asObject(event.persistentDisposition);
  for (const key of ['set', 'unset'] as const) {
    for (const [i, v] of asArray(persistent?.[key]).entries()) {
      if (typeof v === 'string') yield [`/persistentDisposition/${key}/${i}`, 'disposition', v];
    }
  }
  for (const [i, t] of asArray(event.bizTransactionList).entries()) {
    const type = str(asObject(t)?.type);
    if (type !== undefined) yield [`/bizTransactionList/${i}/type`, 'bizTransactionType', type];
  }
  for (const list of ['sourceList', 'destinationList'] as const) {
    for (const [i, s] of asArray(event[list]).entries()) {
      const type = str(asObject(s)?.type);
      if (type !== undefined) yield [`/${list}/${i}/type`, 'sourceDestType', type];
    }
  }
  const reason = str(asObject(event.errorDeclaration)?.reason);
  if (reason !== undefined) yield ['/errorDeclaration/reason', 'errorReason', reason];
  for (const [i, element] of asArray(event.sensorElementList).entries()) {
    for (const [j, report] of asArray(asObject(element)?.sensorReport).entries()) {
      const r = asObject(report);
      const at = `/sensorElementList/${i}/sensorReport/${j}`;
      const type = str(r?.type);
      if (type !== undefined) yield [`${at}/type`, 'measurementType', type];
      const exception = str(r?.exception);
      if (exception !== undefined) yield [`${at}/exception`, 'sensorAlertType', exception];
      const component = str(r?.component);
      if (component !== undefined) yield [`${at}/component`, 'component', component];
    }
  }
}

/** Vocabulary values in GS1's namespaces that CBV 2.0 does not define. Pointers are relative to the event. */
export function checkVocabulary(event: Json, terms: TermLists): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [pointer, vocabulary, value] of vocabularyFields(event)) {
    if (terms[vocabulary].has(value) || !inGs1Namespace(value)) continue;
    if (cbvTerm(vocabulary, value, terms) === undefined) {
      issues.push({
        pointer,
        detail: `"${value}" is in GS1's namespace but is not a ${VOCABULARIES[vocabulary].definition} term of CBV 2.0; terms of your own must be URIs in your own namespace`,
      });
    }
  }
  return issues;
}
