import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REFERENCE,
  isEvaluableMilligrams,
  MAX_EVALUABLE_MILLIGRAMS,
  milligramsToGrams,
  unevaluableRecord,
} from '../src/index.ts';

describe('unevaluable records', () => {
  it('weighs every mass up to 10^6 t exactly, and nothing beyond', () => {
    expect(MAX_EVALUABLE_MILLIGRAMS).toBe(1e15);
    expect(MAX_EVALUABLE_MILLIGRAMS).toBeLessThan(Number.MAX_SAFE_INTEGER);
    expect(isEvaluableMilligrams(0)).toBe(true);
    expect(isEvaluableMilligrams(1e15)).toBe(true);
    expect(milligramsToGrams(1e15 - 1)).toBe('999999999999.999');
    for (const bad of [1e15 + 1, 1e33, Number.POSITIVE_INFINITY, Number.NaN, -1])
      expect(isEvaluableMilligrams(bad), String(bad)).toBe(false);
  });

  it('reports a record as an error finding with the mass it recorded', () => {
    const f = unevaluableRecord(
      DEFAULT_REFERENCE,
      { kind: 'batch', id: 'b1' },
      { what: 'batch LOT-1', grams: '999999999999999999999999000000' },
    );
    expect(f).toMatchObject({
      rule: 'UNEVALUABLE_RECORD',
      severity: 'error',
      subject: { kind: 'batch', id: 'b1' },
      numbers: { grams: '999999999999999999999999000000', maxGrams: '1000000000000' },
      referenceVersion: DEFAULT_REFERENCE.version,
    });
    expect(f.message).toContain('batch LOT-1');
  });

  it('formats milligrams beyond 2^53 as the exact value of the double, without exponent notation', () => {
    // 1e33 as a double is 999999999999999945575230987042816 exactly.
    expect(milligramsToGrams(1e33)).toBe('999999999999999945575230987042.816');
    expect(milligramsToGrams(2 ** 60)).toBe('1152921504606846.976');
  });
});
