// How a finding's version reads its resolution (decision 0036): resolutions live in finding_resolutions,
// the projection of finding.resolved, and every reader of findings joins them here, so "resolved" means
// the same in the findings list, a finding's thread, reports, EUDR statements and the evidence views.
// A resolution is given for one organisation and closes the finding for it alone (amended stop 25): one
// brand cannot close, for another brand, a finding about a supplier both rely on.
import type { Principal } from '../../../auth.ts';

/**
 * Whose resolutions close a finding for this reader: its own organisation's, and an administrator's
 * (given for everyone). Null for an administrator, or a caller with no organisation: administrators'
 * resolutions alone.
 */
export function resolutionScope(principal: Principal): string | null {
  return principal.role === 'admin' ? null : (principal.organisationId ?? null);
}

/** The resolutions `r` given for the organisation `scope` (SQL, a uuid or NULL) or for everyone. */
const forScope = (scope: string) => `(r.resolved_for IS NULL OR r.resolved_for = ${scope})`;

/**
 * The resolution covering the finding version `f` (an alias with `id`, `numbers`, `returned_at`) for
 * the organisation `scope` (SQL giving its uuid, or NULL: administrators' resolutions alone, see
 * resolutionScope): the newest resolution of the same finding given for the same numbers, unless the finding went away and
 * came back since (`returned_at`, the log size of the run that found it again, is beyond the
 * resolution's entry: it is open again, and previousResolution names it). Columns `resolution_entry`,
 * `resolution`, `resolved_by`, `resolved_at`, null when none covers it. Changed numbers are a changed
 * finding, so a resolution of other numbers does not cover it. `below` (SQL) limits it to entries
 * before a log size, for what a report pinned to that size may know.
 */
export function coveringResolution(f: string, scope: string, below?: string): string {
  return `LEFT JOIN LATERAL (
      SELECT r.entry_index AS resolution_entry, r.justification AS resolution, r.resolved_by, r.resolved_at,
             r.resolved_for
        FROM finding_resolutions r
       WHERE r.finding_id = ${f}.id AND r.numbers = ${f}.numbers AND ${forScope(scope)}${below ? ` AND r.entry_index < ${below}` : ''}
         AND (${f}.returned_at IS NULL OR ${f}.returned_at <= r.entry_index)
       ORDER BY r.entry_index DESC LIMIT 1) covering ON true`;
}

/**
 * With coveringResolution: the newest resolution of the finding for the same scope when none covers
 * the version, as `previous_entry`, `previous_resolution`, `previous_by`, `previous_at`,
 * `previous_for`. An open finding with one was resolved before, and has come back changed or after a
 * run that did not find it.
 */
export function previousResolution(f: string, scope: string): string {
  return `LEFT JOIN LATERAL (
      SELECT r.entry_index AS previous_entry, r.justification AS previous_resolution, r.resolved_by AS previous_by,
             r.resolved_at AS previous_at, r.resolved_for AS previous_for
        FROM finding_resolutions r
       WHERE r.finding_id = ${f}.id AND covering.resolution_entry IS NULL AND ${forScope(scope)}
       ORDER BY r.entry_index DESC LIMIT 1) previous ON true`;
}
