-- Each EPC is indexed as captured and, where different, as its canonical GS1 Digital Link URI (so a
-- query in either spelling finds it). The /epcs collection lists what was captured, so rows say which
-- spelling they are. Rows indexed before this migration are the captured spelling.
ALTER TABLE epcis_event_epcs ADD COLUMN spelling text NOT NULL DEFAULT 'captured'
  CHECK (spelling IN ('captured', 'canonical'));
CREATE INDEX epcis_event_epcs_captured_idx ON epcis_event_epcs (epc) WHERE spelling = 'captured';
