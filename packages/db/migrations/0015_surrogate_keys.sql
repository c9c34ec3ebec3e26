-- Integer surrogates for plots, events and batches, and the links between them by those integers.
-- The mass-balance recompute reads the whole material graph: linking a million batches to their
-- events by integers stored with the rows, rather than by joining or hashing UUIDs at read time, is
-- most of what makes it fit in seconds. They are internal: no API exposes them, the UUIDs stay the
-- identifiers, and triggers fill the links so no writer can forget them.
ALTER TABLE plots ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE trace_events ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE batches ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE batches ADD COLUMN producer_seq bigint;
ALTER TABLE trace_event_inputs
  ADD COLUMN event_seq bigint,
  ADD COLUMN batch_seq bigint,
  ADD COLUMN plot_seq bigint;

UPDATE batches b SET producer_seq = e.seq FROM trace_events e WHERE e.id = b.produced_by;
UPDATE trace_event_inputs i SET event_seq = e.seq FROM trace_events e WHERE e.id = i.event_id;
UPDATE trace_event_inputs i SET batch_seq = b.seq FROM batches b WHERE b.id = i.batch_id;
UPDATE trace_event_inputs i SET plot_seq = p.seq FROM plots p WHERE p.id = i.plot_id;
ALTER TABLE batches ALTER COLUMN producer_seq SET NOT NULL;
ALTER TABLE trace_event_inputs ALTER COLUMN event_seq SET NOT NULL;

-- The foreign keys guarantee the referenced rows exist, so every link is found; seq never changes.
CREATE FUNCTION gt_batches_link() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.producer_seq := (SELECT seq FROM trace_events WHERE id = NEW.produced_by);
  RETURN NEW;
END $$;
CREATE TRIGGER batches_link BEFORE INSERT ON batches FOR EACH ROW EXECUTE FUNCTION gt_batches_link();

CREATE FUNCTION gt_trace_event_inputs_link() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.event_seq := (SELECT seq FROM trace_events WHERE id = NEW.event_id);
  IF NEW.batch_id IS NOT NULL THEN
    NEW.batch_seq := (SELECT seq FROM batches WHERE id = NEW.batch_id);
  END IF;
  IF NEW.plot_id IS NOT NULL THEN
    NEW.plot_seq := (SELECT seq FROM plots WHERE id = NEW.plot_id);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER trace_event_inputs_link BEFORE INSERT ON trace_event_inputs
  FOR EACH ROW EXECUTE FUNCTION gt_trace_event_inputs_link();
