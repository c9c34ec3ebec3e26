-- Invitations (issue 13, decision 0013): a procurement team or an admin invites a supplier's first
-- user. Only the SHA-256 of the invitation token is kept, never the token. The invitee's name and
-- e-mail are personal data: they live here, off the ledger, and are cleared when the invitation is
-- redeemed (they move to the user) or revoked. The ledger entries say who invited which organisation,
-- until when, and who redeemed or revoked it.
CREATE TABLE invitations (
  id                       uuid        PRIMARY KEY,
  organisation_id          uuid        NOT NULL REFERENCES organisations (id),
  invited_by               text        NOT NULL,
  inviter_organisation_id  uuid        REFERENCES organisations (id),
  token_sha256             bytea       NOT NULL UNIQUE CHECK (octet_length(token_sha256) = 32),
  invitee_name             text,
  invitee_email            text,
  expires_at               timestamptz NOT NULL,
  created_at               timestamptz NOT NULL DEFAULT now(),
  entry_index              bigint      NOT NULL,
  redeemed_at              timestamptz,
  redeemed_user_id         uuid        REFERENCES users (id),
  redeemed_entry           bigint,
  revoked_at               timestamptz,
  revoked_entry            bigint,
  CHECK (redeemed_at IS NULL OR revoked_at IS NULL)
);
CREATE INDEX invitations_organisation_idx ON invitations (organisation_id, created_at);
CREATE INDEX invitations_inviter_idx ON invitations (inviter_organisation_id, created_at);
