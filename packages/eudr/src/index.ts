// @groundtruth/eudr: pure mappings from our records to what the EU Information System takes for the
// EU Deforestation Regulation: plot GeoJSON, the checks it will apply, and a statement's data.
export { base64Length, utf8Length } from './bytes.ts';
export {
  type ActivityType,
  buildStatement,
  type DueDiligenceStatement,
  deforestationAssessment,
  deriveActivity,
  gramsToKilograms,
  type PlotDeforestationCheck,
  type StatementFinding,
  type StatementInput,
  type UpstreamStatement,
} from './dds.ts';
export {
  collectionText,
  type ExportPlot,
  featureText,
  type GeometryCheck,
  type GeometryCheckCode,
  IS_DECIMALS,
  type IsFeature,
  type IsGeometry,
  type IsProperties,
  POINT_DEFAULT_HECTARES,
  POINT_MAX_HECTARES,
  plotFeature,
  plotsFeatureCollection,
  truncateCoordinate,
} from './geojson.ts';
export { EU_MEMBER_STATES, HIGH_RISK_COUNTRIES, HS_HEADINGS, hsHeadingFor } from './reference.ts';
export {
  IS_LIMITS,
  type Producer,
  producersForStatements,
  type StatementLimits,
  type StatementPart,
} from './statement.ts';
