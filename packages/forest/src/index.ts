// @groundtruth/forest: the EUDR deforestation check of production plots against a forest-cover map
// (JRC GFC2020 format) and, optionally, a tree-cover-loss layer (Hansen `lossyear` format).
export {
  assessPlot,
  type Coverage,
  type DatasetName,
  DEFAULT_CODING,
  DEFAULT_TOLERANCE,
  type DeforestationFinding,
  deforestationFinding,
  FIRST_YEAR_AFTER_CUTOFF,
  type ForestAssessment,
  type LayerCoding,
  type Tolerance,
  type Verdict,
} from './assess.ts';
export {
  DEFAULT_MAX_PIXELS,
  ForestCover,
  type ForestCoverOptions,
  type PlotForestCheck,
  type PlotGeometry,
  plotPolygons,
} from './check.ts';
export {
  type Bounds,
  boundsOf,
  overlay,
  type PixelGrid,
  type PolygonRings,
  type Position,
  quadrangleSquareMetres,
  type RasterWindow,
} from './overlay.ts';
export { ForestDataError, type ForestErrorCode, type LayerLocation, RasterLayer } from './raster.ts';
