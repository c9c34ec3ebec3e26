-- An entry's disclosures move into the entry's own row (docs/decisions/0037): three nullable columns
-- of ledger_entries instead of a second table. A second table cost each committed entry a second heap
-- tuple, its key index entry and its WAL; the columns add only their bytes (measured: decision 0037).
--
-- The log's bytes stay immutable. What changes is the one UPDATE ledger_entries now accepts: erasing a
-- contact's disclosures, which sets the three disclosure columns to NULL and leaves every other column
-- as it was. DELETE and TRUNCATE stay refused, and any other UPDATE is refused as before.
ALTER TABLE ledger_entries
  -- The organisation that owns the entry under its type's policy: it, and whoever may see its records,
  -- may read the disclosures. NULL with disclosures present: administrators only (unless published).
  ADD COLUMN disclosure_owner  uuid,
  -- The entry's disclosure paths and strings, each in commit order joined by `~` (as migration 0047
  -- stored them): where each value sits in the body, and the base64url JSON [salt, name, value] whose
  -- SHA-256 is a digest in the entry's `_sd` arrays. NULL: nothing committed, or erased.
  ADD COLUMN disclosure_paths  text,
  ADD COLUMN disclosures       text,
  ADD CONSTRAINT ledger_entries_disclosures_whole CHECK (
    (disclosures IS NULL) = (disclosure_paths IS NULL)
    AND (disclosures IS NULL OR (disclosures <> '' AND disclosure_paths <> ''))
    AND (disclosure_owner IS NULL OR disclosures IS NOT NULL)
  );

-- Moved while no trigger guards the table: the only UPDATE that ever fills these columns.
DROP TRIGGER ledger_entries_append_only ON ledger_entries;
UPDATE ledger_entries e
   SET disclosure_owner = d.organisation_id, disclosure_paths = d.paths, disclosures = d.disclosures
  FROM ledger_entry_disclosures d
 WHERE d.entry_index = e.idx;

-- Erasure only: a contact entry (the one type whose disclosures hold personal data to erase) that has
-- disclosures loses all three columns at once, and every other column stays byte for byte as it was:
-- the row is compared, with the three columns put back, by `*=` (binary image equality), so a column
-- added later is guarded too and no type's loose equality (numeric 1.0 = 1.00) lets a change through.
-- Its publications go with it, here rather than in each caller (they used to cascade from the
-- disclosure row). Anything else, a no-op UPDATE or a second erasure included, is refused.
CREATE FUNCTION gt_ledger_entry_erasure_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  restored ledger_entries;
BEGIN
  restored := NEW;
  restored.disclosure_owner := OLD.disclosure_owner;
  restored.disclosure_paths := OLD.disclosure_paths;
  restored.disclosures := OLD.disclosures;
  IF OLD.entry_type = 'contact.added' AND OLD.disclosures IS NOT NULL
     AND NEW.disclosure_owner IS NULL AND NEW.disclosure_paths IS NULL AND NEW.disclosures IS NULL
     AND restored *= OLD THEN
    DELETE FROM ledger_disclosure_publications WHERE entry_index = OLD.idx;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'ledger table % is append-only: UPDATE refused (only erasing a contact''s disclosures is allowed)', TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END
$$;
-- The same name as before, so that whoever disabled it to tamper (tests, an attacker with superuser)
-- disables what guards the log's bytes.
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION gt_ledger_entry_erasure_only();
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION gt_refuse_ledger_change();

-- Publications now name the entry itself; the erasure trigger deletes them with the disclosures (there
-- is no row left to cascade from).
DROP VIEW ledger_disclosures;
ALTER TABLE ledger_disclosure_publications
  DROP CONSTRAINT ledger_disclosure_publications_entry_index_fkey,
  ADD CONSTRAINT ledger_disclosure_publications_entry_index_fkey
    FOREIGN KEY (entry_index) REFERENCES ledger_entries (idx) DEFERRABLE INITIALLY DEFERRED;
DROP TABLE ledger_entry_disclosures;

-- What readers query, unchanged: one row per disclosed field.
CREATE VIEW ledger_disclosures AS
  SELECT e.idx AS entry_index, f.path, f.disclosure, e.disclosure_owner AS organisation_id,
         p.published_entry, f.position
  FROM ledger_entries e
  CROSS JOIN LATERAL unnest(string_to_array(e.disclosure_paths, '~'), string_to_array(e.disclosures, '~'))
    WITH ORDINALITY AS f(path, disclosure, position)
  LEFT JOIN ledger_disclosure_publications p ON p.entry_index = e.idx AND p.path = f.path
  WHERE e.disclosures IS NOT NULL;
