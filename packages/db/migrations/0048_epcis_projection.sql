-- EPCIS tables projected from their entries alone (decision 0031, amended).
-- A subscription's signature secret is never logged (decision 0026): the projector writes the row from
-- epcis.subscription_created, and the service (or a rebuild, which copies it) sets the secret after,
-- in the same transaction.
ALTER TABLE epcis_subscriptions ALTER COLUMN signature_secret DROP NOT NULL;
-- A captured event names its capture job, but the job is operational state, not a fact of the log: a
-- database rebuilt from the log has the events and no jobs.
ALTER TABLE epcis_events DROP CONSTRAINT epcis_events_capture_id_fkey;
