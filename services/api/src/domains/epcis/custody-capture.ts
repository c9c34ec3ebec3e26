// Captured EPCIS events that state custody facts (custody-mapping.ts) become native events: their
// references (lot classes, party GLNs, plot URNs) are resolved here, then the native event service
// checks and records them exactly as POST /v1/events would (same function, same rules, same
// projections). Events of one document are planned in order, each seeing the batches the ones before
// it make, and are appended together with the captured events in one transaction (decision 0025).
import type { SqlExecutor } from '@groundtruth/db';
import { EventInput } from '@groundtruth/schemas';
import type { z } from 'zod';
import type { Principal } from '../../auth.ts';
import { AppError, badRequest, type FieldError } from '../../errors.ts';
import type { RecordSpec } from '../../record.ts';
import type { EventService, PlannedBatches } from '../custody/events/service.ts';
import type { ClassRef, CustodyFact, LotQuantity, PartyRef } from './custody-mapping.ts';

type NativeInput = z.output<typeof EventInput>;

export interface CustodyItem {
  /** JSON Pointer of the event in the capture document. */
  pointer: string;
  hashId: string;
  /** The eventID the sender gave the event, if any. */
  eventId?: string | null;
  fact: CustodyFact;
}

/** One captured event's native record, and what to re-check once it is appended. */
export interface PlannedCustody {
  spec: RecordSpec;
  /** The native event's id and kind (a receipt names the transfer it confirms, a void what it voids). */
  eventId: string;
  kind: CustodyFact['kind'];
  /** The kind of event the mass-balance checks look at again: this one's, or a voided event's. */
  recheck?: string;
  /** Native event ids this record creates: the event, or a receipt's transit loss. */
  traceEventIds: string[];
}

/** The planned batches by lot (a document plans thousands: no scan of them all per lookup). */
const lotIndexes = new WeakMap<PlannedBatches, Map<string, string[]>>();
function plannedWithLot(planned: PlannedBatches, lot: string) {
  return (lotIndexes.get(planned)?.get(lot) ?? []).map((id) => planned.get(id)!);
}
function planBatch(planned: PlannedBatches, batch: PlannedBatches extends Map<string, infer B> ? B : never) {
  planned.set(batch.id, batch);
  const byLot = lotIndexes.get(planned) ?? new Map<string, string[]>();
  lotIndexes.set(planned, byLot);
  byLot.set(batch.lot, [...(byLot.get(batch.lot) ?? []), batch.id]);
}

export function createCustodyCapture({ db, events }: { db: SqlExecutor; events: EventService }) {
  /** Refuses the capture at this event, naming the EPCIS field. */
  const refuse = (item: CustodyItem, pointer: string, detail: string) =>
    badRequest(`event ${item.pointer}: ${detail}`, [
      { in: 'body', pointer: `${item.pointer}${pointer}`, detail },
    ]);

  async function organisationOf(item: CustodyItem, party: PartyRef, pointer: string): Promise<string> {
    if ('organisationId' in party) return party.organisationId;
    if ('unknown' in party)
      throw refuse(
        item,
        pointer,
        party.unknown === ''
          ? 'custody of a Groundtruth lot changes between named owners: add the owning_party'
          : 'an owning party is a party GLN (urn:epc:id:pgln:… or /417/…), a site GLN (urn:epc:id:sgln:… or /414/…) or urn:groundtruth:organisation:{id}',
      );
    const rows = await db.query<{ id: string }>(
      `SELECT id FROM organisations WHERE identifiers ->> 'gln' = $1 LIMIT 2`,
      [party.gln],
    );
    if (rows.length !== 1)
      throw refuse(
        item,
        pointer,
        rows.length === 0
          ? `no organisation has registered GLN ${party.gln}`
          : `GLN ${party.gln} is registered by several organisations`,
      );
    return rows[0]!.id;
  }

  /** The batch a consumed quantity names, held (it should be) by `holder`. */
  async function consumedBatch(
    item: CustodyItem,
    ref: ClassRef,
    holder: string,
    pointer: string,
    planned: PlannedBatches,
    gtins: Map<string, string>,
  ): Promise<string> {
    if ('batchId' in ref) return ref.batchId;
    for (const b of plannedWithLot(planned, ref.lot))
      if (
        b.organisation_id === holder &&
        b.lot === ref.lot &&
        (ref.gtin === null || (b.product_id !== null && gtins.get(b.product_id) === ref.gtin))
      )
        return b.id;
    const [row] = await db.query<{ id: string }>(
      `SELECT b.id FROM batches b LEFT JOIN products p ON p.id = b.product_id
        WHERE b.organisation_id = $1 AND b.lot = $2 AND ($3::text IS NULL OR p.gtin = $3)`,
      [holder, ref.lot, ref.gtin],
    );
    if (!row)
      throw refuse(
        item,
        `${pointer}/epcClass`,
        `the holder has no lot ${ref.lot}${ref.gtin ? ` of GTIN ${ref.gtin}` : ''}`,
      );
    return row.id;
  }

  /** A new lot: its name and, for an LGTIN, the registered product of that GTIN. */
  async function newLot(item: CustodyItem, made: LotQuantity, gtins: Map<string, string>) {
    if ('batchId' in made.class)
      throw refuse(
        item,
        `${made.pointer}/epcClass`,
        'a lot an event makes is named by its LGTIN or urn:groundtruth:lot:{lot}; urn:groundtruth:batch: names a batch that exists',
      );
    let productId: string | undefined;
    if (made.class.gtin !== null) {
      const [product] = await db.query<{ id: string }>('SELECT id FROM products WHERE gtin = $1', [
        made.class.gtin,
      ]);
      if (!product) throw refuse(item, `${made.pointer}/epcClass`, `no product has GTIN ${made.class.gtin}`);
      productId = product.id;
      gtins.set(product.id, made.class.gtin);
    }
    return {
      lot: made.class.lot,
      quantity: made.quantity,
      ...(productId ? { productId } : {}),
      ...made.lotData,
    };
  }

  /**
   * Whether the fact concerns Groundtruth's custody: a harvest at one of its plots, or a lot it knows
   * (held by anyone, or made earlier in the document). A partner's events about lots Groundtruth has
   * never recorded (GS1's examples, a sensor feed) stay captured events only.
   */
  async function concernsGroundtruth(
    principal: Principal,
    item: CustodyItem,
    planned: PlannedBatches,
    gtins: Map<string, string>,
  ) {
    const { fact } = item;
    if (fact.kind === 'harvest') return true;
    if (fact.kind === 'void')
      return (await declaredEvent(principal, item, fact.eventId, item.hashId)) !== null;
    const lots =
      fact.kind === 'transformation' ? fact.inputs : [fact.kind === 'receipt' ? fact.received : fact.input];
    for (const { class: ref } of lots) {
      if ('batchId' in ref) {
        if (planned.has(ref.batchId)) return true;
        const [row] = await db.query('SELECT 1 FROM batches WHERE id = $1', [ref.batchId]);
        if (row) return true;
        continue;
      }
      for (const b of plannedWithLot(planned, ref.lot))
        if (
          b.lot === ref.lot &&
          (ref.gtin === null || (b.product_id && gtins.get(b.product_id) === ref.gtin))
        )
          return true;
      const [row] = await db.query(
        `SELECT 1 FROM batches b LEFT JOIN products p ON p.id = b.product_id
          WHERE b.lot = $1 AND ($2::text IS NULL OR p.gtin = $2) LIMIT 1`,
        [ref.lot, ref.gtin],
      );
      if (row) return true;
    }
    return false;
  }

  /**
   * The native event an eventID names: a native event's `urn:uuid:` id, or a captured event (by its
   * hash ID, or by the eventID the capturing organisation gave it) that stated a custody fact.
   */
  async function declaredEvent(
    principal: Principal,
    item: CustodyItem,
    eventId: string | null,
    hashId: string | null,
    nativeId: string | null = item.fact.kind === 'void' ? item.fact.nativeEventId : null,
  ): Promise<string | null> {
    if (nativeId) {
      const [row] = await db.query<{ id: string }>('SELECT id FROM trace_events WHERE id = $1', [nativeId]);
      if (row) return row.id;
    }
    const uuid = eventId?.startsWith('urn:uuid:') ? eventId.slice('urn:uuid:'.length).toLowerCase() : null;
    if (uuid && /^[0-9a-f-]{36}$/.test(uuid)) {
      const [row] = await db.query<{ id: string }>('SELECT id FROM trace_events WHERE id = $1', [uuid]);
      if (row) return row.id;
    }
    const links = await db.query<{ fact_kind: string; fact_id: string }>(
      `SELECT c.fact_kind, c.fact_id FROM epcis_events e
         JOIN epcis_custody_links c ON c.epcis_entry_index = e.entry_index
        WHERE NOT e.error_declaration AND (e.hash_id = $1 OR (e.event_id = $2 AND e.organisation_id = $3))`,
      [hashId ?? eventId, eventId, principal.organisationId ?? null],
    );
    if (links.some((l) => l.fact_kind === 'receipt'))
      throw refuse(
        item,
        '/errorDeclaration',
        'a receipt stands once recorded: it cannot be declared in error',
      );
    return links.find((l) => l.fact_kind === 'event')?.fact_id ?? null;
  }

  /** The native event a fact states, in /v1's terms. */
  async function nativeInput(
    principal: Principal,
    item: CustodyItem,
    planned: PlannedBatches,
    gtins: Map<string, string>,
  ): Promise<
    | NativeInput
    | { receiptOf: string; quantity: LotQuantity['quantity']; receivedAt: string }
    | {
        voidOf: string;
        reason: 'did_not_occur' | 'incorrect_data';
        explanation: string;
        correctiveEventIds: string[];
      }
  > {
    const { fact } = item;
    const consumed = async (q: LotQuantity, holder: string) => ({
      batchId: await consumedBatch(item, q.class, holder, q.pointer, planned, gtins),
      quantity: q.quantity,
    });
    const acting = async (site: PartyRef | null) => {
      if (site) return organisationOf(item, site, '/bizLocation/id');
      if (!principal.organisationId) throw refuse(item, '', 'the capturing token names no organisation');
      return principal.organisationId;
    };
    switch (fact.kind) {
      case 'harvest': {
        const output = await newLot(item, fact.output, gtins);
        if (fact.owner) {
          const owner = await organisationOf(item, fact.owner, '/destinationList');
          const [plot] = await db.query<{ organisation_id: string }>(
            'SELECT organisation_id FROM plots WHERE id = $1',
            [fact.plotId],
          );
          if (plot && plot.organisation_id !== owner)
            throw refuse(
              item,
              '/destinationList',
              'a harvest belongs to the plot’s owner: the owning party is another organisation',
            );
        }
        return {
          type: 'harvest',
          plotId: fact.plotId,
          // EPCIS has no season: ILMD gt:season, else the year the harvest happened.
          season: fact.season ?? String(new Date(fact.eventTime).getUTCFullYear()),
          eventTime: fact.eventTime,
          output,
        };
      }
      case 'transfer': {
        const from = await organisationOf(item, fact.from, '/sourceList');
        const to = await organisationOf(item, fact.to, '/destinationList');
        const input = await consumed(fact.input, from);
        let output: Awaited<ReturnType<typeof newLot>>;
        if (fact.receivedAs) output = await newLot(item, fact.receivedAs, gtins);
        else {
          // The lot keeps its class across owners (one LGTIN, as GS1 sees it): the receiver's batch has
          // the sender's lot, product and quantity.
          const sent =
            planned.get(input.batchId) ??
            (
              await db.query<{ lot: string; product_id: string | null }>(
                'SELECT lot, product_id FROM batches WHERE id = $1',
                [input.batchId],
              )
            )[0];
          if (!sent) throw refuse(item, `${fact.input.pointer}/epcClass`, 'no such batch');
          output = {
            lot: sent.lot,
            quantity: fact.input.quantity,
            ...(sent.product_id ? { productId: sent.product_id } : {}),
            ...fact.input.lotData,
          };
        }
        return {
          type: 'transfer',
          fromOrganisationId: from,
          toOrganisationId: to,
          eventTime: fact.eventTime,
          input,
          output,
        };
      }
      case 'transformation': {
        const organisationId = await acting(fact.site);
        const inputs = [];
        for (const q of fact.inputs) inputs.push(await consumed(q, organisationId));
        const outputs = [];
        for (const q of fact.outputs) outputs.push(await newLot(item, q, gtins));
        return { type: 'transformation', organisationId, eventTime: fact.eventTime, inputs, outputs };
      }
      case 'loss': {
        const organisationId = await acting(fact.site);
        return {
          type: 'loss',
          organisationId,
          eventTime: fact.eventTime,
          input: await consumed(fact.input, organisationId),
          reason: fact.reason ?? 'declared through EPCIS (ObjectEvent DELETE)',
        };
      }
      case 'void': {
        const voidOf = (await declaredEvent(principal, item, fact.eventId, item.hashId))!;
        if (!fact.reason)
          throw refuse(
            item,
            '/errorDeclaration/reason',
            'a custody fact is voided as did_not_occur or incorrect_data (CBV 2.0)',
          );
        const correctiveEventIds: string[] = [];
        for (const [i, id] of fact.correctiveEventIds.entries()) {
          const corrective = await declaredEvent(principal, item, id, id, null);
          if (!corrective)
            throw refuse(item, `/errorDeclaration/correctiveEventIDs/${i}`, 'not a recorded custody event');
          correctiveEventIds.push(corrective);
        }
        return {
          voidOf,
          reason: fact.reason,
          explanation: fact.explanation ?? 'declared in error through EPCIS (errorDeclaration)',
          correctiveEventIds,
        };
      }
      case 'receipt': {
        const from = await organisationOf(item, fact.from, '/sourceList');
        const to = await organisationOf(item, fact.to, '/destinationList');
        const batchId = await consumedBatch(
          item,
          fact.received.class,
          to,
          fact.received.pointer,
          planned,
          gtins,
        );
        const plannedBatch = planned.get(batchId);
        const [producer] = plannedBatch
          ? [{ id: plannedBatch.produced_by, kind: plannedBatch.producing_kind, sender: plannedBatch.sender }]
          : await db.query<{ id: string; kind: string; sender: string }>(
              `SELECT e.id, e.kind, e.organisation_id AS sender FROM batches b JOIN trace_events e ON e.id = b.produced_by
                WHERE b.id = $1`,
              [batchId],
            );
        if (
          producer?.kind !== 'transfer' ||
          producer.sender !== from ||
          (fact.confirms && fact.confirms !== producer.id)
        )
          throw refuse(
            item,
            `${fact.received.pointer}/epcClass`,
            'the lot received is not one the source shipped to the destination',
          );
        return { receiptOf: producer.id, quantity: fact.received.quantity, receivedAt: fact.eventTime };
      }
    }
  }

  /** Where a native field's problem lies in the EPCIS event. */
  function epcisPointer(item: CustodyItem, nativePointer: string): string {
    const { fact } = item;
    const lots: [RegExp, (m: RegExpExecArray) => string | undefined][] = [
      [
        /^\/inputs\/(\d+)/,
        (m) => (fact.kind === 'transformation' ? fact.inputs[Number(m[1])]?.pointer : undefined),
      ],
      [
        /^\/outputs\/(\d+)/,
        (m) => (fact.kind === 'transformation' ? fact.outputs[Number(m[1])]?.pointer : undefined),
      ],
      [/^\/input/, () => (fact.kind === 'transfer' || fact.kind === 'loss' ? fact.input.pointer : undefined)],
      [
        /^\/output/,
        () =>
          fact.kind === 'harvest'
            ? fact.output.pointer
            : fact.kind === 'transfer'
              ? (fact.receivedAs ?? fact.input).pointer
              : undefined,
      ],
      [/^\/quantity/, () => (fact.kind === 'receipt' ? `${fact.received.pointer}/quantity` : undefined)],
      [/^\/(to|from)OrganisationId/, (m) => (m[1] === 'to' ? '/destinationList' : '/sourceList')],
      [/^\/(eventTime|receivedAt)/, () => '/eventTime'],
      [/^\/plotId/, () => '/bizLocation'],
    ];
    for (const [pattern, target] of lots) {
      const m = pattern.exec(nativePointer);
      const at = m ? target(m) : undefined;
      if (at !== undefined) return `${item.pointer}${at}`;
    }
    return item.pointer;
  }

  /** Re-raises a native refusal at the EPCIS event and field it came from. */
  function atEvent(item: CustodyItem, error: unknown): unknown {
    if (!(error instanceof AppError)) return error;
    const errors: FieldError[] = (error.options.errors ?? [{ pointer: '', detail: error.message }]).map(
      (e) => ({
        in: 'body',
        pointer: epcisPointer(item, e.pointer),
        detail: `${e.detail} (as the native ${item.fact.kind}${e.pointer ? ` field ${e.pointer}` : ''})`,
      }),
    );
    return new AppError(error.code, `event ${item.pointer}: ${error.message}`, { ...error.options, errors });
  }

  return {
    /**
     * Plans the custody records of a document's events, in order. Throws the first refusal (at its
     * event and field); the balance checks run when the records are appended, in one transaction.
     */
    async plan(principal: Principal, items: CustodyItem[]): Promise<(PlannedCustody | undefined)[]> {
      const planned: PlannedBatches = new Map();
      const gtins = new Map<string, string>();
      const out: (PlannedCustody | undefined)[] = [];
      /** The document's events planned so far as custody, for declarations of them in the same document. */
      const recordedHere: CustodyItem[] = [];
      for (const item of items) {
        const { fact } = item;
        const declaredHere =
          fact.kind === 'void'
            ? recordedHere.find(
                (earlier) =>
                  earlier.hashId === item.hashId ||
                  (fact.eventId !== null && earlier.eventId === fact.eventId),
              )
            : undefined;
        // The native void checks a recorded event (what consumed its outputs since, its holder): one
        // planned in this transaction is not recorded yet. Refused, never stored as a declaration that
        // voided nothing (decision 0025).
        // Two declarations of one event: the first voids it, so the second would void nothing.
        if (declaredHere?.fact.kind === 'void')
          throw refuse(
            item,
            '/errorDeclaration',
            `declares in error the same event as ${declaredHere.pointer}, a declaration earlier in this ` +
              'document: declare an event once',
          );
        if (declaredHere)
          throw refuse(
            item,
            '/errorDeclaration',
            `declares in error the custody event ${declaredHere.pointer}, captured earlier in this document: ` +
              'capture the declaration in a later document, or leave the event out',
          );
        if (!(await concernsGroundtruth(principal, item, planned, gtins))) {
          out.push(undefined);
          continue;
        }
        const mapped = (planned: PlannedCustody): PlannedCustody => {
          // A balance refusal at append time is reported at this event too.
          planned.spec.refusal = (error) => atEvent(item, error);
          return planned;
        };
        try {
          const input = await nativeInput(principal, item, planned, gtins);
          const origin = { planned, epcisHashId: item.hashId };
          recordedHere.push(item);
          if ('voidOf' in input) {
            const { voidOf, ...body } = input;
            const { spec, result } = await events.prepareVoid(principal, voidOf, body, origin);
            out.push(
              mapped({ spec, eventId: voidOf, kind: 'void', recheck: result.type, traceEventIds: [] }),
            );
            continue;
          }
          if ('receiptOf' in input) {
            const { spec, result } = await events.prepareReceipt(
              principal,
              input.receiptOf,
              { quantity: input.quantity, receivedAt: input.receivedAt },
              origin,
            );
            out.push(
              mapped({
                spec,
                eventId: input.receiptOf,
                kind: 'receipt',
                traceEventIds: result.lossEventId ? [result.lossEventId] : [],
              }),
            );
            continue;
          }
          // The same edge rules as POST /v1/events (quantities, lots, units …).
          const parsed = EventInput.safeParse(input);
          if (!parsed.success)
            throw badRequest(
              `not a valid ${input.type}`,
              parsed.error.issues.map((i) => ({
                in: 'body',
                pointer: `/${i.path.join('/')}`,
                detail: i.message,
              })),
            );
          const { spec, result, outputs } = await events.prepare(principal, parsed.data, origin);
          for (const o of outputs)
            planBatch(planned, {
              ...o,
              producing_kind: parsed.data.type,
              sender:
                'fromOrganisationId' in parsed.data ? parsed.data.fromOrganisationId : o.organisation_id,
            });
          out.push(
            mapped({ spec, eventId: result.eventId, kind: item.fact.kind, traceEventIds: [result.eventId] }),
          );
        } catch (error) {
          throw atEvent(item, error);
        }
      }
      return out;
    },
  };
}

export type CustodyCapture = ReturnType<typeof createCustodyCapture>;
