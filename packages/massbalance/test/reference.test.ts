// Which reference row and which override apply: the code that reads the tables (the rows themselves are
// data, checked against their sources).
import { describe, expect, it } from 'vitest';
import { DEFAULT_REFERENCE, type ReferenceTable, type YieldOverride, yieldFor } from '../src/index.ts';

const table = DEFAULT_REFERENCE;
const withOverrides = (...overrides: YieldOverride[]): ReferenceTable => ({ ...table, overrides });
const override = (o: Partial<YieldOverride>): YieldOverride => ({
  commodity: 'cocoa',
  justification: 'survey',
  entryIndex: 7,
  ...o,
});

describe('#yieldFor', () => {
  it("falls back to the commodity's own default row, not another commodity's", () => {
    const coffee = yieldFor(table, 'coffee', 'ZZ');
    expect(coffee).toMatchObject({ commodity: 'coffee', country: '*', plausibleMax: '3500' });
    expect(yieldFor(table, 'rubber', 'ZZ')).toMatchObject({ commodity: 'rubber', country: '*' });
    expect(yieldFor(table, 'coffee', 'BR')).toMatchObject({ commodity: 'coffee', country: 'BR' });
  });

  it('returns the row itself when nothing overrides it', () => {
    const row = table.yields.find((y) => y.commodity === 'cocoa' && y.country === 'GH');
    expect(yieldFor(table, 'cocoa', 'GH')).toBe(row);
    expect(yieldFor(table, 'cocoa', 'GH', 'p1')).toBe(row);
  });

  it('applies a country override to that country only, and to that commodity only', () => {
    const t = withOverrides(override({ country: 'GH', plausibleMax: '1000' }));
    expect(yieldFor(t, 'cocoa', 'GH')).toMatchObject({
      plausibleMax: '1000',
      hardCeiling: '3000',
      overriddenBy: 7,
    });
    expect(yieldFor(t, 'cocoa', 'CI')).toMatchObject({ plausibleMax: '1500' });
    expect(yieldFor(t, 'cocoa', 'CI')).not.toHaveProperty('overriddenBy');
    const coffee = withOverrides(override({ commodity: 'coffee', country: 'GH', plausibleMax: '1' }));
    expect(yieldFor(coffee, 'cocoa', 'GH')).not.toHaveProperty('overriddenBy');
  });

  it("applies a plot's override to that plot only, ahead of its country's", () => {
    const t = withOverrides(
      override({ country: 'GH', plausibleMax: '1000', entryIndex: 41 }),
      override({ plotId: 'p1', hardCeiling: '4000', entryIndex: 42 }),
    );
    const p1 = yieldFor(t, 'cocoa', 'GH', 'p1');
    expect(p1).toMatchObject({ plausibleMax: '1900', hardCeiling: '4000', overriddenBy: 42 });
    expect(p1.source).toMatch(/; overridden: survey$/);
    expect(yieldFor(t, 'cocoa', 'GH', 'p2')).toMatchObject({ plausibleMax: '1000', overriddenBy: 41 });
    expect(yieldFor(t, 'cocoa', 'GH')).toMatchObject({ overriddenBy: 41 });
    const coffeePlot = withOverrides(override({ commodity: 'coffee', plotId: 'p1', plausibleMax: '1' }));
    expect(yieldFor(coffeePlot, 'cocoa', 'GH', 'p1')).not.toHaveProperty('overriddenBy');
  });

  it("does not treat a plot's override as its country's", () => {
    const t = withOverrides(override({ country: 'GH', plotId: 'p9', plausibleMax: '1' }));
    expect(yieldFor(t, 'cocoa', 'GH', 'p1')).not.toHaveProperty('overriddenBy');
    expect(yieldFor(t, 'cocoa', 'GH')).not.toHaveProperty('overriddenBy');
    expect(yieldFor(t, 'cocoa', 'GH', 'p9')).toMatchObject({ plausibleMax: '1', overriddenBy: 7 });
  });

  it('refuses a commodity with no row', () => {
    expect(() => yieldFor(table, 'wood', 'GH')).toThrow('no reference yield for wood');
  });
});
