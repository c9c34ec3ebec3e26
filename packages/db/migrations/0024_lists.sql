-- Lists and lookups (issue 13): indexes for the keyset-paged lists (each list orders by a unique key
-- and filters by what people search for). The team that registers a supplier reads it back through
-- organisations.managed_by (migration 0019), not a column of its own.
CREATE INDEX organisations_name_idx ON organisations ((name COLLATE "C"), id);
CREATE INDEX organisations_name_prefix_idx ON organisations (lower(name) text_pattern_ops);
CREATE INDEX batches_lot_idx ON batches (lot);
CREATE INDEX batches_organisation_idx ON batches (organisation_id, seq);
CREATE INDEX batches_product_idx ON batches (product_id);
CREATE INDEX supplier_onboarding_supplier_idx ON supplier_onboarding (supplier_id);
