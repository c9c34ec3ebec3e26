-- Mass-balance findings. A run (full recompute or an incremental check) writes findings; a newer run
-- supersedes them (superseded_at) rather than deleting, so any past report can be read back. Each
-- finding names the reference table version and the ledger tree size it was computed at.
ALTER TABLE organisations ADD COLUMN custody_model text NOT NULL DEFAULT 'segregated'
  CHECK (custody_model IN ('identity_preserved', 'segregated', 'mass_balance'));

CREATE TABLE mass_balance_runs (
  id                 uuid        PRIMARY KEY,
  kind               text        NOT NULL CHECK (kind IN ('recompute', 'incremental')),
  tree_size          bigint      NOT NULL,
  reference_version  text        NOT NULL,
  started_at         timestamptz NOT NULL,
  finished_at        timestamptz NOT NULL DEFAULT now(),
  finding_count      integer     NOT NULL,
  requested_by       text        NOT NULL
);

CREATE TABLE mass_balance_findings (
  id                 uuid        PRIMARY KEY,
  run_id             uuid        NOT NULL REFERENCES mass_balance_runs (id),
  rule               text        NOT NULL,
  severity           text        NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  subject_kind       text        NOT NULL,
  subject_id         text        NOT NULL,
  -- Crop year or accounting period, where the rule has one.
  period             text,
  -- Who holds the subject: findings are visible to whoever may see that organisation.
  organisation_id    uuid        REFERENCES organisations (id),
  message            text        NOT NULL,
  numbers            jsonb       NOT NULL,
  reference_version  text        NOT NULL,
  tree_size          bigint      NOT NULL,
  computed_at        timestamptz NOT NULL DEFAULT now(),
  superseded_at      timestamptz,
  -- A compliance officer's resolution: a ledger entry with the justification.
  resolution_entry   bigint,
  resolution         text,
  resolved_by        text,
  resolved_at        timestamptz
);
CREATE INDEX mass_balance_findings_current_idx ON mass_balance_findings (subject_kind, subject_id)
  WHERE superseded_at IS NULL;
CREATE INDEX mass_balance_findings_rule_idx ON mass_balance_findings (rule) WHERE superseded_at IS NULL;
CREATE INDEX mass_balance_findings_org_idx ON mass_balance_findings (organisation_id) WHERE superseded_at IS NULL;

-- Which batches downstream hold volume a finding touches, and how much of each.
CREATE TABLE mass_balance_exposures (
  finding_id  uuid             NOT NULL REFERENCES mass_balance_findings (id),
  batch_id    uuid             NOT NULL REFERENCES batches (id),
  share       double precision NOT NULL CHECK (share > 0 AND share <= 1),
  PRIMARY KEY (finding_id, batch_id)
);
CREATE INDEX mass_balance_exposures_batch_idx ON mass_balance_exposures (batch_id);
