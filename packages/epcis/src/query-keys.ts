// What the query interface filters on, pulled out of an event once at capture and indexed, so that
// queries never scan stored event bodies.

import { canonicalEpc } from './event-hash.ts';
import type { JsonObject } from './validate.ts';
import { capturedVocabularyValue } from './vocabulary.ts';

/** The lists an EPC or EPC class can appear in; MATCH_* parameters select sets of these. */
export type EpcRole =
  | 'epc'
  | 'child'
  | 'parent'
  | 'input'
  | 'output'
  | 'class'
  | 'childClass'
  | 'inputClass'
  | 'outputClass';

export interface QueryKeys {
  eventType: string;
  eventTime: string;
  action: string | null;
  /** Canonical CBV URI (or the party's own URI), whichever spelling was captured. */
  bizStep: string | null;
  disposition: string | null;
  readPoint: string | null;
  bizLocation: string | null;
  /**
   * Every EPC and class by role: as captured, and also as its canonical GS1 Digital Link URI where that
   * differs, so a query in either spelling (EPC URN or Digital Link) finds the event.
   */
  epcs: { role: EpcRole; value: string; spelling: 'captured' | 'canonical' }[];
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
const classes = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.flatMap((q) => (q && typeof q === 'object' && typeof q.epcClass === 'string' ? [q.epcClass] : []))
    : [];

/**
 * The keys of an event that passed capture validation, or of a native event (written in CBV terms):
 * a function of the event alone, so its projection can be rebuilt from the log (decision 0031).
 */
export function queryKeysOf(event: JsonObject): QueryKeys {
  const epcs: QueryKeys['epcs'] = [];
  const add = (role: EpcRole, values: string[]) => {
    const captured = new Set(values);
    for (const value of captured) epcs.push({ role, value, spelling: 'captured' });
    for (const value of new Set(values.map(canonicalEpc)))
      if (!captured.has(value)) epcs.push({ role, value, spelling: 'canonical' });
  };
  add('epc', strings(event.epcList));
  add('child', strings(event.childEPCs));
  add('parent', str(event.parentID) === null ? [] : [event.parentID as string]);
  add('input', strings(event.inputEPCList));
  add('output', strings(event.outputEPCList));
  add('class', classes(event.quantityList));
  add('childClass', classes(event.childQuantityList));
  add('inputClass', classes(event.inputQuantityList));
  add('outputClass', classes(event.outputQuantityList));
  const bizStep = str(event.bizStep);
  const disposition = str(event.disposition);
  const id = (v: unknown) => (v && typeof v === 'object' ? str((v as JsonObject).id) : null);
  return {
    eventType: String(event.type),
    eventTime: String(event.eventTime),
    action: str(event.action),
    bizStep: bizStep === null ? null : capturedVocabularyValue('bizStep', bizStep),
    disposition: disposition === null ? null : capturedVocabularyValue('disposition', disposition),
    readPoint: id(event.readPoint),
    bizLocation: id(event.bizLocation),
    epcs,
  };
}

/** Which roles each MATCH_* query parameter of EPCIS 2.0's SimpleEventQuery looks in. */
export const MATCH_PARAMETERS: Record<string, EpcRole[]> = {
  MATCH_epc: ['epc', 'child'],
  MATCH_parentID: ['parent'],
  MATCH_inputEPC: ['input'],
  MATCH_outputEPC: ['output'],
  MATCH_anyEPC: ['epc', 'child', 'parent', 'input', 'output'],
  MATCH_epcClass: ['class', 'childClass'],
  MATCH_inputEPCClass: ['inputClass'],
  MATCH_outputEPCClass: ['outputClass'],
  MATCH_anyEPCClass: ['class', 'childClass', 'inputClass', 'outputClass'],
};

/**
 * An EPC pattern as a SQL LIKE pattern: `urn:epc:idpat:sgtin:0614141.107346.*` matches every serial of
 * that class (the EPC Tag Data Standard's pattern URIs, whole-field wildcards only); anything else
 * matches itself exactly.
 */
export function epcLikePattern(value: string): string {
  const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`);
  const idpat = /^urn:epc:idpat:([a-z0-9-]+):(.*)$/i.exec(escaped);
  if (!idpat) return escaped;
  const fields = idpat[2]!.split('.').map((f) => (f === '*' ? '%' : f));
  return `urn:epc:id:${idpat[1]}:${fields.join('.')}`;
}

/**
 * The LIKE patterns one MATCH_* value stands for: an EPC pattern URI as its pattern over EPC URNs (a
 * Digital Link URI has no company-prefix boundary to match a pattern on), any other value as itself
 * and as its canonical Digital Link form, which is stored beside every EPC URN captured.
 */
export function epcMatchPatterns(value: string): string[] {
  const pattern = epcLikePattern(value);
  if (/^urn:epc:idpat:/i.test(value)) return [pattern];
  const canonical = canonicalEpc(value);
  return canonical === value ? [pattern] : [pattern, epcLikePattern(canonical)];
}
