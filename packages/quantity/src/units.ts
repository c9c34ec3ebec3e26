// Units of measure by UN/CEFACT Recommendation 20 common code, as EPCIS `uom` uses them.
import { type Decimal, formatDecimal, multiply, parseDecimal, round } from './decimal.ts';

/** Mass units and their exact size in grams (the pound is 0.45359237 kg by definition, 1959). */
const GRAMS_PER_UNIT: Record<string, string> = {
  GRM: '1',
  KGM: '1000',
  TNE: '1000000',
  LBR: '453.59237',
  ONZ: '28.349523125',
  MGM: '0.001',
};

/** Units that are not mass: kept exact, but never converted to grams (a density would be a guess). */
const OTHER_UNITS = new Set(['LTR', 'MTQ', 'H87', 'C62', 'XBG', 'XBX']);

export const MASS_UNITS = Object.keys(GRAMS_PER_UNIT);
export const KNOWN_UNITS = [...MASS_UNITS, ...OTHER_UNITS];

export interface Quantity {
  /** Exact decimal, as written. */
  value: string;
  /** UN/CEFACT Rec. 20 code. */
  unit: string;
}

export class UnitError extends Error {
  override name = 'UnitError';
}

// Own properties only: `in` would call 'toString' or 'constructor' a unit of mass.
export const isMassUnit = (unit: string): boolean => Object.hasOwn(GRAMS_PER_UNIT, unit);

/** The quantity in grams, exact and unrounded; undefined for units that are not mass. */
export function gramsOf(quantity: Quantity): Decimal | undefined {
  if (!KNOWN_UNITS.includes(quantity.unit))
    throw new UnitError(`unknown unit ${quantity.unit}; use a UN/CEFACT code such as KGM`);
  const factor = GRAMS_PER_UNIT[quantity.unit];
  return factor ? multiply(parseDecimal(quantity.value), parseDecimal(factor)) : undefined;
}

/** The quantity in grams, exact to a milligram (3 decimals); undefined for units that are not mass. */
export function toGrams(quantity: Quantity): string | undefined {
  const grams = gramsOf(quantity);
  return grams === undefined ? undefined : formatDecimal(round(grams, 3));
}

/** Converts between mass units, exact to `scale` decimals. */
export function convertMass(quantity: Quantity, toUnit: string, scale = 6): Quantity {
  const from = isMassUnit(quantity.unit) ? GRAMS_PER_UNIT[quantity.unit] : undefined;
  const to = isMassUnit(toUnit) ? GRAMS_PER_UNIT[toUnit] : undefined;
  if (!from || !to) throw new UnitError(`${quantity.unit} → ${toUnit} is not a mass conversion`);
  const grams: Decimal = multiply(parseDecimal(quantity.value), parseDecimal(from));
  // Dividing by the target size: scale up first so the division keeps `scale` decimals exactly.
  const target = parseDecimal(to);
  const numerator = grams.units * 10n ** BigInt(scale + target.scale + 1);
  const denominator = target.units * 10n ** BigInt(grams.scale);
  const raw: Decimal = { units: numerator / denominator, scale: scale + 1 };
  return { value: formatDecimal(round(raw, scale)), unit: toUnit };
}
