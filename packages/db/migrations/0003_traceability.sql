-- Projections of products, batches and traceability events (after GS1 EPCIS 2.0: harvest/commission,
-- transfer, transformation). Every batch is produced by exactly one event; events consume batches
-- (or, for a harvest, a plot). Quantities are exact: numeric value + UN/CEFACT unit, and grams for mass.

CREATE TABLE products (
  id               uuid     PRIMARY KEY,
  gtin             char(14) NOT NULL UNIQUE,
  name             text     NOT NULL,
  commodity        text     NOT NULL,
  organisation_id  uuid     NOT NULL REFERENCES organisations (id),
  entry_index      bigint   NOT NULL
);

CREATE TABLE trace_events (
  id               uuid        PRIMARY KEY,
  kind             text        NOT NULL CHECK (kind IN ('harvest', 'transfer', 'transformation')),
  organisation_id  uuid        NOT NULL REFERENCES organisations (id),
  event_time       timestamptz NOT NULL,
  entry_index      bigint      NOT NULL
);

CREATE TABLE batches (
  id               uuid           PRIMARY KEY,
  organisation_id  uuid           NOT NULL REFERENCES organisations (id),
  lot              text           NOT NULL,
  commodity        text           NOT NULL,
  product_id       uuid           REFERENCES products (id),
  description      text,
  quantity_value   numeric(33,9)  NOT NULL CHECK (quantity_value > 0),
  quantity_unit    text           NOT NULL,
  mass_grams       numeric(36,3),
  produced_by      uuid           NOT NULL REFERENCES trace_events (id),
  entry_index      bigint         NOT NULL,
  UNIQUE (organisation_id, lot)
);
CREATE INDEX batches_produced_by_idx ON batches (produced_by);

CREATE TABLE trace_event_inputs (
  event_id        uuid           NOT NULL REFERENCES trace_events (id),
  position        integer        NOT NULL,
  batch_id        uuid           REFERENCES batches (id),
  plot_id         uuid           REFERENCES plots (id),
  quantity_value  numeric(33,9),
  quantity_unit   text,
  mass_grams      numeric(36,3),
  PRIMARY KEY (event_id, position),
  CHECK ((batch_id IS NULL) <> (plot_id IS NULL))
);
CREATE INDEX trace_event_inputs_batch_idx ON trace_event_inputs (batch_id);
CREATE INDEX trace_event_inputs_plot_idx ON trace_event_inputs (plot_id);
