-- Disclosures stored one row per entry instead of one row per field (docs/decisions/0011).
-- Measured on PostgreSQL 15 here: 100,000 transfer entries with two committed quantities took
-- 1.24 s to insert as 200,000 disclosure rows and 0.45 s as 100,000 rows of two-element arrays,
-- against 0.58 s for the entries themselves: per-row overhead, not bytes, was what the commitments
-- cost. Publications are rare and per field, so they get their own small table.
CREATE TABLE ledger_entry_disclosures (
  entry_index      bigint  PRIMARY KEY,
  -- The organisation that owns the entry under its type's policy: it, and whoever may see its
  -- records, may read the disclosures. NULL: administrators only (unless published).
  organisation_id  uuid,
  -- Parallel arrays, in the order the writer committed the fields: where each value sits in the
  -- entry body (dotted, e.g. `outputs.0.quantity`) and its disclosure, the base64url JSON
  -- [salt, name, value] whose SHA-256 is a digest in the entry's `_sd` arrays.
  paths            text[]  NOT NULL,
  disclosures      text[]  NOT NULL,
  CHECK (cardinality(paths) = cardinality(disclosures) AND cardinality(paths) > 0)
);

-- A field made public, and the ledger entry that made it so. Erasing an entry's disclosures erases
-- its publications with them.
CREATE TABLE ledger_disclosure_publications (
  -- Deferred: the writer inserts an entry's disclosures and its publications in one statement.
  entry_index      bigint  NOT NULL REFERENCES ledger_entry_disclosures (entry_index) ON DELETE CASCADE
                           DEFERRABLE INITIALLY DEFERRED,
  path             text    NOT NULL,
  published_entry  bigint  NOT NULL,
  PRIMARY KEY (entry_index, path)
);

INSERT INTO ledger_entry_disclosures (entry_index, organisation_id, paths, disclosures)
  SELECT entry_index, (array_agg(organisation_id))[1], array_agg(path ORDER BY path), array_agg(disclosure ORDER BY path)
  FROM ledger_disclosures GROUP BY entry_index;
INSERT INTO ledger_disclosure_publications (entry_index, path, published_entry)
  SELECT entry_index, path, published_entry FROM ledger_disclosures WHERE published_entry IS NOT NULL;
DROP TABLE ledger_disclosures;

-- What readers query: one row per disclosed field, as the table used to be.
CREATE VIEW ledger_disclosures AS
  SELECT d.entry_index, f.path, f.disclosure, d.organisation_id, p.published_entry, f.position
  FROM ledger_entry_disclosures d
  CROSS JOIN LATERAL unnest(d.paths, d.disclosures) WITH ORDINALITY AS f(path, disclosure, position)
  LEFT JOIN ledger_disclosure_publications p ON p.entry_index = d.entry_index AND p.path = f.path;
