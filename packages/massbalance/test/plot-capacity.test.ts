// Plot capacity at its edges: Points under and over the EUDR 4 ha cap, Polygons never capped, the
// default GPS tolerance, every number a finding reports, and crop years from every kind of time.

import { formatDecimal } from '@groundtruth/quantity';
import { describe, expect, it } from 'vitest';
import {
  approximateCapacityGrams,
  checkPlotCapacity,
  cropYear,
  cropYearStart,
  DEFAULT_GPS_TOLERANCE,
  DEFAULT_REFERENCE,
  type PlotHarvests,
  POINT_MAX_HECTARES,
  type ReferenceTable,
} from '../src/index.ts';

const table = DEFAULT_REFERENCE;
// Ghana cocoa: plausible maximum 1,900 kg/ha, hard ceiling 3,000 kg/ha.
const ghana = (overrides: Partial<PlotHarvests>): PlotHarvests => ({
  plotId: 'p1',
  commodity: 'cocoa',
  country: 'GH',
  geometryType: 'Polygon',
  areaHectares: '1',
  period: '2025/26',
  harvestedGrams: '0',
  ...overrides,
});
const tenPercent = { gpsTolerance: '0.1' };

describe('plot capacity', () => {
  it('has the EUDR cap and the default GPS tolerance of the research notes', () => {
    expect(POINT_MAX_HECTARES).toBe('4');
    expect(DEFAULT_GPS_TOLERANCE).toBe('0.15');
  });

  describe('#checkPlotCapacity', () => {
    // A Point under 4 ha is counted at its declared area, not at the cap: 1 ha × 1,900 × 1.1 = 2,090 kg.
    it('counts a Point under 4 ha at its own area', () => {
      const point = (grams: string) =>
        checkPlotCapacity(table, ghana({ geometryType: 'Point', harvestedGrams: grams }), tenPercent);
      expect(formatDecimal(point('0').countedHectares)).toBe('1');
      expect(point('2090000').finding).toBeUndefined();
      expect(point('2090000.001').finding?.rule).toBe('OVER_YIELD');
    });

    it('caps a Point at exactly 4 ha and above', () => {
      for (const [area, counted] of [
        ['4', '4'],
        ['4.5', '4'],
        ['3.999', '3.999'],
      ]) {
        const result = checkPlotCapacity(
          table,
          ghana({ geometryType: 'Point', areaHectares: area! }),
          tenPercent,
        );
        expect(formatDecimal(result.countedHectares), area).toBe(counted);
      }
    });

    // Only Points are capped: a 10 ha Polygon can grow 10 × 1,900 × 1.1 = 20,900 kg.
    it('never caps a Polygon or a MultiPolygon', () => {
      for (const geometryType of ['Polygon', 'MultiPolygon'] as const) {
        const big = (grams: string) =>
          checkPlotCapacity(
            table,
            ghana({ geometryType, areaHectares: '10', harvestedGrams: grams }),
            tenPercent,
          );
        expect(formatDecimal(big('0').countedHectares)).toBe('10');
        expect(big('20900000').finding, geometryType).toBeUndefined();
        expect(big('20900000.001').finding?.rule, geometryType).toBe('OVER_YIELD');
      }
    });

    it('widens by 15 % when no GPS tolerance is given', () => {
      const result = checkPlotCapacity(table, ghana({ areaHectares: '2', harvestedGrams: '4370000' }));
      expect(formatDecimal(result.plausibleGrams)).toBe('4370000.000'); // 2 × 1,900 kg × 1.15
      expect(formatDecimal(result.ceilingGrams)).toBe('6900000.000'); // 2 × 3,000 kg × 1.15
      expect(result.finding).toBeUndefined();
      const over = checkPlotCapacity(table, ghana({ areaHectares: '2', harvestedGrams: '4370000.001' }));
      expect(over.finding?.numbers.gpsTolerance).toBe('0.15');
      expect(over.finding?.message).toMatch(/\(GPS tolerance 0\.15\)$/);
    });

    it('reports zero excess and a whole traced fraction within capacity', () => {
      const within = checkPlotCapacity(table, ghana({ harvestedGrams: '2090000' }), tenPercent);
      expect(formatDecimal(within.excessGrams)).toBe('0');
      expect(within.tracedFraction).toBe(1);
    });

    it('reports every number of an over-yield finding', () => {
      const over = checkPlotCapacity(table, ghana({ harvestedGrams: '2508000' }), tenPercent); // 1.2 × capacity
      expect(formatDecimal(over.excessGrams)).toBe('418000.000');
      expect(over.tracedFraction).toBeCloseTo(1 / 1.2, 12);
      expect(over.finding).toEqual({
        rule: 'OVER_YIELD',
        severity: 'warning',
        subject: { kind: 'plot', id: 'p1' },
        message:
          '2025/26: 2508.0 kg from 1 ha is 2508 kg/ha, above the plausible maximum of 1900 kg/ha for cocoa in GH (GPS tolerance 0.1)',
        numbers: {
          period: '2025/26',
          harvestedGrams: '2508000',
          countedHectares: '1',
          kgPerHectare: '2508.0',
          plausibleMaxKgPerHa: '1900',
          hardCeilingKgPerHa: '3000',
          plausibleCapacityGrams: '2090000.000',
          ceilingCapacityGrams: '3300000.000',
          excessGrams: '418000.000',
          untracedShare: expect.closeTo(1 - 1 / 1.2, 12),
          gpsTolerance: '0.1',
        },
        referenceVersion: table.version,
      });
    });

    it('is an error only above the hard ceiling: at it, still a warning', () => {
      const at = checkPlotCapacity(table, ghana({ harvestedGrams: '3300000' }), tenPercent);
      expect(at.finding).toMatchObject({ rule: 'OVER_YIELD', severity: 'warning' });
      const above = checkPlotCapacity(table, ghana({ harvestedGrams: '3300000.001' }), tenPercent);
      expect(above.finding).toMatchObject({ rule: 'IMPOSSIBLE_YIELD', severity: 'error' });
      expect(above.finding!.message).toBe(
        '2025/26: 3300.0 kg from 1 ha is 3300 kg/ha, above the hard ceiling of 3000 kg/ha for cocoa in GH (GPS tolerance 0.1)',
      );
    });

    it('names the override entry that changed the limits', () => {
      const overridden: ReferenceTable = {
        ...table,
        overrides: [
          { commodity: 'cocoa', plotId: 'p1', plausibleMax: '1000', justification: 'survey', entryIndex: 42 },
        ],
      };
      const result = checkPlotCapacity(overridden, ghana({ harvestedGrams: '1100000.001' }), tenPercent);
      expect(result.finding?.numbers).toMatchObject({ plausibleMaxKgPerHa: '1000', overrideEntry: 42 });
      const plain = checkPlotCapacity(table, ghana({ harvestedGrams: '2090000.001' }), tenPercent);
      expect(plain.finding?.numbers).not.toHaveProperty('overrideEntry');
    });
  });

  describe('#approximateCapacityGrams', () => {
    it('agrees with the exact capacity for Points under and over the cap and for Polygons', () => {
      for (const [geometryType, areaHectares] of [
        ['Point', '1'],
        ['Point', '10'],
        ['Polygon', '10'],
        ['MultiPolygon', '0.5'],
      ] as const) {
        const plot = ghana({ geometryType, areaHectares });
        for (const options of [{}, tenPercent]) {
          const exact = Number(formatDecimal(checkPlotCapacity(table, plot, options).plausibleGrams));
          expect(
            approximateCapacityGrams(table, plot, options),
            `${geometryType} ${areaHectares}`,
          ).toBeCloseTo(exact, 3);
        }
      }
      expect(
        approximateCapacityGrams(table, ghana({ geometryType: 'Point', areaHectares: '1' })),
      ).toBeCloseTo(2_185_000, 3);
    });
  });

  describe('#cropYear', () => {
    it('reads a UTC ISO string by its digits, at the October boundary', () => {
      expect(cropYear('cocoa', '2025-09-30T23:59:59.999Z')).toBe('2024/25');
      expect(cropYear('cocoa', '2025-10-01T00:00:00Z')).toBe('2025/26');
      expect(cropYear('coffee', '2025-09-30T23:59:59Z')).toBe('2024/25');
      expect(cropYear('coffee', '2025-10-01T00:00:00Z')).toBe('2025/26');
      expect(cropYear('cocoa', '2008-11-01T00:00:00Z')).toBe('2008/09');
      expect(cropYear('cocoa', '2099-10-01T00:00:00Z')).toBe('2099/00');
    });

    it('uses calendar years for other commodities', () => {
      expect(cropYear('oil_palm', '2026-01-01T00:00:00Z')).toBe('2026');
      expect(cropYear('rubber', '2025-12-31T23:59:59Z')).toBe('2025');
      expect(cropYearStart('soya', '2025-12-31T23:59:59Z')).toBe(2025);
    });

    it('parses times with an offset, Dates and epoch milliseconds in UTC', () => {
      // 01:00 at +02:00 on 1 October is still 30 September in UTC.
      expect(cropYear('cocoa', '2025-10-01T01:00:00+02:00')).toBe('2024/25');
      expect(cropYear('cocoa', new Date('2025-10-01T00:00:00Z'))).toBe('2025/26');
      expect(cropYear('cocoa', Date.UTC(2025, 8, 30, 23, 59))).toBe('2024/25');
      expect(cropYear('cocoa', Date.UTC(2025, 9, 1))).toBe('2025/26');
      expect(cropYearStart('cocoa', Date.UTC(2026, 0, 15))).toBe(2025);
      expect(cropYearStart('oil_palm', Date.UTC(2026, 0, 15))).toBe(2026);
      expect(cropYearStart('cocoa', new Date(Date.UTC(2026, 11, 31)))).toBe(2026);
    });
  });
});
