-- The audit workflow (docs/decisions/0024-audit-workflow.md): a brand's compliance officer opens an
-- audit of a lot, a supplier or its chain over a period and assigns it to an auditing organisation;
-- the auditor records findings, corrective actions are set on them, and the auditor closes the audit
-- with a conclusion signed by its own registered key. Every row is the projection of a ledger entry.
CREATE TABLE audits (
  id                     uuid         PRIMARY KEY,
  brand_id               uuid         NOT NULL REFERENCES organisations (id),
  scope_kind             text         NOT NULL CHECK (scope_kind IN ('lot', 'supplier', 'chain')),
  -- The lot audited (scope 'lot'); null otherwise.
  scope_batch_id         uuid         REFERENCES batches (id),
  -- Whose chain an assigned auditor may read: the supplier, the lot's holder, or the brand itself.
  scope_organisation_id  uuid         NOT NULL REFERENCES organisations (id),
  period_from            date         NOT NULL,
  period_to              date         NOT NULL CHECK (period_to >= period_from),
  title                  text         NOT NULL,
  status                 text         NOT NULL CHECK (status IN ('opened', 'assigned', 'concluded')),
  auditor_id             uuid         REFERENCES organisations (id),
  access_until           timestamptz,
  opened_entry           bigint       NOT NULL,
  opened_at              timestamptz  NOT NULL,
  assigned_entry         bigint,
  concluded_entry        bigint,
  concluded_at           timestamptz,
  conclusion             jsonb,
  conclusion_kid         text,
  conclusion_jws         text,
  CHECK ((scope_kind = 'lot') = (scope_batch_id IS NOT NULL))
);
CREATE INDEX audits_brand_idx ON audits (brand_id);
CREATE INDEX audits_auditor_idx ON audits (auditor_id) WHERE auditor_id IS NOT NULL;
CREATE INDEX audits_lot_idx ON audits (scope_batch_id) WHERE scope_batch_id IS NOT NULL;

CREATE TABLE audit_findings (
  id           uuid         PRIMARY KEY,
  audit_id     uuid         NOT NULL REFERENCES audits (id),
  severity     text         NOT NULL CHECK (severity IN ('minor', 'major', 'critical')),
  -- What the finding is about: an organisation, a lot or a plot in the audit's scope.
  object_kind  text         NOT NULL CHECK (object_kind IN ('organisation', 'batch', 'plot')),
  object_id    uuid         NOT NULL,
  text         text         NOT NULL,
  entry_index  bigint       NOT NULL,
  recorded_at  timestamptz  NOT NULL
);
CREATE INDEX audit_findings_audit_idx ON audit_findings (audit_id, entry_index);

CREATE TABLE audit_corrective_actions (
  id             uuid         PRIMARY KEY,
  audit_id       uuid         NOT NULL REFERENCES audits (id),
  finding_id     uuid         NOT NULL REFERENCES audit_findings (id),
  owner_id       uuid         NOT NULL REFERENCES organisations (id),
  due_date       date         NOT NULL,
  description    text         NOT NULL,
  status         text         NOT NULL CHECK (status IN ('open', 'done', 'verified', 'rejected')),
  set_entry      bigint       NOT NULL,
  -- The entry of the latest change of status (the set entry until the first).
  status_entry   bigint       NOT NULL,
  status_note    text,
  updated_at     timestamptz  NOT NULL
);
CREATE INDEX audit_corrective_actions_audit_idx ON audit_corrective_actions (audit_id, set_entry);
CREATE INDEX audit_corrective_actions_owner_idx ON audit_corrective_actions (owner_id);
