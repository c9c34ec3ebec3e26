-- Product passports as W3C Verifiable Credentials (issue 14 item 5, docs/decisions/0022): the JWS a
-- product's organisation signed over the credential the service drafted from one batch claim, as
-- logged by its passport.credential_issued entry. Served publicly with that claim's passport.
CREATE TABLE passport_credentials (
  entry_index      bigint  PRIMARY KEY,
  batch_id         uuid    NOT NULL REFERENCES batches (id),
  -- The batch.claim_published entry the credential states.
  claim_entry      bigint  NOT NULL,
  organisation_id  uuid    NOT NULL REFERENCES organisations (id),
  kid              text    NOT NULL REFERENCES organisation_keys (kid),
  jws              text    NOT NULL
);
CREATE INDEX passport_credentials_claim_idx ON passport_credentials (claim_entry, entry_index DESC);
-- The same signed credential once per claim, even when two requests race (md5: a JWS can outgrow a
-- btree key; two different JWSs with one md5 for one claim are not a concern here).
CREATE UNIQUE INDEX passport_credentials_once ON passport_credentials (claim_entry, md5(jws));
