// Reading a submitted EPCIS 2.0 document: which events it carries, where each sits (so that errors can
// point into the submitted document), and what is wrong with it as a whole and with each event.

import { checkQuantities } from './quantities.ts';
import type { EpcisSchemaValidator, JsonObject, ValidationIssue } from './validate.ts';
import { checkVocabulary, type TermLists } from './vocabulary.ts';

export interface DocumentEvent {
  /** Position in the document's event list. */
  position: number;
  /** JSON Pointer of the event in the submitted document. */
  pointer: string;
  event: JsonObject;
  /** What is wrong with this event (pointers into the whole document); empty when it may be stored. */
  issues: ValidationIssue[];
}

export interface ReadDocument {
  /** The document's JSON-LD context: events are stored with it, as their extension prefixes need it. */
  context: unknown;
  /** Problems no single event owns (not an EPCIS document, a bad header…): the whole capture fails. */
  documentIssues: ValidationIssue[];
  events: DocumentEvent[];
}

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Where a document keeps its events: EPCISDocument, or EPCISQueryDocument (query results re-captured). */
function eventListPointer(document: JsonObject): string | undefined {
  if (document.type === 'EPCISDocument') return '/epcisBody/eventList';
  if (document.type === 'EPCISQueryDocument') return '/epcisBody/queryResults/resultsBody/eventList';
  return undefined;
}

export function readCaptureDocument(
  document: unknown,
  validator: EpcisSchemaValidator,
  terms: TermLists,
): ReadDocument {
  if (!isObject(document)) {
    return {
      context: undefined,
      documentIssues: [{ pointer: '', detail: 'must be a JSON object' }],
      events: [],
    };
  }
  const listPointer = eventListPointer(document);
  if (!listPointer) {
    return {
      context: document['@context'],
      documentIssues: [{ pointer: '/type', detail: 'must be "EPCISDocument" or "EPCISQueryDocument"' }],
      events: [],
    };
  }
  const list = listPointer
    .slice(1)
    .split('/')
    .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), document);
  const events: DocumentEvent[] = (Array.isArray(list) ? list : []).map((event, position) => ({
    position,
    pointer: `${listPointer}/${position}`,
    event: isObject(event) ? event : {},
    issues: [],
  }));
  const documentIssues: ValidationIssue[] = [];
  for (const issue of validator.validate(document)) {
    const owner = eventAt(issue.pointer, listPointer, events);
    if (owner) owner.issues.push(issue);
    else documentIssues.push(issue);
  }
  for (const e of events) {
    if (!isObject(list && (list as unknown[])[e.position])) continue;
    for (const issue of [...checkVocabulary(e.event, terms), ...checkQuantities(e.event)]) {
      e.issues.push({ pointer: `${e.pointer}${issue.pointer}`, detail: issue.detail });
    }
  }
  return { context: document['@context'], documentIssues, events };
}

function eventAt(pointer: string, listPointer: string, events: DocumentEvent[]): DocumentEvent | undefined {
  if (!pointer.startsWith(`${listPointer}/`)) return undefined;
  const position = Number(pointer.slice(listPointer.length + 1).split('/')[0]);
  return Number.isInteger(position) ? events[position] : undefined;
}
