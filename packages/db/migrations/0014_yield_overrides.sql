-- Overrides of reference yields for a country or one plot, each with its justification; each is a
-- ledger entry. The reference version of a computation names the last override it applied.
CREATE TABLE yield_overrides (
  entry_index    bigint      PRIMARY KEY,
  commodity      text        NOT NULL,
  country        char(2),
  plot_id        uuid        REFERENCES plots (id),
  plausible_max  numeric(12,3),
  hard_ceiling   numeric(12,3),
  justification  text        NOT NULL,
  recorded_by    text        NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((country IS NULL) <> (plot_id IS NULL)),
  CHECK (plausible_max IS NOT NULL OR hard_ceiling IS NOT NULL)
);
