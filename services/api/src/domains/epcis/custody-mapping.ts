// EPCIS 2.0 → Groundtruth custody facts: the capture direction of decision 0025, the inverse of
// native-mapping.ts (decision 0016) where both exist. Pure: one parsed event (a JSON object, whatever
// wire format it came in) and its document's JSON-LD context in, one custody fact with its references
// still in EPCIS terms (lot classes, party GLNs, plot URNs) out. The capture service resolves those
// references against the database and hands the fact to the native event service, so both paths are
// checked by the same rules.
import { canonicalEpc, type JsonObject } from '@groundtruth/epcis';
import { GROUNDTRUTH_NAMESPACE } from './native-mapping.ts';

/** What an EPC class names: an existing batch (Groundtruth's URN) or a lot, with its GTIN when it is an LGTIN. */
export type ClassRef = { batchId: string } | { lot: string; gtin: string | null };
/**
 * An owning party: a Groundtruth organisation, whoever registered this GLN, or a party named some other
 * way (or not at all), which the capture refuses only when the lot is Groundtruth's.
 */
export type PartyRef = { organisationId: string } | { gln: string } | { unknown: string };

export interface LotQuantity {
  class: ClassRef;
  /** An exact decimal string and its UN/CEFACT Rec. 20 unit. */
  quantity: { value: string; unit: string };
  /** Where the quantity element is in the event (a JSON Pointer relative to the event). */
  pointer: string;
  /** For a lot the event makes: what `gt:lotData` says of it under its epcClass. */
  lotData: LotData;
}

/** Groundtruth's master data of a lot an event makes (`gt:lotData`, one entry per epcClass). */
export interface LotData {
  material?: string;
  cocoaContent?: string;
  description?: string;
}

interface FactBase {
  eventTime: string;
}

export type CustodyFact =
  | (FactBase & {
      kind: 'harvest';
      plotId: string;
      /** The destination owning party, when the event names one: it must be the plot's owner. */
      owner: PartyRef | null;
      season: string | null;
      output: LotQuantity;
    })
  | (FactBase & {
      kind: 'transfer';
      from: PartyRef;
      to: PartyRef;
      input: LotQuantity;
      /** `gt:receivedAs`: the receiver's lot when it differs from the one shipped. */
      receivedAs: LotQuantity | null;
    })
  | (FactBase & {
      kind: 'receipt';
      from: PartyRef;
      to: PartyRef;
      received: LotQuantity;
      /** `gt:confirms`: the transfer's /v1 id, when the sender's event came from Groundtruth. */
      confirms: string | null;
    })
  | (FactBase & {
      kind: 'transformation';
      /** The organisation whose site bizLocation names (SGLN), or null: the capturing organisation. */
      site: PartyRef | null;
      inputs: LotQuantity[];
      outputs: LotQuantity[];
    })
  | (FactBase & { kind: 'loss'; site: PartyRef | null; input: LotQuantity; reason: string | null })
  | (FactBase & {
      kind: 'void';
      /** The declared event's eventID as sent (its hash ID is the capture's to compute). */
      eventId: string | null;
      /** `gt:event`: the /v1 id of a native event served as EPCIS (decision 0016). */
      nativeEventId: string | null;
      /** The CBV 2.0 error reason, when it is one Groundtruth's voids take. */
      reason: 'did_not_occur' | 'incorrect_data' | null;
      correctiveEventIds: string[];
      explanation: string | null;
    });

export interface MappingIssue {
  /** JSON Pointer relative to the event. */
  pointer: string;
  detail: string;
}

export type CustodyMapping =
  | { maps: true; fact: CustodyFact }
  /** Not a custody fact (an observation, a sensor report, packing): stored and queryable only. */
  | { maps: false; why: string }
  /** Looks like a custody fact but cannot be one as written: the capture is refused. */
  | { maps: 'refused'; issues: MappingIssue[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GS1 = 'https://id.gs1.org';

/** A CBV 2.0 vocabulary value as its bare term, whichever of CBV's three spellings was used. */
export function cbvTermOf(value: unknown, vocabulary: 'bizstep' | 'sdt' | 'disp' | 'er'): string | null {
  if (typeof value !== 'string') return null;
  const web = { bizstep: 'BizStep', sdt: 'SDT', disp: 'Disp', er: 'ER' }[vocabulary];
  for (const prefix of [`urn:epcglobal:cbv:${vocabulary}:`, `https://ref.gs1.org/cbv/${web}-`])
    if (value.startsWith(prefix)) return value.slice(prefix.length);
  return /^[a-z_]+$/.test(value) ? value : null;
}

/** The class a URI names as a custody lot, or why it names none. */
export function classRefOf(uri: string): ClassRef | string {
  const batch = /^urn:groundtruth:batch:(.+)$/.exec(uri);
  if (batch) return UUID.test(batch[1]!) ? { batchId: batch[1]!.toLowerCase() } : 'not a batch id';
  const lot = /^urn:groundtruth:lot:(.+)$/.exec(uri);
  if (lot) {
    try {
      return { lot: decodeURIComponent(lot[1]!), gtin: null };
    } catch {
      return 'the lot is not percent-encoded UTF-8';
    }
  }
  // LGTIN: urn:epc:class:lgtin:… or any GS1 Digital Link /01/{GTIN}/10/{lot}, in canonical form.
  const canonical = canonicalEpc(uri);
  const lgtin = new RegExp(`^${GS1}/01/(\\d{14})/10/([^/?#]+)$`).exec(canonical);
  if (lgtin) {
    try {
      return { gtin: lgtin[1]!, lot: decodeURIComponent(lgtin[2]!) };
    } catch {
      return 'the lot is not percent-encoded UTF-8';
    }
  }
  return 'a custody quantity names a lot: an LGTIN (urn:epc:class:lgtin:… or a GS1 Digital Link /01/{GTIN}/10/{lot}), urn:groundtruth:lot:{lot} or urn:groundtruth:batch:{id}';
}

/** The organisation a party or location URI names: its Groundtruth URN, a party GLN (PGLN) or a site (SGLN). */
export function partyRefOf(uri: string): PartyRef | null {
  const organisation = /^urn:groundtruth:organisation:(.+)$/.exec(uri);
  if (organisation)
    return UUID.test(organisation[1]!) ? { organisationId: organisation[1]!.toLowerCase() } : null;
  const gln = new RegExp(`^${GS1}/41[47]/(\\d{13})(/254/[^/?#]+)?$`).exec(canonicalEpc(uri));
  return gln ? { gln: gln[1]! } : null;
}

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The prefixes that the event's and its document's JSON-LD contexts bind to Groundtruth's namespace. */
function groundtruthPrefixes(event: JsonObject, documentContext: unknown): Set<string> {
  const prefixes = new Set<string>();
  for (const entry of [
    ...list(documentContext),
    documentContext,
    ...list(event['@context']),
    event['@context'],
  ])
    if (isObject(entry))
      for (const [prefix, iri] of Object.entries(entry))
        if (iri === GROUNDTRUTH_NAMESPACE) prefixes.add(prefix);
  return prefixes;
}

/** A field of Groundtruth's extension: `{prefix}:{name}` under a prefix bound to its namespace, or the full IRI. */
function extension(holder: unknown, name: string, prefixes: Set<string>): unknown {
  return extensionEntry(holder, name, prefixes)?.[1];
}

/** A field of Groundtruth's extension with the key it was written under (for a pointer). */
function extensionEntry(holder: unknown, name: string, prefixes: Set<string>): [string, unknown] | undefined {
  if (!isObject(holder)) return undefined;
  for (const key of [`${GROUNDTRUTH_NAMESPACE}${name}`, ...[...prefixes].map((p) => `${p}:${name}`)])
    if (key in holder) return [key, holder[key]];
  return undefined;
}

/**
 * An EPCIS quantity (a JSON number, EPCIS has no other form) as an exact decimal string. The number
 * is written back as JavaScript's shortest round-trip form, the decimal the sender wrote for any
 * quantity of at most 15 significant digits; exponent forms are refused rather than guessed at.
 */
function decimalOf(quantity: unknown): string | null {
  if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity <= 0) return null;
  const text = String(quantity);
  return /^\d+(\.\d+)?$/.test(text) ? text : null;
}

/** Looks up the master data `gt:lotData` gives a lot the event makes, by its epcClass. */
export type LotDataLookup = (epcClass: string, issues: MappingIssue[]) => LotData;

interface LotDataOfEvent {
  lookup: LotDataLookup;
  /** An issue for each entry no lookup matched: master data for a lot the event does not name. */
  unmatched: (issues: MappingIssue[]) => void;
}

/** RFC 6901: `~` and `/` in a reference token (a Digital Link class has slashes). */
const pointerToken = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * `gt:lotData` from the event's ILMD or the event itself (decision 0025): one entry per lot the event
 * makes, `{ "gt:epcClass": …, "gt:material": …, "gt:cocoaContent": …, "gt:description": … }`, as a
 * list or, for one lot, the entry alone; the XML binding writes a list as repeated `<gt:lotData>`
 * elements, so both spellings read alike. An entry's class matches a quantity element's in canonical
 * form (an EPC URN and its Digital Link are one lot). The first form, a map keyed by epcClass, is read
 * too: partners were told of it, and JSON-LD can still carry it (XML cannot: an LGTIN is no element name).
 */
function lotDataOf(event: JsonObject, prefixes: Set<string>): LotDataOfEvent {
  const inIlmd = extensionEntry(event.ilmd, 'lotData', prefixes);
  const found = inIlmd ?? extensionEntry(event, 'lotData', prefixes);
  if (!found) return { lookup: () => ({}), unmatched: () => {} };
  const [key, value] = found;
  const at = inIlmd ? `/ilmd/${key}` : `/${key}`;
  const entries: { epcClass: string; entry: unknown; pointer: string; matched?: boolean }[] = [];
  const malformed: MappingIssue[] = [];
  const legacyMap = isObject(value) && Object.values(value).every(isObject) && Object.keys(value).length > 0;
  if (legacyMap && extension(value, 'epcClass', prefixes) === undefined) {
    for (const [epcClass, entry] of Object.entries(value))
      entries.push({ epcClass, entry, pointer: `${at}/${pointerToken(epcClass)}` });
  } else {
    const items = Array.isArray(value) ? value : [value];
    for (const [i, entry] of items.entries()) {
      const epcClass = extension(entry, 'epcClass', prefixes);
      const pointer = Array.isArray(value) ? `${at}/${i}` : at;
      if (typeof epcClass === 'string') entries.push({ epcClass: canonicalEpc(epcClass), entry, pointer });
      else
        malformed.push({
          pointer,
          detail: 'a lotData entry names the lot it describes in epcClass (a string)',
        });
    }
  }
  const lookup: LotDataLookup = (epcClass, issues) => {
    // Master data that cannot be read would make a lot with the wrong material: refuse, as for quantities.
    issues.push(...malformed.splice(0));
    const wanted = canonicalEpc(epcClass);
    const match = entries.find((e) => e.epcClass === epcClass || canonicalEpc(e.epcClass) === wanted);
    if (match) match.matched = true;
    const data: LotData = {};
    for (const name of ['material', 'cocoaContent', 'description'] as const) {
      const field = extension(match?.entry, name, prefixes);
      if (typeof field === 'string') data[name] = field;
    }
    return data;
  };
  // An entry for a class the event does not name is most likely a mistyped class: the lot it meant would
  // be made without its material, so it is refused rather than ignored.
  const unmatched = (issues: MappingIssue[]) => {
    for (const e of entries)
      if (!e.matched)
        issues.push({
          pointer: e.pointer,
          detail: `lotData for ${e.epcClass}, a class none of the event's lots has`,
        });
  };
  return { lookup, unmatched };
}

function lotQuantities(
  event: JsonObject,
  field: string,
  issues: MappingIssue[],
  lotData: LotDataLookup = () => ({}),
  foreign: string[] = [],
): LotQuantity[] {
  return list(event[field]).flatMap((element, i) => {
    const pointer = `/${field}/${i}`;
    if (!isObject(element)) return [];
    const ref = typeof element.epcClass === 'string' ? classRefOf(element.epcClass) : 'epcClass is required';
    if (typeof ref === 'string') {
      // Not a lot Groundtruth can hold: the event is someone else's business (see custodyFromEpcis).
      foreign.push(pointer);
      return [];
    }
    const value = decimalOf(element.quantity);
    if (value === null) {
      issues.push({
        pointer: `${pointer}/quantity`,
        detail: 'a custody quantity is a positive decimal number (no exponent)',
      });
      return [];
    }
    // EPCIS 2.0 §7.3.3.3: a quantity without uom counts instances; H87 is UN/CEFACT's "piece".
    const unit = typeof element.uom === 'string' ? element.uom : 'H87';
    return [
      {
        class: ref,
        quantity: { value, unit },
        pointer,
        lotData: lotData(element.epcClass as string, issues),
      },
    ];
  });
}

/** The owning party of a source or destination list (CBV 2.0 SDT owning_party); undefined when none is named. */
function owningParty(event: JsonObject, field: 'sourceList' | 'destinationList'): PartyRef | undefined {
  const key = field === 'sourceList' ? 'source' : 'destination';
  const element = list(event[field]).find((e) => isObject(e) && cbvTermOf(e.type, 'sdt') === 'owning_party');
  if (!isObject(element)) return undefined;
  const value = element[key];
  return (typeof value === 'string' ? partyRefOf(value) : null) ?? { unknown: String(value) };
}

function plotOf(
  event: JsonObject,
  prefixes: Set<string>,
): { plotId: string } | { issue: MappingIssue } | null {
  const candidates: [string, unknown][] = [
    ['/bizLocation/id', isObject(event.bizLocation) ? event.bizLocation.id : undefined],
    ['/readPoint/id', isObject(event.readPoint) ? event.readPoint.id : undefined],
    [`/ilmd/gt:plot`, extension(event.ilmd, 'plot', prefixes)],
  ];
  for (const [pointer, value] of candidates) {
    if (typeof value !== 'string' || !value.startsWith('urn:groundtruth:plot:')) continue;
    const id = value.slice('urn:groundtruth:plot:'.length);
    if (!UUID.test(id))
      return { issue: { pointer, detail: 'urn:groundtruth:plot: is followed by a plot id' } };
    return { plotId: id.toLowerCase() };
  }
  return null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/**
 * The custody fact one EPCIS event states, if any. `documentContext` is the capture document's
 * `@context` (it may declare the prefix of Groundtruth's extension fields).
 */
export function custodyFromEpcis(event: JsonObject, documentContext?: unknown): CustodyMapping {
  const prefixes = groundtruthPrefixes(event, documentContext);
  const { lookup: lotData, unmatched: unmatchedLotData } = lotDataOf(event, prefixes);
  const issues: MappingIssue[] = [];
  /** Quantity elements whose class is no lot Groundtruth can hold (not an LGTIN, not its URN). */
  const foreign: string[] = [];
  const refused = (): CustodyMapping => ({ maps: 'refused', issues });
  const notOurs = (): CustodyMapping => ({
    maps: false,
    why: `${foreign.join(', ')}: a class that names no lot (an LGTIN or Groundtruth's URN)`,
  });
  const eventTime = typeof event.eventTime === 'string' ? event.eventTime : '';
  if (isObject(event.errorDeclaration)) {
    // EPCIS 2.0 §7.4.1.2: the declared event again, with why it was wrong and what replaced it. Whether
    // it declares a custody fact is the capture's to find (by eventID, hash ID or gt:event).
    const declaration = event.errorDeclaration;
    const reason = cbvTermOf(declaration.reason, 'er');
    const native = text(extension(event, 'event', prefixes));
    return {
      maps: true,
      fact: {
        kind: 'void',
        eventTime,
        eventId: text(event.eventID),
        nativeEventId: native?.startsWith('urn:uuid:')
          ? native.slice('urn:uuid:'.length).toLowerCase()
          : null,
        reason: reason === 'did_not_occur' || reason === 'incorrect_data' ? reason : null,
        correctiveEventIds: list(declaration.correctiveEventIDs).filter(
          (id): id is string => typeof id === 'string',
        ),
        explanation: text(extension(declaration, 'explanation', prefixes)),
      },
    };
  }

  if (event.type === 'TransformationEvent') {
    if (!Array.isArray(event.inputQuantityList) || !Array.isArray(event.outputQuantityList))
      return { maps: false, why: 'a transformation of instances (EPC lists), not of lots: not custody' };
    const inputs = lotQuantities(event, 'inputQuantityList', issues, undefined, foreign);
    const outputs = lotQuantities(event, 'outputQuantityList', issues, lotData, foreign);
    unmatchedLotData(issues);
    const site =
      isObject(event.bizLocation) && typeof event.bizLocation.id === 'string'
        ? partyRefOf(event.bizLocation.id)
        : null;
    if (foreign.length > 0) return notOurs();
    if (issues.length > 0) return refused();
    return { maps: true, fact: { kind: 'transformation', eventTime, site, inputs, outputs } };
  }
  if (event.type === 'AggregationEvent')
    return { maps: false, why: 'packing: who holds the lot does not change (decision 0025)' };
  if (event.type !== 'ObjectEvent' || !Array.isArray(event.quantityList))
    return { maps: false, why: 'no lot quantities: an observation, not custody' };

  const bizStep = cbvTermOf(event.bizStep, 'bizstep');
  if (event.action === 'ADD') {
    const plot = plotOf(event, prefixes);
    if (plot === null) return { maps: false, why: 'an ADD at no plot: not a harvest' };
    if ('issue' in plot) return { maps: 'refused', issues: [plot.issue] };
    const [output, ...more] = lotQuantities(event, 'quantityList', issues, lotData, foreign);
    unmatchedLotData(issues);
    if (foreign.length > 0) return notOurs();
    if (more.length > 0 || (output === undefined && issues.length === 0))
      issues.push({ pointer: '/quantityList', detail: 'a harvest makes one lot: one quantity element' });
    const owner = owningParty(event, 'destinationList') ?? null;
    if (issues.length > 0 || !output) return refused();
    const season = text(extension(event.ilmd, 'season', prefixes));
    return { maps: true, fact: { kind: 'harvest', eventTime, plotId: plot.plotId, owner, season, output } };
  }
  if (event.action === 'DELETE') {
    const [input, ...more] = lotQuantities(event, 'quantityList', issues, undefined, foreign);
    if (foreign.length > 0) return notOurs();
    if (more.length > 0 || (input === undefined && issues.length === 0))
      issues.push({ pointer: '/quantityList', detail: 'a loss takes from one lot: one quantity element' });
    if (issues.length > 0 || !input) return refused();
    const site =
      isObject(event.bizLocation) && typeof event.bizLocation.id === 'string'
        ? partyRefOf(event.bizLocation.id)
        : null;
    return {
      maps: true,
      fact: { kind: 'loss', eventTime, site, input, reason: text(extension(event, 'reason', prefixes)) },
    };
  }
  if (event.action === 'OBSERVE' && (bizStep === 'shipping' || bizStep === 'receiving')) {
    const from = owningParty(event, 'sourceList');
    const to = owningParty(event, 'destinationList');
    if (from === undefined && to === undefined)
      return { maps: false, why: `${bizStep} with no owning parties: no change of custody` };
    const [lot, ...more] = lotQuantities(event, 'quantityList', issues, lotData, foreign);
    if (more.length > 0 || (lot === undefined && issues.length === 0))
      issues.push({ pointer: '/quantityList', detail: `${bizStep} of one lot: one quantity element` });
    if (foreign.length > 0) return notOurs();
    if (issues.length > 0 || !lot) return refused();
    const parties = { from: from ?? { unknown: '' }, to: to ?? { unknown: '' } };
    if (bizStep === 'receiving') {
      const confirms = text(extension(event, 'confirms', prefixes));
      const transferId = confirms?.startsWith('urn:uuid:') ? confirms.slice('urn:uuid:'.length) : null;
      if (confirms !== null && (transferId === null || !UUID.test(transferId)))
        return { maps: 'refused', issues: [{ pointer: '/gt:confirms', detail: 'urn:uuid:{transfer id}' }] };
      unmatchedLotData(issues);
      if (issues.length > 0) return refused();
      return {
        maps: true,
        fact: {
          kind: 'receipt',
          eventTime,
          ...parties,
          received: lot,
          confirms: transferId?.toLowerCase() ?? null,
        },
      };
    }
    const receivedAs = extension(event, 'receivedAs', prefixes);
    let received: LotQuantity | null = null;
    if (receivedAs !== undefined) {
      // The read direction's shape: { gt:epcClass, gt:quantity, gt:uom }.
      const element = {
        quantityList: [
          {
            epcClass: extension(receivedAs, 'epcClass', prefixes),
            quantity: extension(receivedAs, 'quantity', prefixes),
            uom: extension(receivedAs, 'uom', prefixes),
          },
        ],
      } as JsonObject;
      const own: MappingIssue[] = [];
      [received = null] = lotQuantities(element, 'quantityList', own, lotData);
      issues.push(
        ...own.map((i) => ({ ...i, pointer: `/gt:receivedAs${i.pointer.replace('/quantityList/0', '')}` })),
      );
    }
    unmatchedLotData(issues);
    if (issues.length > 0) return refused();
    return {
      maps: true,
      fact: { kind: 'transfer', eventTime, ...parties, input: lot, receivedAs: received },
    };
  }
  return { maps: false, why: 'an observation: no custody changes hands' };
}
