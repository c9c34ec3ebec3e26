// The GS1 EPCIS 2.0 REST binding as Groundtruth serves it. Documents and events themselves are
// validated against GS1's own JSON Schema (EPCIS-JSON-Schema.json), not restated here.
import { z } from 'zod';
import { safeText } from './common.ts';
import { pageParameters } from './paging.ts';

export const CaptureErrorBehaviour = z.enum(['rollback', 'proceed']);

/** The event types of EPCIS 2.0, as `/eventTypes` lists them. */
export const EPCIS_EVENT_TYPES = [
  'ObjectEvent',
  'AggregationEvent',
  'TransactionEvent',
  'TransformationEvent',
  'AssociationEvent',
] as const;

/** POST /capture's GS1-Capture-Error-Behaviour (default rollback); other headers pass unchecked. */
export const EpcisCaptureHeaders = z.looseObject({
  'gs1-capture-error-behaviour': CaptureErrorBehaviour.optional(),
});

/** `/capture/{captureID}`. */
export const EpcisCaptureJobParams = z.object({ captureID: z.uuid() });

/** `/events/{eventID}`: an eventID as captured, or a CBV 2.0 event hash ID. */
export const EpcisEventParams = z.object({ eventID: safeText().min(1).max(2048) });

/** `/eventTypes/{eventType}/events`. */
export const EpcisEventTypeParams = z.object({ eventType: z.enum(EPCIS_EVENT_TYPES) });

/** `/{resource}/{value}/events` of the top-level resources (epcs, bizSteps, bizLocations, …): one value. */
export const EpcisResourceParams = z.object({ value: safeText().min(1).max(2048) });

/** The paging of the top-level resources, the named queries and a query's subscriptions. */
export const EpcisPagingQuery = z.object(pageParameters).strict();

/** A top-level resource's members (`/eventTypes`, `/epcs`, `/bizSteps`, …), as GS1's binding answers. */
export const EpcisCollection = z
  .object({ '@context': z.string(), type: z.literal('Collection'), member: z.array(z.string()) })
  .meta({ id: 'EPCISCollection' });

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
      .describe(
        'At most this many events in all, over every page: the first in the order orderBy names (required with it)',
      ),
    maxEventCount: z.coerce
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .optional()
      .describe(
        'If more events than this match, the query fails with QueryTooLargeException (413) instead of answering',
      ),
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

/** The parameters a named query keeps: those of GET /events except paging (EPCIS 2.0 §8.2.5). */
export const EpcisNamedQueryParameters = EpcisEventQuery.omit({ perPage: true, nextPageToken: true });

/** A query name: one path segment of a URL, as GS1's binding uses it (`/queries/{queryName}`). */
export const EpcisQueryName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/,
    'must be 1–100 letters, digits, "_", "." or "-", starting with a letter or digit',
  );

/** `/queries/{queryName}`. */
export const EpcisQueryParams = z.object({ queryName: EpcisQueryName });

/** `/queries/{queryName}/subscriptions/{subscriptionID}`. */
export const EpcisSubscriptionParams = z.object({ queryName: EpcisQueryName, subscriptionID: z.uuid() });

/** GET /queries/{queryName}/events: a page of its events, or with Upgrade: websocket a subscription. */
export const EpcisQueryEventsQuery = z
  .object({
    perPage: z.coerce.number().int().min(1).max(1000).default(30),
    nextPageToken: pageParameters.nextPageToken,
    stream: z.enum(['true']).optional().describe('with Upgrade: websocket: subscribe to the query'),
    initialRecordTime: Time.optional().describe(
      'with Upgrade: websocket: events recorded from this time on (default: now)',
    ),
  })
  .strict();

export const NewEpcisQuery = z
  .object({ name: EpcisQueryName, query: EpcisNamedQueryParameters })
  .strict()
  .meta({ id: 'NewEPCISQuery' });

export const EpcisQueryDefinition = z
  .object({
    name: z.string(),
    query: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    entryIndex: z.number().int().describe('Groundtruth addition: the ledger entry that created the query'),
  })
  .meta({ id: 'EPCISQueryDefinition' });

// GS1's AbstractQuerySubscription + QueryStreamSubscription. Scheduled subscriptions are not offered.
export const NewEpcisSubscription = z
  .object({
    dest: z.url().max(2048).describe('HTTPS URL the repository POSTs matching events to'),
    signatureToken: safeText()
      .min(16)
      .max(512)
      .describe(
        'secret the subscriber chose: each POST carries GS1-Signature: sha256=<hex HMAC-SHA256 of the body>',
      ),
    stream: z.literal(true).describe('notified as matching events are recorded (schedules are not offered)'),
    initialRecordTime: Time.optional().describe('events recorded from this time on (default: now)'),
  })
  .strict()
  .meta({ id: 'NewEPCISSubscription' });

export const EpcisSubscription = z
  .object({
    subscriptionID: z.string(),
    queryName: z.string(),
    dest: z.string(),
    stream: z.literal(true),
    createdAt: z.string(),
    initialRecordTime: z.string(),
    lastNotifiedAt: z.string().optional(),
    pendingDeliveries: z.number().int().describe('Groundtruth addition: deliveries not yet acknowledged'),
    deadLetters: z.number().int().describe('Groundtruth addition: deliveries given up after every retry'),
    entryIndex: z.number().int().describe('Groundtruth addition: the ledger entry that created it'),
  })
  .meta({ id: 'EPCISSubscription' });

export const EpcisDeadLetter = z
  .object({
    deliveryID: z.string(),
    eventID: z.string(),
    attempts: z.number().int(),
    lastStatus: z.number().int().optional().describe("the subscriber's last HTTP status, if it answered"),
    lastError: z.string(),
    createdAt: z.string(),
    failedAt: z.string(),
  })
  .meta({ id: 'EPCISDeadLetter' });
