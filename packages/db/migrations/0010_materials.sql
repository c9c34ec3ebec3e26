-- What each batch physically is (cocoa_beans, cocoa_liquor …): the mass-balance engine converts it to
-- base-material equivalents. Batches recorded before this migration are the commodity as harvested.
ALTER TABLE batches ADD COLUMN material text;
ALTER TABLE batches ADD COLUMN cocoa_content numeric(4,3) CHECK (cocoa_content > 0 AND cocoa_content <= 1);
UPDATE batches SET material = CASE commodity
  WHEN 'cocoa' THEN 'cocoa_beans'
  WHEN 'coffee' THEN 'coffee_green'
  WHEN 'oil_palm' THEN 'palm_ffb'
  WHEN 'soya' THEN 'soybeans'
  WHEN 'cattle' THEN 'cattle_head'
  WHEN 'rubber' THEN 'rubber_dry'
  ELSE 'roundwood' END;
ALTER TABLE batches ALTER COLUMN material SET NOT NULL;
