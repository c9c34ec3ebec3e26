// Per-object authorisation: who may see and write which organisation's records. A brand's users see
// the chain that feeds their brand; a supplier sees itself and its own upstream; an admin sees all.
import type { SqlExecutor } from '@groundtruth/db';
import type { Principal } from './auth.ts';
import { forbidden, notFound } from './errors.ts';

/** Declared chains deeper than this are treated as bad data rather than followed. */
export const MAX_TIERS = 20;

/**
 * The organisations upstream of `organisationId`, each with its tier (shortest distance along declared
 * buyer → supplier relationships). Breadth-first, one query per tier, cycles ignored.
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

export interface Access {
  /** Every organisation whose records the principal may see, or 'all' for an admin. */
  visibleOrganisations(principal: Principal): Promise<string[] | 'all'>;
  /** Throws 404 unless the principal may see the organisation (a 404, so ids of others do not leak). */
  requireVisible(principal: Principal, organisationId: string): Promise<void>;
  /** Throws 404 if invisible, 403 if visible but not the principal's to write. */
  requireWritable(principal: Principal, organisationId: string): Promise<void>;
}

export function createAccess(db: SqlExecutor): Access {
  async function visibleOrganisations(principal: Principal): Promise<string[] | 'all'> {
    if (principal.role === 'admin') return 'all';
    const own = principal.organisationId;
    if (!own) return [];
    const roots = [own];
    if (principal.role === 'auditor') {
      const grants = await db.query<{ brand_id: string }>(
        'SELECT brand_id FROM auditor_grants WHERE auditor_id = $1 AND revoked_at IS NULL',
        [own],
      );
      roots.push(...grants.map((g) => g.brand_id));
    }
    const ids = new Set(roots);
    // An auditor's own organisation has no chain; a granting brand's chain is read in full.
    for (const root of principal.role === 'auditor' ? roots.slice(1) : roots) {
      for (const id of (await upstreamTiers(db, root)).keys()) ids.add(id);
    }
    return [...ids];
  }

  async function visible(principal: Principal, organisationId: string): Promise<boolean> {
    if (principal.role === 'admin' || principal.organisationId === organisationId) return true;
    const ids = await visibleOrganisations(principal);
    return ids === 'all' || ids.includes(organisationId);
  }

  return {
    visibleOrganisations,
    async requireVisible(principal, organisationId) {
      if (!(await visible(principal, organisationId)))
        throw notFound(`organisation ${organisationId} not found`);
    },
    async requireWritable(principal, organisationId) {
      if (!(await visible(principal, organisationId)))
        throw notFound(`organisation ${organisationId} not found`);
      if (principal.role === 'admin') return;
      // Suppliers write only for themselves; a brand's procurement team maps the chain that feeds it;
      // auditors and compliance officers read.
      if (principal.role === 'supplier' && principal.organisationId === organisationId) return;
      if (principal.role === 'procurement') return;
      throw forbidden(`a ${principal.role} token may not write records for organisation ${organisationId}`);
    },
  };
}
