// What an audit report is built from and what it says. The service loads the facts as they stood at a
// ledger checkpoint (every row from entries with index < the checkpoint's tree size); buildReport turns
// them into the report, which is JSON first: CSV tables and the PDF are renderings of that JSON.

export type ReportScope = 'lot' | 'supplier' | 'chain';

/** A signed checkpoint of the log (C2SP tlog-checkpoint), the report's pin. */
export interface ReportCheckpoint {
  origin: string;
  treeSize: number;
  /** As the note writes it: standard base64 of the 32-byte root. */
  rootHashBase64: string;
  rootHashHex: string;
  issuedAt: string;
  /** The signed note, byte for byte. */
  note: string;
}

export interface FactOrganisation {
  id: string;
  name: string;
  country: string;
  kind: string;
  /** 0 for the report's root organisation, else the shortest distance along accepted relationships. */
  tier: number;
}

export interface FactOnboarding {
  brandId: string;
  /** The brand's name as it stands (the brand need not be in the tree: a lot's holder is not a brand). */
  brandName: string;
  supplierId: string;
  status: string;
  entryIndex: number;
}

export interface FactBatch {
  id: string;
  organisationId: string;
  lot: string;
  commodity: string;
  /** Mass in grams as stored (decimal text), null when the quantity is not a mass. */
  massGrams: string | null;
  producedBy: string;
}

/** An input of an event that was not voided at the checkpoint. */
export interface FactInput {
  eventId: string;
  position: number;
  batchId: string | null;
  plotId: string | null;
  massGrams: string | null;
}

export interface FactPlot {
  id: string;
  organisationId: string;
  name: string | null;
  commodity: string;
  country: string;
  /** Computed geodesic area (or the declared one, see areaSource), decimal text with six places. */
  areaHectares: string;
  areaSource: 'geodesic' | 'declared';
  entryIndex: number;
}

export interface FactForestCheck {
  plotId: string;
  verdict: string;
  coveredShare: number;
  forestShare: number | null;
  lostShare: number | null;
  dataset: string;
  datasetVersion: string;
  treeSize: number;
}

export interface FactAttestation {
  id: string;
  organisationId: string;
  subjectKind: string;
  subjectId: string;
  capturedAt: string;
  entryIndex: number;
}

export interface FactFinding {
  id: string;
  rule: string;
  severity: string;
  subjectKind: string;
  subjectId: string;
  organisationId: string | null;
  period: string | null;
  message: string;
  numbers: unknown;
  /** The tree size the finding was computed at (≤ the checkpoint's). */
  treeSize: number;
  resolution: { entryIndex: number; text: string } | null;
}

export interface ReportFacts {
  scope: ReportScope;
  /** The lot's batch id, or the supplier's or brand's organisation id. */
  subjectId: string;
  /** The lot code, or the organisation's name. */
  subjectLabel: string;
  rootOrganisationId: string;
  checkpoint: ReportCheckpoint;
  organisations: FactOrganisation[];
  onboarding: FactOnboarding[];
  batches: FactBatch[];
  inputs: FactInput[];
  /** The batches whose volume the report measures: the lot, or what the root organisation holds. */
  measuredBatchIds: string[];
  plots: FactPlot[];
  /** Plots in scope whose owner the caller may not see: counted, not listed. */
  withheldPlots: number;
  forestChecks: FactForestCheck[];
  attestations: FactAttestation[];
  findings: FactFinding[];
  /** The tree size of the newest mass-balance run at or below the checkpoint, null if none ran. */
  massBalanceRunTreeSize: number | null;
  highRiskCountries: readonly string[];
  /** How many days before the checkpoint a snapshot still counts as recent. */
  recentDays: number;
}
