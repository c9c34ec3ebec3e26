// GS1 identification keys with a mod-10 check digit (GS1 General Specifications §7.9.1).

/** The GS1 check digit of a key's other digits (weights 3,1,3,… from the right). */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit is the GS1 check digit of the others. */
export function hasValidCheckDigit(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  return gs1CheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}

/** GTIN-8, -12, -13 or -14 with a valid check digit, normalised to 14 digits; undefined otherwise. */
export function normaliseGtin(gtin: string): string | undefined {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(gtin) || !hasValidCheckDigit(gtin)) return undefined;
  return gtin.padStart(14, '0');
}
