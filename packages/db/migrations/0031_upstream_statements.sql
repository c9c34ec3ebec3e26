-- References of upstream due-diligence statements (EUDR), recorded per incoming batch by the
-- organisation that holds it: the projection of `batch.upstream_statement` entries
-- (docs/eudr.md). Downstream operators keep these for five years and cite them in their own
-- statements (the Information System's `groupedDeclarations`).
CREATE TABLE batch_upstream_statements (
  batch_id             uuid         NOT NULL REFERENCES batches (id),
  organisation_id      uuid         NOT NULL REFERENCES organisations (id),
  -- The Information System's reference number (at most 14 characters) and verification number (5–35).
  reference_number     text         NOT NULL CHECK (char_length(reference_number) BETWEEN 1 AND 14),
  verification_number  text         NOT NULL CHECK (char_length(verification_number) BETWEEN 5 AND 35),
  entry_index          bigint       NOT NULL,
  recorded_at          timestamptz  NOT NULL,
  PRIMARY KEY (batch_id, reference_number)
);
