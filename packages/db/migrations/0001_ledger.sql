-- The verifiable ledger. Every table here is append-only: rows are written once, in the
-- transaction that sequences their batch, and never changed. Corrections are new entries.

CREATE TABLE ledger_entries (
  idx          bigint      NOT NULL CHECK (idx >= 0),
  -- RFC 9162 leaf hash, SHA-256(0x00 || data): stored to find entries by hash and to deduplicate.
  leaf_hash    bytea       NOT NULL CHECK (octet_length(leaf_hash) = 32),
  -- The exact leaf bytes: RFC 8785 canonical JSON of the entry envelope.
  data         bytea       NOT NULL CHECK (octet_length(data) <= 65535),
  entry_type   text        NOT NULL,
  subject      text        NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  -- Proofs read leaf hashes by index: carrying them in the key index allows index-only scans
  -- instead of visiting the ~1 KiB heap rows.
  PRIMARY KEY (idx) INCLUDE (leaf_hash)
);
CREATE INDEX ledger_entries_leaf_hash_idx ON ledger_entries USING hash (leaf_hash);
CREATE INDEX ledger_entries_subject_idx ON ledger_entries (subject, idx);

-- Complete subtree hashes above the leaves (level >= 1): the 2^level leaves from idx * 2^level.
-- Each is written once, when the tree first covers it, so any root or proof for any past size
-- needs O(log n) reads (as Go's sumdb/tlog stores hashes). Level-0 hashes live in ledger_entries.
CREATE TABLE ledger_subtrees (
  level  smallint NOT NULL CHECK (level BETWEEN 1 AND 63),
  idx    bigint   NOT NULL CHECK (idx >= 0),
  hash   bytea    NOT NULL CHECK (octet_length(hash) = 32),
  PRIMARY KEY (level, idx)
);

-- Every checkpoint the log has signed (C2SP tlog-checkpoint notes), one per committed batch.
CREATE TABLE ledger_checkpoints (
  tree_size  bigint      PRIMARY KEY CHECK (tree_size >= 0),
  root_hash  bytea       NOT NULL CHECK (octet_length(root_hash) = 32),
  note       text        NOT NULL,
  issued_at  timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION gt_refuse_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger table % is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION gt_refuse_ledger_change();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION gt_refuse_ledger_change();
CREATE TRIGGER ledger_subtrees_append_only BEFORE UPDATE OR DELETE ON ledger_subtrees
  FOR EACH ROW EXECUTE FUNCTION gt_refuse_ledger_change();
CREATE TRIGGER ledger_subtrees_no_truncate BEFORE TRUNCATE ON ledger_subtrees
  FOR EACH STATEMENT EXECUTE FUNCTION gt_refuse_ledger_change();
CREATE TRIGGER ledger_checkpoints_append_only BEFORE UPDATE OR DELETE ON ledger_checkpoints
  FOR EACH ROW EXECUTE FUNCTION gt_refuse_ledger_change();
CREATE TRIGGER ledger_checkpoints_no_truncate BEFORE TRUNCATE ON ledger_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION gt_refuse_ledger_change();
