-- What auditors say about attestations (signed by the auditor's own registered key), and withdrawals
-- by the attesting supplier. Both are ledger entries; nothing is deleted.
CREATE TABLE attestation_statements (
  id               uuid        PRIMARY KEY,
  attestation_id   uuid        NOT NULL REFERENCES attestations (id),
  entry_index      bigint      NOT NULL UNIQUE,
  organisation_id  uuid        NOT NULL REFERENCES organisations (id),
  kid              text        NOT NULL REFERENCES organisation_keys (kid),
  verdict          text        NOT NULL CHECK (verdict IN ('confirmed', 'disputed', 'fake')),
  statement        jsonb       NOT NULL,
  jws              text        NOT NULL,
  recorded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attestation_statements_attestation_idx ON attestation_statements (attestation_id);

ALTER TABLE attestations ADD COLUMN withdrawn_entry bigint;
ALTER TABLE attestations ADD COLUMN withdrawn_reason text;
