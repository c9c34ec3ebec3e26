// GS1 EPCIS 2.0 capture and query over the ledger. Each captured event becomes one ledger entry (the
// event as submitted, its document's JSON-LD context and its CBV 2.0 event hash ID) plus index rows;
// each submission is a capture job. With `rollback` a document with any bad event stores nothing;
// with `proceed` the good events are stored and the bad ones are listed in the job.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Database, isoTime, jsonValue, type SqlExecutor, type Transaction } from '@groundtruth/db';
import {
  canonicalVocabularyValue,
  createSchemaValidator,
  type EpcisSchemaValidator,
  epcMatchPatterns,
  eventHashId,
  type JsonLdContext,
  type JsonObject,
  MATCH_PARAMETERS,
  type QueryKeys,
  readCaptureDocument,
  type TermLists,
  termListsFromSchema,
  type ValidationIssue,
  VOCABULARIES,
} from '@groundtruth/epcis';
import { canonicalJson, type JsonValue, revealBody } from '@groundtruth/ledger';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import type { Access } from '../../access.ts';
import type { Principal } from '../../auth.ts';
import { AppError, badRequest, forbidden, notFound } from '../../errors.ts';
import { appendRecords, type RecordSpec } from '../../record.ts';
import type { EventService } from '../custody/events/service.ts';
import { capturedEventId, isErrorDeclaration } from './captured-event.ts';
import { type CustodyItem, createCustodyCapture, type PlannedCustody } from './custody-capture.ts';
import { custodyFromEpcis } from './custody-mapping.ts';
import { loadNativeCandidates, nativeMatches } from './native-source.ts';

export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
/** Events per capture request; advertised as GS1-EPCIS-Capture-Limit. */
export const CAPTURE_EVENT_LIMIT = 10_000;
/** Bytes per capture request; advertised as GS1-EPCIS-Capture-File-Size-Limit. */
export const CAPTURE_BYTE_LIMIT = 32 * 1024 * 1024;
/** Custody events in one document from which its capture is treated as a bulk load (ANALYZE after). */
const BULK_CUSTODY_EVENTS = 1000;
// An event must fit one ledger entry (64 KiB) with its envelope and context around it.
const MAX_EVENT_BYTES = 60_000;

export type CaptureBehaviour = 'rollback' | 'proceed';

export interface CaptureError {
  type: string;
  title: string;
  status: number;
  detail: string;
  pointer: string;
}

export interface CaptureJob {
  captureID: string;
  createdAt: string;
  finishedAt?: string;
  running: boolean;
  success: boolean;
  captureErrorBehaviour: CaptureBehaviour;
  errors: CaptureError[];
  /** Groundtruth's addition: each stored event's id, CBV hash ID and ledger entry index. */
  events: { eventID: string; hashID: string; entryIndex: number }[];
}

export interface EventQuery {
  eventType?: string[];
  GE_eventTime?: string;
  LT_eventTime?: string;
  GE_recordTime?: string;
  LT_recordTime?: string;
  EQ_action?: string[];
  EQ_bizStep?: string[];
  EQ_disposition?: string[];
  EQ_readPoint?: string[];
  EQ_bizLocation?: string[];
  EQ_eventID?: string[];
  orderBy?: 'eventTime' | 'recordTime';
  orderDirection?: 'ASC' | 'DESC';
  /** At most this many events in all, over every page (EPCIS 2.0 SimpleEventQuery). */
  eventCountLimit?: number;
  /** More matching events than this fail the query (QueryTooLargeException); see queries.ts. */
  maxEventCount?: number;
  perPage: number;
  nextPageToken?: string;
  match: Record<string, string[]>;
}

export interface EventPage {
  events: JsonObject[];
  nextPageToken?: string;
  /**
   * A token that resumes after the last event of this page even when it is the last page: a
   * subscription keeps it to scan only what is recorded later (decision 0026).
   */
  resumeToken?: string;
}

export interface EpcisService {
  /** Whether GS1's schema was found: capture needs it, queries do not. */
  readonly available: boolean;
  capture(principal: Principal, document: unknown, behaviour: CaptureBehaviour): Promise<CaptureJob>;
  job(principal: Principal, captureId: string): Promise<CaptureJob>;
  query(principal: Principal, query: EventQuery): Promise<EventPage>;
  event(principal: Principal, eventId: string): Promise<JsonObject[]>;
  /** The values of a top-level resource (bizSteps, epcs …) in the events the caller may see, in pages. */
  collection(
    principal: Principal,
    name: CollectionName,
    page: { perPage: number; nextPageToken?: string | undefined },
  ): Promise<{ members: string[]; nextPageToken?: string }>;
}

/** EPCIS 2.0's top-level resources besides event types, and where their values are indexed. */
export const COLLECTIONS = {
  epcs: { filter: 'MATCH_anyEPC' },
  bizSteps: { filter: 'EQ_bizStep', column: 'biz_step' },
  bizLocations: { filter: 'EQ_bizLocation', column: 'biz_location' },
  readPoints: { filter: 'EQ_readPoint', column: 'read_point' },
  dispositions: { filter: 'EQ_disposition', column: 'disposition' },
} as const;
export type CollectionName = keyof typeof COLLECTIONS;

const VALIDATION_TYPE = 'https://ref.gs1.org/standards/epcis/exceptions#ValidationException';
const QUERY_PARAMETER_TYPE = 'https://ref.gs1.org/standards/epcis/exceptions#QueryParameterException';
/** The event types that have an action field (EPCIS 2.0 §7.4): every one but TransformationEvent. */
const TYPES_WITH_ACTION = new Set([
  'ObjectEvent',
  'AggregationEvent',
  'TransactionEvent',
  'AssociationEvent',
]);
const ACTIONS = new Set(['ADD', 'OBSERVE', 'DELETE']);

/** The REST binding's QueryParameterException, as an RFC 9457 problem naming the parameter. */
export function queryParameterException(parameter: string, detail: string): AppError {
  return new AppError('validation', `invalid query parameter ${parameter}: ${detail}`, {
    type: QUERY_PARAMETER_TYPE,
    errors: [{ in: 'query', pointer: `/${parameter}`, detail }],
  });
}

/** What SimpleEventQuery refuses outright (EPCIS 2.0 §8.2.7.1) before anything is looked up. */
export function checkEventQuery(query: EventQuery): void {
  if (query.eventCountLimit !== undefined && query.maxEventCount !== undefined)
    throw queryParameterException(
      'maxEventCount',
      'eventCountLimit and maxEventCount are mutually exclusive (EPCIS 2.0 §8.2.7.1)',
    );
  // "This parameter may only be used when orderBy is specified" (EPCIS 2.0 §8.2.7.1): without an order,
  // "the first N events" means nothing a client could rely on.
  if (query.eventCountLimit !== undefined && query.orderBy === undefined)
    throw queryParameterException(
      'eventCountLimit',
      'eventCountLimit may only be used with orderBy (EPCIS 2.0 §8.2.7.1): the first N events in which order?',
    );
  if (query.EQ_action) {
    const bad = query.EQ_action.find((a) => !ACTIONS.has(a));
    if (bad !== undefined)
      throw queryParameterException('EQ_action', `"${bad.slice(0, 80)}" is not ADD, OBSERVE or DELETE`);
    if (query.eventType && !query.eventType.some((type) => TYPES_WITH_ACTION.has(type)))
      throw queryParameterException(
        'EQ_action',
        `none of the event types asked for (${query.eventType.join(', ').slice(0, 200)}) has an action`,
      );
  }
}

/** A capture whose document was refused as a whole; the job records it too. */
export class CaptureRejected extends AppError {
  constructor(
    readonly job: CaptureJob,
    message: string,
    errors: ValidationIssue[],
  ) {
    super('validation', message, {
      errors: errors.map((e) => ({ in: 'body', pointer: e.pointer, detail: e.detail })),
      headers: { location: `/epcis/capture/${job.captureID}` },
    });
  }
}

export function loadEpcisSchema(path: string): JsonObject | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as JsonObject;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

interface JobRow {
  capture_id: string;
  organisation_id: string;
  behaviour: CaptureBehaviour;
  created_at: Date | string;
  finished_at: Date | string | null;
  running: boolean;
  success: boolean;
  errors: CaptureError[] | string;
  events: CaptureJob['events'] | string;
}

function jobOf(row: JobRow): CaptureJob {
  return {
    captureID: row.capture_id,
    createdAt: isoTime(row.created_at),
    ...(row.finished_at ? { finishedAt: isoTime(row.finished_at) } : {}),
    running: row.running,
    success: row.success,
    captureErrorBehaviour: row.behaviour,
    errors: jsonValue(row.errors),
    events: jsonValue(row.events),
  };
}

const captureError = (issue: ValidationIssue): CaptureError => ({
  type: VALIDATION_TYPE,
  title: 'Invalid EPCIS event',
  status: 400,
  detail: issue.detail,
  pointer: issue.pointer,
});

interface PreparedEvent {
  eventId: string;
  hashId: string;
  event: JsonObject;
  pointer: string;
}

/**
 * The custody checks of a document's later events read rows its earlier events wrote in the same
 * transaction, which the planner's statistics do not count yet: left to them it scans tables it
 * believes small, and a 10,000-event document slows quadratically (decision 0025, figures). Every
 * such read is a lookup by key: use the indexes.
 */
async function preferIndexes(tx: Transaction): Promise<void> {
  await tx.query('SET LOCAL enable_seqscan = off');
}

/**
 * The planner's default again once the document's own projections are done. SET LOCAL lasts to the end
 * of the transaction, and the writer's transaction may carry other requests' projections after this
 * one's (group commit): they must be planned as usual. A document that fails inside its savepoint
 * takes the setting with it; one that succeeds ends here.
 */
async function restorePlannerDefaults(tx: Transaction): Promise<void> {
  await tx.query('SET LOCAL enable_seqscan TO DEFAULT');
}

/** Runs after a captured custody fact is appended, as after the native event (the mass-balance checks). */
export type AfterCustody = (principal: Principal, kind: string, eventId: string) => Promise<void>;

export function createEpcisService(deps: {
  db: Database;
  writer: LedgerWriter;
  access: Access;
  schema: JsonObject | undefined;
  /** The native event service: captured custody facts are recorded through it (decision 0025). */
  events?: EventService;
  afterCustody?: AfterCustody;
}): EpcisService {
  const { db, writer, access } = deps;
  const custody = deps.events ? createCustodyCapture({ db, events: deps.events }) : undefined;
  const { schema } = deps;
  const terms: TermLists | undefined = schema ? termListsFromSchema(schema) : undefined;
  // Compiling GS1's schema takes 100–200 ms: done at the first capture, not at every start.
  let validator: EpcisSchemaValidator | undefined;

  async function finishJob(
    captureId: string,
    success: boolean,
    errors: CaptureError[],
    events: CaptureJob['events'],
  ): Promise<CaptureJob> {
    const [row] = await db.query<JobRow>(
      `UPDATE epcis_capture_jobs
          SET running = false, finished_at = now(), success = $2, errors = $3::jsonb,
              stored_count = $4, events = $5::jsonb
        WHERE capture_id = $1
        RETURNING *`,
      [captureId, success, JSON.stringify(errors), events.length, JSON.stringify(events)],
    );
    return jobOf(row!);
  }

  /** Hash IDs, duplicate eventIDs and entry sizes: what the schema cannot see. Adds to `issues`. */
  async function prepare(
    organisationId: string,
    read: ReturnType<typeof readCaptureDocument>,
    issues: ValidationIssue[],
  ): Promise<PreparedEvent[]> {
    const prepared: PreparedEvent[] = [];
    const seen = new Set<string>();
    for (const e of read.events) {
      if (e.issues.length > 0) {
        issues.push(...e.issues);
        continue;
      }
      let hashId: string;
      try {
        hashId = eventHashId(e.event, read.context as JsonLdContext | undefined);
      } catch (error) {
        issues.push({
          pointer: e.pointer,
          detail: `no CBV event hash ID can be computed: ${(error as Error).message}`,
        });
        continue;
      }
      const eventId = capturedEventId(e.event, hashId);
      const idPointer = typeof e.event.eventID === 'string' ? `${e.pointer}/eventID` : e.pointer;
      // An error declaration repeats the eventID of the event it declares (EPCIS 2.0 §7.4.1.2).
      const declaration = isErrorDeclaration(e.event);
      const key = `${declaration}:${eventId}`;
      if (seen.has(key)) {
        issues.push({
          pointer: idPointer,
          detail: `event ${eventId} appears more than once in this document`,
        });
        continue;
      }
      seen.add(key);
      const size = Buffer.byteLength(canonicalJson({ event: e.event, context: read.context } as JsonValue));
      if (size > MAX_EVENT_BYTES) {
        issues.push({
          pointer: e.pointer,
          detail: `the event with its context is ${size} bytes; an event may be at most ${MAX_EVENT_BYTES}`,
        });
        continue;
      }
      prepared.push({ eventId, hashId, event: e.event, pointer: idPointer });
    }
    if (prepared.length === 0) return prepared;
    const existing = new Set(
      (
        await db.query<{ event_id: string; error_declaration: boolean }>(
          `SELECT event_id, error_declaration FROM epcis_events
            WHERE organisation_id = $1 AND event_id = ANY($2::text[])`,
          [organisationId, prepared.map((p) => p.eventId)],
        )
      ).map((r) => `${r.error_declaration}:${r.event_id}`),
    );
    return prepared.filter((p) => {
      if (!existing.has(`${isErrorDeclaration(p.event)}:${p.eventId}`)) return true;
      issues.push({ pointer: p.pointer, detail: `event ${p.eventId} was already captured` });
      return false;
    });
  }

  return {
    available: schema !== undefined,

    async capture(principal, document, behaviour) {
      if (!schema || !terms) {
        throw new AppError(
          'unavailable',
          "EPCIS capture needs GS1's EPCIS-JSON-Schema.json: set GROUNDTRUTH_EPCIS_SCHEMA to its path",
        );
      }
      const organisationId = principal.organisationId;
      if (!organisationId) {
        throw forbidden('EPCIS events are captured for an organisation: use a token that names one');
      }
      validator ??= createSchemaValidator(schema);
      const read = readCaptureDocument(document, validator, terms);
      if (read.events.length > CAPTURE_EVENT_LIMIT) {
        throw new AppError(
          'payload_too_large',
          `a capture may hold at most ${CAPTURE_EVENT_LIMIT} events; this one has ${read.events.length}`,
        );
      }
      const captureId = randomUUID();
      await db.query(
        `INSERT INTO epcis_capture_jobs (capture_id, organisation_id, created_by, behaviour, event_count)
         VALUES ($1, $2, $3, $4, $5)`,
        [captureId, organisationId, principal.subject, behaviour, read.events.length],
      );
      const issues: ValidationIssue[] = [...read.documentIssues];
      const prepared = read.documentIssues.length > 0 ? [] : await prepare(organisationId, read, issues);
      const errors = issues.map(captureError);
      if (read.documentIssues.length > 0 || (behaviour === 'rollback' && issues.length > 0)) {
        const job = await finishJob(captureId, false, errors, []);
        const fields = [...new Set(issues.map((i) => i.pointer || '/'))].slice(0, 5).join(', ');
        throw new CaptureRejected(job, `the document was not stored: invalid ${fields}`, issues);
      }

      let indexes: number[] = [];
      try {
        // Custody facts the events state, recorded as the native events would be (decision 0025).
        const custodyIssues: ValidationIssue[] = [];
        const items: (CustodyItem & { at: number })[] = [];
        if (custody)
          for (const [at, p] of prepared.entries()) {
            const mapping = custodyFromEpcis(p.event, read.context);
            const pointer = p.pointer.replace(/\/eventID$/, '');
            if (mapping.maps === 'refused')
              custodyIssues.push(
                ...mapping.issues.map((i) => ({ pointer: `${pointer}${i.pointer}`, detail: i.detail })),
              );
            else if (mapping.maps === true)
              items.push({
                pointer,
                hashId: p.hashId,
                eventId: typeof p.event.eventID === 'string' ? p.event.eventID : null,
                fact: mapping.fact,
                at,
              });
          }
        if (custodyIssues.length > 0) {
          // A document is all-or-nothing where custody is concerned, whatever the error behaviour.
          const job = await finishJob(captureId, false, [...errors, ...custodyIssues.map(captureError)], []);
          throw new CaptureRejected(
            job,
            'the document was not stored: an event states custody it cannot',
            custodyIssues,
          );
        }
        const planned: (PlannedCustody | undefined)[] = [];
        if (items.length > 0)
          for (const [k, c] of (await custody!.plan(principal, items)).entries())
            if (c) planned[items[k]!.at] = c;
        const custodyCount = planned.filter(Boolean).length;
        const specs: RecordSpec[] = prepared.flatMap((p, i): RecordSpec[] => {
          const epcisSpec: RecordSpec = {
            type: 'epcis.event',
            subject: `epcis:${p.eventId}`,
            body: {
              event: p.event as JsonValue,
              context: (read.context ?? null) as JsonValue,
              hashId: p.hashId,
              captureId,
              organisation: `organisation:${organisationId}`,
            },
            conflict: `event ${p.eventId} was already captured`,
            // Set after the first event's projection, before any custody fact's.
            ...(i === 0 && custodyCount > 0 ? { after: preferIndexes } : {}),
          };
          const c = planned[i];
          if (!c) return [epcisSpec];
          return [epcisSpec, c.spec];
        });
        const all =
          specs.length === 0
            ? []
            : await appendRecords(
                writer,
                principal,
                specs,
                custodyCount > 0 ? restorePlannerDefaults : undefined,
              );
        // Each captured event's own entry (its custody record, if any, follows it).
        let custodyBefore = 0;
        indexes = prepared.map((_p, i) => {
          const index = all[i + custodyBefore]!;
          if (planned[i]) custodyBefore++;
          return index;
        });
        // A large document is a bulk load: the statistics the checks below are planned with would still
        // describe the tables before it, as after any bulk load (PostgreSQL manual, "Populating a Database").
        if (custodyCount >= BULK_CUSTODY_EVENTS)
          await db.query(
            'ANALYZE batches, trace_events, trace_event_inputs, transfer_receipts, trace_event_voids',
          );
        if (deps.afterCustody)
          for (const c of planned) if (c) await deps.afterCustody(principal, c.recheck ?? c.kind, c.eventId);
      } catch (error) {
        if (error instanceof CaptureRejected) throw error;
        const detail = error instanceof AppError ? error.message : 'the events could not be stored';
        await finishJob(captureId, false, [...errors, captureError({ pointer: '', detail })], []);
        // A refusal names its job, as a refused document does.
        if (error instanceof AppError)
          throw new AppError(error.code, error.message, {
            ...error.options,
            headers: { ...error.options.headers, location: `/epcis/capture/${captureId}` },
          });
        throw error;
      }
      const stored = prepared.map((p, i) => ({
        eventID: p.eventId,
        hashID: p.hashId,
        entryIndex: indexes[i]!,
      }));
      return finishJob(captureId, errors.length === 0, errors, stored);
    },

    async job(principal, captureId) {
      const [row] = await db.query<JobRow>('SELECT * FROM epcis_capture_jobs WHERE capture_id = $1', [
        captureId,
      ]);
      // Jobs are the capturing organisation's own business; others get the same 404 as for no job.
      if (!row || (principal.role !== 'admin' && row.organisation_id !== principal.organisationId))
        throw notFound(`capture job ${captureId} not found`);
      return jobOf(row);
    },

    async query(principal, query) {
      return runQuery(db, await access.visibleOrganisations(principal), query, terms);
    },

    async collection(principal, name, page) {
      const visible = await access.visibleOrganisations(principal);
      const params: unknown[] = [];
      const param = (value: unknown) => {
        params.push(value);
        return `$${params.length}`;
      };
      const where: string[] = [];
      if (visible !== 'all') where.push(`e.organisation_id = ANY(${param(visible)}::uuid[])`);
      let afterValue: string | undefined;
      if (page.nextPageToken) {
        let after: { c?: string; v?: string };
        try {
          after = JSON.parse(Buffer.from(page.nextPageToken, 'base64url').toString('utf8'));
        } catch {
          after = {};
        }
        if (after.c !== name || typeof after.v !== 'string')
          throw badRequest('invalid nextPageToken: not a token of this collection', [
            { in: 'query', pointer: '/nextPageToken', detail: 'not a token of this collection' },
          ]);
        afterValue = after.v;
        where.push(`v COLLATE "C" > ${param(after.v)}`);
      }
      const spec = COLLECTIONS[name];
      // EPCs as captured (not the canonical spellings indexed beside them), instance EPCs only.
      const source =
        'column' in spec
          ? `SELECT DISTINCT e.${spec.column} AS v, e.organisation_id FROM epcis_events e WHERE e.${spec.column} IS NOT NULL`
          : `SELECT DISTINCT m.epc AS v, e.organisation_id FROM epcis_event_epcs m
               JOIN epcis_events e ON e.entry_index = m.entry_index
              WHERE m.spelling = 'captured' AND m.role IN ('epc', 'child', 'parent', 'input', 'output')`;
      const rows = await db.query<{ v: string }>(
        // Code-point order ("C"), whatever the database's collation, so pages follow one another.
        `SELECT DISTINCT v COLLATE "C" AS v FROM (${source}) e ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY 1 LIMIT ${param(page.perPage + 1)}`,
        params,
      );
      // Native events' values too, in the same (UTF-8 byte, i.e. code-point) order, once each.
      const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
      const nativeValues =
        name === 'epcs'
          ? []
          : (await loadNativeCandidates(db, visible)).flatMap((c) => nativeCollectionValues(name, c.keys));
      const values = [...new Set([...rows.map((r) => r.v), ...nativeValues])]
        .filter((v) => afterValue === undefined || byBytes(v, afterValue) > 0)
        .sort(byBytes);
      const members = values.slice(0, page.perPage);
      return values.length > page.perPage
        ? {
            members,
            nextPageToken: Buffer.from(JSON.stringify({ c: name, v: members.at(-1) })).toString('base64url'),
          }
        : { members };
    },

    async event(principal, eventId) {
      const page = await runQuery(
        db,
        await access.visibleOrganisations(principal),
        { perPage: 100, match: {}, EQ_eventID: [eventId] },
        terms,
      );
      if (page.events.length === 0) throw notFound(`event ${eventId} not found`);
      return page.events;
    },
  };
}

interface PageToken {
  /** Fingerprint of the query the token continues. */
  q: string;
  /** Sort key of the last event returned: event time in µs (eventTime order) and entry index. */
  t?: string;
  i: string;
  /** Events returned by the pages before, when eventCountLimit caps the whole result. */
  n?: number;
  /** Position of the last event within its ledger entry, when an entry holds several (native) events. */
  s?: number;
}

function fingerprint(query: EventQuery): string {
  const { nextPageToken: _token, perPage: _perPage, ...rest } = query;
  return canonicalJson(rest as unknown as JsonValue);
}

function encodeToken(token: PageToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeToken(raw: string, query: EventQuery): PageToken {
  const refuse = (detail: string) =>
    badRequest(`invalid nextPageToken: ${detail}`, [{ in: 'query', pointer: '/nextPageToken', detail }]);
  let token: PageToken;
  try {
    token = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as PageToken;
  } catch {
    throw refuse('not a token this server issued');
  }
  // The keys are compared as bigint in SQL: a client can decode and rewrite a token, so more than 18
  // digits (beyond 2^63) would overflow the cast there.
  if (
    typeof token?.i !== 'string' ||
    !/^\d{1,18}$/.test(token.i) ||
    (token.t !== undefined && !/^-?\d{1,18}$/.test(token.t)) ||
    (token.n !== undefined && !(Number.isSafeInteger(token.n) && token.n >= 0)) ||
    (token.s !== undefined && !(Number.isSafeInteger(token.s) && token.s >= 0 && token.s < 16))
  )
    throw refuse('not a token this server issued');
  if (token.q !== fingerprint(query)) throw refuse('the token belongs to a query with other parameters');
  return token;
}

/** EPCIS SimpleEventQuery over the index tables, in pages ordered by a keyset (never OFFSET). */
async function runQuery(
  db: SqlExecutor,
  visible: string[] | 'all',
  query: EventQuery,
  terms: TermLists | undefined,
): Promise<EventPage> {
  checkEventQuery(query);
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (visible !== 'all') where.push(`e.organisation_id = ANY(${param(visible)}::uuid[])`);
  const anyOf = (column: string, values: string[] | undefined) => {
    if (values && values.length > 0) where.push(`${column} = ANY(${param(values)}::text[])`);
  };
  anyOf('e.event_type', query.eventType);
  anyOf('e.action', query.EQ_action);
  const vocabulary = (name: 'bizStep' | 'disposition', values: string[] | undefined) =>
    values && terms ? values.map((v) => canonicalVocabularyValue(name, v, terms)) : values;
  anyOf('e.biz_step', vocabulary('bizStep', query.EQ_bizStep));
  anyOf('e.disposition', vocabulary('disposition', query.EQ_disposition));
  anyOf('e.read_point', query.EQ_readPoint);
  anyOf('e.biz_location', query.EQ_bizLocation);
  if (query.EQ_eventID) {
    const ids = param(query.EQ_eventID);
    where.push(`(e.event_id = ANY(${ids}::text[]) OR e.hash_id = ANY(${ids}::text[]))`);
  }
  if (query.GE_eventTime) where.push(`e.event_time >= ${param(query.GE_eventTime)}::timestamptz`);
  if (query.LT_eventTime) where.push(`e.event_time < ${param(query.LT_eventTime)}::timestamptz`);
  if (query.GE_recordTime) where.push(`e.record_time >= ${param(query.GE_recordTime)}::timestamptz`);
  if (query.LT_recordTime) where.push(`e.record_time < ${param(query.LT_recordTime)}::timestamptz`);
  for (const [name, values] of Object.entries(query.match)) {
    const roles = MATCH_PARAMETERS[name];
    if (!roles || values.length === 0) continue;
    where.push(
      `EXISTS (SELECT 1 FROM epcis_event_epcs m WHERE m.entry_index = e.entry_index
         AND m.role = ANY(${param(roles)}::text[]) AND m.epc LIKE ANY(${param(values.flatMap(epcMatchPatterns))}::text[]))`,
    );
  }

  const byEventTime = query.orderBy === 'eventTime';
  const descending = query.orderDirection === 'DESC';
  const direction = descending ? 'DESC' : 'ASC';
  // Event times sort as whole microseconds since the epoch, so a token carries them exactly.
  const timeKey = '(extract(epoch FROM e.event_time) * 1000000)::bigint';
  const token = query.nextPageToken ? decodeToken(query.nextPageToken, query) : undefined;
  if (token) {
    const cmp = descending ? '<' : '>';
    if (byEventTime) {
      where.push(
        `(${timeKey}, e.entry_index) ${cmp} (${param(token.t ?? '0')}::bigint, ${param(token.i)}::bigint)`,
      );
    } else {
      where.push(`e.entry_index ${cmp} ${param(token.i)}::bigint`);
    }
  }
  // eventCountLimit caps the whole result: a page holds no more than what is left of it.
  const returnedBefore = token?.n ?? 0;
  const limit = query.eventCountLimit ?? Infinity;
  const pageSize = Math.max(0, Math.min(query.perPage, limit - returnedBefore));
  const order = byEventTime
    ? `e.event_time ${direction}, e.entry_index ${direction}`
    : `e.entry_index ${direction}`;
  const rows = await db.query<{
    entry_index: string | number | bigint;
    time_key: string | number | bigint;
    record_time: Date | string;
    event_id: string;
    entry: string;
    disclosures: string[] | null;
  }>(
    // The event is a confidential field of its entry (ENTRY_POLICIES): read back through its disclosure.
    `SELECT e.entry_index, ${timeKey} AS time_key, e.record_time, e.event_id,
            convert_from(l.data, 'UTF8') AS entry,
            (SELECT array_agg(d.disclosure) FROM ledger_disclosures d WHERE d.entry_index = e.entry_index) AS disclosures
       FROM epcis_events e JOIN ledger_entries l ON l.idx = e.entry_index
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${order}
      LIMIT ${param(pageSize + 1)}`,
    params,
  );
  // Captured and native events, each in sort order after the token, merged: the first pageSize + 1
  // of the two lists together are the first of the whole.
  const sortKey = (k: { timeKey: bigint; entryIndex: bigint; sub: number }) =>
    byEventTime ? [k.timeKey, k.entryIndex, BigInt(k.sub)] : [k.entryIndex, BigInt(k.sub)];
  const compare = (a: bigint[], b: bigint[]) => {
    for (let i = 0; i < a.length; i++)
      if (a[i] !== b[i]) return (a[i]! < b[i]! ? -1 : 1) * (descending ? -1 : 1);
    return 0;
  };
  const captured = rows.map((row) => ({
    timeKey: BigInt(row.time_key),
    entryIndex: BigInt(row.entry_index),
    sub: 0,
    event: () => eventForQuery(row.entry, row.disclosures ?? [], row.event_id, row.record_time),
  }));
  const nativeTerms = terms ?? NO_TERMS;
  const after = token
    ? sortKey({ timeKey: BigInt(token.t ?? '0'), entryIndex: BigInt(token.i), sub: token.s ?? 0 })
    : undefined;
  const native = (mayMatchNative(query) ? await loadNativeCandidates(db, visible) : [])
    .filter((c) => nativeMatches(c, query, nativeTerms))
    .filter((c) => !after || compare(sortKey(c), after) > 0);
  const merged = [...captured, ...native].sort((a, b) => compare(sortKey(a), sortKey(b)));
  const page = merged.slice(0, pageSize);
  const events = page.map((item) => item.event());
  const last = page.at(-1);
  const returned = returnedBefore + page.length;
  const more = merged.length > pageSize && last !== undefined && returned < limit;
  // The next page starts after the last event returned; so does a subscription's next scan.
  const resumeToken =
    last &&
    encodeToken({
      q: fingerprint(query),
      i: last.entryIndex.toString(),
      ...(last.sub > 0 ? { s: last.sub } : {}),
      ...(query.eventCountLimit !== undefined ? { n: returned } : {}),
      ...(byEventTime ? { t: last.timeKey.toString() } : {}),
    });
  return {
    events,
    ...(resumeToken ? { resumeToken } : {}),
    ...(more && resumeToken ? { nextPageToken: resumeToken } : {}),
  };
}

/**
 * Whether a query can match any native event at all: natives are ObjectEvents and
 * TransformationEvents with `urn:uuid:` or receipt eventIDs. Spares reading every fact for a query
 * that is after captured events only.
 */
function mayMatchNative(query: EventQuery): boolean {
  if (query.eventType && !query.eventType.some((t) => t === 'ObjectEvent' || t === 'TransformationEvent'))
    return false;
  if (
    query.EQ_eventID &&
    !query.EQ_eventID.some((id) => /^(urn:uuid:|urn:groundtruth:receipt:|ni:)/.test(id))
  )
    return false;
  return true;
}

/** The value one native event adds to a top-level collection (`epcs` lists instance EPCs: natives have none). */
function nativeCollectionValues(name: CollectionName, keys: QueryKeys): string[] {
  const value = {
    bizSteps: keys.bizStep,
    dispositions: keys.disposition,
    bizLocations: keys.bizLocation,
    readPoints: keys.readPoint,
    epcs: null,
  }[name];
  return value ? [value] : [];
}

/** Term lists with no terms: vocabulary values are then compared as given (no schema was found). */
const NO_TERMS = Object.fromEntries(
  Object.keys(VOCABULARIES).map((name) => [name, new Set<string>()]),
) as unknown as TermLists;

/**
 * The event as it was captured, with what the repository adds: `recordTime` (when we stored it: EPCIS
 * has the repository set it) and, for events that came without one, their hash ID as `eventID`. The
 * event carries its document's JSON-LD context when that context declares more than GS1's.
 */
function eventForQuery(
  entryText: string,
  disclosures: string[],
  eventId: string,
  recordTime: Date | string,
): JsonObject {
  const entry = JSON.parse(entryText) as { body: { [key: string]: JsonValue } };
  const { event, context } = revealBody(entry.body, disclosures).body as {
    event: JsonObject;
    context: unknown;
  };
  const { '@context': own, ...fields } = event;
  const extra = mergedContext(contextBeyondEpcis(context), contextBeyondEpcis(own));
  return {
    ...(extra !== undefined ? { '@context': extra } : {}),
    ...fields,
    eventID: eventId,
    recordTime: isoTime(recordTime),
  };
}

const contextList = (context: unknown): unknown[] =>
  Array.isArray(context) ? context : context === undefined || context === null ? [] : [context];

/**
 * The document's context entries followed by the event's own, without repeats. An event-level context
 * adds to the document's (JSON-LD scoping: later entries refine earlier ones), so replacing the one by
 * the other would leave the document's prefixes undeclared in the returned event.
 */
export function mergedContext(documentContext: unknown, eventContext: unknown): unknown {
  const seen = new Set<string>();
  const merged = [...contextList(documentContext), ...contextList(eventContext)].filter((c) => {
    const key = canonicalJson(c as JsonValue);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (merged.length === 0) return undefined;
  return merged.length === 1 ? merged[0] : merged;
}

/** A document context minus GS1's own context URL; undefined when nothing else is left. */
function contextBeyondEpcis(context: unknown): unknown {
  const list = contextList(context);
  const rest = list.filter((c) => !(typeof c === 'string' && /epcis-context\.jsonld$/.test(c)));
  if (rest.length === 0) return undefined;
  return rest.length === 1 ? rest[0] : rest;
}
