-- Thumbnails of the photos a brand published on a passport (docs/decisions/0022): small JPEGs made
-- from attested photos when a claim whose policy shows thumbnails is published, stored with that
-- claim's entry and served publicly by their own SHA-256. The photos themselves stay private.
CREATE TABLE passport_thumbnails (
  sha256        char(64)  PRIMARY KEY,
  media_sha256  char(64)  NOT NULL REFERENCES evidence_blobs (sha256),
  -- The first batch.claim_published entry that published it.
  claim_entry   bigint    NOT NULL,
  width         integer   NOT NULL CHECK (width > 0),
  height        integer   NOT NULL CHECK (height > 0),
  bytes         bytea     NOT NULL
);
