// Traceability events: each one consumes batches (or a plot) and produces new batches, written as one
// ledger entry with its projection rows. The upstream graph of a batch comes back in a few queries.
import { randomUUID } from 'node:crypto';
import type { Database } from '@groundtruth/db';
import type { JsonValue } from '@groundtruth/ledger';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import { BASE_MATERIAL, type Commodity, MATERIAL_FACTORS } from '@groundtruth/massbalance';
import { isMassUnit, toGrams } from '@groundtruth/quantity';
import type { EventInput } from '@groundtruth/schemas';
import type { z } from 'zod';
import type { Access } from '../../../access.ts';
import { upstreamTiers } from '../../../access.ts';
import type { Principal } from '../../../auth.ts';
import { type CustodySettings, DEFAULT_CUSTODY } from '../../../config.ts';
import { AppError, badRequest, notFound } from '../../../errors.ts';
import { appendRecords, type RecordSpec } from '../../../record.ts';
import { type BatchBalance, balancesOf, scaled, sumDecimals } from './balance.ts';
import { requirePartnership } from './partnership.ts';
import { type BatchRow, loadTraceRows, traceShapeFor } from './trace-rows.ts';

type EventInputValue = z.output<typeof EventInput>;

/** The materials a commodity's batches may be: those the conversion table knows (and chocolate). */
export function materialsOf(commodity: string): string[] {
  const known = MATERIAL_FACTORS.filter((f) => f.commodity === commodity).map((f) => f.material);
  const base = BASE_MATERIAL[commodity as Commodity];
  return [...new Set([...(base ? [base] : []), ...known, ...(commodity === 'cocoa' ? ['chocolate'] : [])])];
}
type QuantityValue = { value: string; unit: string };

/** A batch row with its producing event's times. */
export const BATCH_SELECT =
  'SELECT b.*, e.event_time, e.recorded_at FROM batches b JOIN trace_events e ON e.id = b.produced_by';

/** numeric comes back as text with trailing zeros; show it as it was meant: 512.400000000 → 512.4. */
const trimDecimal = (v: string) => (v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v);

const quantityOf = (value: string | null, unit: string | null, grams: string | null) =>
  value === null || unit === null
    ? null
    : { value: trimDecimal(value), unit, grams: grams === null ? null : trimDecimal(grams) };

export const toBatch = (row: BatchRow, balance: BatchBalance) => ({
  id: row.id,
  organisationId: row.organisation_id,
  lot: row.lot,
  commodity: row.commodity as 'cocoa',
  material: row.material,
  cocoaContent: row.cocoa_content === null ? null : trimDecimal(row.cocoa_content),
  productId: row.product_id,
  description: row.description,
  quantity: quantityOf(row.quantity_value, row.quantity_unit, row.mass_grams)!,
  producedBy: row.produced_by,
  eventTime: new Date(row.event_time).toISOString(),
  recordTime: new Date(row.recorded_at).toISOString(),
  entryIndex: Number(row.entry_index),
  balance,
});

/**
 * Batches made by events prepared earlier in the same atomic write (an EPCIS document captured whole):
 * the checks of a later event see them as if they were stored. Keyed by batch id.
 */
export type PlannedBatches = Map<string, BatchRow & { producing_kind: string; sender: string }>;

/** How an event came in, beyond /v1: the EPCIS event it was captured as (decision 0025). */
export interface EventOrigin {
  planned?: PlannedBatches;
  /** The captured event's CBV hash ID, named in the entry so the link is part of the log. */
  epcisHashId?: string;
}

/** A record ready to append, and what the caller learns once it is. */
export interface PreparedRecord<T> {
  spec: RecordSpec;
  result: T;
}

export function createEventService({
  db,
  writer,
  access,
  custody = DEFAULT_CUSTODY,
}: {
  db: Database;
  writer: LedgerWriter;
  access: Access;
  custody?: CustodySettings;
}) {
  async function batchesById(ids: string[], planned?: PlannedBatches): Promise<Map<string, BatchRow>> {
    const stored = ids.filter((id) => !planned?.has(id));
    const rows =
      stored.length === 0
        ? []
        : await db.query<BatchRow>(`${BATCH_SELECT} WHERE b.id = ANY($1::uuid[])`, [stored]);
    return new Map([
      ...rows.map((r): [string, BatchRow] => [r.id, r]),
      ...ids.flatMap((id): [string, BatchRow][] => (planned?.has(id) ? [[id, planned.get(id)!]] : [])),
    ]);
  }

  /** Inputs must exist and be held by the organisation that consumes them. */
  async function consumedBatches(
    holder: string,
    inputs: { batchId: string; quantity: QuantityValue }[],
    /** JSON Pointer of input i in the request. */
    pointer: (i: number) => string,
    planned?: PlannedBatches,
  ) {
    const found = await batchesById(
      inputs.map((i) => i.batchId),
      planned,
    );
    return inputs.map((input, i) => {
      const batch = found.get(input.batchId);
      if (!batch) throw notFound(`batch ${input.batchId} not found`);
      if (batch.organisation_id !== holder) {
        throw badRequest(`batch ${input.batchId} is not held by organisation ${holder}`, [
          {
            in: 'body',
            pointer: `${pointer(i)}/batchId`,
            detail: 'the consuming organisation must hold the batch',
          },
        ]);
      }
      // The balance is kept in grams, or in the batch's unit when it has no mass: a consumption must
      // be measurable in the same terms, or it could take an unknown amount.
      const unit = input.quantity.unit;
      if (batch.mass_grams !== null ? !isMassUnit(unit) : unit !== batch.quantity_unit) {
        throw badRequest(`batch ${input.batchId} is counted in ${batch.quantity_unit}`, [
          {
            in: 'body',
            pointer: `${pointer(i)}/quantity/unit`,
            detail:
              batch.mass_grams !== null
                ? 'must be a unit of mass (KGM, TNE, GRM, LBR …): the batch has a mass'
                : `must be ${batch.quantity_unit}, the batch's unit`,
          },
        ]);
      }
      return batch;
    });
  }

  /**
   * Checks an event and makes its ledger record without appending it: /v1 appends it alone, an EPCIS
   * capture with the rest of its document (decision 0025). The balance checks run when it is appended.
   */
  async function prepare(
    principal: Principal,
    input: EventInputValue,
    origin: EventOrigin = {},
  ): Promise<PreparedRecord<{ eventId: string; batchIds: string[] }> & { outputs: BatchRow[] }> {
    const planned = origin.planned;
    // Our clock, not the client's, says what "now" is: an event cannot have happened after it.
    const latest = Date.now() + custody.clockSkewSeconds * 1000;
    if (Date.parse(input.eventTime) > latest)
      throw badRequest('eventTime lies in the future', [
        {
          in: 'body',
          pointer: '/eventTime',
          detail: `must not be after ${new Date(latest).toISOString()} (the service's clock plus ${custody.clockSkewSeconds} s)`,
        },
      ]);
    const eventId = randomUUID();
    let actingOrganisation: string;
    let outputOwner: string;
    let commodity: string;
    const consumed: {
      batchId: string | null;
      plotId: string | null;
      quantity: QuantityValue | null;
      pointer?: string;
      byMass?: boolean;
    }[] = [];

    if (input.type === 'harvest') {
      const [plot] = await db.query<{ organisation_id: string; commodity: string }>(
        'SELECT organisation_id, commodity FROM plots WHERE id = $1',
        [input.plotId],
      );
      if (!plot) throw notFound(`plot ${input.plotId} not found`);
      await access.requireWritable(principal, plot.organisation_id);
      actingOrganisation = outputOwner = plot.organisation_id;
      commodity = plot.commodity;
      consumed.push({ batchId: null, plotId: input.plotId, quantity: null });
    } else if (input.type === 'transfer') {
      await access.requireWritable(principal, input.fromOrganisationId);
      if (input.fromOrganisationId === input.toOrganisationId) {
        throw badRequest('a transfer goes to another organisation', [
          { in: 'body', pointer: '/toOrganisationId', detail: 'must differ from fromOrganisationId' },
        ]);
      }
      const [receiver] = await db.query('SELECT 1 FROM organisations WHERE id = $1', [
        input.toOrganisationId,
      ]);
      if (!receiver) throw notFound(`organisation ${input.toOrganisationId} not found`);
      const [batch] = await consumedBatches(input.fromOrganisationId, [input.input], () => '/input', planned);
      await requirePartnership(db, input.fromOrganisationId, input.toOrganisationId, batch!.commodity);
      actingOrganisation = input.fromOrganisationId;
      outputOwner = input.toOrganisationId;
      commodity = batch!.commodity;
      consumed.push({
        batchId: input.input.batchId,
        plotId: null,
        quantity: input.input.quantity,
        pointer: '/input/quantity',
        byMass: batch!.mass_grams !== null,
      });
    } else if (input.type === 'loss') {
      await access.requireWritable(principal, input.organisationId);
      const [batch] = await consumedBatches(input.organisationId, [input.input], () => '/input', planned);
      actingOrganisation = outputOwner = input.organisationId;
      commodity = batch!.commodity;
      consumed.push({
        batchId: input.input.batchId,
        plotId: null,
        quantity: input.input.quantity,
        pointer: '/input/quantity',
        byMass: batch!.mass_grams !== null,
      });
    } else {
      await access.requireWritable(principal, input.organisationId);
      const batches = await consumedBatches(
        input.organisationId,
        input.inputs,
        (i) => `/inputs/${i}`,
        planned,
      );
      actingOrganisation = outputOwner = input.organisationId;
      commodity = batches[0]!.commodity;
      for (const [k, i] of input.inputs.entries())
        consumed.push({
          batchId: i.batchId,
          plotId: null,
          quantity: i.quantity,
          pointer: `/inputs/${k}/quantity`,
          byMass: batches[k]!.mass_grams !== null,
        });
    }

    // What each output physically is: given, or what it evidently is (see NewBatch.material).
    const inputMaterials = new Set<string>(
      input.type === 'harvest'
        ? [BASE_MATERIAL[commodity as Commodity] ?? commodity]
        : Array.from(
            (
              await batchesById(
                consumed.flatMap((c) => (c.batchId ? [c.batchId] : [])),
                planned,
              )
            ).values(),
            (b) => b.material,
          ),
    );
    const allowed = materialsOf(commodity);
    const newBatches =
      input.type === 'transformation' ? input.outputs : input.type === 'loss' ? [] : [input.output];
    const outputs = newBatches.map((o, i) => {
      const pointer = input.type === 'transformation' ? `/outputs/${i}` : '/output';
      const material = o.material ?? (inputMaterials.size === 1 ? [...inputMaterials][0]! : undefined);
      if (!material)
        throw badRequest('say what the output is: its inputs are of several materials', [
          {
            in: 'body',
            pointer: `${pointer}/material`,
            detail: `required when inputs mix ${[...inputMaterials].join(', ')}`,
          },
        ]);
      if (!allowed.includes(material))
        throw badRequest(`${material} is not a material of ${commodity}`, [
          { in: 'body', pointer: `${pointer}/material`, detail: `must be one of ${allowed.join(', ')}` },
        ]);
      if ((material === 'chocolate') !== (o.cocoaContent !== undefined))
        throw badRequest('cocoaContent goes with chocolate, and chocolate needs it', [
          {
            in: 'body',
            pointer: `${pointer}/cocoaContent`,
            detail: 'required for chocolate, and only for it',
          },
        ]);
      return { id: randomUUID(), ...o, material };
    });
    const withGrams = (q: QuantityValue) => ({ ...q, grams: toGrams(q) ?? null });

    const body: Record<string, JsonValue> = {
      event: input.type,
      organisation: `organisation:${actingOrganisation}`,
      eventTime: input.eventTime,
      inputs: consumed.map((c) => ({
        ...(c.batchId ? { batch: `batch:${c.batchId}` } : {}),
        ...(c.plotId ? { plot: `plot:${c.plotId}` } : {}),
        ...(c.quantity ? { quantity: c.quantity } : {}),
      })),
      outputs: outputs.map((o) => ({
        batch: `batch:${o.id}`,
        organisation: `organisation:${outputOwner}`,
        lot: o.lot,
        quantity: o.quantity,
        material: o.material,
        ...(o.cocoaContent ? { cocoaContent: o.cocoaContent } : {}),
        ...(o.productId ? { product: `product:${o.productId}` } : {}),
        ...(o.description ? { description: o.description } : {}),
      })),
      ...(input.type === 'harvest' ? { season: input.season } : {}),
      ...(input.type === 'loss' ? { reason: input.reason } : {}),
      ...(origin.epcisHashId ? { epcis: origin.epcisHashId } : {}),
    };
    const at = new Date().toISOString();
    return {
      spec: {
        type: `event.${input.type}`,
        subject: `event:${eventId}`,
        body,
        conflict: `a batch with that lot already exists for organisation ${outputOwner}`,
      },
      result: { eventId, batchIds: outputs.map((o) => o.id) },
      // As later events of the same write will see them (their times are those of this request).
      outputs: outputs.map((o) => {
        const q = withGrams(o.quantity);
        return {
          id: o.id,
          organisation_id: outputOwner,
          lot: o.lot,
          commodity,
          product_id: o.productId ?? null,
          description: o.description ?? null,
          quantity_value: q.value,
          quantity_unit: q.unit,
          mass_grams: q.grams,
          material: o.material,
          cocoa_content: o.cocoaContent ?? null,
          produced_by: eventId,
          entry_index: 0,
          event_time: input.eventTime,
          recorded_at: at,
        };
      }),
    };
  }

  async function record(principal: Principal, input: EventInputValue) {
    const { spec, result } = await prepare(principal, input);
    const entryIndex = await appendPrepared(principal, [spec]);
    return { ...result, entryIndex: entryIndex[0]! };
  }

  /** Appends prepared records in one transaction; a missing product (foreign key) is the client's 400. */
  async function appendPrepared(principal: Principal, specs: RecordSpec[]): Promise<number[]> {
    try {
      return await appendRecords(writer, principal, specs);
    } catch (error) {
      // foreign_key_violation: a product id that does not exist.
      if ((error as { code?: string }).code === '23503')
        throw badRequest('a referenced product does not exist');
      throw error;
    }
  }

  /**
   * Voids an event by a new entry that names it, with who (the entry's actor) and why, after EPCIS 2.0's
   * errorDeclaration: `reason` is a CBV 2.0 error reason, `correctiveEventIds` the events recorded in
   * its place. The event, its rows and its entry stay; readers leave it out from then on. Refused
   * (409, naming them) while events that consumed its outputs stand: void those first.
   */
  async function voidEvent(
    principal: Principal,
    eventId: string,
    input: {
      reason: 'did_not_occur' | 'incorrect_data';
      explanation: string;
      correctiveEventIds?: string[] | undefined;
    },
  ) {
    const { spec, result } = await prepareVoid(principal, eventId, input);
    const [entryIndex] = await appendRecords(writer, principal, [spec]);
    return { ...result, entryIndex: entryIndex! };
  }

  /** Checks a void and makes its record without appending it (see prepare). */
  async function prepareVoid(
    principal: Principal,
    eventId: string,
    input: {
      reason: 'did_not_occur' | 'incorrect_data';
      explanation: string;
      correctiveEventIds?: string[] | undefined;
    },
    origin: EventOrigin = {},
  ) {
    const [event] = await db.query<{ kind: string; organisation_id: string }>(
      'SELECT kind, organisation_id FROM trace_events WHERE id = $1',
      [eventId],
    );
    if (!event) throw notFound(`event ${eventId} not found`);
    await access.requireVisible(principal, event.organisation_id).catch(() => {
      throw notFound(`event ${eventId} not found`);
    });
    await access.requireWritable(principal, event.organisation_id);
    const corrective = input.correctiveEventIds ?? [];
    if (corrective.length > 0) {
      const found = await db.query<{ id: string }>('SELECT id FROM trace_events WHERE id = ANY($1::uuid[])', [
        corrective,
      ]);
      const known = new Set(found.map((r) => r.id));
      const missing = corrective.findIndex((id) => !known.has(id) || id === eventId);
      if (missing >= 0)
        throw badRequest('a corrective event must be another recorded event', [
          { in: 'body', pointer: `/correctiveEventIds/${missing}`, detail: 'no such other event' },
        ]);
    }
    const spec: RecordSpec = {
      type: 'event.voided',
      subject: `event:${eventId}`,
      body: {
        event: `event:${eventId}`,
        eventType: event.kind,
        // Whose event it is, so the disclosure policy knows who may read the explanation.
        organisation: `organisation:${event.organisation_id}`,
        reason: input.reason,
        explanation: input.explanation,
        ...(corrective.length > 0 ? { correctiveEvents: corrective.map((id) => `event:${id}`) } : {}),
        ...(origin.epcisHashId ? { epcis: origin.epcisHashId } : {}),
      },
      conflict: `event ${eventId} is already voided`,
    };
    return { spec, result: { eventId, type: event.kind } };
  }

  /**
   * The receiver confirms a transfer with what actually arrived (a ledger entry, once). What was sent
   * but did not arrive becomes a loss event on the received batch, written with the receipt; more
   * than was sent cannot arrive.
   */
  async function confirmReceipt(
    principal: Principal,
    eventId: string,
    input: { quantity: QuantityValue; receivedAt?: string | undefined; note?: string | undefined },
  ) {
    const { spec, result } = await prepareReceipt(principal, eventId, input);
    const [entryIndex] = await appendRecords(writer, principal, [spec]);
    return { ...result, entryIndex: entryIndex! };
  }

  /** Checks a receipt and makes its record without appending it (see prepare). */
  async function prepareReceipt(
    principal: Principal,
    eventId: string,
    input: { quantity: QuantityValue; receivedAt?: string | undefined; note?: string | undefined },
    origin: EventOrigin = {},
  ) {
    const plannedRow = [...(origin.planned?.values() ?? [])].find((b) => b.produced_by === eventId);
    const [row] = plannedRow
      ? [{ ...plannedRow, kind: plannedRow.producing_kind }]
      : await db.query<BatchRow & { kind: string; sender: string }>(
          `SELECT b.*, e.event_time, e.recorded_at, e.kind, e.organisation_id AS sender
             FROM trace_events e JOIN batches b ON b.produced_by = e.id WHERE e.id = $1`,
          [eventId],
        );
    if (!row) throw notFound(`event ${eventId} not found`);
    const receiver = row.organisation_id;
    await access.requireVisible(principal, receiver).catch(() => {
      throw notFound(`event ${eventId} not found`);
    });
    if (row.kind !== 'transfer')
      throw new AppError('conflict', `event ${eventId} is a ${row.kind}, not a transfer`);
    await access.requireWritable(principal, receiver);
    const receivedAt = input.receivedAt ?? new Date().toISOString();
    const latest = Date.now() + custody.clockSkewSeconds * 1000;
    if (Date.parse(receivedAt) > latest)
      throw badRequest('receivedAt lies in the future', [
        { in: 'body', pointer: '/receivedAt', detail: `must not be after ${new Date(latest).toISOString()}` },
      ]);
    const byMass = row.mass_grams !== null;
    if (byMass ? !isMassUnit(input.quantity.unit) : input.quantity.unit !== row.quantity_unit)
      throw badRequest(`batch ${row.id} is counted in ${row.quantity_unit}`, [
        {
          in: 'body',
          pointer: '/quantity/unit',
          detail: byMass ? 'must be a unit of mass' : `must be ${row.quantity_unit}`,
        },
      ]);
    const sent = trimDecimal(byMass ? row.mass_grams! : row.quantity_value);
    const received = byMass ? toGrams(input.quantity)! : input.quantity.value;
    const unit = byMass ? 'GRM' : row.quantity_unit;
    if (scaled(received) > scaled(sent))
      throw badRequest(`more cannot arrive than was sent (${sent} ${unit})`, [
        { in: 'body', pointer: '/quantity', detail: `at most ${sent} ${unit}` },
      ]);
    const lost = sumDecimals([sent, `-${trimDecimal(received)}`]);
    const lossEventId = scaled(lost) > 0n ? randomUUID() : null;
    const spec: RecordSpec = {
      type: 'event.received',
      subject: `event:${eventId}`,
      body: {
        event: `event:${eventId}`,
        batch: `batch:${row.id}`,
        organisation: `organisation:${receiver}`,
        quantity: input.quantity,
        receivedAt,
        sent: { value: sent, unit },
        lost: { value: lost, unit },
        ...(lossEventId ? { lossEvent: `event:${lossEventId}` } : {}),
        ...(input.note ? { note: input.note } : {}),
        ...(origin.epcisHashId ? { epcis: origin.epcisHashId } : {}),
      },
      conflict: `transfer ${eventId} is already confirmed`,
    };
    return {
      spec,
      result: {
        eventId,
        batchId: row.id,
        sent,
        received: trimDecimal(received),
        lost,
        unit,
        lossEventId,
      },
    };
  }

  async function getBatch(principal: Principal, id: string) {
    const [row] = await db.query<BatchRow>(`${BATCH_SELECT} WHERE b.id = $1`, [id]);
    if (!row) throw notFound(`batch ${id} not found`);
    await access.requireVisible(principal, row.organisation_id).catch(() => {
      throw notFound(`batch ${id} not found`);
    });
    return row;
  }

  /** The upstream graph of a batch: every event and batch back to the plots (see trace-rows.ts). */
  async function trace(principal: Principal, batchId: string) {
    const root = await getBatch(principal, batchId);
    const {
      batches: batchRows,
      events: eventRows,
      inputs: inputRows,
      balances,
      plots: plotRows,
    } = await loadTraceRows(db, batchId, traceShapeFor(db.kind));
    // Tiers relative to the caller's organisation when it has one, else to the traced batch's holder.
    const rootOrganisation = principal.organisationId ?? root.organisation_id;
    const tiers = await upstreamTiers(db, rootOrganisation);
    const tierOf = (org: string) => (org === rootOrganisation ? 0 : (tiers.get(org) ?? null));

    const outputsByEvent = new Map<string, BatchRow[]>();
    for (const b of batchRows) {
      const outputs = outputsByEvent.get(b.produced_by);
      if (outputs) outputs.push(b);
      else outputsByEvent.set(b.produced_by, [b]);
    }
    const inputsByEvent = new Map<string, typeof inputRows>();
    for (const i of inputRows) {
      const inputs = inputsByEvent.get(i.event_id);
      if (inputs) inputs.push(i);
      else inputsByEvent.set(i.event_id, [i]);
    }

    return {
      batchId,
      batches: batchRows.map((b) => ({
        ...toBatch(b, balances.get(b.id)!),
        tier: tierOf(b.organisation_id),
      })),
      events: eventRows.map((e) => ({
        id: e.id,
        type: e.kind,
        organisationId: e.organisation_id,
        eventTime: new Date(e.event_time).toISOString(),
        recordTime: new Date(e.recorded_at).toISOString(),
        inputs: (inputsByEvent.get(e.id) ?? []).map((i) => ({
          batchId: i.batch_id,
          plotId: i.plot_id,
          quantity: quantityOf(i.quantity_value, i.quantity_unit, i.mass_grams),
        })),
        outputs: (outputsByEvent.get(e.id) ?? []).map((b) => ({
          batchId: b.id,
          quantity: quantityOf(b.quantity_value, b.quantity_unit, b.mass_grams)!,
        })),
        entryIndex: Number(e.entry_index),
        voided:
          e.voided_entry === null
            ? null
            : { entryIndex: Number(e.voided_entry), reason: e.voided_reason!, by: e.voided_by! },
      })),
      plots: plotRows.map((p) => ({
        id: p.id,
        organisationId: p.organisation_id,
        country: p.country,
        areaHectares: Number(p.area_hectares).toFixed(6),
        tier: tierOf(p.organisation_id),
      })),
    };
  }

  return {
    prepare,
    prepareReceipt,
    prepareVoid,
    appendPrepared,
    record,
    voidEvent,
    confirmReceipt,
    getBatch: async (principal: Principal, id: string) => {
      const row = await getBatch(principal, id);
      return toBatch(row, (await balancesOf(db, [id])).get(id)!);
    },
    trace,
  };
}

export type EventService = ReturnType<typeof createEventService>;
