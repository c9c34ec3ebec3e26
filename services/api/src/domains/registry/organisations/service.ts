// The supplier registry: organisations and the supply relationships between them.
import { randomUUID } from 'node:crypto';
import { jsonValue, type SqlExecutor } from '@groundtruth/db';
import type { JsonValue } from '@groundtruth/ledger';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import type { OrganisationInput, OrganisationUpdate, RelationshipInput } from '@groundtruth/schemas';
import { z } from 'zod';
import {
  type Access,
  acceptedRelationshipExists,
  createAccess,
  upstreamTiers,
  WRITER_ROLES,
} from '../../../access.ts';
import type { Principal } from '../../../auth.ts';
import { AppError, badRequest, forbidden, notFound } from '../../../errors.ts';
import { cursorFor, pageOf, SqlParameters } from '../../../paging.ts';
import { appendRecord, type RecordSpec } from '../../../record.ts';

export interface OrganisationRecord {
  id: string;
  name: string;
  kind: 'brand' | 'supplier' | 'auditor';
  country: string;
  role: string | null;
  identifiers: Record<string, string>;
  managedBy: string | null;
  location: SitePoint | null;
  address: string | null;
  entryIndex: number;
}

/** A site's position as the API and the log give it: a GeoJSON Point, [longitude, latitude]. */
export interface SitePoint {
  type: 'Point';
  coordinates: [number, number];
}

interface OrganisationRow {
  id: string;
  name: string;
  kind: OrganisationRecord['kind'];
  country: string;
  role: string | null;
  identifiers: Record<string, string> | string;
  managed_by: string | null;
  longitude: number | null;
  latitude: number | null;
  address: string | null;
  entry_index: string | number;
}

const pointOf = (longitude: number | null, latitude: number | null): SitePoint | null =>
  longitude === null || latitude === null
    ? null
    : { type: 'Point', coordinates: [Number(longitude), Number(latitude)] };

const samePoint = (a: SitePoint | null, b: SitePoint | null) =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.coordinates[0] === b.coordinates[0] &&
    a.coordinates[1] === b.coordinates[1]);

const toOrganisation = (row: OrganisationRow): OrganisationRecord => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  country: row.country,
  role: row.role,
  identifiers: jsonValue(row.identifiers),
  managedBy: row.managed_by,
  location: pointOf(row.longitude, row.latitude),
  address: row.address,
  entryIndex: Number(row.entry_index),
});

const ORGANISATION_COLUMNS =
  'id, name, kind, country, role, identifiers, managed_by, longitude, latitude, address, entry_index';

/**
 * The organisation that keeps the records of a supplier `principal` registers: a procurement team
 * keeps those it registers (a cooperative without its own IT); an admin names one or none.
 */
export function managerOnRegistration(
  principal: Principal,
  input: Pick<z.output<typeof OrganisationInput>, 'kind' | 'managedBy'>,
): string | null {
  if (input.kind !== 'supplier') return null;
  if (principal.role === 'admin') return input.managedBy ?? null;
  return principal.organisationId ?? null;
}

/**
 * The record of a new organisation, checked by the schema, not yet written. `managedBy` is the
 * organisation that keeps its records (see managerOnRegistration); the caller has checked it exists.
 */
export function prepareRegistration(
  input: z.output<typeof OrganisationInput>,
  id: string = randomUUID(),
  managedBy: string | null = null,
) {
  // Drop absent identifiers so the entry holds only what was given.
  const identifiers = Object.fromEntries(
    Object.entries(input.identifiers ?? {}).filter((kv): kv is [string, string] => kv[1] !== undefined),
  );
  const body = {
    name: input.name,
    kind: input.kind,
    country: input.country,
    role: input.role ?? null,
    identifiers,
    // Only when there is one, so self-kept organisations' and siteless entries read as they always have.
    ...(managedBy ? { managedBy: `organisation:${managedBy}` } : {}),
    ...(input.location ? { location: input.location } : {}),
    ...(input.address ? { address: input.address } : {}),
  };
  const spec: RecordSpec = {
    type: 'organisation.registered',
    subject: `organisation:${id}`,
    body,
    conflict: `organisation ${id} already exists`,
  };
  return {
    spec,
    record: {
      id,
      name: body.name,
      kind: body.kind,
      country: body.country,
      role: body.role,
      identifiers,
      managedBy,
      location: input.location ?? null,
      address: input.address ?? null,
    },
  };
}

/** The record of a supply relationship accepted at once (the caller acts for both sides), not yet written. */
export function relationshipSpec(id: string, input: z.output<typeof RelationshipInput>): RecordSpec {
  return {
    type: 'relationship.declared',
    subject: `relationship:${id}`,
    body: {
      buyer: `organisation:${input.buyerId}`,
      supplier: `organisation:${input.supplierId}`,
      commodity: input.commodity,
    },
    conflict: 'this relationship is already declared',
  };
}

type Side = 'buyer' | 'supplier';
type RelationshipStatus = 'proposed' | 'accepted' | 'rejected';

export interface RelationshipView {
  id: string;
  buyerId: string;
  supplierId: string;
  commodity: z.output<typeof RelationshipInput>['commodity'];
  status: RelationshipStatus;
  proposedBy: Side | null;
  entryIndex: number;
}

interface ProposalRow {
  id: string;
  buyer_id: string;
  supplier_id: string;
  commodity: RelationshipView['commodity'];
  proposed_by: Side;
  status: RelationshipStatus;
  entry_index: string | number;
}

const toRelationship = (row: ProposalRow, status = row.status, entryIndex = Number(row.entry_index)) => ({
  id: row.id,
  buyerId: row.buyer_id,
  supplierId: row.supplier_id,
  commodity: row.commodity,
  status,
  proposedBy: row.proposed_by,
  entryIndex,
});

const other = (side: Side): Side => (side === 'buyer' ? 'supplier' : 'buyer');

export function createOrganisationService({
  db,
  writer,
  access = createAccess(db),
}: {
  db: SqlExecutor;
  writer: LedgerWriter;
  access?: Access;
}) {
  async function get(id: string): Promise<OrganisationRecord | undefined> {
    const [row] = await db.query<OrganisationRow>(
      `SELECT ${ORGANISATION_COLUMNS} FROM organisations WHERE id = $1`,
      [id],
    );
    return row && toOrganisation(row);
  }

  /** Whether the principal, with a role that writes, speaks for the organisation. */
  const writesFor = async (principal: Principal, organisationId: string) =>
    WRITER_ROLES.includes(principal.role) && (await access.actsFor(principal, organisationId));

  /** Both ends exist and are of a kind that can trade: a supplier supplies; a brand or supplier buys. */
  async function checkEnds(input: z.output<typeof RelationshipInput>, make: (detail: string) => Error) {
    const [buyer, supplier] = await Promise.all([get(input.buyerId), get(input.supplierId)]);
    if (supplier?.kind !== 'supplier') throw make('supplierId must name a supplier');
    if (!buyer || buyer.kind === 'auditor') throw make('buyerId must name a brand or a supplier');
  }

  async function proposal(id: string): Promise<ProposalRow | undefined> {
    const [row] = await db.query<ProposalRow>(
      'SELECT id, buyer_id, supplier_id, commodity, proposed_by, status, entry_index FROM relationship_proposals WHERE id = $1',
      [id],
    );
    return row;
  }

  /**
   * Finds a proposal the principal is a party to, and the sides it acts for. Someone acting for
   * neither side gets the same 404 whether or not the id exists.
   */
  async function partyTo(principal: Principal, id: string) {
    const row = await proposal(id);
    if (!row) throw notFound('not found');
    const sides = {
      buyer: await writesFor(principal, row.buyer_id),
      supplier: await writesFor(principal, row.supplier_id),
    };
    if (!sides.buyer && !sides.supplier) throw notFound('not found');
    return { row, sides };
  }

  /** Appends the decision on an open proposal; the status is re-checked under the ledger's lock. */
  async function decide(
    principal: Principal,
    row: ProposalRow,
    decision: 'accepted' | 'rejected',
    by: Side,
    reason: string | undefined,
  ) {
    const entryIndex = await appendRecord(writer, principal, {
      type: `relationship.${decision}`,
      subject: `relationship:${row.id}`,
      body: {
        buyer: `organisation:${row.buyer_id}`,
        supplier: `organisation:${row.supplier_id}`,
        commodity: row.commodity,
        by,
        ...(reason ? { reason } : {}),
      },
      conflict: 'this relationship is already accepted',
    });
    return toRelationship(row, decision, entryIndex);
  }

  return {
    get,

    /**
     * The organisations the caller may see (its chain and the suppliers it keeps, or all for an
     * admin), filtered, in name order (code points, then id), one page at a time.
     */
    async list(
      visible: string[] | 'all',
      filter: {
        kind?: OrganisationRecord['kind'] | undefined;
        country?: string | undefined;
        name?: string | undefined;
        perPage: number;
        nextPageToken?: string | undefined;
      },
    ) {
      const { perPage, nextPageToken, ...filters } = filter;
      const cursor = cursorFor('organisations', filters, z.tuple([z.string(), z.uuid()]), nextPageToken);
      const sql = new SqlParameters();
      const where: string[] = [];
      if (visible !== 'all') where.push(`id = ANY(${sql.add(visible)}::uuid[])`);
      if (filters.kind) where.push(`kind = ${sql.add(filters.kind)}`);
      if (filters.country) where.push(`country = ${sql.add(filters.country)}`);
      // A prefix, case-insensitive: what someone types into a search box. LIKE with the wildcards of
      // the prefix escaped, so the (lower(name) text_pattern_ops) index serves it.
      if (filters.name)
        where.push(`lower(name) LIKE lower(${sql.add(`${filters.name.replace(/[\\%_]/g, '\\$&')}%`)})`);
      if (cursor.after)
        where.push(
          `(name COLLATE "C", id) > (${sql.add(cursor.after[0])} COLLATE "C", ${sql.add(cursor.after[1])}::uuid)`,
        );
      const rows = await db.query<OrganisationRow>(
        `SELECT ${ORGANISATION_COLUMNS} FROM organisations ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY name COLLATE "C", id LIMIT ${sql.add(perPage + 1)}`,
        sql.values,
      );
      const page = pageOf(rows, perPage, cursor, (r) => [r.name, r.id] as [string, string]);
      return { organisations: page.rows.map(toOrganisation), nextPageToken: page.nextPageToken };
    },

    async register(
      principal: Principal,
      input: z.output<typeof OrganisationInput>,
      options: { id?: string } = {},
    ): Promise<OrganisationRecord> {
      if (input.managedBy !== undefined) {
        if (principal.role !== 'admin' && input.managedBy !== principal.organisationId)
          throw forbidden('only an admin names another organisation to keep a supplier’s records');
        const manager = await get(input.managedBy);
        if (input.kind !== 'supplier' || !manager || manager.kind === 'auditor')
          throw badRequest('only a supplier is kept by another organisation, a brand or supplier', [
            { in: 'body', pointer: '/managedBy', detail: 'must name an existing brand or supplier' },
          ]);
      }
      const { spec, record } = prepareRegistration(
        input,
        options.id,
        managerOnRegistration(principal, input),
      );
      return { ...record, entryIndex: await appendRecord(writer, principal, spec) };
    },

    /**
     * Changes an organisation's own details (decision 0013): its own users, its keeper or an admin.
     * Name, country, role, identifiers and its site's location and address (decision 0030) are
     * editable; kind is not (it decides what the organisation may do in every relationship), nor is
     * the keeper (PUT …/manager has its own consent rule). The
     * entry holds each changed field with its value before and after; a PATCH that changes nothing
     * writes nothing.
     */
    async update(principal: Principal, organisationId: string, patch: z.output<typeof OrganisationUpdate>) {
      await access.requireWritable(principal, organisationId);
      const organisation = await get(organisationId);
      if (!organisation) throw notFound('not found');
      const before: Record<string, JsonValue> = {};
      const after: Record<string, JsonValue> = {};
      const next = { ...organisation, identifiers: { ...organisation.identifiers } };
      for (const field of ['name', 'country', 'role'] as const) {
        const value = patch[field];
        if (value === undefined || value === organisation[field]) continue;
        before[field] = organisation[field];
        after[field] = value;
        (next as Record<string, unknown>)[field] = value;
      }
      if (patch.location !== undefined && !samePoint(patch.location, organisation.location)) {
        before.location = organisation.location as JsonValue;
        after.location = patch.location as JsonValue;
        next.location = patch.location;
      }
      if (patch.address !== undefined && patch.address !== organisation.address) {
        before.address = organisation.address;
        after.address = patch.address;
        next.address = patch.address;
      }
      for (const [key, value] of Object.entries(patch.identifiers ?? {})) {
        if (value === undefined || (organisation.identifiers[key] ?? null) === value) continue;
        if (value === null) delete next.identifiers[key];
        else next.identifiers[key] = value;
      }
      if (JSON.stringify(next.identifiers) !== JSON.stringify(organisation.identifiers)) {
        before.identifiers = organisation.identifiers;
        after.identifiers = next.identifiers;
      }
      if (Object.keys(after).length === 0) return organisation;
      await appendRecord(writer, principal, {
        type: 'organisation.updated',
        subject: `organisation:${organisationId}`,
        body: { from: before, to: after },
        conflict: 'the organisation changed meanwhile',
      });
      return next;
    },

    /**
     * Who keeps a supplier's records changes only with the supplier's own consent (its users) or an
     * admin's: the current keeper cannot hand the records to someone else.
     */
    async changeManager(principal: Principal, organisationId: string, managerId: string | null) {
      if (principal.role !== 'admin' && principal.organisationId !== organisationId) {
        await access.requireVisible(principal, organisationId);
        throw forbidden('only the supplier itself or an admin changes who keeps its records');
      }
      const organisation = await get(organisationId);
      if (!organisation) throw notFound('not found');
      if (organisation.kind !== 'supplier')
        throw badRequest('only a supplier’s records are kept by another organisation', [
          { in: 'params', pointer: '/id', detail: 'must be a supplier' },
        ]);
      if (managerId !== null) {
        const manager = await get(managerId);
        if (!manager || manager.kind === 'auditor' || managerId === organisationId)
          throw badRequest('the keeper must be another existing brand or supplier', [
            { in: 'body', pointer: '/managerId', detail: 'must name another existing brand or supplier' },
          ]);
      }
      const from = organisation.managedBy;
      await appendRecord(writer, principal, {
        type: 'organisation.manager_changed',
        subject: `organisation:${organisationId}`,
        body: {
          from: from && `organisation:${from}`,
          to: managerId && `organisation:${managerId}`,
        },
        conflict: 'the keeper changed meanwhile',
      });
      return { ...organisation, managedBy: managerId };
    },

    /**
     * Declares (acting for both sides) or proposes (acting for one) that a buyer sources a commodity
     * from a supplier. A proposal's answer does not depend on whether the other side exists or what
     * kind it is: a stranger learns nothing by proposing (decision 0003).
     */
    async declareRelationship(
      principal: Principal,
      input: z.output<typeof RelationshipInput>,
      options: { id?: string } = {},
    ): Promise<RelationshipView> {
      if (input.buyerId === input.supplierId) {
        throw badRequest('an organisation cannot supply itself', [
          { in: 'body', pointer: '/supplierId', detail: 'must differ from buyerId' },
        ]);
      }
      const forBuyer = await writesFor(principal, input.buyerId);
      const forSupplier = await writesFor(principal, input.supplierId);
      const id = options.id ?? randomUUID();
      if (!forBuyer && !forSupplier) {
        // Acting for neither side: 404 unless the caller can see the buyer, then 403.
        await access.requireWritable(principal, input.buyerId);
        throw forbidden('a relationship is proposed by one of its sides');
      }
      const invalid = (detail: string) =>
        badRequest(detail, [
          { in: 'body', pointer: detail.startsWith('supplierId') ? '/supplierId' : '/buyerId', detail },
        ]);
      if (forBuyer && forSupplier) {
        await checkEnds(input, invalid);
        const entryIndex = await appendRecord(writer, principal, relationshipSpec(id, input));
        return { id, ...input, status: 'accepted', proposedBy: null, entryIndex };
      }
      // Only the caller's own side is checked now; the other side is checked by whoever accepts.
      const side: Side = forBuyer ? 'buyer' : 'supplier';
      const own = await get(side === 'buyer' ? input.buyerId : input.supplierId);
      if (side === 'supplier' && own?.kind !== 'supplier') throw invalid('supplierId must name a supplier');
      if (side === 'buyer' && own?.kind === 'auditor')
        throw invalid('buyerId must name a brand or a supplier');
      if (await acceptedRelationshipExists(db, input.buyerId, input.supplierId, input.commodity))
        throw new AppError('conflict', 'this relationship is already accepted');
      const entryIndex = await appendRecord(writer, principal, {
        type: 'relationship.proposed',
        subject: `relationship:${id}`,
        body: {
          buyer: `organisation:${input.buyerId}`,
          supplier: `organisation:${input.supplierId}`,
          commodity: input.commodity,
          by: side,
        },
        conflict: 'a proposal of this relationship is already open',
      });
      return { id, ...input, status: 'proposed', proposedBy: side, entryIndex };
    },

    /** The other side (its users, its keeper, or an admin) accepts: from now on the link counts. */
    async acceptRelationship(principal: Principal, id: string, reason?: string) {
      const { row, sides } = await partyTo(principal, id);
      const acceptor = other(row.proposed_by);
      if (!sides[acceptor]) throw forbidden(`the ${acceptor} accepts this proposal`);
      if (row.status !== 'proposed') throw new AppError('conflict', `this proposal is already ${row.status}`);
      await checkEnds(
        { buyerId: row.buyer_id, supplierId: row.supplier_id, commodity: row.commodity },
        (detail) => new AppError('conflict', `cannot accept: ${detail}`),
      );
      return decide(principal, row, 'accepted', acceptor, reason);
    },

    /** Either side turns an open proposal down (the proposer withdrawing it, or the other side refusing). */
    async rejectRelationship(principal: Principal, id: string, reason?: string) {
      const { row, sides } = await partyTo(principal, id);
      if (row.status !== 'proposed') throw new AppError('conflict', `this proposal is already ${row.status}`);
      const by = sides[other(row.proposed_by)] ? other(row.proposed_by) : row.proposed_by;
      return decide(principal, row, 'rejected', by, reason);
    },

    /**
     * Open proposals where the organisation is a side, for those who speak for it. The proposing
     * side's public name is shown (it chose to reveal itself); the other side's is not.
     */
    async openProposals(principal: Principal, organisationId: string) {
      if (!(await access.actsFor(principal, organisationId))) {
        await access.requireVisible(principal, organisationId);
        throw forbidden('only those who speak for an organisation see its open proposals');
      }
      const rows = await db.query<ProposalRow & { proposer_name: string }>(
        `SELECT p.id, p.buyer_id, p.supplier_id, p.commodity, p.proposed_by, p.status, p.entry_index, o.name AS proposer_name
           FROM relationship_proposals p
           JOIN organisations o ON o.id = CASE p.proposed_by WHEN 'buyer' THEN p.buyer_id ELSE p.supplier_id END
          WHERE p.status = 'proposed' AND (p.buyer_id = $1 OR p.supplier_id = $1)
          ORDER BY p.entry_index`,
        [organisationId],
      );
      return {
        organisationId,
        proposals: rows.map((row) => ({ ...toRelationship(row), proposerName: row.proposer_name })),
      };
    },

    /** Every organisation upstream of this one, with its tier. */
    async supplyChain(organisationId: string) {
      const tiers = await upstreamTiers(db, organisationId);
      if (tiers.size === 0) return [];
      const rows = await db.query<OrganisationRow>(
        `SELECT ${ORGANISATION_COLUMNS} FROM organisations WHERE id = ANY($1::uuid[])`,
        [[...tiers.keys()]],
      );
      return rows
        .map((row) => ({ organisation: toOrganisation(row), tier: tiers.get(row.id)! }))
        .sort((a, b) => a.tier - b.tier || a.organisation.name.localeCompare(b.organisation.name));
    },
  };
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;
