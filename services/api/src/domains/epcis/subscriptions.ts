// Webhook subscriptions to named EPCIS queries (REST binding `/queries/{name}/subscriptions`,
// streaming form). Subscribing and unsubscribing are ledger entries; the signature secret is not in
// them (it is the subscriber's HMAC key): it lives only in the subscription's row. Deliveries are
// webhook-delivery.ts's; the dead-letter list is read here by the owning organisation.
import { randomUUID } from 'node:crypto';
import { type Database, isoTime } from '@groundtruth/db';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import type { EpcisDeadLetter, EpcisSubscription, NewEpcisSubscription } from '@groundtruth/schemas';
import { z } from 'zod';
import type { Principal } from '../../auth.ts';
import { badRequest, notFound } from '../../errors.ts';
import { cursorFor, pageOf } from '../../paging.ts';
import { appendRecords } from '../../record.ts';
import { ownOrganisation, type QueryService } from './queries.ts';
import { destProblem, type TargetPolicy } from './webhook.ts';
import { checkTarget } from './webhook-delivery.ts';

type Subscription = z.infer<typeof EpcisSubscription>;
type DeadLetter = z.infer<typeof EpcisDeadLetter>;
type Page = { perPage: number; nextPageToken?: string | undefined };

export interface SubscriptionService {
  create(
    principal: Principal,
    queryName: string,
    request: z.infer<typeof NewEpcisSubscription>,
  ): Promise<Subscription>;
  list(
    principal: Principal,
    queryName: string,
    page: Page,
  ): Promise<{ subscriptions: Subscription[]; nextPageToken: string | undefined }>;
  get(principal: Principal, queryName: string, subscriptionId: string): Promise<Subscription>;
  remove(principal: Principal, queryName: string, subscriptionId: string): Promise<void>;
  deadLetters(
    principal: Principal,
    queryName: string,
    subscriptionId: string,
    page: Page,
  ): Promise<{ deadLetters: DeadLetter[]; nextPageToken: string | undefined }>;
}

interface SubscriptionRow {
  id: string;
  dest: string;
  created_at: Date | string;
  initial_record_time: Date | string;
  last_notified_at: Date | string | null;
  entry_index: string | number;
  pending: string | number;
  dead: string | number;
}

const FINISHED_KEY = '(extract(epoch FROM finished_at) * 1000000)::bigint';

const SUBSCRIPTION_COLUMNS = `s.id, s.dest, s.created_at, s.initial_record_time, s.last_notified_at, s.entry_index,
  (SELECT count(*) FROM epcis_webhook_deliveries d WHERE d.subscription_id = s.id AND d.status = 'pending') AS pending,
  (SELECT count(*) FROM epcis_webhook_deliveries d WHERE d.subscription_id = s.id AND d.status = 'dead') AS dead`;

export function createSubscriptionService(deps: {
  db: Database;
  writer: LedgerWriter;
  queries: QueryService;
  targets: TargetPolicy;
}): SubscriptionService {
  const { db, writer, queries, targets } = deps;

  const subscriptionOf = (queryName: string, row: SubscriptionRow): Subscription => ({
    subscriptionID: row.id,
    queryName,
    dest: row.dest,
    stream: true,
    createdAt: isoTime(row.created_at),
    initialRecordTime: isoTime(row.initial_record_time),
    ...(row.last_notified_at ? { lastNotifiedAt: isoTime(row.last_notified_at) } : {}),
    pendingDeliveries: Number(row.pending),
    deadLetters: Number(row.dead),
    entryIndex: Number(row.entry_index),
  });

  /** The subscription, if it is to the caller's organisation's query of that name; 404 otherwise. */
  async function find(principal: Principal, queryName: string, subscriptionId: string) {
    const query = await queries.get(principal, queryName);
    const [row] = await db.query<SubscriptionRow>(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM epcis_subscriptions s
        WHERE s.id = $1 AND s.query_id = $2 AND s.deleted_at IS NULL`,
      [subscriptionId, query.id],
    );
    if (!row) throw notFound(`subscription ${subscriptionId} not found`);
    return { query, row };
  }

  return {
    async create(principal, queryName, request) {
      const organisationId = ownOrganisation(principal);
      const query = await queries.get(principal, queryName);
      // Server-side request forgery: the URL's form first, then what its name resolves to now. Each
      // delivery resolves it again and connects only to an allowed address (webhook-delivery.ts).
      const problem = destProblem(request.dest, targets) ?? (await checkTarget(request.dest, targets));
      if (problem)
        throw badRequest(`invalid dest: ${problem}`, [{ in: 'body', pointer: '/dest', detail: problem }]);
      const id = randomUUID();
      const initialRecordTime = request.initialRecordTime
        ? isoTime(request.initialRecordTime)
        : new Date().toISOString();
      let createdAt = '';
      const [entryIndex] = await appendRecords(writer, principal, [
        {
          type: 'epcis.subscription_created',
          subject: `epcis-subscription:${id}`,
          body: {
            organisation: `organisation:${organisationId}`,
            query: `epcis-query:${query.id}`,
            dest: request.dest,
            initialRecordTime,
            role: principal.role,
          },
          conflict: `subscription ${id} already exists`,
          // The secret is the subscriber's HMAC key, never logged (decision 0026): kept in the row only.
          after: async (tx, logged) => {
            createdAt = logged.entry.at;
            await tx.query('UPDATE epcis_subscriptions SET signature_secret = $2 WHERE id = $1', [
              id,
              request.signatureToken,
            ]);
          },
        },
      ]);
      return {
        subscriptionID: id,
        queryName,
        dest: request.dest,
        stream: true,
        createdAt,
        initialRecordTime,
        pendingDeliveries: 0,
        deadLetters: 0,
        entryIndex: entryIndex!,
      };
    },

    async list(principal, queryName, page) {
      const query = await queries.get(principal, queryName);
      const cursor = cursorFor(
        'epcis-subscriptions',
        { queryName },
        z.tuple([z.iso.datetime({ offset: true }), z.uuid()]),
        page.nextPageToken,
      );
      const rows = await db.query<SubscriptionRow>(
        `SELECT ${SUBSCRIPTION_COLUMNS} FROM epcis_subscriptions s
          WHERE s.query_id = $1 AND s.deleted_at IS NULL
            ${cursor.after ? 'AND (s.created_at, s.id) > ($3::timestamptz, $4::uuid)' : ''}
          ORDER BY s.created_at, s.id LIMIT $2`,
        [query.id, page.perPage + 1, ...(cursor.after ?? [])],
      );
      const { rows: pageRows, nextPageToken } = pageOf(rows, page.perPage, cursor, (r) => [
        isoTime(r.created_at),
        r.id,
      ]);
      return { subscriptions: pageRows.map((r) => subscriptionOf(queryName, r)), nextPageToken };
    },

    async get(principal, queryName, subscriptionId) {
      const { row } = await find(principal, queryName, subscriptionId);
      return subscriptionOf(queryName, row);
    },

    async remove(principal, queryName, subscriptionId) {
      const organisationId = ownOrganisation(principal);
      await find(principal, queryName, subscriptionId);
      await appendRecords(writer, principal, [
        {
          type: 'epcis.subscription_deleted',
          subject: `epcis-subscription:${subscriptionId}`,
          body: { organisation: `organisation:${organisationId}`, reason: 'unsubscribed' },
          conflict: `subscription ${subscriptionId} was already deleted`,
        },
      ]);
    },

    async deadLetters(principal, queryName, subscriptionId, page) {
      // Dead letters stay readable while the subscription lives; they go with it.
      await find(principal, queryName, subscriptionId);
      const cursor = cursorFor(
        'epcis-dead-letters',
        { subscriptionId },
        z.tuple([z.string().regex(/^\d{1,18}$/), z.uuid()]),
        page.nextPageToken,
      );
      const rows = await db.query<{
        delivery_id: string;
        event_id: string;
        attempts: number;
        last_status: number | null;
        last_error: string | null;
        created_at: Date | string;
        finished_at: Date | string;
        finished_key: string;
      }>(
        // Keyed by whole microseconds, which a token carries exactly (an ISO time would round them).
        `SELECT delivery_id, event_id, attempts, last_status, last_error, created_at, finished_at,
                ${FINISHED_KEY}::text AS finished_key
           FROM epcis_webhook_deliveries
          WHERE subscription_id = $1 AND status = 'dead'
            ${cursor.after ? `AND (${FINISHED_KEY}, delivery_id) > ($3::bigint, $4::uuid)` : ''}
          ORDER BY ${FINISHED_KEY}, delivery_id LIMIT $2`,
        [subscriptionId, page.perPage + 1, ...(cursor.after ?? [])],
      );
      const { rows: pageRows, nextPageToken } = pageOf(rows, page.perPage, cursor, (r) => [
        r.finished_key,
        r.delivery_id,
      ]);
      return {
        deadLetters: pageRows.map((r) => ({
          deliveryID: r.delivery_id,
          eventID: r.event_id,
          attempts: r.attempts,
          ...(r.last_status !== null ? { lastStatus: r.last_status } : {}),
          lastError: r.last_error ?? '',
          createdAt: isoTime(r.created_at),
          failedAt: isoTime(r.finished_at),
        })),
        nextPageToken,
      };
    },
  };
}
