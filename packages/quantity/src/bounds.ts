// The largest quantity Groundtruth accepts, per unit family. No real lot comes near these: the largest
// bulk carriers load about 400,000 t, a VLCC about 300,000 m³. A value beyond them is a typing slip or an
// attack, and refusing it at the edge keeps every stored quantity inside what the mass-balance engine
// computes exactly (see docs/decisions/0006-mass-balance.md, "Bounds").
import { compare, type Decimal, multiply, parseDecimal } from './decimal.ts';
import { gramsOf, type Quantity, UnitError } from './units.ts';

/**
 * 10^6 t, in grams. Chosen so that one batch in milligrams (10^15) stays below 2^53 ≈ 9.007 × 10^15,
 * the largest integer a float64 holds exactly: the engine's columns are float64 milligrams.
 */
export const MAX_MASS_GRAMS = '1000000000000';
/** 10^6 m³, in litres. */
export const MAX_VOLUME_LITRES = '1000000000';
/** 10^9 pieces, bags or boxes. */
export const MAX_COUNT = '1000000000';

const LITRES_PER_UNIT: Record<string, string> = { LTR: '1', MTQ: '1000' };
const COUNT_UNITS = new Set(['H87', 'C62', 'XBG', 'XBX']);

export type UnitFamily = 'mass' | 'volume' | 'count';

export interface QuantityBound {
  family: UnitFamily;
  /** The quantity in the family's base unit (g, L or pieces), exact. */
  amount: Decimal;
  /** The maximum in the same base unit. */
  max: string;
  baseUnit: 'g' | 'L' | 'pieces';
}

/** Where a quantity stands against its family's maximum; throws UnitError for an unknown unit. */
export function quantityBound(quantity: Quantity): QuantityBound {
  const grams = gramsOf(quantity);
  if (grams !== undefined) return { family: 'mass', amount: grams, max: MAX_MASS_GRAMS, baseUnit: 'g' };
  const litres = LITRES_PER_UNIT[quantity.unit];
  if (litres !== undefined)
    return {
      family: 'volume',
      amount: multiply(parseDecimal(quantity.value), parseDecimal(litres)),
      max: MAX_VOLUME_LITRES,
      baseUnit: 'L',
    };
  if (COUNT_UNITS.has(quantity.unit))
    return { family: 'count', amount: parseDecimal(quantity.value), max: MAX_COUNT, baseUnit: 'pieces' };
  throw new UnitError(`unknown unit ${quantity.unit}; use a UN/CEFACT code such as KGM`);
}

/** Why a quantity is beyond what any real lot weighs or holds; undefined when it is within bounds. */
export function quantityOutOfBounds(quantity: Quantity): string | undefined {
  const bound = quantityBound(quantity);
  if (compare(bound.amount, parseDecimal(bound.max)) <= 0) return undefined;
  return `must be at most ${bound.max} ${bound.baseUnit} (${bound.family}): no real lot is larger`;
}
