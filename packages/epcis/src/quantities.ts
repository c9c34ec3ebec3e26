// Quantities in EPCIS quantity lists (EPCIS 2.0 §7.3.3 QuantityElement: epcClass, quantity, uom) are held
// to the same per-unit-family bounds as Groundtruth's own quantities: no real lot is larger, and a
// ledger entry should not carry a number no reader can reconcile.
import { KNOWN_UNITS, quantityOutOfBounds } from '@groundtruth/quantity';
import type { JsonObject, ValidationIssue } from './validate.ts';

const QUANTITY_LISTS = ['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList'];

/** A JSON number as an exact decimal string, or undefined when it is beyond every bound anyway. */
function decimalText(n: number): string | undefined {
  // Every maximum is below 10^16 in its own unit (10^15 mg is the largest), so anything from 10^21 on
  // (where JavaScript switches to exponent notation) is out of bounds whatever its unit.
  if (!Number.isFinite(n) || Math.abs(n) >= 1e21) return undefined;
  return n.toFixed(9).replace(/0+$/, '').replace(/\.$/, '');
}

/** Quantities of an event beyond the bound of their unit; pointers are relative to the event. */
export function checkQuantities(event: JsonObject): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const list of QUANTITY_LISTS) {
    const elements = event[list];
    if (!Array.isArray(elements)) continue;
    elements.forEach((element: unknown, i) => {
      if (element === null || typeof element !== 'object') return;
      const { quantity, uom } = element as { quantity?: unknown; uom?: unknown };
      if (typeof quantity !== 'number') return;
      // Without a uom the quantity counts instances of the class (EPCIS 2.0 §7.3.3).
      const unit = uom === undefined ? 'H87' : uom;
      if (typeof unit !== 'string' || !KNOWN_UNITS.includes(unit)) return;
      const value = decimalText(Math.abs(quantity));
      const reason =
        value === undefined ? 'must be a number no real lot exceeds' : quantityOutOfBounds({ value, unit });
      if (reason) issues.push({ pointer: `/${list}/${i}/quantity`, detail: reason });
    });
  }
  return issues;
}
