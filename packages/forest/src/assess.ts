// What the forest map says about a plot: how much of it the map covers, how much of that was forest on
// the EUDR cut-off date (31 Dec 2020, Reg. 2023/1115 Art. 2(13)), and, with a tree-cover-loss layer,
// how much of that forest was lost afterwards. Pure: the raster windows are handed in.
import { overlay, type PolygonRings, type RasterWindow } from './overlay.ts';

/** A dataset's identity as findings and results name it. */
export interface DatasetName {
  name: string;
  version: string;
}

/** How a layer's pixel values read. */
export interface LayerCoding {
  /** Whether a forest-map value means forest (JRC GFC2020: band `Map`, 1 = forest). */
  isForest: (value: number) => boolean;
  /**
   * The year a loss-layer value records loss in, or null for no loss. Hansen GFC `lossyear`: 0 = no
   * loss, 1–99 = 2001–2099; a value of 1900 or more is taken as the year itself.
   */
  lossYear: (value: number) => number | null;
}

export const DEFAULT_CODING: LayerCoding = {
  isForest: (v) => v === 1,
  lossYear: (v) => (v >= 1 && v <= 99 ? 2000 + Math.round(v) : v >= 1900 && v <= 2999 ? Math.round(v) : null),
};

/** Loss in this year or later is loss after the EUDR cut-off of 31 Dec 2020. */
export const FIRST_YEAR_AFTER_CUTOFF = 2021;

/**
 * Above either bound the plot needs a person's review (a DEFORESTATION_RISK finding). Five per cent:
 * a plot mapped by phone GPS is good to about 5 m, and on a 1 ha square that shifts 5 % of the area
 * across one edge; 0.5 ha: the smallest forest by the EUDR's definition (Art. 2(4)), however large the
 * plot around it.
 */
export interface Tolerance {
  share: number;
  hectares: number;
}
export const DEFAULT_TOLERANCE: Tolerance = { share: 0.05, hectares: 0.5 };

export type Coverage = 'full' | 'partial' | 'none';

/**
 * The outcome: `not_covered` (the map has no data over the plot: nothing can be said, and in
 * particular not "no deforestation"), `loss_after_2020` (forest in 2020 and loss after it, above the
 * tolerance), `forest_2020` (forest in 2020 above the tolerance, no loss above it or no loss layer),
 * `partially_covered` (nothing above the tolerance where the map has data, but part of the plot is
 * outside it), `no_forest_2020` (the whole plot covered, forest below the tolerance).
 */
export type Verdict =
  | 'not_covered'
  | 'loss_after_2020'
  | 'forest_2020'
  | 'partially_covered'
  | 'no_forest_2020';

export interface ForestAssessment {
  verdict: Verdict;
  coverage: Coverage;
  dataset: DatasetName;
  /** The plot's area by the same integration, in hectares. */
  areaHectares: number;
  /** Share of the plot's area where the forest map has data. */
  coveredShare: number;
  /** Share of the covered area that was forest on 31 Dec 2020; null when nothing is covered. */
  forestShare: number | null;
  forestHectares: number;
  /** Forest-map pixels that touch the plot (with data). */
  pixels: number;
  loss: {
    dataset: DatasetName;
    /** Share of the forest map's covered area where the loss layer has data too. */
    coveredShare: number;
    /** Share of the covered area that was forest in 2020 and shows loss in 2021 or later. */
    lostShare: number | null;
    lostHectares: number;
    /** Hectares of 2020 forest lost, by year of loss (2021 on). */
    byYear: Record<string, number>;
  } | null;
  tolerance: Tolerance;
}

export interface AssessOptions {
  dataset: DatasetName;
  lossDataset?: DatasetName | undefined;
  coding?: LayerCoding;
  tolerance?: Tolerance;
}

// Uncovered area below this share of the plot is rounding at the map's edge, not a gap.
const ROUNDING = 1e-9;
const hectares = (squareMetres: number) => squareMetres / 10_000;

/**
 * Assesses a plot (Polygon or MultiPolygon rings) against windows of the forest map and, optionally,
 * of a loss layer that cover its bounds (windows may be missing where a layer has no tile).
 */
export function assessPlot(
  polygons: readonly PolygonRings[],
  forest: readonly RasterWindow[],
  loss: readonly RasterWindow[] | undefined,
  options: AssessOptions,
): ForestAssessment {
  const coding = options.coding ?? DEFAULT_CODING;
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const withLoss = loss !== undefined && options.lossDataset !== undefined;
  let total = 0;
  let covered = 0;
  let forested = 0;
  let lossCovered = 0;
  let lost = 0;
  const byYear = new Map<number, number>();
  const pixels = new Set<string>();
  overlay(polygons, withLoss ? [forest, loss] : [forest], (cell) => {
    total += cell.squareMetres;
    const value = cell.values[0];
    if (value === null || value === undefined) return;
    covered += cell.squareMetres;
    pixels.add(cell.pixels[0]!);
    const isForest = coding.isForest(value);
    if (isForest) forested += cell.squareMetres;
    if (!withLoss) return;
    const lossValue = cell.values[1];
    if (lossValue === null || lossValue === undefined) return;
    lossCovered += cell.squareMetres;
    const year = coding.lossYear(lossValue);
    if (isForest && year !== null && year >= FIRST_YEAR_AFTER_CUTOFF) {
      lost += cell.squareMetres;
      byYear.set(year, (byYear.get(year) ?? 0) + cell.squareMetres);
    }
  });

  const coveredShare = total > 0 ? Math.min(1, covered / total) : 0;
  const coverage: Coverage = covered <= 0 ? 'none' : 1 - coveredShare > ROUNDING ? 'partial' : 'full';
  const share = (part: number) => (covered > 0 ? part / covered : null);
  const above = (part: number) =>
    covered > 0 && (part / covered > tolerance.share || hectares(part) >= tolerance.hectares);
  const verdict: Verdict =
    coverage === 'none'
      ? 'not_covered'
      : withLoss && above(lost)
        ? 'loss_after_2020'
        : above(forested)
          ? 'forest_2020'
          : coverage === 'partial'
            ? 'partially_covered'
            : 'no_forest_2020';
  return {
    verdict,
    coverage,
    dataset: options.dataset,
    areaHectares: hectares(total),
    coveredShare: coverage === 'full' ? 1 : coveredShare,
    forestShare: share(forested),
    forestHectares: hectares(forested),
    pixels: pixels.size,
    loss: withLoss
      ? {
          dataset: options.lossDataset!,
          coveredShare: covered > 0 ? Math.min(1, lossCovered / covered) : 0,
          lostShare: share(lost),
          lostHectares: hectares(lost),
          byYear: Object.fromEntries(
            [...byYear].sort(([a], [b]) => a - b).map(([y, m2]) => [String(y), hectares(m2)]),
          ),
        }
      : null,
    tolerance,
  };
}

/** A DEFORESTATION_RISK finding as the findings table stores it (severity, message, numbers). */
export interface DeforestationFinding {
  rule: 'DEFORESTATION_RISK';
  severity: 'error' | 'warning';
  message: string;
  numbers: Record<string, unknown>;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const percent = (share: number) => `${round(share * 100, 1)} %`;
const label = (d: DatasetName) => `${d.name} ${d.version}`;

/**
 * The finding an assessment raises, or null when the whole plot is covered and below the tolerance.
 * Its numbers are rounded (shares to 6 decimals, hectares to 4) so that the same data gives the same
 * numbers, and a resolution carries over while they stand.
 */
export function deforestationFinding(a: ForestAssessment): DeforestationFinding | null {
  if (a.verdict === 'no_forest_2020') return null;
  const numbers: Record<string, unknown> = {
    verdict: a.verdict,
    dataset: a.dataset.name,
    datasetVersion: a.dataset.version,
    areaHectares: round(a.areaHectares, 4),
    coveredShare: round(a.coveredShare, 6),
    forestShare: a.forestShare === null ? null : round(a.forestShare, 6),
    forestHectares: round(a.forestHectares, 4),
    toleranceShare: a.tolerance.share,
    toleranceHectares: a.tolerance.hectares,
  };
  if (a.loss) {
    numbers.lossDataset = a.loss.dataset.name;
    numbers.lossDatasetVersion = a.loss.dataset.version;
    numbers.lossCoveredShare = round(a.loss.coveredShare, 6);
    numbers.lostShare = a.loss.lostShare === null ? null : round(a.loss.lostShare, 6);
    numbers.lostHectares = round(a.loss.lostHectares, 4);
  }
  const map = label(a.dataset);
  const uncovered = `${percent(1 - a.coveredShare)} of the plot lies outside ${map}`;
  switch (a.verdict) {
    case 'not_covered':
      return {
        rule: 'DEFORESTATION_RISK',
        severity: 'warning',
        message: `not covered: ${map} has no data over this plot, so it could not be checked for deforestation`,
        numbers,
      };
    case 'partially_covered':
      return {
        rule: 'DEFORESTATION_RISK',
        severity: 'warning',
        message: `partially covered: ${uncovered} and could not be checked; the rest shows forest below the tolerance`,
        numbers,
      };
    case 'forest_2020':
      return {
        rule: 'DEFORESTATION_RISK',
        severity: 'warning',
        message:
          `${percent(a.forestShare!)} of the plot (${round(a.forestHectares, 2)} ha) was forest on 31 Dec 2020 by ${map}` +
          (!a.loss
            ? '; no loss layer checked'
            : 1 - a.loss.coveredShare > ROUNDING
              ? `; ${label(a.loss.dataset)} covers ${percent(a.loss.coveredShare)} of it and shows no loss above the tolerance there`
              : `; ${label(a.loss.dataset)} shows no loss of it above the tolerance`) +
          (a.coverage === 'partial' ? `; ${uncovered}` : ''),
        numbers,
      };
    case 'loss_after_2020':
      return {
        rule: 'DEFORESTATION_RISK',
        severity: 'error',
        message:
          `${percent(a.loss!.lostShare!)} of the plot (${round(a.loss!.lostHectares, 2)} ha) was forest on 31 Dec 2020 by ${map} ` +
          `and shows tree-cover loss after 2020 by ${label(a.loss!.dataset)}` +
          (a.coverage === 'partial' ? `; ${uncovered}` : ''),
        numbers,
      };
  }
}
