// Each mass-balance rule on its own, at its boundaries: exactly at a limit is fine, a milligram above is
// not. Numbers are exact decimals, so the boundaries are exact too.
import { formatDecimal } from '@groundtruth/quantity';
import { describe, expect, it } from 'vitest';
import {
  baseEquivalent,
  checkConservation,
  checkPlotCapacity,
  checkSiteAccount,
  cropYear,
  DEFAULT_REFERENCE,
  newPlotBurst,
  outsideHarvestWindow,
  type ReferenceTable,
  yieldFor,
  yieldOutliers,
} from '../src/index.ts';

const table = DEFAULT_REFERENCE;
const plot = (harvestedGrams: string, overrides: Partial<Parameters<typeof checkPlotCapacity>[1]> = {}) =>
  checkPlotCapacity(
    table,
    {
      plotId: 'p1',
      commodity: 'cocoa',
      country: 'GH',
      geometryType: 'Polygon',
      areaHectares: '2',
      period: '2025/26',
      harvestedGrams,
      ...overrides,
    },
    { gpsTolerance: '0.1' },
  );

describe('plot capacity', () => {
  // Ghana: plausible max 1,900 kg/ha, ceiling 3,000 kg/ha. 2 ha × 1.1 → 4,180 kg and 6,600 kg.
  it('accepts a harvest exactly at the plausible capacity and warns a gram above it', () => {
    expect(plot('4180000').finding).toBeUndefined();
    expect(plot('4180000').tracedFraction).toBe(1);
    const over = plot('4180000.001');
    expect(over.finding).toMatchObject({
      rule: 'OVER_YIELD',
      severity: 'warning',
      subject: { kind: 'plot', id: 'p1' },
    });
    expect(over.finding!.numbers.excessGrams).toBe('0.001');
    expect(over.finding!.referenceVersion).toBe(table.version);
  });

  it('calls a harvest above the hard ceiling impossible, and counts the excess as untraced', () => {
    expect(plot('6600000').finding!.rule).toBe('OVER_YIELD');
    const impossible = plot('12540000'); // 3 × the plausible capacity
    expect(impossible.finding).toMatchObject({ rule: 'IMPOSSIBLE_YIELD', severity: 'error' });
    expect(impossible.tracedFraction).toBeCloseTo(1 / 3, 12);
    expect(impossible.finding!.numbers.untracedShare).toBeCloseTo(2 / 3, 12);
    expect(impossible.finding!.message).toMatch(
      /6270 kg\/ha, above the hard ceiling of 3000 kg\/ha for cocoa in GH/,
    );
  });

  it('counts a Point as at most 4 ha, whatever it declares', () => {
    // 4 ha × 1,900 × 1.1 = 8,360 kg.
    expect(plot('8360000', { geometryType: 'Point', areaHectares: '10' }).finding).toBeUndefined();
    expect(plot('8360000.001', { geometryType: 'Point', areaHectares: '10' }).finding?.rule).toBe(
      'OVER_YIELD',
    );
    expect(plot('8360000', { geometryType: 'Polygon', areaHectares: '10' }).finding).toBeUndefined();
  });

  it('uses the country row, the commodity default, and a brand override with its justification', () => {
    expect(yieldFor(table, 'cocoa', 'CI').plausibleMax).toBe('1500');
    expect(yieldFor(table, 'cocoa', 'PE').country).toBe('*');
    const overridden: ReferenceTable = {
      ...table,
      overrides: [
        {
          commodity: 'cocoa',
          country: 'GH',
          plausibleMax: '1000',
          justification: 'district survey 2026',
          entryIndex: 41,
        },
        {
          commodity: 'cocoa',
          plotId: 'p1',
          plausibleMax: '2500',
          justification: 'irrigated hybrid trial',
          entryIndex: 42,
        },
      ],
    };
    expect(yieldFor(overridden, 'cocoa', 'GH').plausibleMax).toBe('1000');
    expect(yieldFor(overridden, 'cocoa', 'GH', 'p1')).toMatchObject({
      plausibleMax: '2500',
      overriddenBy: 42,
    });
    expect(() => yieldFor({ ...table, yields: [] }, 'cocoa', 'GH')).toThrow(/no reference yield/);
  });

  it('groups harvests by crop year: October to September for cocoa', () => {
    expect(cropYear('cocoa', '2025-12-15T08:00:00Z')).toBe('2025/26');
    expect(cropYear('cocoa', '2026-06-20T08:00:00Z')).toBe('2025/26');
    expect(cropYear('cocoa', '2026-10-01T00:00:00Z')).toBe('2026/27');
    expect(cropYear('cocoa', '2099-09-30T23:59:59Z')).toBe('2098/99');
    expect(cropYear('oil_palm', '2026-06-20T08:00:00Z')).toBe('2026');
  });
});

describe('conversion factors', () => {
  it('converts products to base-material equivalents exactly', () => {
    const eq = (material: string, grams: string, cocoaContent?: string) => {
      const r = baseEquivalent(table, { material, grams, ...(cocoaContent ? { cocoaContent } : {}) });
      return r.ok ? `${r.commodity}:${Number(r.grams.units) / 10 ** r.grams.scale}` : r.reason;
    };
    expect(eq('cocoa_butter', '1000')).toBe('cocoa:1330');
    expect(eq('cocoa_liquor', '800')).toBe('cocoa:1000');
    expect(eq('coffee_cherry', '5000')).toBe('coffee:1000');
    expect(eq('crude_palm_oil', '250')).toBe('oil_palm:1000');
    expect(eq('chocolate', '1000', '0.7')).toBe('cocoa:853.659'); // 700 / 0.82 = 853.6585…, to the milligram
    expect(eq('chocolate', '1000')).toMatch(/cocoa content/);
    expect(eq('unobtainium', '1')).toMatch(/no conversion factor/);
  });
});

describe('transformation conservation', () => {
  const grind = (liquorGrams: string) =>
    checkConservation(table, {
      eventId: 'e1',
      kind: 'transformation',
      inputs: [{ material: 'cocoa_beans', grams: '1000000' }],
      outputs: [{ material: 'cocoa_liquor', grams: liquorGrams }],
    });

  it('allows outputs up to inputs × 1.005 and flags a milligram more, with the numbers', () => {
    // 804,000 g liquor × 1.25 = 1,005,000 g beans = the limit.
    expect(grind('804000').findings).toEqual([]);
    const over = grind('804000.001');
    expect(over.findings).toHaveLength(1);
    expect(over.findings[0]).toMatchObject({
      rule: 'MASS_IMBALANCE',
      severity: 'error',
      subject: { kind: 'event', id: 'e1' },
      numbers: {
        inputEquivalentGrams: '1000000.000',
        limitGrams: '1005000.000',
        outputEquivalentGrams: '1005000.001',
      },
    });
  });

  it('adds co-products (butter and cake from liquor cannot double-count) and checks multi-step chains', () => {
    // Liquor → 0.467 butter + 0.533 cake is bean-neutral: 1.33 × 0.467 + 1.18 × 0.533 = 1.25005.
    const press = checkConservation(table, {
      eventId: 'press',
      kind: 'transformation',
      inputs: [{ material: 'cocoa_liquor', grams: '1000' }],
      outputs: [
        { material: 'cocoa_butter', grams: '467' },
        { material: 'cocoa_cake', grams: '533' },
      ],
    });
    expect(press.findings).toEqual([]);
    expect(press.inputGrams).toEqual({ units: 1_250_000n, scale: 3 });
    expect(press.outputGrams).toEqual({ units: 1_250_050n, scale: 3 });
    const doubled = checkConservation(table, {
      eventId: 'press2',
      kind: 'transformation',
      inputs: [{ material: 'cocoa_liquor', grams: '1000' }],
      outputs: [
        { material: 'cocoa_butter', grams: '900' },
        { material: 'cocoa_powder', grams: '900' },
      ],
    });
    expect(doubled.findings[0]!.rule).toBe('MASS_IMBALANCE');
  });

  it('refuses to cross commodities and says when a material has no factor', () => {
    const crossed = checkConservation(table, {
      eventId: 'x',
      kind: 'transformation',
      inputs: [{ material: 'coffee_green', grams: '1000' }],
      outputs: [{ material: 'cocoa_beans', grams: '10' }],
    });
    expect(crossed.findings.map((f) => f.rule)).toEqual(['MASS_IMBALANCE']);
    expect(crossed.findings[0]!.message).toMatch(/may not cross commodities/);
    const unknown = checkConservation(table, {
      eventId: 'y',
      kind: 'transfer',
      inputs: [{ material: 'mystery', grams: '1' }],
      outputs: [{ material: 'mystery', grams: '1' }],
    });
    expect(unknown.findings.map((f) => f.rule)).toEqual(['UNKNOWN_MATERIAL', 'UNKNOWN_MATERIAL']);
  });
});

describe('site accounts', () => {
  const account = (
    postings: Parameters<typeof checkSiteAccount>[1]['postings'],
    periods = [] as Parameters<typeof checkSiteAccount>[1]['periods'],
  ) => checkSiteAccount(table, { siteId: 'mill', commodity: 'cocoa', postings, periods });

  it('lets a site sell exactly its credit and not a milligram more', () => {
    const exact = account([
      { id: 'r1', at: '2026-01-01T00:00:00Z', kind: 'receive', grams: '1000' },
      { id: 's1', at: '2026-01-02T00:00:00Z', kind: 'sell', grams: '1000' },
    ]);
    expect(exact.findings).toEqual([]);
    expect(exact.balanceGrams.units).toBe(0n);
    const over = account([
      { id: 'r1', at: '2026-01-01T00:00:00Z', kind: 'receive', grams: '1000' },
      { id: 's1', at: '2026-01-02T00:00:00Z', kind: 'sell', grams: '1000.001' },
    ]);
    expect(over.findings).toMatchObject([{ rule: 'NEGATIVE_BALANCE', numbers: { shortfallGrams: '0.001' } }]);
  });

  it('checks the balance at every posting, not only at the end of the period', () => {
    const early = account([
      { id: 's1', at: '2026-01-01T00:00:00Z', kind: 'sell', grams: '500' },
      { id: 'r1', at: '2026-01-02T00:00:00Z', kind: 'receive', grams: '1000' },
    ]);
    expect(early.findings.map((f) => f.rule)).toEqual(['NEGATIVE_BALANCE']);
  });

  it('lets credit lapse after 12 months, spending the oldest first', () => {
    const result = account([
      { id: 'r1', at: '2025-01-01T00:00:00Z', kind: 'receive', grams: '1000' },
      { id: 'r2', at: '2025-06-01T00:00:00Z', kind: 'receive', grams: '1000' },
      { id: 's1', at: '2025-07-01T00:00:00Z', kind: 'sell', grams: '600' },
      { id: 's2', at: '2026-01-01T00:00:00Z', kind: 'sell', grams: '1400' }, // r1's last 400 g lapsed that instant
    ]);
    expect(result.findings.map((f) => f.rule)).toEqual(['CREDIT_EXPIRED', 'NEGATIVE_BALANCE']);
    expect(result.expiredGrams.units).toBe(400n);
    // The trail: credit after each posting, in order; the short sale empties the account.
    expect(result.trail.map((p) => [p.id, formatDecimal(p.balanceGrams), p.status])).toEqual([
      ['r1', '1000', 'posted'],
      ['r2', '2000', 'posted'],
      ['s1', '1400', 'posted'],
      ['s2', '0', 'short'],
    ]);
  });

  it('refuses periods over 3 months and postings into a closed period', () => {
    const result = account(
      [{ id: 'r1', at: '2026-02-01T00:00:00Z', kind: 'receive', grams: '1' }],
      [
        { start: '2026-01-01T00:00:00Z', end: '2026-04-01T00:00:00Z', closed: true },
        { start: '2026-04-01T00:00:00Z', end: '2026-07-02T00:00:00Z', closed: false },
      ],
    );
    expect(result.findings.map((f) => f.rule).sort()).toEqual(['PERIOD_LOCKED', 'PERIOD_TOO_LONG']);
  });

  it('locks a closed period only against postings recorded after the entry that closed it', () => {
    const closed = {
      start: '2026-01-01T00:00:00Z',
      end: '2026-04-01T00:00:00Z',
      closed: true,
      closedAtEntry: 50,
    };
    const posting = (entry: number) => ({
      id: `r${entry}`,
      at: '2026-02-01T00:00:00Z',
      kind: 'receive' as const,
      grams: '1',
      entry,
    });
    expect(account([posting(49)], [closed]).findings).toEqual([]);
    expect(account([posting(50)], [closed]).findings).toEqual([]); // the closing entry itself cannot be a posting
    const late = account([posting(51)], [closed]).findings;
    expect(late.map((f) => f.rule)).toEqual(['PERIOD_LOCKED']);
    expect(late[0]!.numbers).toMatchObject({ postingEntry: 51, closedAtEntry: 50 });
  });
});

describe('statistical signals', () => {
  it('flags a plot far above its cooperative on a robust z-score, and not the normal spread', () => {
    const plots = [400, 420, 450, 380, 410, 430, 395, 2400].map((kg, i) => ({
      plotId: `p${i}`,
      kgPerHectare: kg,
    }));
    const findings = yieldOutliers(table, 'coop A 2025/26', plots);
    expect(findings.map((f) => f.subject.id)).toEqual(['p7']);
    expect(yieldOutliers(table, 'coop A', plots.slice(0, 7))).toEqual([]);
    expect(yieldOutliers(table, 'tiny', plots.slice(6))).toEqual([]);
  });

  it('flags cocoa harvests outside the main and mid crop', () => {
    expect(
      outsideHarvestWindow(table, { eventId: 'h', commodity: 'cocoa', at: '2026-08-15T00:00:00Z' })?.rule,
    ).toBe('OUTSIDE_HARVEST_WINDOW');
    expect(
      outsideHarvestWindow(table, { eventId: 'h', commodity: 'cocoa', at: '2026-11-15T00:00:00Z' }),
    ).toBeUndefined();
  });

  it('flags a burst of new member plots before a large sale', () => {
    const old = Array.from({ length: 10 }, () => '2025-01-01T00:00:00Z');
    const recent = Array.from({ length: 6 }, () => '2026-05-01T00:00:00Z');
    const sale = { eventId: 'sale', at: '2026-06-01T00:00:00Z' };
    expect(newPlotBurst(table, { id: 'coop', plotRegisteredAt: [...old, ...recent] }, sale)?.rule).toBe(
      'NEW_PLOT_BURST',
    );
    expect(
      newPlotBurst(table, { id: 'coop', plotRegisteredAt: [...old, ...recent.slice(0, 2)] }, sale),
    ).toBeUndefined();
  });
});
