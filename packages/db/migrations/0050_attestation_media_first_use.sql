-- EVIDENCE_REUSED needs, for each medium of a new attestation, only the first attestation that named it
-- and the first that named it for another subject than that one (massbalance/mass-balance/evidence.ts).
-- The incremental check loaded every attestation sharing the medium, with its geometry and media: one
-- photo sent ten thousand times made every later check read ten thousand rows (the evidence bench,
-- which reuses one photo, fell from 144 to 29 attestations/s over three runs of 2,000). With the
-- attestation's log position and subject beside each medium, both are an index scan.
ALTER TABLE attestation_media
  ADD COLUMN entry_index  bigint,
  ADD COLUMN subject_kind text,
  ADD COLUMN subject_id   uuid;
UPDATE attestation_media m
   SET entry_index = a.entry_index, subject_kind = a.subject_kind, subject_id = a.subject_id
  FROM attestations a
 WHERE a.id = m.attestation_id;
ALTER TABLE attestation_media
  ALTER COLUMN entry_index SET NOT NULL,
  ALTER COLUMN subject_kind SET NOT NULL,
  ALTER COLUMN subject_id SET NOT NULL;
DROP INDEX attestation_media_sha256_idx;
CREATE INDEX attestation_media_first_use_idx ON attestation_media (sha256, entry_index)
  INCLUDE (subject_kind, subject_id, attestation_id);
