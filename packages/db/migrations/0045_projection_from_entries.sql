-- Projections written from entries alone (decision 0031). An invitation's token digest is kept off the
-- log (it is a bearer secret's hash): its projector writes the row from invitation.created, and the
-- service (or a rebuild, which copies it) sets the digest after. A null digest matches no token.
ALTER TABLE invitations ALTER COLUMN token_sha256 DROP NOT NULL;
