-- Findings keep one identity across runs (issue 11 item 4, decision 0009). `id` is now the finding's
-- name-based id (a UUIDv8 from SHA-256 of the rule, subject and period; see
-- services/api/src/routes/v1/mass-balance/identity.ts): every run that finds the same thing writes a
-- new version of the same id, and the newest version not superseded is the finding as it stands. Each
-- version keeps its own row (and its exposures) under `version_id`, so past reports still read back.
ALTER TABLE mass_balance_exposures DROP CONSTRAINT mass_balance_exposures_finding_id_fkey;
ALTER TABLE mass_balance_findings RENAME COLUMN id TO version_id;
ALTER TABLE mass_balance_exposures RENAME COLUMN finding_id TO finding_version_id;
ALTER TABLE mass_balance_exposures ADD CONSTRAINT mass_balance_exposures_finding_version_fkey
  FOREIGN KEY (finding_version_id) REFERENCES mass_balance_findings (version_id);
-- Rows written before this migration keep their random ids as finding ids: links handed out stay
-- valid until the next run, which writes the same findings again under their name-based ids (their
-- resolutions carry over by rule, subject, period and numbers, as before).
ALTER TABLE mass_balance_findings ADD COLUMN id uuid;
UPDATE mass_balance_findings SET id = version_id;
ALTER TABLE mass_balance_findings ALTER COLUMN id SET NOT NULL;
CREATE INDEX mass_balance_findings_id_idx ON mass_balance_findings (id, computed_at DESC);
