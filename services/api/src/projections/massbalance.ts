// Projectors of mass balance (schemas/src/entries/massbalance.ts): a site's accounting periods.
// finding.resolved and reference.override still project inline (decision 0031, not yet converted).
import { AppError } from '../errors.ts';
import { idOf, indexText, type Projectors } from './projector.ts';

const iso = (value: Date | string) => new Date(value).toISOString();

export const massBalanceProjectors = {
  'accounting_period.declared': async (tx, { index, actor, subject, body }) => {
    const organisationId = idOf(subject);
    // Under the writer's lock: no other declaration can slip in between this check and the insert.
    const [overlap] = await tx.query<{ id: string; starts_at: Date | string; ends_at: Date | string }>(
      `SELECT id, starts_at, ends_at FROM accounting_periods
        WHERE organisation_id = $1 AND starts_at < $3 AND ends_at > $2 LIMIT 1`,
      [organisationId, body.start, body.end],
    );
    if (overlap)
      throw new AppError(
        'conflict',
        `the period overlaps period ${overlap.id} (${iso(overlap.starts_at)} to ${iso(overlap.ends_at)})`,
      );
    await tx.query(
      `INSERT INTO accounting_periods (id, organisation_id, starts_at, ends_at, entry_index, declared_by)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [idOf(body.period), organisationId, body.start, body.end, indexText(index), actor],
    );
  },

  'accounting_period.closed': async (tx, { index, at, actor, body }) => {
    const closed = await tx.query(
      `UPDATE accounting_periods SET closed_entry = $2, closed_at = $4, closed_by = $3
        WHERE id = $1 AND closed_entry IS NULL RETURNING id`,
      [idOf(body.period), indexText(index), actor, at],
    );
    if (closed.length === 0) throw new AppError('conflict', 'this period was closed meanwhile');
  },
} satisfies Projectors;
