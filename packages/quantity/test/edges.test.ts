// Exact decimals, units and GS1 check digits at their edges: signs, scales, rounding ties, unit codes.
import { describe, expect, it } from 'vitest';
import {
  add,
  compare,
  convertMass,
  DecimalError,
  formatDecimal,
  gs1CheckDigit,
  hasValidCheckDigit,
  isMassUnit,
  isPositive,
  KNOWN_UNITS,
  MASS_UNITS,
  multiply,
  normaliseGtin,
  parseDecimal,
  round,
  toGrams,
  UnitError,
} from '../src/index.ts';

const d = parseDecimal;
const f = formatDecimal;

describe('decimal', () => {
  it('parses sign, whole part and up to nine decimals exactly', () => {
    expect(d('12.50')).toEqual({ units: 1250n, scale: 2 });
    expect(d('-0.005')).toEqual({ units: -5n, scale: 3 });
    expect(d('7')).toEqual({ units: 7n, scale: 0 });
    expect(d('0.123456789')).toEqual({ units: 123456789n, scale: 9 });
  });

  it('refuses other spellings with a DecimalError naming the text', () => {
    for (const bad of ['+1', '- 1', ' 1', '1 ', '--1', '1.2.3', 'NaN', 'Infinity', '1\n']) {
      expect(() => d(bad), JSON.stringify(bad)).toThrow(DecimalError);
    }
    expect(() => d('1e3')).toThrow('"1e3" is not a decimal number (up to 24 digits and 9 decimals)');
    expect(new DecimalError('x').name).toBe('DecimalError');
  });

  it('formats with its scale, padding small values and keeping the sign', () => {
    expect(f({ units: 5n, scale: 3 })).toBe('0.005');
    expect(f({ units: -5n, scale: 3 })).toBe('-0.005');
    expect(f({ units: 1234n, scale: 2 })).toBe('12.34');
    expect(f({ units: -1234n, scale: 0 })).toBe('-1234');
    expect(f({ units: 0n, scale: 2 })).toBe('0.00');
    expect(f({ units: 0n, scale: 0 })).toBe('0');
  });

  it('adds and compares across scales', () => {
    expect(f(add(d('1.5'), d('0.25')))).toBe('1.75');
    expect(f(add(d('0.25'), d('1.5')))).toBe('1.75');
    expect(compare(d('1.5'), d('1.50'))).toBe(0);
    expect(compare(d('1.5'), d('1.49'))).toBe(1);
    expect(compare(d('1.49'), d('1.5'))).toBe(-1);
    expect(compare(d('-2'), d('1'))).toBe(-1);
  });

  it('multiplies exactly, adding scales', () => {
    expect(multiply(d('1.5'), d('-0.25'))).toEqual({ units: -375n, scale: 3 });
  });

  it('rounds half away from zero, and widens to a larger scale without change', () => {
    expect(round(d('1.2345'), 3)).toEqual({ units: 1235n, scale: 3 });
    expect(round(d('1.23449'), 3)).toEqual({ units: 1234n, scale: 3 });
    expect(round(d('-1.2345'), 3)).toEqual({ units: -1235n, scale: 3 });
    expect(round(d('-1.23449'), 3)).toEqual({ units: -1234n, scale: 3 });
    expect(round(d('0.5'), 0)).toEqual({ units: 1n, scale: 0 });
    expect(round(d('0.4999'), 0)).toEqual({ units: 0n, scale: 0 });
    expect(round(d('1.5'), 3)).toEqual({ units: 1500n, scale: 3 });
    expect(round(d('1.500'), 3)).toEqual({ units: 1500n, scale: 3 });
  });

  it('knows a positive value from zero and a negative one', () => {
    expect(isPositive(d('0.001'))).toBe(true);
    expect(isPositive(d('0'))).toBe(false);
    expect(isPositive(d('-0.001'))).toBe(false);
  });
});

describe('units', () => {
  it('lists mass units and other units, and tells them apart', () => {
    expect(MASS_UNITS).toEqual(['GRM', 'KGM', 'TNE', 'LBR', 'ONZ', 'MGM']);
    expect(KNOWN_UNITS).toEqual([...MASS_UNITS, 'LTR', 'MTQ', 'H87', 'C62', 'XBG', 'XBX']);
    expect(isMassUnit('KGM')).toBe(true);
    expect(isMassUnit('LTR')).toBe(false);
    expect(isMassUnit('toString')).toBe(false);
    expect(isMassUnit('constructor')).toBe(false);
  });

  it('converts every mass unit to grams exactly, to the milligram', () => {
    expect(toGrams({ value: '1.0005', unit: 'GRM' })).toBe('1.001');
    expect(toGrams({ value: '1', unit: 'ONZ' })).toBe('28.350');
    expect(toGrams({ value: '1500', unit: 'MGM' })).toBe('1.500');
    expect(toGrams({ value: '-2', unit: 'KGM' })).toBe('-2000.000');
    for (const unit of ['LTR', 'MTQ', 'H87', 'C62', 'XBG', 'XBX'])
      expect(toGrams({ value: '1', unit })).toBeUndefined();
  });

  it('refuses an unknown unit code with a UnitError', () => {
    expect(() => toGrams({ value: '1', unit: 'kgm' })).toThrow(UnitError);
    expect(() => toGrams({ value: '1', unit: 'kgm' })).toThrow(
      'unknown unit kgm; use a UN/CEFACT code such as KGM',
    );
    expect(new UnitError('x').name).toBe('UnitError');
  });

  it('converts between mass units to six decimals by default, rounding half away from zero', () => {
    expect(convertMass({ value: '1', unit: 'GRM' }, 'ONZ')).toEqual({ value: '0.035274', unit: 'ONZ' });
    expect(convertMass({ value: '1', unit: 'GRM' }, 'ONZ', 3)).toEqual({ value: '0.035', unit: 'ONZ' });
    expect(convertMass({ value: '1', unit: 'GRM' }, 'KGM', 2)).toEqual({ value: '0.00', unit: 'KGM' });
    expect(convertMass({ value: '5', unit: 'GRM' }, 'KGM', 2)).toEqual({ value: '0.01', unit: 'KGM' });
    expect(convertMass({ value: '1', unit: 'TNE' }, 'MGM', 0)).toEqual({ value: '1000000000', unit: 'MGM' });
    expect(convertMass({ value: '0.5', unit: 'LBR' }, 'GRM', 4)).toEqual({ value: '226.7962', unit: 'GRM' });
  });

  it('refuses a conversion to or from a unit that is not mass', () => {
    expect(() => convertMass({ value: '1', unit: 'LTR' }, 'KGM')).toThrow(
      'LTR → KGM is not a mass conversion',
    );
    expect(() => convertMass({ value: '1', unit: 'KGM' }, 'LTR')).toThrow(
      'KGM → LTR is not a mass conversion',
    );
    // Names inherited from Object.prototype are not units (a bug fixed with these tests).
    expect(() => convertMass({ value: '1', unit: 'constructor' }, 'KGM')).toThrow(UnitError);
    expect(() => convertMass({ value: '1', unit: 'KGM' }, 'toString')).toThrow(UnitError);
  });
});

describe('GS1 check digits (GS1 General Specifications §7.9.1)', () => {
  it('computes the mod-10 check digit with weights 3, 1, 3… from the right', () => {
    expect(gs1CheckDigit('629104150021')).toBe(3); // GS1's worked example, GTIN-13 6291041500213
    expect(gs1CheckDigit('1061414100041')).toBe(5);
    expect(gs1CheckDigit('9638507')).toBe(4);
    expect(gs1CheckDigit('0')).toBe(0);
    expect(gs1CheckDigit('3')).toBe(1);
  });

  it('checks the last digit against the others, and needs at least two digits', () => {
    expect(hasValidCheckDigit('6291041500213')).toBe(true);
    expect(hasValidCheckDigit('6291041500214')).toBe(false);
    expect(hasValidCheckDigit('00')).toBe(true);
    expect(hasValidCheckDigit('0')).toBe(false);
    expect(hasValidCheckDigit('a6291041500213')).toBe(false);
    expect(hasValidCheckDigit('6291041500213a')).toBe(false);
  });

  it('normalises only GTIN lengths 8, 12, 13 and 14', () => {
    // Each body below has a valid check digit; only the length is wrong.
    for (const body of [
      '1234567',
      '12345678',
      '123456789',
      '1234567890',
      '12345678901',
      '123456789012',
      '1234567890123',
      '12345678901234',
    ]) {
      const key = `${body}${gs1CheckDigit(body)}`;
      const expected = [8, 12, 13, 14].includes(key.length) ? key.padStart(14, '0') : undefined;
      expect(normaliseGtin(key), key).toBe(expected);
    }
    expect(normaliseGtin(' 96385074')).toBeUndefined();
    expect(normaliseGtin('96385074 ')).toBeUndefined();
  });
});
