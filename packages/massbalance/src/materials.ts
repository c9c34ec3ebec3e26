// Base-material equivalents: how much of the commodity as harvested a quantity of some product stands
// for (cocoa butter → bean equivalent). Exact decimals: rules compare these at their boundaries.
import { add, type Decimal, multiply, parseDecimal, round } from '@groundtruth/quantity';
import { CHOCOLATE_BEAN_YIELD, type Commodity, type ReferenceTable } from './reference.ts';

/** Equivalents are kept to the milligram of base material (3 decimals of grams). */
const SCALE = 3;

export interface MaterialAmount {
  material: string;
  /** Grams, exact decimal. */
  grams: string;
  /** Chocolate only: the cocoa content as a fraction (0.7 for 70 %). */
  cocoaContent?: string;
}

export type Equivalent = { ok: true; commodity: Commodity; grams: Decimal } | { ok: false; reason: string };

export function baseEquivalent(table: ReferenceTable, amount: MaterialAmount): Equivalent {
  const grams = parseDecimal(amount.grams);
  if (amount.material === 'chocolate') {
    if (!amount.cocoaContent) return { ok: false, reason: 'chocolate needs its cocoa content to convert' };
    const content = parseDecimal(amount.cocoaContent);
    // beans = chocolate × content ÷ 0.82, computed as × content × (1 / 0.82) kept exact by scaling.
    const beans = multiply(grams, content);
    const yieldFactor = parseDecimal(CHOCOLATE_BEAN_YIELD);
    const scaled = (beans.units * 10n ** BigInt(yieldFactor.scale + SCALE)) / yieldFactor.units;
    return {
      ok: true,
      commodity: 'cocoa',
      grams: round({ units: scaled, scale: beans.scale + SCALE }, SCALE),
    };
  }
  const row = table.factors.find((f) => f.material === amount.material);
  if (!row) return { ok: false, reason: `no conversion factor for material "${amount.material}"` };
  return {
    ok: true,
    commodity: row.commodity,
    grams: round(multiply(grams, parseDecimal(row.factor)), SCALE),
  };
}

export const decimalToNumber = (d: Decimal): number => Number(d.units) / 10 ** d.scale;

export const subtract = (a: Decimal, b: Decimal): Decimal => add(a, { units: -b.units, scale: b.scale });

export const sum = (values: Decimal[]): Decimal => values.reduce(add, { units: 0n, scale: 0 });
