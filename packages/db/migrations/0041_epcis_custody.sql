-- Captured EPCIS events that stated custody facts (decision 0025): each links the captured event's
-- entry to the native custody record written with it in the same transaction. The EPCIS query
-- interface serves the captured event and leaves the native fact it made out (it would otherwise
-- be served twice); an error declaration finds the custody fact of the event it declares through it.
CREATE TABLE epcis_custody_links (
  epcis_entry_index   bigint NOT NULL REFERENCES epcis_events (entry_index),
  custody_entry_index bigint NOT NULL,
  -- 'event' for a trace event (harvest, transfer, transformation, loss, a receipt's transit loss),
  -- 'receipt' for a transfer's confirmation (the transfer's id), 'void' for a void (the voided event).
  fact_kind           text   NOT NULL CHECK (fact_kind IN ('event', 'receipt', 'void')),
  fact_id             uuid   NOT NULL,
  PRIMARY KEY (fact_kind, fact_id)
);
CREATE INDEX epcis_custody_links_epcis_idx ON epcis_custody_links (epcis_entry_index);

-- An error declaration carries the eventID of the event it declares (EPCIS 2.0 §7.4.1.2): an
-- organisation's eventIDs are unique among its events, and again among its error declarations.
ALTER TABLE epcis_events ADD COLUMN error_declaration boolean NOT NULL DEFAULT false;
ALTER TABLE epcis_events DROP CONSTRAINT epcis_events_organisation_id_event_id_key;
CREATE UNIQUE INDEX epcis_events_event_id_unique ON epcis_events (organisation_id, event_id, error_declaration);
