// Records the engine cannot weigh. The edge refuses any quantity above @groundtruth/quantity's bounds,
// but the ledger is append-only: a mass recorded before the bound existed (or written behind the
// service's back) stays. Such a record is left out of every sum and reported on its own, so one absurd
// row cannot stop the rules from judging everything else.
import { MAX_MASS_GRAMS } from '@groundtruth/quantity';
import type { Finding, Subject } from './findings.ts';
import type { ReferenceTable } from './reference.ts';

/**
 * The largest mass, in milligrams, the engine evaluates: the edge's bound (10^6 t). Below 2^53, so
 * every such mass is an exact float64 in the engine's milligram columns.
 */
export const MAX_EVALUABLE_MILLIGRAMS = Number(MAX_MASS_GRAMS) * 1000;

/** Whether a mass in milligrams (as loaded, possibly rounded if absurd) can enter the balance. */
export const isEvaluableMilligrams = (milligrams: number): boolean =>
  Number.isFinite(milligrams) && milligrams >= 0 && milligrams <= MAX_EVALUABLE_MILLIGRAMS;

/** The finding for a record left out of the balance: which one, what it says, and why it was left out. */
export function unevaluableRecord(
  table: ReferenceTable,
  subject: Subject,
  record: { what: string; grams: string },
): Finding {
  return {
    rule: 'UNEVALUABLE_RECORD',
    severity: 'error',
    subject,
    message:
      `${record.what} records ${record.grams} g, more than the ${MAX_MASS_GRAMS} g (10^6 t) any real lot weighs; ` +
      'it is left out of every balance and nothing passes through it as traced. Correct it with a new entry.',
    numbers: { grams: record.grams, maxGrams: MAX_MASS_GRAMS },
    referenceVersion: table.version,
  };
}
