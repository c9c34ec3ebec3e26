-- Users and the API tokens issued to them. Names and e-mail are personal data and stay here; the
-- ledger records that a user with a role exists, and every token issued and revoked.
CREATE TABLE users (
  id               uuid        PRIMARY KEY,
  organisation_id  uuid        REFERENCES organisations (id),
  role             text        NOT NULL CHECK (role IN ('admin', 'procurement', 'compliance', 'auditor', 'supplier')),
  display_name     text,
  email            text,
  entry_index      bigint      NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (role = 'admin' OR organisation_id IS NOT NULL)
);

CREATE TABLE api_tokens (
  jti          uuid        PRIMARY KEY,
  user_id      uuid        NOT NULL REFERENCES users (id),
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  entry_index  bigint      NOT NULL
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);
