-- Chain of custody without holes (issue 11).
--
-- Losses: a `loss` event consumes part of a batch and produces nothing (drying, shrinkage, spillage),
-- so a gap between what a batch held and what went on is recorded, never silent. Its reason is kept.
ALTER TABLE trace_events DROP CONSTRAINT trace_events_kind_check;
ALTER TABLE trace_events ADD CONSTRAINT trace_events_kind_check
  CHECK (kind IN ('harvest', 'transfer', 'transformation', 'loss'));
ALTER TABLE trace_events ADD COLUMN reason text;

-- Voids: an event is voided by a later ledger entry that names it (after EPCIS 2.0 errorDeclaration);
-- the event and its rows stay, and every reader leaves out events voided below the size it reads at.
CREATE TABLE trace_event_voids (
  event_id     uuid        PRIMARY KEY REFERENCES trace_events (id),
  entry_index  bigint      NOT NULL,
  reason       text        NOT NULL,
  voided_by    text        NOT NULL,
  voided_at    timestamptz NOT NULL
);
