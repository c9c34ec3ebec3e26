-- Supplier onboarding by a brand's procurement team: one workflow per (brand, supplier), every
-- transition a ledger entry (subject onboarding:<brand>:<supplier>) that carries who and why.
CREATE TABLE supplier_onboarding (
  brand_id     uuid        NOT NULL REFERENCES organisations (id),
  supplier_id  uuid        NOT NULL REFERENCES organisations (id),
  status       text        NOT NULL CHECK (status IN ('invited', 'submitted', 'under_review', 'approved', 'rejected', 'suspended')),
  reason       text,
  entry_index  bigint      NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (brand_id, supplier_id)
);

-- What a brand requires of its suppliers of a commodity before approval, e.g. a reality snapshot of
-- the production site at the procurement stage.
CREATE TABLE evidence_requirements (
  brand_id     uuid    NOT NULL REFERENCES organisations (id),
  commodity    text    NOT NULL,
  key          text    NOT NULL,
  description  text    NOT NULL,
  stage        text    NOT NULL CHECK (stage IN ('onboarding', 'procurement', 'annual')),
  entry_index  bigint  NOT NULL,
  PRIMARY KEY (brand_id, commodity, key)
);
