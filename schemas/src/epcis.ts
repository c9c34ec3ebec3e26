// The GS1 EPCIS 2.0 REST binding as Groundtruth serves it. Documents and events themselves are
// validated against GS1's own JSON Schema (EPCIS-JSON-Schema.json), not restated here.
import { z } from 'zod';
import { safeText } from './common.ts';

export const CaptureErrorBehaviour = z.enum(['rollback', 'proceed']);

export const CaptureJob = z
  .object({
    captureID: z.string(),
    createdAt: z.string(),
    finishedAt: z.string().optional(),
    running: z.boolean(),
    success: z.boolean(),
    captureErrorBehaviour: CaptureErrorBehaviour,
    errors: z.array(
      z.object({
        type: z.string(),
        title: z.string(),
        status: z.number().int(),
        detail: z.string(),
        pointer: z.string().describe('JSON Pointer into the captured document'),
      }),
    ),
    events: z
      .array(z.object({ eventID: z.string(), hashID: z.string(), entryIndex: z.number().int() }))
      .describe('Groundtruth addition: each stored event with its CBV 2.0 event hash ID and ledger entry'),
  })
  .meta({ id: 'EPCISCaptureJob' });

// A parameter given once, repeated, or as values separated by "|".
const List = z
  .union([safeText(), z.array(safeText())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split('|')).filter((s) => s !== ''))
  .pipe(z.array(safeText().max(2048)).max(100));
const Time = z.iso.datetime({ offset: true, message: 'must be an RFC 3339 date-time with an offset or Z' });

export const EPCIS_MATCH_PARAMETERS = [
  'MATCH_epc',
  'MATCH_parentID',
  'MATCH_inputEPC',
  'MATCH_outputEPC',
  'MATCH_anyEPC',
  'MATCH_epcClass',
  'MATCH_inputEPCClass',
  'MATCH_outputEPCClass',
  'MATCH_anyEPCClass',
] as const;

export const EpcisEventQuery = z
  .object({
    eventType: List.optional(),
    GE_eventTime: Time.optional(),
    LT_eventTime: Time.optional(),
    GE_recordTime: Time.optional(),
    LT_recordTime: Time.optional(),
    EQ_action: List.optional(),
    EQ_bizStep: List.optional(),
    EQ_disposition: List.optional(),
    EQ_readPoint: List.optional(),
    EQ_bizLocation: List.optional(),
    EQ_eventID: List.optional(),
    ...Object.fromEntries(EPCIS_MATCH_PARAMETERS.map((name) => [name, List.optional()])),
    orderBy: z.enum(['eventTime', 'recordTime']).optional(),
    orderDirection: z.enum(['ASC', 'DESC']).optional(),
    eventCountLimit: z.coerce
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .optional()
      .describe('At most this many events in all, over every page'),
    perPage: z.coerce.number().int().min(1).max(1000).default(30),
    nextPageToken: safeText().max(4096).optional(),
  })
  .strict();

export const EPCISQueryDocument = z
  .looseObject({
    '@context': z.unknown(),
    type: z.literal('EPCISQueryDocument'),
    schemaVersion: z.string(),
    creationDate: z.string(),
    epcisBody: z.object({
      queryResults: z.object({
        queryName: z.string(),
        resultsBody: z.object({ eventList: z.array(z.record(z.string(), z.unknown())) }),
      }),
    }),
  })
  .meta({ id: 'EPCISQueryDocument' });
