import { CSET82 } from '@groundtruth/digital-link';
import { KNOWN_UNITS, normaliseGtin, parseDecimal, quantityOutOfBounds } from '@groundtruth/quantity';
import { z } from 'zod';
import { safeText } from './common.ts';
import { pageParameters } from './paging.ts';
import { Commodity, Uuid } from './registry.ts';

const QUANTITY_VALUE = /^\d{1,24}(\.\d{1,9})?$/;

/** An exact quantity: a decimal string (never a float) and a UN/CEFACT Rec. 20 unit code. */
export const QuantityInput = z
  .object({
    value: safeText()
      .regex(QUANTITY_VALUE, 'must be a positive decimal string such as "512.4"')
      .refine((v) => parseDecimal(v).units > 0n, 'must be greater than zero'),
    unit: z
      .enum(KNOWN_UNITS as [string, ...string[]])
      .describe('UN/CEFACT Rec. 20 code: KGM, TNE, GRM, LBR, LTR …'),
  })
  .strict()
  // Bounded per unit family (10^6 t, 10^6 m³, 10^9 pieces): beyond any real lot, and beyond what the
  // mass-balance engine computes exactly. Reported at the value, where the client must change it.
  .check((ctx) => {
    const { value, unit } = ctx.value;
    if (!QUANTITY_VALUE.test(value) || !KNOWN_UNITS.includes(unit)) return;
    const reason = quantityOutOfBounds({ value, unit });
    if (reason) ctx.issues.push({ code: 'custom', message: reason, input: value, path: ['value'] });
  });

export const Gtin = safeText().refine(
  (g) => normaliseGtin(g) !== undefined,
  'must be a GTIN-8, -12, -13 or -14 with a valid check digit',
);

export const ProductInput = z
  .object({ gtin: Gtin, name: safeText().trim().min(1).max(300), commodity: Commodity, organisationId: Uuid })
  .strict()
  .meta({ id: 'NewProduct' });

export const Product = z
  .object({
    id: Uuid,
    gtin: z.string().length(14),
    name: z.string(),
    commodity: Commodity,
    organisationId: Uuid,
    entryIndex: z.number().int(),
  })
  .meta({ id: 'Product' });

const Lot = safeText()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[\x21-\x7e ]+$/, 'printable ASCII (a GS1 lot, AI 10)');

/** What a batch physically is, for conversion factors: cocoa_beans, cocoa_liquor, coffee_green … */
export const Material = safeText()
  .regex(/^[a-z][a-z_]{1,59}$/, 'a material name such as cocoa_butter')
  .describe('Physical form, from the reference table of conversion factors (GET /v1/reference)');

const NewBatch = z
  .object({
    lot: Lot,
    quantity: QuantityInput,
    material: Material.optional().describe(
      'Defaults: the commodity as harvested (cocoa_beans) for a harvest, the input batch’s material for a transfer, the inputs’ material for a transformation whose inputs share one',
    ),
    cocoaContent: safeText()
      .regex(/^(0(\.\d{1,3})?|1(\.0{1,3})?)$/, 'a fraction between 0 and 1, e.g. "0.70"')
      .optional()
      .describe('Chocolate only: cocoa content as a fraction, which sets its bean equivalent'),
    productId: Uuid.optional(),
    description: safeText().trim().max(300).optional(),
  })
  .strict();

const Consumed = z.object({ batchId: Uuid, quantity: QuantityInput }).strict();
const EventTime = z.iso.datetime({ offset: true }).describe('RFC 3339 time the event happened');

export const EventInput = z
  .discriminatedUnion('type', [
    z
      .object({
        type: z.literal('harvest'),
        plotId: Uuid,
        season: safeText().trim().min(1).max(60),
        eventTime: EventTime,
        output: NewBatch,
      })
      .strict(),
    z
      .object({
        type: z.literal('transfer'),
        fromOrganisationId: Uuid,
        toOrganisationId: Uuid,
        eventTime: EventTime,
        input: Consumed,
        output: NewBatch,
      })
      .strict(),
    z
      .object({
        type: z.literal('transformation'),
        organisationId: Uuid,
        eventTime: EventTime,
        inputs: z.array(Consumed).min(1).max(500),
        outputs: z.array(NewBatch).min(1).max(100),
      })
      .strict(),
    z
      .object({
        type: z.literal('loss'),
        organisationId: Uuid,
        eventTime: EventTime,
        input: Consumed,
        reason: safeText()
          .trim()
          .min(1)
          .max(300)
          .describe('Why the mass is gone: drying, shrinkage, spillage, sampling …'),
      })
      .strict(),
  ])
  .meta({ id: 'NewTraceEvent' });

export const Quantity = z.object({ value: z.string(), unit: z.string(), grams: z.string().nullable() });

/**
 * What is left of a batch: what its event produced minus what non-voided transfers, transformations
 * and losses took from it. In grams when the batch has a mass, else in the batch's own unit.
 */
export const BatchBalance = z
  .object({
    unit: z.string().describe('GRM for batches with a mass, else the batch’s unit'),
    produced: z.string(),
    consumed: z.string().describe('taken by transfers and transformations'),
    lost: z.string().describe('recorded losses'),
    available: z
      .string()
      .describe('produced − consumed − lost; never negative for data written through the API'),
    closed: z.boolean().describe('nothing left: the batch can no longer be consumed'),
    voided: z.boolean().describe('the event that produced it was voided'),
  })
  .meta({ id: 'BatchBalance' });

export const Batch = z
  .object({
    id: Uuid,
    organisationId: Uuid,
    lot: z.string(),
    commodity: Commodity,
    material: z.string(),
    cocoaContent: z.string().nullable(),
    productId: Uuid.nullable(),
    description: z.string().nullable(),
    quantity: Quantity,
    producedBy: Uuid.describe('the event that produced this batch'),
    eventTime: z.string().describe('when the producing event happened, as its recorder said'),
    recordTime: z
      .string()
      .describe('when the producing event was recorded: its ledger entry’s time, our clock'),
    entryIndex: z.number().int(),
    balance: BatchBalance,
  })
  .meta({ id: 'Batch' });

export const TraceEvent = z
  .object({
    id: Uuid,
    type: z.enum(['harvest', 'transfer', 'transformation', 'loss']),
    organisationId: Uuid,
    eventTime: z.string(),
    recordTime: z
      .string()
      .describe('its ledger entry’s time (our clock), beside the eventTime the client gave'),
    inputs: z.array(
      z.object({ batchId: Uuid.nullable(), plotId: Uuid.nullable(), quantity: Quantity.nullable() }),
    ),
    outputs: z.array(z.object({ batchId: Uuid, quantity: Quantity })),
    entryIndex: z.number().int(),
    voided: z
      .object({
        entryIndex: z.number().int().describe('the entry that voided it'),
        reason: z.string(),
        by: z.string(),
      })
      .nullable()
      .describe(
        'set when a later entry voided this event: it stays in the log, and nothing upstream of it is traced through it',
      ),
  })
  .meta({ id: 'TraceEvent' });

/** The receiver's confirmation of a transfer: what actually arrived. */
export const TransferReceiptInput = z
  .object({
    quantity: QuantityInput.describe('what arrived; what was sent beyond it becomes a recorded loss'),
    receivedAt: EventTime.optional().describe('when it arrived; now if left out'),
    note: safeText().trim().min(1).max(300).optional(),
  })
  .strict()
  .meta({ id: 'TransferReceipt' });

/** Voiding an event (after EPCIS 2.0 errorDeclaration): why, in CBV 2.0 terms and in words. */
export const EventVoidInput = z
  .object({
    reason: z
      .enum(['did_not_occur', 'incorrect_data'])
      .describe('CBV 2.0 error reason: the event did not happen, or was recorded wrongly'),
    explanation: safeText().trim().min(1).max(1000).describe('why, in words, for the auditor'),
    correctiveEventIds: z
      .array(Uuid)
      .max(100)
      .optional()
      .describe('events recorded in its place (EPCIS correctiveEventIDs)'),
  })
  .strict()
  .meta({ id: 'EventVoid' });

export const Trace = z
  .object({
    batchId: Uuid,
    batches: z.array(Batch.extend({ tier: z.number().int().nullable() })),
    events: z.array(TraceEvent),
    plots: z.array(
      z.object({
        id: Uuid,
        organisationId: Uuid,
        country: z.string(),
        areaHectares: z.string(),
        tier: z.number().int().nullable(),
      }),
    ),
  })
  .meta({ id: 'Trace' });

/** GET /v1/products: look a product up by its GTIN, or list an organisation's. */
export const ProductListQuery = z
  .object({
    gtin: Gtin.optional().describe('GTIN-8, -12, -13 or -14 (compared as GTIN-14)'),
    organisation: Uuid.optional().describe('the brand or supplier that registered the product'),
    ...pageParameters,
  })
  .strict();

/** `/v1/products/{id}/qr`: the product named by its GTIN. */
export const GtinParams = z.object({ id: Gtin });

/** What the QR code of a product encodes, and how it is drawn. */
export const ProductQrQuery = z
  .object({
    lot: safeText()
      .regex(CSET82, '1 to 20 characters of GS1 character set 82 (letters, digits and !"%&\'()*+,-./:;<=>?_)')
      .optional(),
    format: z.enum(['svg', 'png']).default('svg'),
    size: z.coerce.number().int().min(64).max(4096).default(512),
  })
  .strict();

/** A batch's id; people often have its lot code instead, so the refusal says where to look it up. */
export const BatchId = z.uuid('a batch id is a UUID; to find a batch by its lot code, GET /v1/batches?lot=…');

/** `/v1/batches/{id}/…`. */
export const BatchParams = z.object({ id: BatchId });

/** GET /v1/batches: filters combine (AND). */
export const BatchListQuery = z
  .object({
    lot: safeText().min(1).max(200).optional().describe('the lot code, exactly'),
    gtin: Gtin.optional().describe('batches of the product with this GTIN (8, 12, 13 or 14 digits)'),
    holder: Uuid.optional().describe('the organisation that holds the batch'),
    material: safeText().min(1).max(100).optional().describe('e.g. cocoa_beans, cocoa_liquor'),
    producedAfter: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('produced at or after (the producing event’s time)'),
    producedBefore: z.iso.datetime({ offset: true }).optional().describe('produced before'),
    ...pageParameters,
  })
  .strict();

/** A recorded event and the batches it created. */
export const RecordedTraceEvent = z
  .object({ eventId: Uuid, batchIds: z.array(Uuid), entryIndex: z.number().int() })
  .meta({ id: 'RecordedTraceEvent' });

export const VoidedTraceEvent = z
  .object({
    eventId: Uuid,
    type: z.string(),
    entryIndex: z.number().int().describe('the entry that voids it'),
  })
  .meta({ id: 'VoidedTraceEvent' });

/** What the receiver confirmed of a transfer, and the loss its shortfall became. */
export const ConfirmedTransferReceipt = z
  .object({
    eventId: Uuid,
    batchId: Uuid,
    entryIndex: z.number().int(),
    unit: z.string().describe('GRM for batches with a mass, else the batch’s unit'),
    sent: z.string(),
    received: z.string(),
    lost: z.string(),
    lossEventId: Uuid.nullable().describe('the loss event written for the shortfall, if any'),
  })
  .meta({ id: 'ConfirmedTransferReceipt' });
