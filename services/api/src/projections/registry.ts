// Projectors of the registry: organisations, relationships, invitations, users and tokens, auditor
// grants, contacts, plots and products (schemas/src/entries/registry.ts).
import type { Transaction } from '@groundtruth/db';
import { canonicalJson, fromBase64Url, type JsonValue } from '@groundtruth/ledger';
import { AppError } from '../errors.ts';
import { idOf, idOrNull, indexText, type Projectors, StaleRecord } from './projector.ts';

/** What a relationship.declared or .accepted adds: the link that counts from then on. */
async function insertRelationship(
  tx: Transaction,
  id: string,
  body: { buyer: string; supplier: string; commodity: string },
  index: bigint,
) {
  await tx.query(
    'INSERT INTO supply_relationships (id, buyer_id, supplier_id, commodity, entry_index) VALUES ($1, $2, $3, $4, $5)',
    [id, idOf(body.buyer), idOf(body.supplier), body.commodity, indexText(index)],
  );
}

/** A relationship proposal decided, if it was still open; a racing decision makes the entry stale. */
async function decideProposal(tx: Transaction, id: string, status: string, index: bigint) {
  const updated = await tx.query(
    `UPDATE relationship_proposals SET status = $2, decided_entry = $3 WHERE id = $1 AND status = 'proposed' RETURNING id`,
    [id, status, indexText(index)],
  );
  if (updated.length === 0) throw new StaleRecord('this proposal was decided meanwhile');
}

export const registryProjectors = {
  // The demo's first entry says what follows; it has no rows of its own.
  'demo.seeded': async () => {},

  'organisation.registered': async (tx, { index, at, subject, body }) => {
    const [longitude, latitude] = body.location?.coordinates ?? [null, null];
    await tx.query(
      `INSERT INTO organisations
         (id, name, kind, country, role, identifiers, managed_by, longitude, latitude, address, entry_index, created_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $12)`,
      [
        idOf(subject),
        body.name,
        body.kind,
        body.country,
        body.role,
        JSON.stringify(body.identifiers),
        idOrNull(body.managedBy),
        longitude,
        latitude,
        body.address ?? null,
        indexText(index),
        at,
      ],
    );
  },

  'organisation.updated': async (tx, { subject, body }) => {
    // The entry's `from` must be what it replaces: a racing update of the same fields makes it stale.
    const id = idOf(subject);
    const [row] = await tx.query<{
      name: string;
      country: string;
      role: string | null;
      identifiers: JsonValue;
      longitude: number | null;
      latitude: number | null;
      address: string | null;
    }>(
      'SELECT name, country, role, identifiers, longitude, latitude, address FROM organisations WHERE id = $1 FOR UPDATE',
      [id],
    );
    if (!row) throw new StaleRecord('the organisation changed meanwhile; read it again');
    const current: Record<string, JsonValue> = {
      name: row.name,
      country: row.country,
      role: row.role,
      identifiers: row.identifiers,
      // The site as the entry states it (decision 0030): a GeoJSON Point, or null.
      location:
        row.longitude === null || row.latitude === null
          ? null
          : { type: 'Point', coordinates: [Number(row.longitude), Number(row.latitude)] },
      address: row.address,
    };
    const changed = Object.keys(body.to) as (keyof typeof body.to)[];
    // Compared as canonical JSON: jsonb and the opened entry need not order an object's keys alike.
    const same = (a: unknown, b: unknown) =>
      canonicalJson((a ?? null) as JsonValue) === canonicalJson((b ?? null) as JsonValue);
    if (changed.some((field) => !same(current[field], body.from[field])))
      throw new StaleRecord('the organisation changed meanwhile; read it again');
    const next = { ...current, ...body.to } as typeof current;
    const point = next.location as { coordinates: [number, number] } | null;
    await tx.query(
      `UPDATE organisations SET name = $2, country = $3, role = $4, identifiers = $5::jsonb,
              longitude = $6, latitude = $7, address = $8
        WHERE id = $1`,
      [
        id,
        next.name,
        next.country,
        next.role,
        JSON.stringify(next.identifiers),
        point?.coordinates[0] ?? null,
        point?.coordinates[1] ?? null,
        next.address,
      ],
    );
  },

  'organisation.manager_changed': async (tx, { subject, body }) => {
    // The entry's `from` must be what it replaces: a racing change makes this one stale.
    const changed = await tx.query(
      'UPDATE organisations SET managed_by = $2 WHERE id = $1 AND managed_by IS NOT DISTINCT FROM $3 RETURNING id',
      [idOf(subject), idOrNull(body.to), idOrNull(body.from)],
    );
    if (changed.length === 0)
      throw new StaleRecord('the keeper changed meanwhile; read the organisation again');
  },

  'organisation.custody_model': async (tx, { index, subject, body }) => {
    const id = idOf(subject);
    await tx.query('UPDATE organisations SET custody_model = $2 WHERE id = $1', [id, body.model]);
    // The history too: findings judge volume by the model in force when it was recorded.
    await tx.query(
      'INSERT INTO custody_model_changes (organisation_id, entry_index, custody_model) VALUES ($1, $2, $3)',
      [id, indexText(index), body.model],
    );
  },

  'relationship.declared': async (tx, { index, subject, body }) => {
    await insertRelationship(tx, idOf(subject), body, index);
    // A proposal of the same relationship still open is settled by this declaration.
    await tx.query(
      `UPDATE relationship_proposals SET status = 'accepted', decided_entry = $4
        WHERE buyer_id = $1 AND supplier_id = $2 AND commodity = $3 AND status = 'proposed'`,
      [idOf(body.buyer), idOf(body.supplier), body.commodity, indexText(index)],
    );
  },

  'relationship.proposed': async (tx, { index, subject, body }) => {
    await tx.query(
      `INSERT INTO relationship_proposals (id, buyer_id, supplier_id, commodity, proposed_by, status, entry_index)
       VALUES ($1, $2, $3, $4, $5, 'proposed', $6)`,
      [idOf(subject), idOf(body.buyer), idOf(body.supplier), body.commodity, body.by, indexText(index)],
    );
  },

  'relationship.accepted': async (tx, { index, subject, body }) => {
    await decideProposal(tx, idOf(subject), 'accepted', index);
    await insertRelationship(tx, idOf(subject), body, index);
  },

  'relationship.rejected': async (tx, { index, subject }) => {
    await decideProposal(tx, idOf(subject), 'rejected', index);
  },

  // The token's digest and the invitee's name and e-mail are kept off the log (decision 0031): the
  // service writes them after this row, and a rebuild copies them.
  'invitation.created': async (tx, { index, at, actor, subject, body }) => {
    await tx.query(
      `INSERT INTO invitations (id, organisation_id, invited_by, inviter_organisation_id, expires_at, entry_index, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        idOf(subject),
        idOf(body.organisation),
        actor,
        idOrNull(body.inviter),
        body.expiresAt,
        indexText(index),
        at,
      ],
    );
  },

  'invitation.redeemed': async (tx, { index, at, subject, body }) => {
    const changed = await tx.query(
      `UPDATE invitations SET redeemed_at = $4, redeemed_user_id = $2, redeemed_entry = $3,
         invitee_name = NULL, invitee_email = NULL
       WHERE id = $1 AND redeemed_at IS NULL AND revoked_at IS NULL AND expires_at > $4 RETURNING id`,
      [idOf(subject), idOf(body.user), indexText(index), at],
    );
    if (changed.length === 0) throw new StaleRecord('this invitation was redeemed or revoked meanwhile');
  },

  'invitation.revoked': async (tx, { index, at, subject }) => {
    // The invitee's name and e-mail go with it: nothing keeps them any more.
    const changed = await tx.query(
      `UPDATE invitations SET revoked_at = $3, revoked_entry = $2, invitee_name = NULL, invitee_email = NULL
        WHERE id = $1 AND redeemed_at IS NULL AND revoked_at IS NULL RETURNING id`,
      [idOf(subject), indexText(index), at],
    );
    if (changed.length === 0) throw new StaleRecord('this invitation was redeemed or revoked meanwhile');
  },

  // A user's display name and e-mail are personal data kept off the log (decision 0031).
  'user.created': async (tx, { index, at, subject, body }) => {
    await tx.query(
      'INSERT INTO users (id, organisation_id, role, entry_index, created_at) VALUES ($1, $2, $3, $4, $5)',
      [idOf(subject), idOrNull(body.organisation), body.role, indexText(index), at],
    );
  },

  'token.issued': async (tx, { index, subject, body }) => {
    await tx.query(
      'INSERT INTO api_tokens (jti, user_id, expires_at, entry_index, parent_jti) VALUES ($1, $2, $3, $4, $5)',
      [body.token, idOf(subject), body.expiresAt, indexText(index), body.parent ?? null],
    );
  },

  'token.revoked': async (tx, { at, body }) => {
    await tx.query('UPDATE api_tokens SET revoked_at = $2 WHERE jti = $1 AND revoked_at IS NULL', [
      body.token,
      at,
    ]);
  },

  'auditor.granted': async (tx, { index, subject, body }) => {
    const [brandId, auditorId] = [idOf(subject), idOf(body.auditor)];
    const [active] = await tx.query(
      'SELECT 1 FROM auditor_grants WHERE brand_id = $1 AND auditor_id = $2 AND audit_id IS NULL AND revoked_at IS NULL FOR UPDATE',
      [brandId, auditorId],
    );
    if (active) throw new AppError('conflict', 'this auditor already has access');
    await tx.query(
      `INSERT INTO auditor_grants (brand_id, auditor_id, entry_index) VALUES ($1, $2, $3)
       ON CONFLICT (brand_id, auditor_id) WHERE audit_id IS NULL DO UPDATE SET entry_index = excluded.entry_index, revoked_at = NULL`,
      [brandId, auditorId, indexText(index)],
    );
  },

  'auditor.revoked': async (tx, { at, subject, body }) => {
    await tx.query(
      'UPDATE auditor_grants SET revoked_at = $3 WHERE brand_id = $1 AND auditor_id = $2 AND audit_id IS NULL',
      [idOf(subject), idOf(body.auditor), at],
    );
  },

  'contact.added': async (tx, { index, subject, body, logged }) => {
    // The commitment is the digest the log holds for `contact`. Once erased, the entry's disclosure is
    // gone and the body has no `contact`: the row is then only its commitment (see contact.erased).
    const [commitment] = (logged._sd ?? []) as string[];
    const contact = body.contact as Partial<typeof body.contact> | undefined;
    await tx.query(
      `INSERT INTO contacts (id, organisation_id, name, email, phone, role, commitment, entry_index)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        idOf(subject),
        idOf(body.organisation),
        contact?.name ?? null,
        contact?.email ?? null,
        contact?.phone ?? null,
        contact?.role ?? null,
        fromBase64Url(commitment!),
        indexText(index),
      ],
    );
  },

  'contact.erased': async (tx, { at, subject }) => {
    const id = idOf(subject);
    // Erasing the disclosure is the erasure: the digest on the ledger can no longer be opened. The
    // entry's bytes stay; this is the one UPDATE its row accepts, and the table's trigger deletes the
    // publications of its fields with it (migration 0051). Already erased (a replayed log): nothing.
    await tx.query(
      `UPDATE ledger_entries SET disclosure_owner = NULL, disclosure_paths = NULL, disclosures = NULL
        WHERE idx = (SELECT entry_index FROM contacts WHERE id = $1) AND disclosures IS NOT NULL`,
      [id],
    );
    await tx.query(
      'UPDATE contacts SET name = NULL, email = NULL, phone = NULL, role = NULL, erased_at = $2 WHERE id = $1',
      [id, at],
    );
  },

  'plot.mapped': async (tx, { index, at, subject, body }) => {
    await tx.query(
      `INSERT INTO plots (id, organisation_id, name, commodity, country, geometry, area_hectares, area_source,
                          declared_area_hectares, findings, entry_index, created_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10::jsonb, $11, $12)`,
      [
        idOf(subject),
        idOf(body.organisation),
        body.name,
        body.commodity,
        body.country,
        JSON.stringify(body.geometry),
        body.areaHectares,
        body.areaSource,
        body.declaredAreaHectares,
        JSON.stringify(body.findings),
        indexText(index),
        at,
      ],
    );
  },

  'product.registered': async (tx, { index, subject, body }) => {
    await tx.query(
      'INSERT INTO products (id, gtin, name, commodity, organisation_id, entry_index) VALUES ($1, $2, $3, $4, $5, $6)',
      [idOf(subject), body.gtin, body.name, body.commodity, idOf(body.organisation), indexText(index)],
    );
  },
} satisfies Projectors;
