// Entries of traceability: native events (domains/custody/events), their voids and receipts, and EPCIS 2.0
// events captured whole (domains/epcis).
import { z } from 'zod';
import { dateTime, decimalText, defineEntry, quantity, ref } from './define.ts';

const eventHead = {
  organisation: ref('organisation').describe('the organisation recording the event'),
  eventTime: dateTime.describe('when it happened, as the recorder said'),
};
const input = z
  .object({
    batch: ref('batch').optional(),
    plot: ref('plot').optional(),
    quantity: quantity.optional(),
  })
  .strict()
  .describe('a harvest’s plot, or a batch and the quantity taken from it');
const output = z
  .object({
    batch: ref('batch'),
    organisation: ref('organisation').describe('who holds the new batch'),
    lot: z.string(),
    quantity,
    material: z.string(),
    cocoaContent: decimalText.optional(),
    product: ref('product').optional(),
    description: z.string().optional().describe('the batch’s description, when one was given'),
  })
  .strict();
/** Set when the fact came from a captured EPCIS event (decision 0025): that event's CBV 2.0 hash ID. */
const epcisOrigin = z
  .string()
  .regex(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/, 'must be a CBV 2.0 hash ID')
  .optional()
  .describe('the captured EPCIS event this fact was recorded from');
const native = <const E extends string>(event: E, extra: z.ZodRawShape = {}) =>
  z
    .object({
      event: z.literal(event),
      ...eventHead,
      inputs: z.array(input),
      outputs: z.array(output),
      epcis: epcisOrigin,
      ...extra,
    })
    .strict();

export const TRACEABILITY_ENTRIES = [
  defineEntry({
    type: 'event.harvest',
    version: 1,
    description: 'A harvest on a plot produced a batch.',
    body: native('harvest', { season: z.string() }),
    writtenBy: ['POST /v1/events', 'POST /epcis/capture', 'demo seed'],
  }),
  defineEntry({
    type: 'event.transfer',
    version: 1,
    description: 'Part of a batch passed to another organisation, as a new batch it holds.',
    body: native('transfer'),
    writtenBy: ['POST /v1/events', 'POST /epcis/capture', 'demo seed'],
  }),
  defineEntry({
    type: 'event.transformation',
    version: 1,
    description: 'Input batches were made into output batches (grinding, pressing, blending).',
    body: native('transformation'),
    writtenBy: ['POST /v1/events', 'POST /epcis/capture', 'demo seed'],
  }),
  defineEntry({
    type: 'event.loss',
    version: 1,
    description: 'Mass gone from a batch (drying, spillage, sampling) and why.',
    body: native('loss', { reason: z.string() }),
    writtenBy: ['POST /v1/events', 'POST /epcis/capture'],
  }),
  defineEntry({
    type: 'event.voided',
    version: 1,
    description: 'An event declared in error (EPCIS errorDeclaration): CBV reason, words, corrections.',
    body: z
      .object({
        event: ref('event'),
        eventType: z.enum(['harvest', 'transfer', 'transformation', 'loss']),
        organisation: ref('organisation').describe('whose event it is'),
        reason: z.enum(['did_not_occur', 'incorrect_data']),
        explanation: z.string(),
        correctiveEvents: z.array(ref('event')).optional(),
        epcis: epcisOrigin,
      })
      .strict(),
    writtenBy: ['POST /v1/events/{id}/void', 'POST /epcis/capture'],
  }),
  defineEntry({
    type: 'event.received',
    version: 1,
    description: 'The receiver confirms what arrived of a transfer; the shortfall is a loss.',
    body: z
      .object({
        event: ref('event').describe('the transfer'),
        batch: ref('batch'),
        organisation: ref('organisation').describe('the receiver'),
        quantity,
        receivedAt: dateTime,
        sent: quantity,
        lost: z.object({ value: decimalText, unit: z.string() }).strict().describe('may be zero'),
        lossEvent: ref('event').optional().describe('the in-transit loss, when something was lost'),
        note: z.string().optional(),
        epcis: epcisOrigin,
      })
      .strict(),
    writtenBy: ['POST /v1/events/{id}/receipt', 'POST /epcis/capture'],
  }),
  defineEntry({
    type: 'epcis.event',
    version: 1,
    description: 'An EPCIS 2.0 event captured as it was sent (checked against the EPCIS JSON Schema first).',
    body: z
      .object({
        event: z.record(z.string(), z.json()).describe('the EPCIS event object'),
        context: z.json().nullable().describe('the capture document’s JSON-LD @context'),
        hashId: z.string().describe('the event’s CBV 2.0 hash identifier'),
        captureId: z.uuid().describe('the capture job (a bare UUID)'),
        organisation: ref('organisation'),
      })
      .strict(),
    writtenBy: ['POST /epcis/capture'],
  }),
];
