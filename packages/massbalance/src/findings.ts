// What the engine reports: a rule, how serious, about what, and the numbers that triggered it, with the
// reference table version, so that a report can be recomputed and compared exactly.

export type Rule =
  | 'OVER_YIELD'
  | 'IMPOSSIBLE_YIELD'
  | 'MASS_IMBALANCE'
  | 'BATCH_OVERDRAWN'
  | 'BACKDATED'
  | 'OUTSIDE_COUNTRY'
  | 'UNCONFIRMED_TRANSFER'
  | 'BLENDED_ORIGIN'
  | 'NEGATIVE_BALANCE'
  | 'CREDIT_EXPIRED'
  | 'PERIOD_LOCKED'
  | 'PERIOD_TOO_LONG'
  | 'YIELD_OUTLIER'
  | 'OUTSIDE_HARVEST_WINDOW'
  | 'NEW_PLOT_BURST'
  | 'CYCLE'
  | 'UNKNOWN_MATERIAL'
  | 'UNEVALUABLE_RECORD'
  | 'EVIDENCE_FAR_FROM_PLOT'
  | 'EVIDENCE_TIME_MISMATCH'
  | 'EVIDENCE_REUSED'
  | 'EVIDENCE_SPARSE_SPLAT';

export type Severity = 'error' | 'warning' | 'info';

export interface Subject {
  kind: 'plot' | 'event' | 'batch' | 'site' | 'attestation';
  id: string;
}

export interface Finding {
  rule: Rule;
  severity: Severity;
  subject: Subject;
  message: string;
  /** Exact decimals as strings; shares as numbers in [0, 1]. */
  numbers: Record<string, string | number>;
  referenceVersion: string;
}
