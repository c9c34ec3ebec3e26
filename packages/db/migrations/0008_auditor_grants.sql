-- A brand grants an auditing organisation read access to the chain that feeds it.
CREATE TABLE auditor_grants (
  brand_id     uuid        NOT NULL REFERENCES organisations (id),
  auditor_id   uuid        NOT NULL REFERENCES organisations (id),
  entry_index  bigint      NOT NULL,
  revoked_at   timestamptz,
  PRIMARY KEY (brand_id, auditor_id)
);
CREATE INDEX auditor_grants_auditor_idx ON auditor_grants (auditor_id) WHERE revoked_at IS NULL;
