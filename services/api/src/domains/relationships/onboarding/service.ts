// Supplier onboarding: invited → submitted → under review → approved / rejected / suspended.
// Every transition is a ledger entry with who and why; the state check runs under the ledger's
// sequencing lock, so two racing transitions cannot both apply.
import type { SqlExecutor } from '@groundtruth/db';
import { decodeEntry, revealBody } from '@groundtruth/ledger';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import type { EvidenceRequirementInput, OnboardingStatus } from '@groundtruth/schemas';
import { z } from 'zod';
import type { Access } from '../../../access.ts';
import type { Principal } from '../../../auth.ts';
import { AppError, badRequest, forbidden, notFound } from '../../../errors.ts';
import { cursorFor, pageOf, SqlParameters } from '../../../paging.ts';
import { appendRecord } from '../../../record.ts';

type Status = z.output<typeof OnboardingStatus>;
type Party = 'supplier' | 'buyer';

/** Which side moves the workflow from one status to the next. */
const TRANSITIONS: Record<Status, Partial<Record<Status, Party>>> = {
  invited: { submitted: 'supplier' },
  submitted: { under_review: 'buyer' },
  under_review: { approved: 'buyer', rejected: 'buyer' },
  approved: { suspended: 'buyer' },
  suspended: { under_review: 'buyer' },
  rejected: { submitted: 'supplier' },
};

const subjectOf = (brandId: string, supplierId: string) => `onboarding:${brandId}:${supplierId}`;

export function createOnboardingService({
  db,
  writer,
  access,
}: {
  db: SqlExecutor;
  writer: LedgerWriter;
  access: Access;
}) {
  const isBuyer = (p: Principal, brandId: string) =>
    p.role === 'admin' ||
    ((p.role === 'procurement' || p.role === 'compliance') && p.organisationId === brandId);
  // The supplier's own users, or those of the organisation that keeps its records.
  const isSupplier = async (p: Principal, supplierId: string) =>
    p.role === 'admin' || (p.role === 'supplier' && (await access.actsFor(p, supplierId)));

  async function current(brandId: string, supplierId: string): Promise<Status | undefined> {
    const [row] = await db.query<{ status: Status }>(
      'SELECT status FROM supplier_onboarding WHERE brand_id = $1 AND supplier_id = $2',
      [brandId, supplierId],
    );
    return row?.status;
  }

  async function write(
    principal: Principal,
    brandId: string,
    supplierId: string,
    from: Status | undefined,
    to: Status,
    reason: string | null,
  ) {
    await appendRecord(writer, principal, {
      type: 'onboarding.transitioned',
      subject: subjectOf(brandId, supplierId),
      body: {
        brand: `organisation:${brandId}`,
        supplier: `organisation:${supplierId}`,
        from: from ?? null,
        to,
        reason,
      },
      conflict: 'this onboarding already exists',
    });
  }

  /**
   * The brand's evidence requirements for the commodities the supplier delivers, each with the
   * supplier's attestations that meet it: not withdrawn, and for annual ones captured within a year.
   * (A requirement's words are the brand's; what we can check is that a signed snapshot exists.)
   */
  async function requirementsOf(brandId: string, supplierId: string) {
    const requirements = await db.query<{
      commodity: 'cocoa';
      key: string;
      description: string;
      stage: string;
    }>(
      `SELECT r.commodity, r.key, r.description, r.stage FROM evidence_requirements r
       WHERE r.brand_id = $1 AND r.commodity IN (SELECT commodity FROM supply_relationships WHERE supplier_id = $2)
       ORDER BY r.commodity, r.key`,
      [brandId, supplierId],
    );
    if (requirements.length === 0) return [];
    const attestations = await db.query<{ id: string; captured_at: Date | string }>(
      'SELECT id, captured_at FROM attestations WHERE organisation_id = $1 AND withdrawn_entry IS NULL ORDER BY entry_index',
      [supplierId],
    );
    const yearAgo = Date.now() - 365 * 86_400_000;
    return requirements.map((r) => {
      const meeting = attestations
        .filter((a) => r.stage !== 'annual' || new Date(a.captured_at).getTime() >= yearAgo)
        .map((a) => a.id);
      return { ...r, met: meeting.length > 0, attestations: meeting };
    });
  }

  return {
    /**
     * The onboarding queue: a brand's team sees its own brand's workflows, a supplier its own (its
     * invitations are those still `invited`), an admin all; ordered by brand then supplier.
     */
    async list(
      principal: Principal,
      filter: {
        brand?: string | undefined;
        supplier?: string | undefined;
        status?: Status[] | undefined;
        perPage: number;
        nextPageToken?: string | undefined;
      },
    ) {
      const { perPage, nextPageToken, ...filters } = filter;
      const cursor = cursorFor('onboarding', filters, z.tuple([z.uuid(), z.uuid()]), nextPageToken);
      const sql = new SqlParameters();
      const where: string[] = [];
      if (principal.role !== 'admin') {
        const own = principal.organisationId;
        if (!own) return { rows: [], nextPageToken: undefined };
        if (principal.role === 'supplier') where.push(`o.supplier_id = ${sql.add(own)}::uuid`);
        else if (principal.role === 'procurement' || principal.role === 'compliance')
          where.push(`o.brand_id = ${sql.add(own)}::uuid`);
        else return { rows: [], nextPageToken: undefined };
      }
      if (filters.brand) where.push(`o.brand_id = ${sql.add(filters.brand)}::uuid`);
      if (filters.supplier) where.push(`o.supplier_id = ${sql.add(filters.supplier)}::uuid`);
      if (filters.status) where.push(`o.status = ANY(${sql.add(filters.status)}::text[])`);
      if (cursor.after)
        where.push(
          `(o.brand_id, o.supplier_id) > (${sql.add(cursor.after[0])}::uuid, ${sql.add(cursor.after[1])}::uuid)`,
        );
      const rows = await db.query<{
        brand_id: string;
        brand_name: string;
        supplier_id: string;
        supplier_name: string;
        status: Status;
        reason: string | null;
        updated_at: Date | string;
        entry_index: string | number;
      }>(
        `SELECT o.brand_id, b.name AS brand_name, o.supplier_id, s.name AS supplier_name, o.status, o.reason,
                o.updated_at, o.entry_index
           FROM supplier_onboarding o
           JOIN organisations b ON b.id = o.brand_id
           JOIN organisations s ON s.id = o.supplier_id
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY o.brand_id, o.supplier_id LIMIT ${sql.add(perPage + 1)}`,
        sql.values,
      );
      const page = pageOf(rows, perPage, cursor, (r) => [r.brand_id, r.supplier_id] as [string, string]);
      return {
        rows: page.rows.map((r) => ({
          brandId: r.brand_id,
          brandName: r.brand_name,
          supplierId: r.supplier_id,
          supplierName: r.supplier_name,
          status: r.status,
          reason: r.reason,
          updatedAt: new Date(r.updated_at).toISOString(),
          entryIndex: Number(r.entry_index),
        })),
        nextPageToken: page.nextPageToken,
      };
    },

    async invite(principal: Principal, brandId: string, supplierId: string) {
      if (!isBuyer(principal, brandId))
        throw forbidden('only the brand’s procurement or compliance team invites its suppliers');
      const kinds = await db.query<{ id: string; kind: string }>(
        'SELECT id, kind FROM organisations WHERE id = ANY($1::uuid[])',
        [[brandId, supplierId]],
      );
      const kind = (id: string) => kinds.find((k) => k.id === id)?.kind;
      if (kind(brandId) !== 'brand')
        throw badRequest(`organisation ${brandId} is not a brand`, [
          { in: 'body', pointer: '/brandId', detail: 'must be a brand' },
        ]);
      // A brand onboards suppliers it can already see (its accepted chain, or those whose records it
      // keeps): an invitation must not reach, or reveal, a stranger's supplier. Unknown and foreign ids
      // get the same answer.
      await access.requireVisible(principal, supplierId);
      if (!kind(supplierId)) throw notFound('not found');
      if (kind(supplierId) !== 'supplier')
        throw badRequest(`organisation ${supplierId} is not a supplier`, [
          { in: 'body', pointer: '/supplierId', detail: 'must be a supplier' },
        ]);
      if (await current(brandId, supplierId))
        throw new AppError('conflict', 'this supplier is already being onboarded by this brand');
      await write(principal, brandId, supplierId, undefined, 'invited', null);
    },

    async transition(principal: Principal, brandId: string, supplierId: string, to: Status, reason: string) {
      const from = await current(brandId, supplierId);
      if (!from || !(isBuyer(principal, brandId) || (await isSupplier(principal, supplierId)))) {
        throw notFound(`no onboarding of ${supplierId} by ${brandId}`);
      }
      const party = TRANSITIONS[from][to];
      if (!party) {
        throw new AppError(
          'conflict',
          `cannot go from ${from} to ${to}; next: ${Object.keys(TRANSITIONS[from]).join(', ')}`,
        );
      }
      const allowed =
        party === 'supplier' ? await isSupplier(principal, supplierId) : isBuyer(principal, brandId);
      if (!allowed) throw forbidden(`the ${party} moves onboarding from ${from} to ${to}`);
      if (to === 'approved') {
        // The brand's onboarding-stage evidence requirements must be met before approval.
        const unmet = (await requirementsOf(brandId, supplierId)).filter(
          (r) => r.stage === 'onboarding' && !r.met,
        );
        if (unmet.length > 0)
          throw new AppError(
            'conflict',
            `cannot approve: evidence requirement ${unmet.map((r) => `${r.commodity}/${r.key}`).join(', ')} is not met; ` +
              'the supplier has no attested reality snapshot in force',
          );
      }
      await write(principal, brandId, supplierId, from, to, reason);
    },

    async get(principal: Principal, brandId: string, supplierId: string) {
      const status = await current(brandId, supplierId);
      if (!status || !(isBuyer(principal, brandId) || (await isSupplier(principal, supplierId)))) {
        throw notFound(`no onboarding of ${supplierId} by ${brandId}`);
      }
      // The history is the ledger itself: every transition entry of this workflow, in order, opened
      // with its disclosures (the reason is confidential; both parties of the onboarding may read it).
      const rows = await db.query<{ idx: string | number; data: Uint8Array; disclosures: string[] | null }>(
        `SELECT l.idx, l.data,
                (SELECT array_agg(d.disclosure) FROM ledger_disclosures d WHERE d.entry_index = l.idx) AS disclosures
           FROM ledger_entries l WHERE l.subject = $1 ORDER BY l.idx`,
        [subjectOf(brandId, supplierId)],
      );
      const history = rows.map((row) => {
        const entry = decodeEntry(new Uint8Array(row.data));
        const body = revealBody(entry.body, row.disclosures ?? []).body;
        return {
          status: body.to as Status,
          reason: (body.reason as string | null) ?? null,
          actor: entry.actor,
          at: entry.at,
          entryIndex: Number(row.idx),
        };
      });
      return {
        brandId,
        supplierId,
        status,
        history,
        requirements: await requirementsOf(brandId, supplierId),
      };
    },

    async requireEvidence(
      principal: Principal,
      brandId: string,
      input: z.output<typeof EvidenceRequirementInput>,
    ) {
      if (!isBuyer(principal, brandId))
        throw forbidden('only the brand’s own team sets its evidence requirements');
      const [brand] = await db.query<{ kind: string }>('SELECT kind FROM organisations WHERE id = $1', [
        brandId,
      ]);
      if (brand?.kind !== 'brand') throw notFound(`brand ${brandId} not found`);
      await appendRecord(writer, principal, {
        type: 'evidence_requirement.set',
        subject: `organisation:${brandId}`,
        body: { ...input },
        conflict: `requirement ${input.key} already exists for ${input.commodity}`,
      });
    },
  };
}

export type OnboardingService = ReturnType<typeof createOnboardingService>;
