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

-- Record time beside event time: when the ledger entry was written (our clock), against when the
-- client says the event happened. Filled from each event's entry; new rows get their entry's `at`.
ALTER TABLE trace_events ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT now();
UPDATE trace_events e SET recorded_at = (convert_from(l.data, 'UTF8')::jsonb ->> 'at')::timestamptz
  FROM ledger_entries l WHERE l.idx = e.entry_index;

-- A transfer's receiver confirms what actually arrived (a ledger entry). What was sent but did not
-- arrive becomes a loss event on the received batch, written with the receipt (loss_event_id).
CREATE TABLE transfer_receipts (
  event_id        uuid          PRIMARY KEY REFERENCES trace_events (id),
  entry_index     bigint        NOT NULL,
  quantity_value  numeric(33,9) NOT NULL,
  quantity_unit   text          NOT NULL,
  mass_grams      numeric(36,3),
  received_at     timestamptz   NOT NULL,
  loss_event_id   uuid          REFERENCES trace_events (id),
  confirmed_by    text          NOT NULL
);
