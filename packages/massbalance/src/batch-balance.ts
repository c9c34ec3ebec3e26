// Rule: a batch cannot be spent twice. What transfers, transformations and recorded losses take from a
// batch may not exceed what its event produced (ISO 22095 and ISCC: each lot is consumed once; no
// negative balance). The API refuses such a consumption as it arrives; this rule finds the ones that
// got in another way (data loaded before the check existed, or written around the API).

import { milligramsToGrams } from './compiled.ts';
import type { Finding } from './findings.ts';
import type { ReferenceTable } from './reference.ts';

export interface BatchConsumption {
  batchId: string;
  /** What the batch's event produced, whole milligrams. */
  producedMilligrams: number;
  /** Every event that took from it, with the milligrams it took (losses included). */
  consumers: { eventId: string; kind: string; milligrams: number }[];
}

/**
 * BATCH_OVERDRAWN when the consumers took more than was produced. Milligrams are whole numbers, exact
 * in a double up to 2⁵³ mg (9 × 10⁹ t), so the comparison is exact.
 */
export function checkBatchBalance(table: ReferenceTable, batch: BatchConsumption): Finding | undefined {
  let consumed = 0;
  let lost = 0;
  for (const c of batch.consumers) {
    if (c.kind === 'loss') lost += c.milligrams;
    else consumed += c.milligrams;
  }
  const taken = consumed + lost;
  if (taken <= batch.producedMilligrams) return undefined;
  const over = taken - batch.producedMilligrams;
  return {
    rule: 'BATCH_OVERDRAWN',
    severity: 'error',
    subject: { kind: 'batch', id: batch.batchId },
    message:
      `${batch.consumers.length} events took ${milligramsToGrams(taken)} g from a batch of ` +
      `${milligramsToGrams(batch.producedMilligrams)} g: ${milligramsToGrams(over)} g spent twice`,
    numbers: {
      producedGrams: milligramsToGrams(batch.producedMilligrams),
      consumedGrams: milligramsToGrams(consumed),
      lostGrams: milligramsToGrams(lost),
      overdrawnGrams: milligramsToGrams(over),
      consumingEvents: batch.consumers.map((c) => c.eventId).join(','),
    },
    referenceVersion: table.version,
  };
}
