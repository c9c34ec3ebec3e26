// Per-object authorisation: who may see and write which organisation's records (decision 0003).
// Visibility follows ACCEPTED supply relationships only: a brand's users see the chain that feeds
// their brand, a supplier sees itself and its own upstream, an admin sees all. Writing for an
// organisation is acting for it: its own users, the organisation that keeps its records (a managed
// supplier's manager), or an admin. A mere proposal extends neither.
import type { SqlExecutor } from '@groundtruth/db';
import type { Principal, Role } from './auth.ts';
import { forbidden, notFound } from './errors.ts';

/** Declared chains deeper than this are treated as bad data rather than followed. */
export const MAX_TIERS = 20;

/** Roles that write records; compliance officers and auditors read. */
export const WRITER_ROLES: readonly Role[] = ['admin', 'procurement', 'supplier'];

/**
 * The organisations upstream of `organisationId`, each with its tier (shortest distance along accepted
 * buyer → supplier relationships). Breadth-first, one query per tier, cycles ignored.
 * `supply_relationships` holds accepted relationships only; proposals live elsewhere.
 */
export async function upstreamTiers(db: SqlExecutor, organisationId: string): Promise<Map<string, number>> {
  const tiers = new Map<string, number>();
  let frontier = [organisationId];
  for (let tier = 1; tier <= MAX_TIERS && frontier.length > 0; tier++) {
    const rows = await db.query<{ supplier_id: string }>(
      'SELECT DISTINCT supplier_id FROM supply_relationships WHERE buyer_id = ANY($1::uuid[])',
      [frontier],
    );
    frontier = [];
    for (const { supplier_id } of rows) {
      if (supplier_id === organisationId || tiers.has(supplier_id)) continue;
      tiers.set(supplier_id, tier);
      frontier.push(supplier_id);
    }
  }
  return tiers;
}

/**
 * Whether both sides have accepted that `buyerId` sources `commodity` (any commodity when omitted)
 * from `supplierId`. For checks such as "a transfer goes only along an accepted relationship".
 */
export async function acceptedRelationshipExists(
  db: SqlExecutor,
  buyerId: string,
  supplierId: string,
  commodity?: string,
): Promise<boolean> {
  const rows = await db.query(
    commodity === undefined
      ? 'SELECT 1 FROM supply_relationships WHERE buyer_id = $1 AND supplier_id = $2 LIMIT 1'
      : 'SELECT 1 FROM supply_relationships WHERE buyer_id = $1 AND supplier_id = $2 AND commodity = $3 LIMIT 1',
    commodity === undefined ? [buyerId, supplierId] : [buyerId, supplierId, commodity],
  );
  return rows.length > 0;
}

/** The organisations whose records `organisationId` keeps (its managed suppliers). */
export async function managedOrganisations(db: SqlExecutor, organisationId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>('SELECT id FROM organisations WHERE managed_by = $1', [
    organisationId,
  ]);
  return rows.map((r) => r.id);
}

export interface Access {
  /** Every organisation whose records the principal may see, or 'all' for an admin. */
  visibleOrganisations(principal: Principal): Promise<string[] | 'all'>;
  /** Throws 404 unless the principal may see the organisation (a 404, so ids of others do not leak). */
  requireVisible(principal: Principal, organisationId: string): Promise<void>;
  /** Throws 404 if invisible, 403 if visible but not the principal's to write. */
  requireWritable(principal: Principal, organisationId: string): Promise<void>;
  /**
   * Whether the principal speaks for the organisation, whatever its role: an admin, the
   * organisation's own users, or the users of the organisation that keeps its records.
   */
  actsFor(principal: Principal, organisationId: string): Promise<boolean>;
}

export function createAccess(db: SqlExecutor): Access {
  async function visibleOrganisations(principal: Principal): Promise<string[] | 'all'> {
    if (principal.role === 'admin') return 'all';
    const own = principal.organisationId;
    if (!own) return [];
    // An auditor's own organisation has no chain. A brand's standing grant opens the brand's chain in
    // full; an audit's grant only its scope (a supplier's, a lot holder's or the brand's chain), and
    // only until it expires or the audit is concluded (decision 0024).
    const roots = principal.role === 'auditor' ? [] : [own, ...(await managedOrganisations(db, own))];
    if (principal.role === 'auditor') {
      const grants = await db.query<{ root: string }>(
        `SELECT DISTINCT coalesce(scope_organisation_id, brand_id) AS root FROM auditor_grants
         WHERE auditor_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
        [own],
      );
      roots.push(...grants.map((g) => g.root));
    }
    const ids = new Set([own, ...roots]);
    for (const root of roots) {
      for (const id of (await upstreamTiers(db, root)).keys()) ids.add(id);
    }
    return [...ids];
  }

  async function visible(principal: Principal, organisationId: string): Promise<boolean> {
    if (principal.role === 'admin' || principal.organisationId === organisationId) return true;
    const ids = await visibleOrganisations(principal);
    return ids === 'all' || ids.includes(organisationId);
  }

  async function actsFor(principal: Principal, organisationId: string): Promise<boolean> {
    if (principal.role === 'admin') return true;
    const own = principal.organisationId;
    if (!own) return false;
    if (own === organisationId) return true;
    const [row] = await db.query<{ managed_by: string | null }>(
      'SELECT managed_by FROM organisations WHERE id = $1',
      [organisationId],
    );
    return row?.managed_by === own;
  }

  return {
    visibleOrganisations,
    actsFor,
    async requireVisible(principal, organisationId) {
      if (!(await visible(principal, organisationId))) throw notFound('not found');
    },
    async requireWritable(principal, organisationId) {
      if (!(await visible(principal, organisationId))) throw notFound('not found');
      if (principal.role === 'admin') return;
      // Seeing a supplier through an accepted relationship is not writing for it: only its own users
      // and the organisation that keeps its records do (keys, custody model, contacts, events, plots).
      if (WRITER_ROLES.includes(principal.role) && (await actsFor(principal, organisationId))) return;
      throw forbidden(`a ${principal.role} token may not write records for organisation ${organisationId}`);
    },
  };
}
