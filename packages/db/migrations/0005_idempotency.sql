-- Responses of requests made with an Idempotency-Key, stored in the transaction that did the work,
-- so a retry gets the same answer and writes nothing twice.
CREATE TABLE idempotency_keys (
  principal     text        NOT NULL,
  key           text        NOT NULL,
  request_hash  text        NOT NULL,
  status_code   integer     NOT NULL,
  response      jsonb       NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (principal, key)
);
