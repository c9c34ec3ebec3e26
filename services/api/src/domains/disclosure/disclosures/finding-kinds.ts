// Findings as a consumer reads them: each mass-balance or evidence rule belongs to one kind, which
// the passport says in plain words (domains/passport/page.ts). Kept apart from the rules themselves
// so that a new rule lands in "other" until someone decides how to say it.

export const FINDING_KINDS = [
  'untraced',
  'yield',
  'deforestation',
  'balance',
  'records',
  'evidence',
  'other',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

const KIND_OF_RULE: Record<string, FindingKind> = {
  BLENDED_ORIGIN: 'untraced',
  OVER_YIELD: 'yield',
  IMPOSSIBLE_YIELD: 'yield',
  YIELD_OUTLIER: 'yield',
  NEW_PLOT_BURST: 'yield',
  OUTSIDE_HARVEST_WINDOW: 'yield',
  DEFORESTATION_RISK: 'deforestation',
  MASS_IMBALANCE: 'balance',
  BATCH_OVERDRAWN: 'balance',
  NEGATIVE_BALANCE: 'balance',
  CREDIT_EXPIRED: 'balance',
  PERIOD_LOCKED: 'balance',
  PERIOD_TOO_LONG: 'balance',
  CYCLE: 'balance',
  BACKDATED: 'records',
  OUTSIDE_COUNTRY: 'records',
  UNCONFIRMED_TRANSFER: 'records',
  UNKNOWN_MATERIAL: 'records',
  UNEVALUABLE_RECORD: 'records',
  EVIDENCE_FAR_FROM_PLOT: 'evidence',
  EVIDENCE_TIME_MISMATCH: 'evidence',
  EVIDENCE_REUSED: 'evidence',
  EVIDENCE_SPARSE_SPLAT: 'evidence',
};

export function findingKind(rule: string): FindingKind {
  return Object.hasOwn(KIND_OF_RULE, rule) ? KIND_OF_RULE[rule]! : 'other';
}
