// The one writer of findings (mass_balance_findings): the recompute's store, every incremental check of
// the mass-balance engine and the forest check all write through insertFindings, so a finding's id and
// its run are decided in one place (decisions 0009, 0020, 0032). Resolutions are not written here: they
// are the projection of finding.resolved (finding_resolutions), which the readers join (decision 0036).
import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@groundtruth/db';
import type { ScopedFinding } from '@groundtruth/massbalance';
import { findingIds } from './identity.ts';

/** What findingArrays reads of a finding: any check's finding, not only the mass-balance rules'. */
export type FindingColumns = Pick<
  ScopedFinding,
  'severity' | 'subject' | 'period' | 'organisationId' | 'message'
> & {
  rule: string;
  numbers: Record<string, unknown>;
};

/**
 * The columns of new findings as parallel text arrays, in the order insertFindings reads them. Arrays
 * travel as text[] and are cast in SQL: the PostgreSQL driver sends only some array types.
 */
function findingArrays(found: FindingColumns[], ids: string[], versions: string[]): (string | null)[][] {
  return [
    versions,
    ids,
    found.map((f) => f.rule),
    found.map((f) => f.severity),
    found.map((f) => f.subject.kind),
    found.map((f) => f.subject.id),
    found.map((f) => f.period ?? null),
    found.map((f) => f.organisationId ?? null),
    found.map((f) => f.message),
    found.map((f) => JSON.stringify(f.numbers)),
  ];
}

/**
 * The one statement that writes findings, for the recompute and every incremental check: the ten
 * arrays of findingArrays from parameter $first on, for `run` (a relation with the run's id and tree
 * size). `version` is the SQL of the reference table version; `continued` a relation (`id`,
 * `returned_at`) of the versions this run superseded.
 *
 * `returned_at` says whether the finding came back (decision 0036): a version continuing one this run
 * superseded keeps its value; a finding found again after runs that did not find it gets this run's
 * tree size; a finding's first version has none. A resolution given before the finding came back
 * does not cover it (resolutions.ts). Of two current versions (two incremental checks of one subject
 * racing), the earliest return is kept: they are one streak.
 */
function insertFindings(first: number, run: string, version: string, continued: string): string {
  const arrays = Array.from({ length: 10 }, (_, k) => `$${first + k}::text[]`).join(', ');
  return `INSERT INTO mass_balance_findings (version_id, id, run_id, rule, severity, subject_kind, subject_id, period,
       organisation_id, message, numbers, reference_version, tree_size, returned_at)
     SELECT n.version_id::uuid, n.id::uuid, run.id, n.rule, n.severity, n.subject_kind, n.subject_id, n.period,
            n.organisation_id::uuid, n.message, n.numbers::jsonb, ${version}, run.tree_size,
            CASE WHEN continued.id IS NOT NULL THEN continued.returned_at
                 WHEN EXISTS (SELECT 1 FROM mass_balance_findings earlier WHERE earlier.id = n.id::uuid)
                   THEN run.tree_size END
       FROM unnest(${arrays})
         AS n(version_id, id, rule, severity, subject_kind, subject_id, period, organisation_id, message, numbers)
       CROSS JOIN ${run} run
       LEFT JOIN LATERAL (SELECT c.id, c.returned_at FROM ${continued} c WHERE c.id = n.id::uuid
                           ORDER BY c.returned_at NULLS FIRST LIMIT 1) continued
         ON true`;
}

/**
 * An incremental check's one statement: the run, the superseding of the current findings `supersede`
 * selects (SQL over the parameters it makes with `param`), and the new findings under their name-based
 * ids. `durable: false` lets the commit skip the wait
 * for the disk: right for findings derived from ledger entries (the next recompute restores them), not
 * for a check whose inputs are not in the ledger (the forest map's). In a transaction, that setting
 * holds for the whole transaction. Returns the run's id, its tree size and the findings' ids.
 */
export async function writeIncrementalRun(
  db: SqlExecutor,
  run: {
    requestedBy: string;
    startedAt: Date;
    referenceVersion: string;
    found: FindingColumns[];
    supersede: (param: (value: unknown) => string) => string;
    durable: boolean;
  },
): Promise<{ runId: string; treeSize: number; ids: string[] }> {
  const runId = randomUUID();
  const ids = findingIds(run.found);
  const params: unknown[] = [
    runId,
    run.referenceVersion,
    run.startedAt.toISOString(),
    run.found.length,
    run.requestedBy,
    ...findingArrays(
      run.found,
      ids,
      run.found.map(() => randomUUID()),
    ),
  ];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const selected = run.supersede(param);
  const [written] = await db.query<{ tree_size: string | number }>(
    `WITH run AS (
       INSERT INTO mass_balance_runs (id, kind, tree_size, reference_version, started_at, finding_count, requested_by)
       VALUES ($1, 'incremental', (SELECT coalesce(max(idx) + 1, 0) FROM ledger_entries), $2, $3, $4, $5)
       RETURNING id, tree_size),
     superseded AS (
       UPDATE mass_balance_findings SET superseded_at = now() WHERE superseded_at IS NULL AND (${selected})
       RETURNING id, returned_at),
     inserted AS (${insertFindings(6, 'run', '$2', 'superseded')} RETURNING id)
     SELECT tree_size FROM run${run.durable ? '' : ", (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit"}`,
    params,
  );
  return { runId, treeSize: Number(written!.tree_size), ids };
}

/**
 * What the recompute's transaction superseded before inserting: its `now()` is the time it set, the
 * same for every statement of the transaction.
 */
const SUPERSEDED_IN_THIS_TRANSACTION =
  '(SELECT id, returned_at FROM mass_balance_findings WHERE superseded_at = now())';

/**
 * A full recompute's findings, in chunks, inside the caller's transaction after it has inserted the run
 * and superseded what the run replaces. `afterChunk` hears of each chunk with the
 * version id given to each finding in it (for rows that hang from a finding's version).
 */
export async function insertRecomputedFindings(
  tx: SqlExecutor,
  run: { runId: string; treeSize: number; referenceVersion: string },
  findings: ScopedFinding[],
  afterChunk: (chunk: ScopedFinding[], versions: string[]) => Promise<void>,
): Promise<void> {
  const ids = findingIds(findings);
  const versions = findings.map(() => randomUUID());
  const relation = '(SELECT $1::uuid AS id, $2::bigint AS tree_size)';
  for (let start = 0; start < findings.length; start += 2000) {
    const chunk = findings.slice(start, start + 2000);
    const chunkVersions = versions.slice(start, start + 2000);
    await tx.query(insertFindings(4, relation, '$3', SUPERSEDED_IN_THIS_TRANSACTION), [
      run.runId,
      run.treeSize,
      run.referenceVersion,
      ...findingArrays(chunk, ids.slice(start, start + 2000), chunkVersions),
    ]);
    await afterChunk(chunk, chunkVersions);
  }
}
