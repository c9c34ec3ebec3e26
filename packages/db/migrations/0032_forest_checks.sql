-- Deforestation checks of plots against a forest-cover map (issue 16 item 2, decision 0020). Each check
-- is kept (newest first per plot; nothing is updated or deleted), with the dataset it read and the
-- ledger tree size it ran at, so a statement can cite the check it relies on. What needs review is a
-- DEFORESTATION_RISK finding in mass_balance_findings (finding_id), like every other finding.
CREATE TABLE forest_checks (
  id                    uuid             PRIMARY KEY,
  -- The order checks were stored in: the newest per plot is the one that stands.
  seq                   bigint           GENERATED ALWAYS AS IDENTITY,
  plot_id               uuid             NOT NULL REFERENCES plots (id),
  organisation_id       uuid             NOT NULL REFERENCES organisations (id),
  verdict               text             NOT NULL
    CHECK (verdict IN ('not_covered', 'partially_covered', 'forest_2020', 'loss_after_2020', 'no_forest_2020')),
  coverage              text             NOT NULL CHECK (coverage IN ('full', 'partial', 'none')),
  -- 'point-circle': a Point plot, checked as a circle of its area around the point.
  geometry              text             NOT NULL CHECK (geometry IN ('polygon', 'point-circle')),
  dataset               text             NOT NULL,
  dataset_version       text             NOT NULL,
  loss_dataset          text,
  loss_dataset_version  text,
  area_hectares         double precision NOT NULL,
  covered_share         double precision NOT NULL CHECK (covered_share >= 0 AND covered_share <= 1),
  -- Shares of the covered area; null when nothing is covered.
  forest_share          double precision CHECK (forest_share >= 0 AND forest_share <= 1),
  forest_hectares       double precision NOT NULL,
  loss_covered_share    double precision,
  lost_share            double precision CHECK (lost_share >= 0 AND lost_share <= 1),
  lost_hectares         double precision,
  -- Hectares of 2020 forest lost, by year of loss; pixels read; the tolerance applied.
  details               jsonb            NOT NULL,
  finding_id            uuid,
  run_id                uuid             NOT NULL REFERENCES mass_balance_runs (id),
  tree_size             bigint           NOT NULL,
  requested_by          text             NOT NULL,
  checked_at            timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX forest_checks_plot_idx ON forest_checks (plot_id, seq DESC);
