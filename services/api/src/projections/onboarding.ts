// Projectors of supplier onboarding (schemas/src/entries/onboarding.ts).
import { idOf, indexText, type Projectors, StaleRecord } from './projector.ts';

export const onboardingProjectors = {
  'onboarding.transitioned': async (tx, { index, at, body }) => {
    const [brandId, supplierId] = [idOf(body.brand), idOf(body.supplier)];
    // The entry's `from` must be the status it replaces: a racing transition makes it stale.
    const [row] = await tx.query<{ status: string }>(
      'SELECT status FROM supplier_onboarding WHERE brand_id = $1 AND supplier_id = $2 FOR UPDATE',
      [brandId, supplierId],
    );
    if ((row?.status ?? null) !== body.from)
      throw new StaleRecord('the onboarding status changed meanwhile; read it again');
    await tx.query(
      `INSERT INTO supplier_onboarding (brand_id, supplier_id, status, reason, entry_index, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (brand_id, supplier_id) DO UPDATE SET status = excluded.status, reason = excluded.reason,
         entry_index = excluded.entry_index, updated_at = excluded.updated_at`,
      [brandId, supplierId, body.to, body.reason, indexText(index), at],
    );
  },

  'evidence_requirement.set': async (tx, { index, subject, body }) => {
    await tx.query(
      'INSERT INTO evidence_requirements (brand_id, commodity, key, description, stage, entry_index) VALUES ($1, $2, $3, $4, $5, $6)',
      [idOf(subject), body.commodity, body.key, body.description, body.stage, indexText(index)],
    );
  },
} satisfies Projectors;
