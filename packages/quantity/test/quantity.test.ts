import { describe, expect, it } from 'vitest';
import {
  add,
  convertMass,
  formatDecimal,
  MAX_MASS_GRAMS,
  normaliseGtin,
  parseDecimal,
  quantityBound,
  quantityOutOfBounds,
  round,
  toGrams,
} from '../src/index.ts';

describe('decimal', () => {
  it('adds exactly', () => {
    expect(formatDecimal(add(parseDecimal('0.1'), parseDecimal('0.2')))).toBe('0.3');
    expect(formatDecimal(add(parseDecimal('-1.005'), parseDecimal('1')))).toBe('-0.005');
  });
  it('rounds half away from zero', () => {
    expect(formatDecimal(round(parseDecimal('2.5'), 0))).toBe('3');
    expect(formatDecimal(round(parseDecimal('-2.5'), 0))).toBe('-3');
    expect(formatDecimal(round(parseDecimal('1.2344'), 3))).toBe('1.234');
  });
  it('refuses what is not a plain decimal', () => {
    for (const bad of ['', '1e3', '1.', '.5', '0x10', '1,5', '1.0000000001', '1'.repeat(25)])
      expect(() => parseDecimal(bad), bad).toThrow();
  });
});

describe('units', () => {
  it('converts mass units to grams exactly', () => {
    expect(toGrams({ value: '512.4', unit: 'KGM' })).toBe('512400.000');
    expect(toGrams({ value: '1.25', unit: 'TNE' })).toBe('1250000.000');
    expect(toGrams({ value: '1', unit: 'LBR' })).toBe('453.592');
    expect(toGrams({ value: '2', unit: 'LTR' })).toBeUndefined();
    expect(() => toGrams({ value: '1', unit: 'KG' })).toThrow(/UN\/CEFACT/);
  });
  it('converts between mass units', () => {
    expect(convertMass({ value: '2204.62262', unit: 'LBR' }, 'KGM', 3)).toEqual({
      value: '1000.000',
      unit: 'KGM',
    });
    expect(convertMass({ value: '1500', unit: 'KGM' }, 'TNE')).toEqual({ value: '1.500000', unit: 'TNE' });
  });
});

describe('GTIN', () => {
  it('accepts valid GTIN-8/12/13/14 and normalises to 14 digits', () => {
    expect(normaliseGtin('96385074')).toBe('00000096385074');
    expect(normaliseGtin('036000291452')).toBe('00036000291452');
    expect(normaliseGtin('4006381333931')).toBe('04006381333931');
    expect(normaliseGtin('10614141000415')).toBe('10614141000415');
  });
  it('refuses a wrong check digit or length', () => {
    expect(normaliseGtin('4006381333932')).toBeUndefined();
    expect(normaliseGtin('400638133393')).toBeUndefined();
    expect(normaliseGtin('abcdefghijklm')).toBeUndefined();
  });
});

describe('bounds', () => {
  it('accepts each unit family up to its maximum and not a unit beyond it', () => {
    for (const [value, unit] of [
      ['1000000', 'TNE'],
      ['1000000000', 'KGM'],
      ['1000000000000', 'GRM'],
      ['1000000000000000', 'MGM'],
      ['2204622621.8', 'LBR'],
      ['1000000000', 'LTR'],
      ['1000000', 'MTQ'],
      ['1000000000', 'C62'],
    ])
      expect(quantityOutOfBounds({ value: value!, unit: unit! }), `${value} ${unit}`).toBeUndefined();
    for (const [value, unit] of [
      ['1000000.000000001', 'TNE'],
      ['1000000000000.001', 'GRM'],
      ['2204622621.9', 'LBR'],
      ['999999999999999999999999.999999999', 'TNE'],
      ['1000000000.000000001', 'LTR'],
      ['1000001', 'MTQ'],
      ['1000000001', 'XBG'],
    ])
      expect(quantityOutOfBounds({ value: value!, unit: unit! }), `${value} ${unit}`).toMatch(/at most/);
  });

  it('compares the exact product, beyond what toGrams can round-trip', () => {
    const bound = quantityBound({ value: '999999999999999999999999', unit: 'TNE' });
    expect(bound).toMatchObject({ family: 'mass', baseUnit: 'g', max: MAX_MASS_GRAMS });
    expect(formatDecimal(bound.amount)).toBe('999999999999999999999999000000');
    expect(() => quantityBound({ value: '1', unit: 'KG' })).toThrow(/UN\/CEFACT/);
  });
});
