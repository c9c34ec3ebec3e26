// The supplier registry: organisations and the supply relationships between them.
import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@groundtruth/db';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import type { OrganisationInput, RelationshipInput } from '@groundtruth/schemas';
import { z } from 'zod';
import { upstreamTiers } from '../../../access.ts';
import type { Principal } from '../../../auth.ts';
import { badRequest, notFound } from '../../../errors.ts';
import { cursorFor, pageOf, SqlParameters } from '../../../paging.ts';
import { appendRecord, type RecordSpec } from '../../../record.ts';

export interface OrganisationRecord {
  id: string;
  name: string;
  kind: 'brand' | 'supplier' | 'auditor';
  country: string;
  role: string | null;
  identifiers: Record<string, string>;
  entryIndex: number;
}

interface OrganisationRow {
  id: string;
  name: string;
  kind: OrganisationRecord['kind'];
  country: string;
  role: string | null;
  identifiers: Record<string, string> | string;
  entry_index: string | number;
}

const toOrganisation = (row: OrganisationRow): OrganisationRecord => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  country: row.country,
  role: row.role,
  identifiers: typeof row.identifiers === 'string' ? JSON.parse(row.identifiers) : row.identifiers,
  entryIndex: Number(row.entry_index),
});

const ORGANISATION_COLUMNS = 'id, name, kind, country, role, identifiers, entry_index';

/** The organisation a registration is made for: none for an admin; a procurement team's own brand. */
export const registrantOf = (principal: Principal): string | null =>
  principal.role === 'admin' ? null : (principal.organisationId ?? null);

/** The record of a new organisation, checked by the schema, not yet written. */
export function prepareRegistration(
  input: z.output<typeof OrganisationInput>,
  id: string = randomUUID(),
  registeredBy: string | null = null,
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
  };
  const spec: RecordSpec = {
    type: 'organisation.registered',
    subject: `organisation:${id}`,
    // Who registered it is on the entry too, so the projection stays rebuildable from the ledger.
    body: registeredBy ? { ...body, registeredBy: `organisation:${registeredBy}` } : body,
    conflict: `organisation ${id} already exists`,
    project: async (tx, index) => {
      await tx.query(
        `INSERT INTO organisations (id, name, kind, country, role, identifiers, entry_index, registered_by)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)`,
        [
          id,
          input.name,
          input.kind,
          input.country,
          input.role ?? null,
          JSON.stringify(identifiers),
          index.toString(),
          registeredBy,
        ],
      );
    },
  };
  return { spec, record: { id, ...body } };
}

/** The record of a supply relationship, not yet written (the caller has checked both ends). */
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
    project: async (tx, index) => {
      await tx.query(
        'INSERT INTO supply_relationships (id, buyer_id, supplier_id, commodity, entry_index) VALUES ($1, $2, $3, $4, $5)',
        [id, input.buyerId, input.supplierId, input.commodity, index.toString()],
      );
    },
  };
}

export function createOrganisationService({ db, writer }: { db: SqlExecutor; writer: LedgerWriter }) {
  async function get(id: string): Promise<OrganisationRecord | undefined> {
    const [row] = await db.query<OrganisationRow>(
      `SELECT ${ORGANISATION_COLUMNS} FROM organisations WHERE id = $1`,
      [id],
    );
    return row && toOrganisation(row);
  }

  /** Whether `organisationId` was registered by the principal's own organisation. */
  async function registeredByCaller(principal: Principal, organisationId: string): Promise<boolean> {
    const registrant = registrantOf(principal);
    if (!registrant) return false;
    const [row] = await db.query('SELECT 1 FROM organisations WHERE id = $1 AND registered_by = $2', [
      organisationId,
      registrant,
    ]);
    return row !== undefined;
  }

  return {
    get,
    registeredByCaller,

    /**
     * The organisations the caller may see (its chain, or all for an admin) and those its own
     * organisation registered, filtered, in name order (code points, then id), one page at a time.
     */
    async list(
      principal: Principal,
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
      if (visible !== 'all') {
        const registrant = registrantOf(principal);
        where.push(
          registrant
            ? `(id = ANY(${sql.add(visible)}::uuid[]) OR registered_by = ${sql.add(registrant)}::uuid)`
            : `id = ANY(${sql.add(visible)}::uuid[])`,
        );
      }
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
      const { spec, record } = prepareRegistration(input, options.id, registrantOf(principal));
      return { ...record, entryIndex: await appendRecord(writer, principal, spec) };
    },

    async declareRelationship(
      principal: Principal,
      input: z.output<typeof RelationshipInput>,
      options: { id?: string } = {},
    ) {
      if (input.buyerId === input.supplierId) {
        throw badRequest('an organisation cannot supply itself', [
          { in: 'body', pointer: '/supplierId', detail: 'must differ from buyerId' },
        ]);
      }
      const supplier = await get(input.supplierId);
      if (!supplier) throw notFound(`organisation ${input.supplierId} not found`);
      if (supplier.kind !== 'supplier') {
        throw badRequest(`organisation ${input.supplierId} is a ${supplier.kind}, not a supplier`, [
          { in: 'body', pointer: '/supplierId', detail: 'must be a supplier' },
        ]);
      }
      const id = options.id ?? randomUUID();
      const entryIndex = await appendRecord(writer, principal, relationshipSpec(id, input));
      return { id, ...input, entryIndex };
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
