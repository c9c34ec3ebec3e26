-- When each site's chain-of-custody model changed. A finding judges volume by the model in force when
-- it was recorded, not by today's: a site that moves from segregation to mass balance does not make
-- its segregated past a mass-balance one, nor the reverse. Filled from the ledger entries that set a
-- model; before a site's first such entry its model is the default, segregated.
CREATE TABLE custody_model_changes (
  organisation_id  uuid   NOT NULL REFERENCES organisations (id),
  entry_index      bigint NOT NULL,
  custody_model    text   NOT NULL CHECK (custody_model IN ('identity_preserved', 'segregated', 'mass_balance')),
  PRIMARY KEY (organisation_id, entry_index)
);
INSERT INTO custody_model_changes (organisation_id, entry_index, custody_model)
  SELECT substring(subject FROM length('organisation:') + 1)::uuid, idx,
         convert_from(data, 'UTF8')::jsonb -> 'body' ->> 'model'
    FROM ledger_entries WHERE entry_type = 'organisation.custody_model';
