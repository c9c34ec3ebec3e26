-- A finding's resolutions in a table of their own, written only by the projector of finding.resolved
-- (decision 0036). mass_balance_findings is derived: every recompute supersedes its rows, so a
-- resolution kept there lived only as long as the recompute copied it forward, and a rebuild (which
-- recomputes) lost it. Keyed by the entry; a finding's thread is its rows by finding_id (the finding's
-- name-based id: rule, subject, period), in entry order. A resolution covers each version of the
-- finding whose numbers are the ones it resolved; readers join it.
CREATE TABLE finding_resolutions (
  entry_index        bigint      PRIMARY KEY,
  finding_id         uuid        NOT NULL,
  rule               text        NOT NULL,
  subject_kind       text        NOT NULL,
  subject_id         text        NOT NULL,
  period             text,
  -- The figures the resolution was given for: a version with other numbers is not covered.
  numbers            jsonb       NOT NULL,
  reference_version  text        NOT NULL,
  tree_size          bigint      NOT NULL,
  justification      text        NOT NULL,
  resolved_by        text        NOT NULL,
  resolved_at        timestamptz NOT NULL
);
CREATE INDEX finding_resolutions_finding_idx ON finding_resolutions (finding_id, entry_index DESC);

-- What earlier projections wrote: each resolution entry as the version it was given on (the oldest row
-- carrying it; later rows are copies the recomputes carried forward). The same values the entry holds.
INSERT INTO finding_resolutions (entry_index, finding_id, rule, subject_kind, subject_id, period, numbers,
                                 reference_version, tree_size, justification, resolved_by, resolved_at)
SELECT DISTINCT ON (resolution_entry) resolution_entry, id, rule, subject_kind, subject_id, period, numbers,
       reference_version, tree_size, resolution, resolved_by, resolved_at
  FROM mass_balance_findings
 WHERE resolution_entry IS NOT NULL
 ORDER BY resolution_entry, computed_at, version_id;

-- Whether a finding came back: the log size of the run that found it again after runs that did not,
-- kept by each version that continues it (null: never came back). A resolution given before that
-- does not cover it. Filled here for the findings that have resolutions (for the others no later
-- resolution can precede a return already past): a version continues another when the run that wrote
-- it superseded that one, in one transaction, so at the same now().
ALTER TABLE mass_balance_findings ADD COLUMN returned_at bigint;
UPDATE mass_balance_findings f SET returned_at = (
  SELECT max(back.tree_size) FROM mass_balance_findings back
   WHERE back.id = f.id AND back.computed_at <= f.computed_at
     AND EXISTS (SELECT 1 FROM mass_balance_findings e WHERE e.id = back.id AND e.computed_at < back.computed_at)
     AND NOT EXISTS (SELECT 1 FROM mass_balance_findings c WHERE c.id = back.id AND c.superseded_at = back.computed_at))
 WHERE f.id IN (SELECT finding_id FROM finding_resolutions);
-- The versions a run supersedes, looked up by the run that continues them.
CREATE INDEX mass_balance_findings_superseded_idx ON mass_balance_findings (id, superseded_at)
  WHERE superseded_at IS NOT NULL;

ALTER TABLE mass_balance_findings
  DROP COLUMN resolution_entry,
  DROP COLUMN resolution,
  DROP COLUMN resolved_by,
  DROP COLUMN resolved_at;
