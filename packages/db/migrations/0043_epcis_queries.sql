-- Named EPCIS queries and their webhook subscriptions (decision 0026). Queries and subscriptions are
-- projections of ledger entries (epcis.query_created/_deleted, epcis.subscription_created/_deleted).
-- Two things here are not: a subscription's signature secret (the subscriber's HMAC key, never
-- logged) and the delivery state, an outbox that survives restarts: one row per (subscription, event),
-- whose delivery_id the subscriber deduplicates on.
CREATE TABLE epcis_queries (
  id               uuid        PRIMARY KEY,
  organisation_id  uuid        NOT NULL REFERENCES organisations (id),
  name             text        NOT NULL,
  parameters       jsonb       NOT NULL,
  created_by       text        NOT NULL,
  created_at       timestamptz NOT NULL,
  entry_index      bigint      NOT NULL,
  deleted_at       timestamptz,
  deleted_entry    bigint
);
-- A name is its organisation's, and free again once the query is deleted.
CREATE UNIQUE INDEX epcis_queries_name_idx ON epcis_queries (organisation_id, name) WHERE deleted_at IS NULL;

CREATE TABLE epcis_subscriptions (
  id                   uuid        PRIMARY KEY,
  query_id             uuid        NOT NULL REFERENCES epcis_queries (id),
  organisation_id      uuid        NOT NULL REFERENCES organisations (id),
  dest                 text        NOT NULL,
  signature_secret     text        NOT NULL,
  -- Whose visibility the query is evaluated with: the subscriber's role in its organisation.
  subscriber           text        NOT NULL,
  subscriber_role      text        NOT NULL,
  initial_record_time  timestamptz NOT NULL,
  -- Where the next scan of the query resumes: a page token of the events query; null = from the start.
  resume_token         text,
  created_at           timestamptz NOT NULL,
  entry_index          bigint      NOT NULL,
  last_notified_at     timestamptz,
  deleted_at           timestamptz,
  deleted_entry        bigint
);
CREATE INDEX epcis_subscriptions_query_idx ON epcis_subscriptions (query_id) WHERE deleted_at IS NULL;

CREATE TABLE epcis_webhook_deliveries (
  delivery_id      uuid        PRIMARY KEY,
  subscription_id  uuid        NOT NULL REFERENCES epcis_subscriptions (id),
  event_id         text        NOT NULL,
  -- The exact bytes POSTed, so every retry carries the same body and signature.
  body             text        NOT NULL,
  status           text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts         integer     NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  -- A delivery claimed by a process is not claimed again until its lease runs out (or it dies).
  lease_until      timestamptz,
  last_status      integer,
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  finished_at      timestamptz,
  UNIQUE (subscription_id, event_id)
);
CREATE INDEX epcis_webhook_deliveries_due_idx ON epcis_webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX epcis_webhook_deliveries_dead_idx ON epcis_webhook_deliveries (subscription_id, finished_at) WHERE status = 'dead';
