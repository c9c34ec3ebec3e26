// Projectors of traceability: native events, their voids and receipts (schemas/src/entries/traceability.ts).
// The balance checks run here, under the writer's sequencing: what earlier entries took is already in
// the rows read, so an entry that would take more than a batch holds is refused, and a replay of the
// log passes them as the original writes did.
import type { Transaction } from '@groundtruth/db';
import { toGrams } from '@groundtruth/quantity';
import {
  type Consumption,
  NOT_VOIDED,
  requireAvailable,
  sumDecimals,
} from '../domains/custody/events/balance.ts';
import { AppError } from '../errors.ts';
import { idOf, idOrNull, indexText, type ProjectedEntry, type Projectors } from './projector.ts';

type NativeEntry =
  | ProjectedEntry<'event.harvest'>
  | ProjectedEntry<'event.transfer'>
  | ProjectedEntry<'event.transformation'>
  | ProjectedEntry<'event.loss'>;

const trimDecimal = (value: string) => sumDecimals([value]);

/** What each input takes from its batch, in the terms the batch's balance is kept in (grams when it has a mass). */
async function consumptionsOf(tx: Transaction, entry: NativeEntry): Promise<Consumption[]> {
  const inputs = entry.body.inputs.flatMap((input, position) =>
    input.batch && input.quantity ? [{ batchId: idOf(input.batch), quantity: input.quantity, position }] : [],
  );
  if (inputs.length === 0) return [];
  const rows = await tx.query<{ id: string; mass_grams: string | null }>(
    'SELECT id, mass_grams FROM batches WHERE id = ANY($1::uuid[])',
    [inputs.map((i) => i.batchId)],
  );
  const byMass = new Map(rows.map((r) => [r.id, r.mass_grams !== null]));
  return inputs.map((i) => ({
    batchId: i.batchId,
    amount: byMass.get(i.batchId) ? toGrams(i.quantity)! : i.quantity.value,
    pointer: entry.type === 'event.transformation' ? `/inputs/${i.position}/quantity` : '/input/quantity',
  }));
}

/** The commodity of an event's outputs: the harvested plot's, or its first input batch's. */
async function commodityOf(tx: Transaction, body: NativeEntry['body']): Promise<string | null> {
  const first = body.inputs[0];
  if (!first) return null;
  const [row] = first.batch
    ? await tx.query<{ commodity: string }>('SELECT commodity FROM batches WHERE id = $1', [
        idOf(first.batch),
      ])
    : await tx.query<{ commodity: string }>('SELECT commodity FROM plots WHERE id = $1', [idOf(first.plot!)]);
  return row?.commodity ?? null;
}

/**
 * Links a fact recorded from a captured EPCIS event (its body's `epcis`, decision 0025) to that
 * event's entry: the latest capture of the same hash ID before this entry.
 */
async function linkEpcis(
  tx: Transaction,
  index: bigint,
  hashId: string | undefined,
  facts: [string, string][],
) {
  if (!hashId || facts.length === 0) return;
  await tx.query(
    `INSERT INTO epcis_custody_links (epcis_entry_index, custody_entry_index, fact_kind, fact_id)
     SELECT (SELECT max(entry_index) FROM epcis_events WHERE hash_id = $1 AND entry_index < $2), $2, kind, id
       FROM unnest($3::text[], $4::uuid[]) AS t(kind, id)`,
    [hashId, indexText(index), facts.map((f) => f[0]), facts.map((f) => f[1])],
  );
}

async function projectNativeEvent(tx: Transaction, entry: NativeEntry) {
  const { index, at, subject, body } = entry;
  const eventId = idOf(subject);
  const consumptions = await consumptionsOf(tx, entry);
  if (consumptions.length > 0) await requireAvailable(tx, consumptions);
  const commodity = await commodityOf(tx, body);
  await tx.query(
    `INSERT INTO trace_events (id, kind, organisation_id, event_time, entry_index, reason, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      eventId,
      body.event,
      idOf(body.organisation),
      body.eventTime,
      indexText(index),
      'reason' in body ? body.reason : null,
      at,
    ],
  );
  for (const [position, input] of body.inputs.entries()) {
    const q = input.quantity;
    await tx.query(
      `INSERT INTO trace_event_inputs (event_id, position, batch_id, plot_id, quantity_value, quantity_unit, mass_grams)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        eventId,
        position,
        idOrNull(input.batch),
        idOrNull(input.plot),
        q?.value ?? null,
        q?.unit ?? null,
        q ? (toGrams(q) ?? null) : null,
      ],
    );
  }
  for (const output of body.outputs) {
    await tx.query(
      `INSERT INTO batches (id, organisation_id, lot, commodity, product_id, description, quantity_value, quantity_unit,
                            mass_grams, produced_by, entry_index, material, cocoa_content)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        idOf(output.batch),
        idOf(output.organisation),
        output.lot,
        commodity,
        idOrNull(output.product),
        output.description ?? null,
        output.quantity.value,
        output.quantity.unit,
        toGrams(output.quantity) ?? null,
        eventId,
        indexText(index),
        output.material,
        output.cocoaContent ?? null,
      ],
    );
  }
  await linkEpcis(tx, index, body.epcis, [['event', eventId]]);
}

export const traceabilityProjectors = {
  'event.harvest': projectNativeEvent,
  'event.transfer': projectNativeEvent,
  'event.transformation': projectNativeEvent,
  'event.loss': projectNativeEvent,

  'event.voided': async (tx, { index, at, actor, body }) => {
    const eventId = idOf(body.event);
    // Under the writer's sequencing, so no consumer can slip in between this check and the void.
    await tx.query('SELECT id FROM batches WHERE produced_by = $1 ORDER BY id FOR UPDATE', [eventId]);
    const dependants = await tx.query<{ id: string; kind: string; batch_id: string }>(
      `SELECT DISTINCT e.id, e.kind, i.batch_id FROM batches b
         JOIN trace_event_inputs i ON i.batch_id = b.id JOIN trace_events e ON e.id = i.event_id
        WHERE b.produced_by = $1 AND ${NOT_VOIDED('e.id')} ORDER BY e.id`,
      [eventId],
    );
    if (dependants.length > 0)
      throw new AppError(
        'conflict',
        `event ${eventId} cannot be voided while events that consumed its outputs stand; void them first: ${dependants
          .map((d) => `${d.kind} event ${d.id} (took from batch ${d.batch_id})`)
          .join(', ')}`,
      );
    await tx.query(
      `INSERT INTO trace_event_voids (event_id, entry_index, reason, voided_by, voided_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [eventId, indexText(index), `${body.reason}: ${body.explanation}`, actor, at],
    );
    await linkEpcis(tx, index, body.epcis, [['void', eventId]]);
  },

  // What was sent but did not arrive is a loss event on the received batch, written with the receipt:
  // its id is in the entry (lossEvent), its quantity is `lost`, its reason is composed from the entry.
  'event.received': async (tx, { index, at, actor, body }) => {
    const eventId = idOf(body.event);
    const batchId = idOf(body.batch);
    const [voided] = await tx.query(`SELECT 1 FROM trace_event_voids WHERE event_id = $1`, [eventId]);
    if (voided) throw new AppError('conflict', `transfer ${eventId} was voided`);
    const [batch] = await tx.query<{ mass_grams: string | null }>(
      'SELECT mass_grams FROM batches WHERE id = $1',
      [batchId],
    );
    const byMass = batch?.mass_grams != null;
    const received = byMass ? toGrams(body.quantity)! : body.quantity.value;
    const lossEventId = idOrNull(body.lossEvent);
    if (lossEventId) {
      const lost = body.lost.value;
      // The receiver may already have used some of it: the loss must still fit.
      await requireAvailable(tx, [{ batchId, amount: lost, pointer: '/quantity' }]);
      await tx.query(
        `INSERT INTO trace_events (id, kind, organisation_id, event_time, entry_index, reason, recorded_at)
         VALUES ($1, 'loss', $2, $3, $4, $5, $6)`,
        [
          lossEventId,
          idOf(body.organisation),
          body.receivedAt,
          indexText(index),
          `in transit: ${trimDecimal(received)} of ${body.sent.value} ${body.sent.unit} arrived (transfer ${eventId})`,
          at,
        ],
      );
      await tx.query(
        `INSERT INTO trace_event_inputs (event_id, position, batch_id, quantity_value, quantity_unit, mass_grams)
         VALUES ($1, 0, $2, $3, $4, $5)`,
        [lossEventId, batchId, lost, body.lost.unit, byMass ? lost : null],
      );
    }
    await tx.query(
      `INSERT INTO transfer_receipts (event_id, entry_index, quantity_value, quantity_unit, mass_grams, received_at,
                                      loss_event_id, confirmed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        eventId,
        indexText(index),
        body.quantity.value,
        body.quantity.unit,
        byMass ? received : null,
        body.receivedAt,
        lossEventId,
        actor,
      ],
    );
    await linkEpcis(tx, index, body.epcis, [
      ['receipt', eventId],
      ...(lossEventId ? [['event', lossEventId] as [string, string]] : []),
    ]);
  },
} satisfies Projectors;
