-- A transfer receipt carries its event's integer surrogate, as inputs and batches do (0015): the
-- mass-balance recompute learns which of a million events were confirmed by reading one column of
-- the receipts, where it joined every receipt to its event by UUID (about as long as reading the
-- events themselves). Filled by a trigger so no writer can forget it; seq never changes.
ALTER TABLE transfer_receipts ADD COLUMN event_seq bigint;
UPDATE transfer_receipts r SET event_seq = e.seq FROM trace_events e WHERE e.id = r.event_id;
ALTER TABLE transfer_receipts ALTER COLUMN event_seq SET NOT NULL;

CREATE FUNCTION gt_transfer_receipts_link() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.event_seq := (SELECT seq FROM trace_events WHERE id = NEW.event_id);
  RETURN NEW;
END $$;
CREATE TRIGGER transfer_receipts_link BEFORE INSERT ON transfer_receipts
  FOR EACH ROW EXECUTE FUNCTION gt_transfer_receipts_link();
