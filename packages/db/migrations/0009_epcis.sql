-- GS1 EPCIS 2.0 events captured through /epcis/capture. Each event is a ledger entry (the event as
-- submitted, with its document's JSON-LD context and CBV event hash ID); these rows index it for the
-- query interface. Capture jobs are operational records of each submission, not ledger entries.
CREATE TABLE epcis_capture_jobs (
  capture_id       uuid        PRIMARY KEY,
  organisation_id  uuid        NOT NULL REFERENCES organisations (id),
  created_by       text        NOT NULL,
  behaviour        text        NOT NULL CHECK (behaviour IN ('rollback', 'proceed')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  finished_at      timestamptz,
  running          boolean     NOT NULL DEFAULT true,
  success          boolean     NOT NULL DEFAULT false,
  event_count      integer     NOT NULL DEFAULT 0,
  stored_count     integer     NOT NULL DEFAULT 0,
  errors           jsonb       NOT NULL DEFAULT '[]',
  -- Each stored event: eventID, CBV hash ID and ledger entry index.
  events           jsonb       NOT NULL DEFAULT '[]'
);
CREATE INDEX epcis_capture_jobs_org_idx ON epcis_capture_jobs (organisation_id, created_at);

CREATE TABLE epcis_events (
  entry_index      bigint      PRIMARY KEY,
  organisation_id  uuid        NOT NULL REFERENCES organisations (id),
  capture_id       uuid        NOT NULL REFERENCES epcis_capture_jobs (capture_id),
  -- The event's own eventID, or its hash ID when it came without one.
  event_id         text        NOT NULL,
  hash_id          text        NOT NULL,
  event_type       text        NOT NULL,
  event_time       timestamptz NOT NULL,
  record_time      timestamptz NOT NULL,
  action           text,
  biz_step         text,
  disposition      text,
  read_point       text,
  biz_location     text,
  -- eventIDs are unique per capturing organisation: another tenant cannot squat on yours.
  UNIQUE (organisation_id, event_id)
);
CREATE INDEX epcis_events_event_id_idx ON epcis_events (event_id);
CREATE INDEX epcis_events_hash_id_idx ON epcis_events (hash_id);
CREATE INDEX epcis_events_time_idx ON epcis_events (event_time, entry_index);
CREATE INDEX epcis_events_biz_step_idx ON epcis_events (biz_step);
CREATE INDEX epcis_events_biz_location_idx ON epcis_events (biz_location);

CREATE TABLE epcis_event_epcs (
  entry_index  bigint NOT NULL REFERENCES epcis_events (entry_index),
  role         text   NOT NULL,
  epc          text   NOT NULL,
  PRIMARY KEY (entry_index, role, epc)
);
CREATE INDEX epcis_event_epcs_epc_idx ON epcis_event_epcs (epc text_pattern_ops, role);
