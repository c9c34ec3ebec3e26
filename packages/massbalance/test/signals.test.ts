// Statistical signals at their thresholds, and blended-origin findings in full.
import { describe, expect, it } from 'vitest';
import {
  blendedOriginFindings,
  compileGraph,
  DEFAULT_REFERENCE,
  median,
  newPlotBurst,
  OUTLIER_Z,
  outsideHarvestWindow,
  yieldOutliers,
} from '../src/index.ts';

const table = DEFAULT_REFERENCE;

describe('#median', () => {
  it('takes the middle value, or the mean of the middle two, whatever the input order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 2, 33, 4, 5])).toBe(5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });
});

describe('#yieldOutliers', () => {
  // Median 400, MAD 10: robust z = (v − 400) / 14.826.
  const group = (last: number) =>
    [390, 400, 410, 395, 405, 400, last].map((kgPerHectare, i) => ({ plotId: `p${i}`, kgPerHectare }));

  it('flags a plot above z 3.5 and not one at it', () => {
    expect(OUTLIER_Z).toBe(3.5);
    const atThreshold = 400 + 3.5 * 1.4826 * 5;
    const plots = [390, 395, 400, 400, 405, 410].map((kgPerHectare, i) => ({
      plotId: `p${i}`,
      kgPerHectare,
    }));
    // MAD of these six plus the candidate: deviations 10, 5, 0, 0, 5, 10, x → median 5.
    expect(yieldOutliers(table, 'g', [...plots, { plotId: 'x', kgPerHectare: atThreshold }])).toEqual([]);
    expect(
      yieldOutliers(table, 'g', [...plots, { plotId: 'x', kgPerHectare: atThreshold + 0.01 }]).map(
        (f) => f.subject.id,
      ),
    ).toEqual(['x']);
  });

  it('reports the numbers behind the flag', () => {
    const [finding] = yieldOutliers(table, 'coop A 2025/26', group(1000));
    expect(finding).toMatchObject({
      rule: 'YIELD_OUTLIER',
      severity: 'warning',
      subject: { kind: 'plot', id: 'p6' },
      numbers: { kgPerHectare: 1000, groupMedian: 400, mad: 5, group: 'coop A 2025/26' },
      referenceVersion: table.version,
    });
    expect(finding!.numbers.robustZ).toBeCloseTo(600 / (1.4826 * 5), 9);
    expect(finding!.message).toBe(
      '1000 kg/ha against a median of 400 kg/ha in coop A 2025/26 (robust z 80.9)',
    );
  });

  it('needs five plots, and some spread, to say what is normal', () => {
    const five = [400, 400, 410, 390, 5000].map((kgPerHectare, i) => ({ plotId: `p${i}`, kgPerHectare }));
    expect(yieldOutliers(table, 'g', five).map((f) => f.subject.id)).toEqual(['p4']);
    expect(yieldOutliers(table, 'g', five.slice(1))).toEqual([]);
    const same = [400, 400, 400, 400, 400, 5000].map((kgPerHectare, i) => ({
      plotId: `p${i}`,
      kgPerHectare,
    }));
    expect(yieldOutliers(table, 'g', same)).toEqual([]);
  });

  it('does not flag a plot far below the group', () => {
    expect(yieldOutliers(table, 'g', group(0))).toEqual([]);
  });
});

describe('#outsideHarvestWindow', () => {
  const at = (iso: string | number) =>
    outsideHarvestWindow(table, { eventId: 'h', commodity: 'cocoa', at: iso });

  it('accepts the main crop (October to February) and the mid crop (April to June)', () => {
    for (const month of ['01', '02', '04', '05', '06', '10', '11', '12']) {
      expect(at(`2026-${month}-15T00:00:00Z`), month).toBeUndefined();
    }
  });

  it('warns about March, July, August and September, with the date', () => {
    for (const month of ['03', '07', '08', '09']) {
      expect(at(`2026-${month}-15T00:00:00Z`)?.numbers.month, month).toBe(Number(month));
    }
    expect(at('2026-08-15T06:00:00Z')).toEqual({
      rule: 'OUTSIDE_HARVEST_WINDOW',
      severity: 'warning',
      subject: { kind: 'event', id: 'h' },
      message: 'a cocoa harvest dated 2026-08-15 falls outside the main and mid crop',
      numbers: { month: 8, at: '2026-08-15T06:00:00Z' },
      referenceVersion: table.version,
    });
    expect(at(Date.UTC(2026, 6, 1))?.numbers.at).toBe('2026-07-01T00:00:00.000Z');
  });

  it('says nothing for commodities without a known window', () => {
    expect(
      outsideHarvestWindow(table, { eventId: 'h', commodity: 'coffee', at: '2026-08-15T00:00:00Z' }),
    ).toBeUndefined();
  });
});

describe('#newPlotBurst', () => {
  const DAY = 86_400_000;
  const sale = { eventId: 'sale', at: Date.UTC(2026, 5, 1) };
  const registered = (daysBefore: number[]) => ({
    id: 'coop',
    plotRegisteredAt: daysBefore.map((d) => sale.at - d * DAY),
  });

  it('flags more than 30 % of plots registered within 90 days before the sale, not exactly 30 %', () => {
    const old = Array.from({ length: 7 }, () => 400);
    expect(newPlotBurst(table, registered([...old, 90, 90, 90]), sale)).toBeUndefined(); // 3 of 10
    const burst = newPlotBurst(table, registered([...old, 90, 90, 90, 0]), sale); // 4 of 11
    expect(burst).toEqual({
      rule: 'NEW_PLOT_BURST',
      severity: 'warning',
      subject: { kind: 'site', id: 'coop' },
      message: '4 of 11 member plots were registered in the 90 days before sale sale',
      numbers: { recentPlots: 4, plots: 11, days: 90, share: 4 / 11, sale: 'sale' },
      referenceVersion: table.version,
    });
    expect(newPlotBurst(table, registered([...old, 91, 91, 91, 91]), sale)).toBeUndefined();
  });

  it('ignores plots registered after the sale, and has nothing to say without plots', () => {
    expect(newPlotBurst(table, registered([400, 400, -1, -1, -1]), sale)).toBeUndefined();
    expect(newPlotBurst(table, registered([-5]), sale)).toBeUndefined();
    expect(newPlotBurst(table, registered([]), sale)).toBeUndefined();
  });

  it('takes another window and share, and ISO times', () => {
    const reg = registered([400, 400, 20, 20]);
    expect(newPlotBurst(table, reg, sale, { days: 10 })).toBeUndefined();
    expect(newPlotBurst(table, reg, sale, { days: 30 })?.numbers.recentPlots).toBe(2);
    expect(newPlotBurst(table, reg, sale, { share: 0.5 })).toBeUndefined();
    expect(newPlotBurst(table, reg, sale, { share: 0.49 })?.rule).toBe('NEW_PLOT_BURST');
    const iso = { id: 'coop', plotRegisteredAt: ['2026-05-30T00:00:00Z', '2025-01-01T00:00:00Z'] };
    expect(newPlotBurst(table, iso, { eventId: 's', at: '2026-06-01T00:00:00Z' })?.numbers.recentPlots).toBe(
      1,
    );
  });
});

describe('#blendedOriginFindings', () => {
  const g = compileGraph(table, {
    batches: new Map(
      ['a', 'b', 'c', 'd'].map((id) => [
        id,
        { id, producedBy: 'h', grams: '2000', material: 'cocoa_beans', organisationId: `org-${id}` },
      ]),
    ),
    events: new Map([['h', { id: 'h', kind: 'harvest' as const, inputs: [] }]]),
  });

  it('ignores a negligible untraced share and reports the rest by the custody model', () => {
    const traced = {
      shares: Float64Array.from([1 - 1e-10, 0.75, 0.75, 0]),
      cyclic: Uint8Array.from([0, 0, 0, 1]),
    };
    const seen: [string, number][] = [];
    const findings = blendedOriginFindings(table, g, traced, (org, b) => {
      seen.push([org, b]);
      return org === 'org-b' ? 'mass_balance' : org === 'org-c' ? 'identity_preserved' : 'mass_balance';
    });
    expect(seen).toEqual([
      ['org-b', 1],
      ['org-c', 2],
      ['org-d', 3],
    ]);
    expect(findings.map((f) => f.batch)).toEqual([1, 2, 3]);
    expect(findings[0]!.finding).toEqual({
      rule: 'BLENDED_ORIGIN',
      severity: 'warning',
      subject: { kind: 'batch', id: 'b' },
      message: '25.00 % of this batch (mass balance) cannot be traced to what identified plots can grow',
      numbers: { untracedShare: 0.25, tracedShare: 0.75, untracedGrams: '500', custodyModel: 'mass_balance' },
      referenceVersion: table.version,
    });
    expect(findings[1]!.finding).toMatchObject({
      severity: 'error',
      message:
        '25.00 % of this batch (identity preserved) cannot be traced to what identified plots can grow',
    });
    // On a cycle: an error whatever the model.
    expect(findings[2]!.finding).toMatchObject({
      rule: 'CYCLE',
      severity: 'error',
      message: 'the batch sits on a cycle of events in the data: its origin cannot be followed',
      numbers: { untracedShare: 1, untracedGrams: '2000' },
    });
  });

  it('reports a share just above the negligible threshold', () => {
    const traced = { shares: Float64Array.from([1 - 2e-9, 1, 1, 1]), cyclic: new Uint8Array(4) };
    expect(blendedOriginFindings(table, g, traced, () => 'segregated').map((f) => f.batch)).toEqual([0]);
  });
});
