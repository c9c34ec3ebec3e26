// @groundtruth/geo: pure geodesy and EUDR geometry rules for production plots.
export { type Position, polygonAreaHectares, ringAreaSquareMetres } from './area.ts';
export { distanceToPlotMetres, geodesicDistanceMetres, type PlotShape } from './distance.ts';
export {
  type AreaFinding,
  checkPlotGeometry,
  DEFAULT_AREA_TOLERANCE,
  type GeometryProblem,
  MAX_VERTICES,
  MIN_DECIMALS,
  type PlotGeometryInput,
  type PlotGeometryResult,
  POINT_MAX_HECTARES,
  ringSelfIntersection,
  sourceDecimals,
} from './plot-geometry.ts';
