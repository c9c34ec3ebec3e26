-- Captured EPCIS events that stated custody facts (decision 0025): each links the captured event's
-- entry to the native custody record written with it in the same transaction. The EPCIS query
-- interface serves the captured event and leaves the native fact it made out (it would otherwise
-- be served twice); a native void of such a fact finds the captured event through it.
CREATE TABLE epcis_custody_links (
  epcis_entry_index   bigint NOT NULL REFERENCES epcis_events (entry_index),
  custody_entry_index bigint NOT NULL,
  -- 'event' for a trace event (harvest, transfer, transformation, loss, a receipt's transit loss),
  -- 'receipt' for a transfer's confirmation (the transfer's id).
  fact_kind           text   NOT NULL CHECK (fact_kind IN ('event', 'receipt')),
  fact_id             uuid   NOT NULL,
  PRIMARY KEY (fact_kind, fact_id)
);
CREATE INDEX epcis_custody_links_epcis_idx ON epcis_custody_links (epcis_entry_index);
