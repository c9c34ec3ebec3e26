// Conservation findings in full: severity, message and numbers, the tolerance option, and materials
// the factor table does not know.
import { formatDecimal } from '@groundtruth/quantity';
import { describe, expect, it } from 'vitest';
import {
  baseEquivalent,
  checkConservation,
  DEFAULT_CONSERVATION_TOLERANCE,
  DEFAULT_REFERENCE,
} from '../src/index.ts';

const table = DEFAULT_REFERENCE;
const beansIn = (outputs: { material: string; grams: string }[], tolerance?: string) =>
  checkConservation(
    table,
    { eventId: 'e1', kind: 'transformation', inputs: [{ material: 'cocoa_beans', grams: '1000' }], outputs },
    tolerance === undefined ? {} : { tolerance },
  );

describe('#checkConservation', () => {
  it('allows 0.5 % by default', () => {
    expect(DEFAULT_CONSERVATION_TOLERANCE).toBe('0.005');
    const result = beansIn([{ material: 'cocoa_beans', grams: '1005' }]);
    expect(result.findings).toEqual([]);
    expect(formatDecimal(result.limitGrams)).toBe('1005.000');
  });

  it('takes another tolerance and reports it', () => {
    expect(beansIn([{ material: 'cocoa_beans', grams: '1020' }], '0.02').findings).toEqual([]);
    const over = beansIn([{ material: 'cocoa_beans', grams: '1020.001' }], '0.02');
    expect(over.findings).toEqual([
      {
        rule: 'MASS_IMBALANCE',
        severity: 'error',
        subject: { kind: 'event', id: 'e1' },
        message:
          'outputs stand for 1.0 kg of cocoa base material but inputs for only 1.0 kg (2.00 % more; tolerance 2.0 %)',
        numbers: {
          inputEquivalentGrams: '1000.000',
          outputEquivalentGrams: '1020.001',
          limitGrams: '1020.000',
          excessGrams: '20.001',
          tolerance: '0.02',
        },
        referenceVersion: table.version,
      },
    ]);
  });

  it('says by how much, in kilograms and percent, when outputs exceed inputs', () => {
    const over = checkConservation(table, {
      eventId: 'grind',
      kind: 'transformation',
      inputs: [{ material: 'cocoa_beans', grams: '100000' }],
      outputs: [{ material: 'cocoa_liquor', grams: '88000' }], // 110,000 g beans: 10 % more
    });
    expect(over.findings[0]!.message).toBe(
      'outputs stand for 110.0 kg of cocoa base material but inputs for only 100.0 kg (10.00 % more; tolerance 0.5 %)',
    );
  });

  it('names the commodities a conversion crosses, and still checks the mass', () => {
    const crossed = checkConservation(table, {
      eventId: 'x',
      kind: 'transfer',
      inputs: [{ material: 'coffee_green', grams: '1000' }],
      outputs: [{ material: 'cocoa_beans', grams: '2000' }],
    });
    expect(crossed.findings.map((f) => [f.rule, f.severity, f.message, f.numbers])).toEqual([
      [
        'MASS_IMBALANCE',
        'error',
        'a transfer may not cross commodities (coffee, cocoa)',
        { commodities: 'coffee,cocoa' },
      ],
      [
        'MASS_IMBALANCE',
        'error',
        expect.stringMatching(/^outputs stand for 2\.0 kg of coffee/),
        expect.anything(),
      ],
    ]);
    const same = checkConservation(table, {
      eventId: 'y',
      kind: 'transformation',
      inputs: [{ material: 'cocoa_beans', grams: '1000' }],
      outputs: [
        { material: 'cocoa_butter', grams: '100' },
        { material: 'cocoa_cake', grams: '100' },
      ],
    });
    expect(same.findings).toEqual([]);
    expect(formatDecimal(same.outputGrams)).toBe('251.000');
  });

  it('warns about each material it cannot convert and checks nothing else', () => {
    const unknown = checkConservation(table, {
      eventId: 'z',
      kind: 'transformation',
      inputs: [{ material: 'cocoa_beans', grams: '1' }],
      outputs: [{ material: 'mystery', grams: '1000000' }],
    });
    expect(unknown).toEqual({
      inputGrams: { units: 0n, scale: 0 },
      outputGrams: { units: 0n, scale: 0 },
      limitGrams: { units: 0n, scale: 0 },
      findings: [
        {
          rule: 'UNKNOWN_MATERIAL',
          severity: 'warning',
          subject: { kind: 'event', id: 'z' },
          message:
            'no conversion factor for material "mystery": this transformation cannot be checked for conservation',
          numbers: { material: 'mystery', grams: '1000000' },
          referenceVersion: table.version,
        },
      ],
    });
  });
});

describe('#baseEquivalent', () => {
  it('rounds to the milligram, half away from zero', () => {
    const eq = (material: string, grams: string, cocoaContent?: string) => {
      const r = baseEquivalent(table, { material, grams, ...(cocoaContent ? { cocoaContent } : {}) });
      return r.ok ? `${r.commodity} ${formatDecimal(r.grams)}` : r.reason;
    };
    expect(eq('cocoa_nibs', '1')).toBe('cocoa 1.149'); // 1.149425
    expect(eq('cocoa_nibs', '0.001')).toBe('cocoa 0.001');
    expect(eq('chocolate', '0.82', '1')).toBe('cocoa 1.000');
    expect(eq('chocolate', '1', '0.41')).toBe('cocoa 0.500');
    expect(eq('chocolate', '1000', '0.7')).toBe('cocoa 853.659');
    expect(eq('chocolate', '1', '')).toBe('chocolate needs its cocoa content to convert');
    expect(eq('coffee_cherry', '1')).toBe('coffee 0.200');
  });
});
