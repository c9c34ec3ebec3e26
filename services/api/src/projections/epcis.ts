// Projectors of the EPCIS repository (schemas/src/entries/traceability.ts for captured events,
// epcis-queries.ts for named queries and subscriptions; decisions 0025, 0026). A captured event's
// row and EPC index are its query keys, computed from the event in the entry; the event itself is
// read back from the log (it is a confidential field: decision 0011). The links from captured events
// to the custody facts they drove are written by the facts' own projectors (traceability.ts).
import type { Transaction } from '@groundtruth/db';
import { type JsonObject, queryKeysOf } from '@groundtruth/epcis';
import { capturedEventId, isErrorDeclaration } from '../domains/epcis/captured-event.ts';
import { notFound } from '../errors.ts';
import { actorUser, idOf, indexText, type Projectors } from './projector.ts';

/**
 * The role whose visibility a subscription's deliveries are evaluated with. Entries logged before the
 * role was (decision 0031, amended) take their actor's: a user's role is in its `user.created` entry.
 */
async function subscriberRole(tx: Transaction, actor: string, role: string | undefined): Promise<string> {
  if (role !== undefined) return role;
  const user = await actorUser(tx, actor);
  if (!user) throw new Error(`a subscription entry without a role, by ${actor}, who is no user`);
  return user.role;
}

export const epcisProjectors = {
  'epcis.event': async (tx, { index, at, body }) => {
    const event = body.event as JsonObject;
    const keys = queryKeysOf(event);
    await tx.query(
      `INSERT INTO epcis_events (entry_index, organisation_id, capture_id, event_id, hash_id, event_type, event_time,
                                 record_time, action, biz_step, disposition, read_point, biz_location, error_declaration)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        indexText(index),
        idOf(body.organisation),
        body.captureId,
        capturedEventId(event, body.hashId),
        body.hashId,
        keys.eventType,
        keys.eventTime,
        // EPCIS has the repository set recordTime: the entry's record time.
        at,
        keys.action,
        keys.bizStep,
        keys.disposition,
        keys.readPoint,
        keys.bizLocation,
        isErrorDeclaration(event),
      ],
    );
    if (keys.epcs.length > 0)
      await tx.query(
        `INSERT INTO epcis_event_epcs (entry_index, role, epc, spelling)
         SELECT $1, role, epc, spelling FROM unnest($2::text[], $3::text[], $4::text[]) AS t(role, epc, spelling)`,
        [
          indexText(index),
          keys.epcs.map((e) => e.role),
          keys.epcs.map((e) => e.value),
          keys.epcs.map((e) => e.spelling),
        ],
      );
  },

  'epcis.query_created': async (tx, { index, at, actor, subject, body }) => {
    await tx.query(
      `INSERT INTO epcis_queries (id, organisation_id, name, parameters, created_by, created_at, entry_index)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)`,
      [
        idOf(subject),
        idOf(body.organisation),
        body.name,
        JSON.stringify(body.query),
        actor,
        at,
        indexText(index),
      ],
    );
  },

  'epcis.query_deleted': async (tx, { index, at, subject, body }) => {
    const rows = await tx.query(
      `UPDATE epcis_queries SET deleted_at = $2, deleted_entry = $3
        WHERE id = $1 AND organisation_id = $4 AND deleted_at IS NULL RETURNING id`,
      [idOf(subject), at, indexText(index), idOf(body.organisation)],
    );
    // Deleted by a concurrent request since the route read it: nothing of this append may commit.
    if (rows.length === 0) throw notFound(`query ${idOf(subject)} not found`);
  },

  // Without the signature secret, which is never logged: the route's `after` sets it, a rebuild copies it.
  'epcis.subscription_created': async (tx, { index, at, actor, subject, body }) => {
    await tx.query(
      `INSERT INTO epcis_subscriptions (id, query_id, organisation_id, dest, subscriber, subscriber_role,
                                        initial_record_time, created_at, entry_index)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        idOf(subject),
        idOf(body.query),
        idOf(body.organisation),
        body.dest,
        actor,
        await subscriberRole(tx, actor, body.role),
        body.initialRecordTime,
        at,
        indexText(index),
      ],
    );
  },

  // No new deliveries are enqueued or sent for an ended subscription.
  'epcis.subscription_deleted': async (tx, { index, at, subject, body }) => {
    const rows = await tx.query(
      `UPDATE epcis_subscriptions SET deleted_at = $2, deleted_entry = $3
        WHERE id = $1 AND organisation_id = $4 AND deleted_at IS NULL RETURNING id`,
      [idOf(subject), at, indexText(index), idOf(body.organisation)],
    );
    if (rows.length === 0) throw notFound(`subscription ${idOf(subject)} not found`);
  },
} satisfies Projectors;
