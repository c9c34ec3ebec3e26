// Exact decimal arithmetic on strings, with BigInt underneath: quantities are reconciled by the
// mass-balance engine, so 0.1 + 0.2 must be 0.3, not 0.30000000000000004.

/** A decimal as an integer of units of 10^-scale. */
export interface Decimal {
  units: bigint;
  scale: number;
}

export const MAX_SCALE = 9;
const DECIMAL = /^(-?)(\d{1,24})(?:\.(\d{1,9}))?$/;

export class DecimalError extends Error {
  override name = 'DecimalError';
}

export function parseDecimal(text: string): Decimal {
  const match = DECIMAL.exec(text);
  if (!match)
    throw new DecimalError(
      `${JSON.stringify(text)} is not a decimal number (up to 24 digits and 9 decimals)`,
    );
  const [, sign, whole, fraction = ''] = match;
  const units = BigInt(`${whole}${fraction}`) * (sign === '-' ? -1n : 1n);
  return { units, scale: fraction.length };
}

function rescale(d: Decimal, scale: number): bigint {
  return d.units * 10n ** BigInt(scale - d.scale);
}

export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function compare(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const diff = rescale(a, scale) - rescale(b, scale);
  return diff === 0n ? 0 : diff < 0n ? -1 : 1;
}

/** Exact product; the scale grows, so round with `round` where a fixed scale is wanted. */
export function multiply(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** Rounds half away from zero to `scale` decimals. */
export function round(d: Decimal, scale: number): Decimal {
  if (d.scale <= scale) return { units: rescale(d, scale), scale };
  const divisor = 10n ** BigInt(d.scale - scale);
  const negative = d.units < 0n;
  const magnitude = negative ? -d.units : d.units;
  let q = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) q += 1n;
  return { units: negative ? -q : q, scale };
}

export function formatDecimal(d: Decimal): string {
  const negative = d.units < 0n;
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, '0');
  const whole = digits.slice(0, digits.length - d.scale);
  const fraction = d.scale > 0 ? `.${digits.slice(digits.length - d.scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

export const isPositive = (d: Decimal): boolean => d.units > 0n;
