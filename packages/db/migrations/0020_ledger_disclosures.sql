-- Selective disclosure (docs/decisions/0008-selective-disclosure.md). A ledger entry logs each
-- confidential field only as a salted digest (SD-JWT's `_sd`); the disclosure — the base64url
-- JSON [salt, name, value] whose SHA-256 is that digest — lives here, written in the transaction
-- that logs the entry. Unlike the ledger tables this one is not append-only: erasing personal data
-- deletes its disclosures, and the log, its leaf hashes and checkpoints stay exactly as they were.
CREATE TABLE ledger_disclosures (
  entry_index      bigint  NOT NULL,
  -- base64url SHA-256 of the disclosure, as it appears in the entry's `_sd` array.
  digest           text    NOT NULL,
  -- Where the value sits in the entry body, dotted (e.g. `outputs.0.quantity`).
  path             text    NOT NULL,
  disclosure       text    NOT NULL,
  -- The organisation that owns the entry under its type's policy: it, and whoever may see its
  -- records, may read the disclosure. NULL: administrators only (unless published).
  organisation_id  uuid,
  -- The ledger entry that made this disclosure public, if any.
  published_entry  bigint,
  PRIMARY KEY (entry_index, digest)
);
CREATE INDEX ledger_disclosures_published_idx ON ledger_disclosures (entry_index) WHERE published_entry IS NOT NULL;

-- Contacts are committed like every other confidential field now: the contact is one disclosure of
-- its contact.added entry, so the separate salt goes (the commitment column keeps the digest bytes).
ALTER TABLE contacts DROP COLUMN salt;
