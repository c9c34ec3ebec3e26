// The custody rules on their own, at their boundaries: a batch taken exactly to zero is fine, a
// milligram more is not.
import { describe, expect, it } from 'vitest';
import { checkBatchBalance, DEFAULT_REFERENCE } from '../src/index.ts';

const table = DEFAULT_REFERENCE;

describe('checkBatchBalance', () => {
  const batch = (...taken: [kind: string, milligrams: number][]) => ({
    batchId: 'b1',
    producedMilligrams: 1_000_000_000, // 1,000 kg
    consumers: taken.map(([kind, milligrams], i) => ({ eventId: `e${i}`, kind, milligrams })),
  });

  it('passes a batch taken exactly to zero, partly as a loss', () => {
    expect(checkBatchBalance(table, batch(['transfer', 600_000_000], ['loss', 400_000_000]))).toBeUndefined();
  });

  it('flags a milligram more, with what was consumed, lost and overdrawn', () => {
    const finding = checkBatchBalance(table, batch(['transfer', 600_000_000], ['loss', 400_000_001]));
    expect(finding).toMatchObject({
      rule: 'BATCH_OVERDRAWN',
      severity: 'error',
      subject: { kind: 'batch', id: 'b1' },
      numbers: {
        producedGrams: '1000000',
        consumedGrams: '600000',
        lostGrams: '400000.001',
        overdrawnGrams: '0.001',
        consumingEvents: 'e0,e1',
      },
    });
  });

  it('flags the same 1,000 kg shipped twice', () => {
    const finding = checkBatchBalance(table, batch(['transfer', 1_000_000_000], ['transfer', 1_000_000_000]));
    expect(finding?.numbers.overdrawnGrams).toBe('1000000');
  });
});
