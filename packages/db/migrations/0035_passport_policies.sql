-- What a brand lets its products' public passports show (issue 14 item 3, docs/decisions/0022):
-- the newest passport_policy.set entry per scope, projected. A product's own policy overrides its
-- organisation's; without either the default in @groundtruth/schemas applies.
CREATE TABLE passport_policies (
  -- 'organisation:<uuid>' or 'product:<GTIN-14>'.
  scope            text    PRIMARY KEY,
  organisation_id  uuid    NOT NULL REFERENCES organisations (id),
  policy           jsonb   NOT NULL,
  entry_index      bigint  NOT NULL
);
