// Projectors of mass balance (schemas/src/entries/massbalance.ts): a site's accounting periods, the
// resolutions of findings and the overrides of reference yields.
import type { Transaction } from '@groundtruth/db';
import { AppError } from '../errors.ts';
import { actorUser, idOf, idOrNull, indexText, type Projectors } from './projector.ts';

const iso = (value: Date | string) => new Date(value).toISOString();

/**
 * The organisation a resolution was given for: the entry says so since stop 25; an earlier entry was
 * given for its resolver's own organisation, read from the resolver's user row (an administrator's, or
 * an operator token's that is no user: for everyone). Decision 0036, amended.
 */
async function resolvedFor(
  tx: Transaction,
  actor: string,
  stated: string | undefined,
): Promise<string | null> {
  if (stated !== undefined) return idOf(stated);
  const user = await actorUser(tx, actor);
  return user && user.role !== 'admin' ? user.organisation_id : null;
}

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

  /**
   * A resolution, into the finding's thread (decision 0036). The entry's subject is the finding's
   * name-based id; the findings themselves are derived and never read here, so a replay into an empty
   * database writes the same rows. A second resolution of the same version (its log size and numbers:
   * two racing requests) is refused; a later version, even with the same numbers after the finding came
   * back, may be resolved again. Each organisation resolves for itself: the refusal is per organisation
   * the resolution was given for.
   */
  'finding.resolved': async (tx, { index, at, actor, subject, body }) => {
    const findingId = idOf(subject);
    const numbers = JSON.stringify(body.numbers);
    const resolvedForId = await resolvedFor(tx, actor, body.resolvedFor);
    const [earlier] = await tx.query<{ entry_index: string | number }>(
      `SELECT entry_index FROM finding_resolutions WHERE finding_id = $1 AND tree_size = $2 AND numbers = $3::jsonb
          AND resolved_for IS NOT DISTINCT FROM $4::uuid
        LIMIT 1`,
      [findingId, indexText(body.treeSize), numbers, resolvedForId],
    );
    if (earlier)
      throw new AppError('conflict', `this finding is already resolved (entry ${earlier.entry_index})`);
    const colon = body.subject.indexOf(':');
    await tx.query(
      `INSERT INTO finding_resolutions (entry_index, finding_id, rule, subject_kind, subject_id, period, numbers,
                                        reference_version, tree_size, justification, resolved_by, resolved_at,
                                        resolved_for)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13)`,
      [
        indexText(index),
        findingId,
        body.rule,
        body.subject.slice(0, colon),
        body.subject.slice(colon + 1),
        body.period ?? null,
        numbers,
        body.referenceVersion,
        indexText(body.treeSize),
        body.justification,
        actor,
        at,
        resolvedForId,
      ],
    );
  },

  'reference.override': async (tx, { index, at, actor, body }) => {
    await tx.query(
      `INSERT INTO yield_overrides (entry_index, commodity, country, plot_id, plausible_max, hard_ceiling,
                                    justification, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        indexText(index),
        body.commodity,
        body.country ?? null,
        idOrNull(body.plot),
        body.plausibleMaxKgPerHa ?? null,
        body.hardCeilingKgPerHa ?? null,
        body.justification,
        actor,
        at,
      ],
    );
  },
} satisfies Projectors;
