-- Accounting periods of mass-balance sites (ISO 22095; ISCC and RSPO use periods of at most three
-- months). Declaring and closing a period are ledger entries; a closed period takes no postings
-- recorded after the entry that closed it. Periods of one site never overlap (checked when declared,
-- under the ledger writer's lock, since PGlite has no btree_gist for an exclusion constraint).
CREATE TABLE accounting_periods (
  id               uuid        PRIMARY KEY,
  organisation_id  uuid        NOT NULL REFERENCES organisations (id),
  starts_at        timestamptz NOT NULL,
  ends_at          timestamptz NOT NULL,
  entry_index      bigint      NOT NULL,
  declared_by      text        NOT NULL,
  closed_entry     bigint,
  closed_at        timestamptz,
  closed_by        text,
  CHECK (ends_at > starts_at),
  -- Months counted in UTC, as the API counts them, whatever the session's time zone.
  CHECK (ends_at <= ((starts_at AT TIME ZONE 'UTC') + interval '3 months') AT TIME ZONE 'UTC')
);
CREATE INDEX accounting_periods_organisation_idx ON accounting_periods (organisation_id, starts_at);
