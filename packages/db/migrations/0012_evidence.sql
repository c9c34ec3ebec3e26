-- Reality-snapshot evidence. Media bytes live in the content-addressed blob store; these rows record
-- what each blob is (judged by its bytes) and who uploaded it. Supplier keys and attestations are
-- ledger entries; these tables are their projections.
CREATE TABLE evidence_blobs (
  sha256      char(64)    PRIMARY KEY,
  size        bigint      NOT NULL CHECK (size >= 0),
  kind        text        NOT NULL,
  media_type  text        NOT NULL,
  format      text        NOT NULL,
  metadata    jsonb       NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE evidence_uploads (
  sha256           char(64)    NOT NULL REFERENCES evidence_blobs (sha256),
  organisation_id  uuid        NOT NULL REFERENCES organisations (id),
  uploaded_by      text        NOT NULL,
  uploaded_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sha256, organisation_id)
);

CREATE TABLE organisation_keys (
  -- RFC 7638 JWK thumbprint (SHA-256, base64url).
  kid              text        PRIMARY KEY,
  organisation_id  uuid        NOT NULL REFERENCES organisations (id),
  alg              text        NOT NULL CHECK (alg IN ('EdDSA', 'ES256')),
  jwk              jsonb       NOT NULL,
  entry_index      bigint      NOT NULL,
  revoked_entry    bigint,
  revoked_at       timestamptz
);
CREATE INDEX organisation_keys_org_idx ON organisation_keys (organisation_id);

CREATE TABLE attestations (
  id               uuid        PRIMARY KEY,
  entry_index      bigint      NOT NULL UNIQUE,
  organisation_id  uuid        NOT NULL REFERENCES organisations (id),
  kid              text        NOT NULL REFERENCES organisation_keys (kid),
  subject_kind     text        NOT NULL CHECK (subject_kind IN ('plot', 'batch')),
  subject_id       uuid        NOT NULL,
  captured_at      timestamptz NOT NULL,
  manifest         jsonb       NOT NULL,
  jws              text        NOT NULL,
  recorded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attestations_subject_idx ON attestations (subject_kind, subject_id);

CREATE TABLE attestation_media (
  attestation_id  uuid     NOT NULL REFERENCES attestations (id),
  sha256          char(64) NOT NULL REFERENCES evidence_blobs (sha256),
  PRIMARY KEY (attestation_id, sha256)
);
CREATE INDEX attestation_media_sha256_idx ON attestation_media (sha256);
