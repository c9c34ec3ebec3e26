// Named EPCIS queries (EPCIS 2.0 §8.2.5; REST binding `/queries`): a SimpleEventQuery's parameters
// kept under a name, owned by the organisation that created it and answered, like GET /events, with
// what the caller may see. Creating and deleting one are ledger entries; the table is their projection.
// Also the query limits that hold for every events query: maxEventCount (QueryTooLargeException).
import { randomUUID } from 'node:crypto';
import { type Database, jsonValue } from '@groundtruth/db';
import type { JsonValue } from '@groundtruth/ledger';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import { EPCIS_MATCH_PARAMETERS, type EpcisNamedQueryParameters } from '@groundtruth/schemas';
import { z } from 'zod';
import type { Principal } from '../../auth.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { cursorFor, pageOf } from '../../paging.ts';
import { appendRecords, type RecordSpec } from '../../record.ts';
import {
  checkEventQuery,
  EPCIS_CONTEXT,
  type EpcisService,
  type EventPage,
  type EventQuery,
} from './service.ts';

const QUERY_TOO_LARGE_TYPE = 'https://ref.gs1.org/standards/epcis/exceptions#QueryTooLargeException';
/**
 * The most events a maxEventCount check counts. Beyond it the repository raises QueryTooLargeException
 * whatever maxEventCount says, which EPCIS 2.0 §8.2.3 allows ("free to raise … regardless").
 */
export const MAX_COUNTED_EVENTS = 10_000;

export type NamedQueryParameters = z.infer<typeof EpcisNamedQueryParameters>;

/**
 * An EPCISQueryDocument holding `events`: the answer of an events query (`SimpleEventQuery`), of a
 * named query, or one webhook delivery of a subscription to it.
 */
export function eventsDocument(
  events: Record<string, unknown>[],
  queryName?: string,
  subscriptionID?: string,
) {
  return {
    '@context': [EPCIS_CONTEXT],
    type: 'EPCISQueryDocument' as const,
    schemaVersion: '2.0',
    creationDate: new Date().toISOString(),
    epcisBody: {
      queryResults: {
        ...(subscriptionID !== undefined ? { subscriptionID } : {}),
        queryName: queryName ?? 'SimpleEventQuery',
        resultsBody: { eventList: events },
      },
    },
  };
}

/** Query-string (or named-query) parameters as the events service takes them: EPC matches apart. */
export function toEventQuery(parameters: Record<string, unknown>): EventQuery {
  const query: Record<string, unknown> = { ...parameters };
  const match: Record<string, string[]> = {};
  for (const name of EPCIS_MATCH_PARAMETERS) {
    const values = query[name];
    if (Array.isArray(values)) match[name] = values as string[];
    delete query[name];
  }
  for (const [name, value] of Object.entries(query)) if (value === undefined) delete query[name];
  return { ...(query as unknown as EventQuery), match };
}

const laterOf = (a: string | undefined, b: string): string =>
  a !== undefined && Date.parse(a) > Date.parse(b) ? a : b;

/**
 * The events query of a stream of a named query's matches (a webhook or a WebSocket subscription):
 * every match recorded from `initialRecordTime` on. The one-answer limits and orders of the named
 * query do not apply to a stream; its events come in record order (decision 0026).
 */
export function streamQueryOf(parameters: NamedQueryParameters, initialRecordTime: string): EventQuery {
  const {
    eventCountLimit: _limit,
    maxEventCount: _max,
    orderBy: _orderBy,
    orderDirection: _direction,
    ...stream
  } = parameters;
  return toEventQuery({ ...stream, GE_recordTime: laterOf(stream.GE_recordTime, initialRecordTime) });
}

/**
 * One page of an events query, with maxEventCount applied (EPCIS 2.0 §8.2.7.1): when more events
 * match than it allows, the whole query fails with the binding's QueryTooLargeException (413), never
 * a truncated answer. Counted on the first page only: later pages continue a query already counted
 * (their token is bound to the same parameters, maxEventCount included).
 */
export async function queryEvents(
  epcis: EpcisService,
  principal: Principal,
  query: EventQuery,
): Promise<EventPage> {
  checkEventQuery(query);
  const max = query.maxEventCount;
  if (max !== undefined && query.nextPageToken === undefined) {
    const { maxEventCount: _max, eventCountLimit: _limit, nextPageToken: _token, ...rest } = query;
    const counted = Math.min(max, MAX_COUNTED_EVENTS);
    const probe = await epcis.query(principal, { ...rest, perPage: counted + 1 });
    if (probe.events.length > counted) {
      const detail =
        counted < max
          ? `more than ${MAX_COUNTED_EVENTS} events match, the most this repository answers at once: narrow the query`
          : `more than ${max} events match`;
      throw new AppError('payload_too_large', `the query is too large: ${detail}`, {
        type: QUERY_TOO_LARGE_TYPE,
        errors: [{ in: 'query', pointer: '/maxEventCount', detail }],
      });
    }
  }
  return epcis.query(principal, query);
}

export interface NamedQuery {
  id: string;
  name: string;
  query: NamedQueryParameters;
  createdAt: string;
  entryIndex: number;
}

interface QueryRow {
  id: string;
  name: string;
  parameters: NamedQueryParameters | string;
  created_at: Date | string;
  entry_index: string | number;
}

const queryOf = (row: QueryRow): NamedQuery => ({
  id: row.id,
  name: row.name,
  query: jsonValue(row.parameters),
  createdAt: new Date(row.created_at).toISOString(),
  entryIndex: Number(row.entry_index),
});

export interface QueryService {
  create(principal: Principal, name: string, query: NamedQueryParameters): Promise<NamedQuery>;
  list(
    principal: Principal,
    page: { perPage: number; nextPageToken?: string | undefined },
  ): Promise<{ queries: NamedQuery[]; nextPageToken: string | undefined }>;
  /** The caller's organisation's query of that name; 404 for any other (names of others do not leak). */
  get(principal: Principal, name: string): Promise<NamedQuery>;
  /** Deletes the query and ends its subscriptions, in one ledger append. */
  remove(principal: Principal, name: string): Promise<void>;
  events(
    principal: Principal,
    name: string,
    page: { perPage: number; nextPageToken?: string | undefined },
  ): Promise<EventPage>;
}

/** The organisation a named query belongs to: the caller's own (a token without one has none). */
export function ownOrganisation(principal: Principal): string {
  if (!principal.organisationId)
    throw forbidden('named queries belong to an organisation: use a token that names one');
  return principal.organisationId;
}

export function createQueryService(deps: {
  db: Database;
  writer: LedgerWriter;
  epcis: EpcisService;
}): QueryService {
  const { db, writer, epcis } = deps;

  async function get(principal: Principal, name: string): Promise<NamedQuery> {
    const organisationId = ownOrganisation(principal);
    const [row] = await db.query<QueryRow>(
      `SELECT id, name, parameters, created_at, entry_index FROM epcis_queries
        WHERE organisation_id = $1 AND name = $2 AND deleted_at IS NULL`,
      [organisationId, name],
    );
    if (!row) throw notFound(`query ${name} not found`);
    return queryOf(row);
  }

  return {
    get,

    async create(principal, name, query) {
      const organisationId = ownOrganisation(principal);
      // The same refusals as GET /events gives (EQ_action without an action, both count limits),
      // pointed at the body field that holds the parameter.
      try {
        checkEventQuery(toEventQuery({ ...query, perPage: 1 }));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        throw new AppError(error.code, error.message, {
          ...(error.options.type ? { type: error.options.type } : {}),
          errors: (error.options.errors ?? []).map((e) => ({
            ...e,
            in: 'body',
            pointer: `/query${e.pointer}`,
          })),
        });
      }
      const id = randomUUID();
      let createdAt = '';
      const [entryIndex] = await appendRecords(writer, principal, [
        {
          type: 'epcis.query_created',
          subject: `epcis-query:${id}`,
          body: {
            organisation: `organisation:${organisationId}`,
            name,
            query: query as unknown as JsonValue,
          },
          conflict: `a query named ${name} already exists`,
          after: async (_tx, logged) => {
            createdAt = logged.entry.at;
          },
        },
      ]);
      return { id, name, query, createdAt, entryIndex: entryIndex! };
    },

    async list(principal, page) {
      const organisationId = ownOrganisation(principal);
      const cursor = cursorFor('epcis-queries', {}, z.tuple([z.string().max(100)]), page.nextPageToken);
      const rows = await db.query<QueryRow>(
        // Names in code-point order ("C"), whatever the database's collation, so pages follow one another.
        `SELECT id, name, parameters, created_at, entry_index FROM epcis_queries
          WHERE organisation_id = $1 AND deleted_at IS NULL
            ${cursor.after ? 'AND name COLLATE "C" > $3' : ''}
          ORDER BY name COLLATE "C" LIMIT $2`,
        [organisationId, page.perPage + 1, ...(cursor.after ? [cursor.after[0]] : [])],
      );
      const { rows: pageRows, nextPageToken } = pageOf(rows, page.perPage, cursor, (r) => [r.name]);
      return { queries: pageRows.map(queryOf), nextPageToken };
    },

    async remove(principal, name) {
      const organisationId = ownOrganisation(principal);
      const query = await get(principal, name);
      const subscriptions = await db.query<{ id: string }>(
        'SELECT id FROM epcis_subscriptions WHERE query_id = $1 AND deleted_at IS NULL ORDER BY created_at, id',
        [query.id],
      );
      const organisation = `organisation:${organisationId}`;
      // EPCIS 2.0: deleting a query forcibly unsubscribes every subscription to it.
      const specs: RecordSpec[] = [
        ...subscriptions.map(
          (s): RecordSpec => ({
            type: 'epcis.subscription_deleted',
            subject: `epcis-subscription:${s.id}`,
            body: { organisation, reason: 'query_deleted' },
            conflict: `subscription ${s.id} was already deleted`,
          }),
        ),
        {
          type: 'epcis.query_deleted',
          subject: `epcis-query:${query.id}`,
          body: { organisation },
          conflict: `query ${name} was already deleted`,
          // Deleted by a concurrent request since it was read: named as the caller named it.
          refusal: (error) =>
            error instanceof AppError && error.code === 'not_found'
              ? notFound(`query ${name} not found`)
              : error,
        },
      ];
      await appendRecords(writer, principal, specs);
    },

    async events(principal, name, page) {
      const query = await get(principal, name);
      const stored = query.query as Record<string, unknown>;
      // Queries stored before eventCountLimit needed orderBy (decision 0026) were answered with their
      // first N in record order; they keep that order rather than fail on a parameter never sent now.
      const storedBeforeTheRule =
        stored.eventCountLimit !== undefined && stored.orderBy === undefined ? { orderBy: 'recordTime' } : {};
      return queryEvents(epcis, principal, {
        ...toEventQuery({ ...stored, ...storedBeforeTheRule }),
        perPage: page.perPage,
        ...(page.nextPageToken !== undefined ? { nextPageToken: page.nextPageToken } : {}),
      });
    },
  };
}
