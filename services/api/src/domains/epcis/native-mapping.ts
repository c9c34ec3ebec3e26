// Groundtruth's own custody facts (harvests, transfers and their receipts, transformations, losses,
// voids) as EPCIS 2.0 events with CBV 2.0 vocabulary: the read direction of decision 0016. Pure: the
// facts come in as loaded from the projection tables, the events go out without a hash ID or record
// time (the caller adds both). Identifiers that GS1 defines are used where the data has them (a
// product's GTIN and the lot make an LGTIN class, an organisation's GLN a party GLN); everything else
// is named by a Groundtruth URN. The eventID of each is its CBV 2.0 event hash ID, so that anyone can
// check it from the event alone; the native event's own id travels in the extension.
import { eventHashId } from '@groundtruth/epcis';

/** The namespace of Groundtruth's EPCIS extension fields (prefix `gt`). */
export const GROUNDTRUTH_NAMESPACE = 'urn:groundtruth:epcis:';
/** The event-level JSON-LD context every native event carries: it declares the `gt` prefix. */
export const NATIVE_CONTEXT = [{ gt: GROUNDTRUTH_NAMESPACE }] as const;

export interface NativeParty {
  id: string;
  /** The organisation's GLN (13 digits), when it registered one. */
  gln: string | null;
}

export interface NativeLot {
  batchId: string;
  lot: string;
  /** The batch's product GTIN-14, when it has a product. */
  gtin: string | null;
  /** The quantity this event moves, takes or makes of the batch (a decimal string, UN/CEFACT unit). */
  quantity: { value: string; unit: string };
}

interface FactBase {
  /** The ledger entry that recorded the fact. */
  entryIndex: number;
  /** When it happened, as an RFC 3339 time. */
  eventTime: string;
}

export type NativeFact =
  | (FactBase & {
      kind: 'harvest';
      eventId: string;
      organisation: NativeParty;
      plotId: string;
      output: NativeLot;
    })
  | (FactBase & {
      kind: 'transfer';
      eventId: string;
      from: NativeParty;
      to: NativeParty;
      input: NativeLot;
      output: NativeLot;
    })
  | (FactBase & {
      kind: 'transformation';
      eventId: string;
      organisation: NativeParty;
      inputs: NativeLot[];
      outputs: NativeLot[];
    })
  | (FactBase & { kind: 'loss'; eventId: string; organisation: NativeParty; input: NativeLot })
  | (FactBase & {
      kind: 'receipt';
      /** The transfer the receiver confirms. */
      transferId: string;
      from: NativeParty;
      to: NativeParty;
      /** The receiver's batch, with the quantity that arrived. */
      received: NativeLot;
    });

/** A void: an EPCIS error declaration of the voided fact (EPCIS 2.0 §7.4.1.2). */
export interface NativeVoid {
  entryIndex: number;
  voided: NativeFact;
  declarationTime: string;
  reason: 'did_not_occur' | 'incorrect_data';
  /** The EPCIS eventIDs of the events recorded in its place. */
  correctiveEventIds: string[];
}

/** The id /v1 gives a native fact, as a URI: its event's UUID, or for a receipt the transfer it confirms. */
export function nativeEventId(fact: NativeFact): string {
  return fact.kind === 'receipt' ? `urn:groundtruth:receipt:${fact.transferId}` : `urn:uuid:${fact.eventId}`;
}

// GS1 General Specifications' character set 82 (what a lot, AI 10, may contain), at most 20 long.
const GS1_LOT = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/;

/**
 * The EPC class of a batch: its LGTIN as a GS1 Digital Link URI when the batch has a product GTIN and
 * a lot GS1 can carry (a Digital Link needs no company-prefix length, which Groundtruth does not
 * know), else Groundtruth's URN for the batch.
 */
export function batchClass(lot: Pick<NativeLot, 'batchId' | 'lot' | 'gtin'>): string {
  if (lot.gtin && /^\d{14}$/.test(lot.gtin) && GS1_LOT.test(lot.lot))
    return `https://id.gs1.org/01/${lot.gtin}/10/${encodeURIComponent(lot.lot).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
  return `urn:groundtruth:batch:${lot.batchId}`;
}

/** An organisation as a party: its GLN as a party GLN (AI 417) Digital Link URI, else its URN. */
export function partyId(party: NativeParty): string {
  return party.gln && /^\d{13}$/.test(party.gln)
    ? `https://id.gs1.org/417/${party.gln}`
    : `urn:groundtruth:organisation:${party.id}`;
}

/**
 * A quantity element: an exact decimal string becomes a JSON number (EPCIS has no other form); the
 * values Groundtruth accepts (at most 24 digits and 9 decimals, bounded per unit) are written back
 * by JSON.stringify as the same decimal when they have at most 15 significant digits.
 */
function quantityElement(lot: NativeLot) {
  return { epcClass: batchClass(lot), quantity: Number(lot.quantity.value), uom: lot.quantity.unit };
}

const owning = (list: 'source' | 'destination', party: NativeParty) => [
  { type: 'owning_party', [list]: partyId(party) },
];

/**
 * The event with its CBV 2.0 hash ID as eventID (an eventID form CBV 2.0 §8.9 defines). The hash leaves eventID and
 * errorDeclaration out, so an error declaration gets the eventID of the event it declares.
 */
export function withHashId(content: Record<string, unknown>): Record<string, unknown> {
  const { type, '@context': context, ...rest } = content;
  return { type, '@context': context, eventID: eventHashId(content), ...rest };
}

/** The EPCIS event for one native fact, without eventID (see withHashId) and record time. */
export function nativeToEpcis(fact: NativeFact): Record<string, unknown> {
  const common = {
    '@context': [...NATIVE_CONTEXT],
    eventTime: new Date(fact.eventTime).toISOString(),
    eventTimeZoneOffset: '+00:00',
  };
  const link = { 'gt:kind': fact.kind, 'gt:event': nativeEventId(fact), 'gt:entryIndex': fact.entryIndex };
  switch (fact.kind) {
    case 'harvest':
      return {
        type: 'ObjectEvent',
        ...common,
        quantityList: [quantityElement(fact.output)],
        action: 'ADD',
        bizStep: 'commissioning',
        disposition: 'active',
        bizLocation: { id: `urn:groundtruth:plot:${fact.plotId}` },
        destinationList: owning('destination', fact.organisation),
        ...link,
      };
    case 'transfer':
      return {
        type: 'ObjectEvent',
        ...common,
        quantityList: [quantityElement(fact.input)],
        action: 'OBSERVE',
        bizStep: 'shipping',
        disposition: 'in_transit',
        sourceList: owning('source', fact.from),
        destinationList: owning('destination', fact.to),
        ...link,
        // The receiver's new batch (a transfer relabels what it takes): an extension, as an
        // ObjectEvent has no outputs.
        'gt:receivedAs': {
          'gt:epcClass': batchClass(fact.output),
          'gt:quantity': Number(fact.output.quantity.value),
          'gt:uom': fact.output.quantity.unit,
        },
      };
    case 'receipt':
      return {
        type: 'ObjectEvent',
        ...common,
        quantityList: [quantityElement(fact.received)],
        action: 'OBSERVE',
        bizStep: 'receiving',
        disposition: 'in_progress',
        sourceList: owning('source', fact.from),
        destinationList: owning('destination', fact.to),
        ...link,
        'gt:confirms': `urn:uuid:${fact.transferId}`,
      };
    case 'transformation':
      return {
        type: 'TransformationEvent',
        ...common,
        inputQuantityList: fact.inputs.map(quantityElement),
        outputQuantityList: fact.outputs.map(quantityElement),
        bizStep: 'commissioning',
        disposition: 'active',
        ...link,
      };
    case 'loss':
      // What is lost ceases to exist as part of the lot: DELETE of that quantity of the class. No CBV
      // step fits shrinkage, spillage and samples alike, so none is claimed.
      return {
        type: 'ObjectEvent',
        ...common,
        quantityList: [quantityElement(fact.input)],
        action: 'DELETE',
        ...link,
      };
  }
}

/**
 * The error declaration of a void, without eventID: the voided event again, unchanged (so its hash
 * ID is the same), with `errorDeclaration` naming when, why and what replaced it, and the void's own
 * ledger entry.
 */
export function voidToEpcis(v: NativeVoid): Record<string, unknown> {
  return {
    ...nativeToEpcis(v.voided),
    errorDeclaration: {
      declarationTime: new Date(v.declarationTime).toISOString(),
      reason: v.reason,
      ...(v.correctiveEventIds.length > 0 ? { correctiveEventIDs: v.correctiveEventIds } : {}),
      'gt:entryIndex': v.entryIndex,
    },
  };
}
