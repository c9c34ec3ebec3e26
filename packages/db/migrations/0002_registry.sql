-- Projections of the supplier registry: organisations, supply relationships and plots.
-- Each row is written in the same transaction as the ledger entry that carries it (entry_index),
-- so it can be rebuilt from the ledger and checked against it.

CREATE TABLE organisations (
  id           uuid        PRIMARY KEY,
  kind         text        NOT NULL CHECK (kind IN ('brand', 'supplier', 'auditor')),
  name         text        NOT NULL,
  country      char(2)     NOT NULL,
  role         text,
  identifiers  jsonb       NOT NULL DEFAULT '{}',
  entry_index  bigint      NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE supply_relationships (
  id           uuid    PRIMARY KEY,
  buyer_id     uuid    NOT NULL REFERENCES organisations (id),
  supplier_id  uuid    NOT NULL REFERENCES organisations (id),
  commodity    text    NOT NULL,
  entry_index  bigint  NOT NULL,
  UNIQUE (buyer_id, supplier_id, commodity),
  CHECK (buyer_id <> supplier_id)
);
CREATE INDEX supply_relationships_supplier_idx ON supply_relationships (supplier_id);

CREATE TABLE plots (
  id                      uuid          PRIMARY KEY,
  organisation_id         uuid          NOT NULL REFERENCES organisations (id),
  name                    text,
  commodity               text          NOT NULL,
  country                 char(2)       NOT NULL,
  geometry                jsonb         NOT NULL,
  area_hectares           numeric(16,6) NOT NULL CHECK (area_hectares > 0),
  area_source             text          NOT NULL CHECK (area_source IN ('geodesic', 'declared')),
  declared_area_hectares  numeric(16,6),
  findings                jsonb         NOT NULL DEFAULT '[]',
  entry_index             bigint        NOT NULL,
  created_at              timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX plots_organisation_idx ON plots (organisation_id);
