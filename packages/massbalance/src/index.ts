// @groundtruth/massbalance: the mass-balance engine, pure rules over the quantities people report. No
// I/O: the service loads plots, events and batches into MassBalanceData (data.ts), calls evaluate()
// (evaluate.ts) or an incremental check, and stores the findings it returns (decision 0032).
export { type BatchConsumption, checkBatchBalance } from './batch-balance.ts';
export {
  buildGraph,
  type CompiledGraph,
  compileGraph,
  equivalentFactors,
  type GraphColumns,
  gramsToMilligrams,
  milligramsToGrams,
  outputsOf,
} from './compiled.ts';
export {
  type ConservationResult,
  type Conversion,
  checkConservation,
  DEFAULT_CONSERVATION_TOLERANCE,
} from './conservation.ts';
export {
  COUNTRY_BOX_MARGIN_DEGREES,
  COUNTRY_BOXES,
  COUNTRY_BOXES_VERSION,
  type CountryBox,
} from './countries.ts';
export {
  backdated,
  DEFAULT_BACKDATED_DAYS,
  DEFAULT_UNCONFIRMED_TRANSFER_DAYS,
  daysBetween,
  outsideCountry,
  unconfirmedTransfer,
} from './custody.ts';
export {
  custodyAt,
  type MassBalanceData,
  type PlotColumns,
  type UnevaluableRecord,
} from './data.ts';
export {
  batchAmount,
  batchConsumption,
  consumersOf,
  conversionBalances,
  conversionOf,
  type EvaluationSettings,
  evaluate,
  type HarvestFacts,
  type Harvests,
  type HarvestTotal,
  harvestFindings,
  harvestSeed,
  harvestsOf,
  overdrawnBatches,
  type PlotFacts,
  periodOfKey,
  plotCapacity,
  plotFacts,
  plotHarvests,
  plotOfKey,
  type ScopedFinding,
  sitePostings,
  upstreamShares,
} from './evaluate.ts';
export {
  type AttestationFacts,
  captureLocations,
  DEFAULT_EVIDENCE_LIMITS,
  EVIDENCE_RULES,
  type EvidenceLimits,
  evidenceFarFromPlot,
  evidenceFindings,
  evidenceReused,
  evidenceSparseSplat,
  evidenceTimeMismatch,
} from './evidence.ts';
export type { Finding, Rule, Severity, Subject } from './findings.ts';
export { baseEquivalent, type MaterialAmount } from './materials.ts';
export {
  blendedOriginFindings,
  type CustodyModel,
  downstreamShares,
  type FlowBatch,
  type FlowEvent,
  type FlowGraph,
  propagateShares,
  type ShareResult,
} from './origin.ts';
export {
  approximateCapacityGrams,
  CROP_YEAR_START_MONTH,
  checkPlotCapacity,
  cropYear,
  cropYearStart,
  DEFAULT_GPS_TOLERANCE,
  type PlotCapacity,
  type PlotHarvests,
  POINT_MAX_HECTARES,
} from './plot-capacity.ts';
export {
  BASE_MATERIAL,
  type Commodity,
  DEFAULT_REFERENCE,
  MATERIAL_FACTORS,
  type MaterialFactor,
  REFERENCE_VERSION,
  type ReferenceTable,
  YIELDS,
  type YieldOverride,
  type YieldReference,
  yieldFor,
} from './reference.ts';
export { median, newPlotBurst, OUTLIER_Z, outsideHarvestWindow, yieldOutliers } from './signals.ts';
export {
  type AccountResult,
  CREDIT_LIFETIME_MONTHS,
  checkSiteAccount,
  MAX_PERIOD_MONTHS,
  type Period,
  type Posting,
  type SiteAccount,
} from './site-accounts.ts';
export { isEvaluableMilligrams, MAX_EVALUABLE_MILLIGRAMS, unevaluableRecord } from './unevaluable.ts';
