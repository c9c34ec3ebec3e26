-- Personal data (supplier contacts: a farmer's name, phone, e-mail) stays off the ledger so it can
-- be erased. The ledger entry carries only a salted SHA-256 commitment; erasing the row and its salt
-- leaves the tree intact and the commitment unlinkable.
CREATE TABLE contacts (
  id               uuid        PRIMARY KEY,
  organisation_id  uuid        NOT NULL REFERENCES organisations (id),
  name             text,
  email            text,
  phone            text,
  role             text,
  salt             bytea,
  commitment       bytea       NOT NULL,
  entry_index      bigint      NOT NULL,
  erased_at        timestamptz,
  CHECK ((erased_at IS NULL) = (salt IS NOT NULL))
);
CREATE INDEX contacts_organisation_idx ON contacts (organisation_id);
