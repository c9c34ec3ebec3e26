// BACKDATED, OUTSIDE_COUNTRY and UNCONFIRMED_TRANSFER on their own (custody.ts), at their
// boundaries. Until now only the API suites exercised them, so a mutation run of this package saw
// them uncovered (docs/quality.md, 4 December 2026). Expected numbers are worked out here: days from
// the calendar, degrees from the box's edge.
import { describe, expect, it } from 'vitest';
import {
  backdated,
  COUNTRY_BOX_MARGIN_DEGREES,
  COUNTRY_BOXES,
  DEFAULT_BACKDATED_DAYS,
  DEFAULT_REFERENCE,
  DEFAULT_UNCONFIRMED_TRANSFER_DAYS,
  daysBetween,
  outsideCountry,
  unconfirmedTransfer,
} from '../src/index.ts';

const table = DEFAULT_REFERENCE;
const at = (iso: string) => Date.parse(iso);

describe('daysBetween', () => {
  it('counts days to two decimals, negative when backwards', () => {
    expect(daysBetween(at('2026-01-01T00:00:00Z'), at('2026-01-11T00:00:00Z'))).toBe(10);
    expect(daysBetween(at('2026-01-01T00:00:00Z'), at('2026-01-01T06:00:00Z'))).toBe(0.25);
    expect(daysBetween(at('2026-01-11T00:00:00Z'), at('2026-01-01T00:00:00Z'))).toBe(-10);
    // 1 h = 1/24 d = 0.041666… → 0.04
    expect(daysBetween(0, 3_600_000)).toBe(0.04);
  });
});

describe('backdated', () => {
  const harvest = (eventTime: string, recordTime: string, plotRegisteredAt = '2026-01-01T00:00:00Z') => ({
    eventId: 'e1',
    eventTime: at(eventTime),
    recordTime: at(recordTime),
    plotId: 'p1',
    plotRegisteredAt: at(plotRegisteredAt),
  });

  it('passes a harvest after its plot, recorded within the limit (90 days by default, inclusive)', () => {
    expect(DEFAULT_BACKDATED_DAYS).toBe(90);
    expect(backdated(table, harvest('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'))).toBeUndefined();
    // Exactly 90 days later (1 March + 90 d = 30 May): not more than 90.
    expect(backdated(table, harvest('2026-03-01T00:00:00Z', '2026-05-30T00:00:00Z'))).toBeUndefined();
    // And a harvest at the very instant its plot was registered.
    expect(backdated(table, harvest('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'))).toBeUndefined();
  });

  it('flags one recorded more than the limit after it, with the days', () => {
    const f = backdated(table, harvest('2026-03-01T00:00:00Z', '2026-05-30T00:00:01Z'))!;
    expect(f.rule).toBe('BACKDATED');
    expect(f.severity).toBe('warning');
    expect(f.subject).toEqual({ kind: 'event', id: 'e1' });
    expect(f.message).toBe('a harvest dated 2026-03-01: recorded 90 days after it (more than 90)');
    expect(f.numbers).toEqual({
      eventTime: '2026-03-01T00:00:00.000Z',
      recordTime: '2026-05-30T00:00:01.000Z',
      plotRegisteredAt: '2026-01-01T00:00:00.000Z',
      recordedAfterDays: 90,
      limitDays: 90,
    });
    expect(f.referenceVersion).toBe(table.version);
    // A limit of the caller's choosing.
    expect(
      backdated(table, harvest('2026-03-01T00:00:00Z', '2026-03-12T00:00:00Z'), { days: 10 }),
    ).toBeDefined();
    expect(
      backdated(table, harvest('2026-03-01T00:00:00Z', '2026-03-11T00:00:00Z'), { days: 10 }),
    ).toBeUndefined();
  });

  it('flags one dated before its plot was registered, and gives both reasons when both hold', () => {
    const before = backdated(table, harvest('2025-12-22T00:00:00Z', '2026-01-02T00:00:00Z'))!;
    expect(before.message).toBe('a harvest dated 2025-12-22: dated 10 days before plot p1 was registered');
    expect(before.numbers).toMatchObject({ beforePlotRegisteredDays: 10, recordedAfterDays: 11 });
    const both = backdated(table, harvest('2025-06-01T00:00:00Z', '2026-01-02T00:00:00Z'))!;
    // 1 June 2025 → 1 January 2026 is 214 days; → 2 January 215.
    expect(both.message).toBe(
      'a harvest dated 2025-06-01: dated 214 days before plot p1 was registered; recorded 215 days after it (more than 90)',
    );
    expect(both.numbers).toMatchObject({ beforePlotRegisteredDays: 214, recordedAfterDays: 215 });
  });
});

describe('outsideCountry', () => {
  const [west, south, east, north] = COUNTRY_BOXES.GH!;
  const plot = (longitude: number, latitude: number, country = 'GH') => ({
    plotId: 'p1',
    country,
    longitude,
    latitude,
  });

  it('passes a plot inside its country’s box, or within the margin outside it', () => {
    expect(outsideCountry(table, plot(-1.62, 6.69))).toBeUndefined(); // Kumasi
    // Just inside the margin (a nanodegree, so that floating-point subtraction cannot tip it over).
    const m = COUNTRY_BOX_MARGIN_DEGREES - 1e-9;
    expect(outsideCountry(table, plot(west - m, 6))).toBeUndefined();
    expect(outsideCountry(table, plot(east + m, 6))).toBeUndefined();
    expect(outsideCountry(table, plot(-1, south - m))).toBeUndefined();
    expect(outsideCountry(table, plot(-1, north + m))).toBeUndefined();
    // And just beyond it.
    expect(outsideCountry(table, plot(west - COUNTRY_BOX_MARGIN_DEGREES - 1e-6, 6))).toBeDefined();
  });

  it('flags a plot beyond the margin on any side, by how far outside it lies', () => {
    // Abidjan, claimed as Ghana: west of Ghana's box.
    const abidjan = outsideCountry(table, plot(-4.02, 5.36))!;
    const byDegrees = Math.round((west - -4.02) * 1e6) / 1e6;
    expect(abidjan.rule).toBe('OUTSIDE_COUNTRY');
    expect(abidjan.severity).toBe('warning');
    expect(abidjan.subject).toEqual({ kind: 'plot', id: 'p1' });
    expect(abidjan.numbers).toMatchObject({
      country: 'GH',
      outsideByDegrees: byDegrees,
      west,
      south,
      east,
      north,
    });
    expect(abidjan.message).toBe(
      `plot at 5.36, -4.02 lies ${byDegrees}° outside GH (approximate box ${[west, south, east, north].join(', ')})`,
    );
    for (const [lon, lat, side] of [
      [east + 0.5, 6, 'east'],
      [-1, south - 0.5, 'south'],
      [-1, north + 0.5, 'north'],
    ] as const) {
      const f = outsideCountry(table, plot(lon, lat));
      expect(f, side).toBeDefined();
      expect(f!.numbers.outsideByDegrees, side).toBeCloseTo(0.5, 6);
    }
  });

  it('does not judge countries without a box, or coordinates that are not finite', () => {
    expect(outsideCountry(table, plot(100, 50, 'ZZ'))).toBeUndefined();
    expect(outsideCountry(table, plot(Number.NaN, 6))).toBeUndefined();
    expect(outsideCountry(table, plot(-1, Number.POSITIVE_INFINITY))).toBeUndefined();
  });
});

describe('unconfirmedTransfer', () => {
  const transfer = {
    eventId: 't1',
    sender: 'org-a',
    receiver: 'org-b',
    recordTime: at('2026-03-01T00:00:00Z'),
  };

  it('waits the limit (14 days by default, inclusive), then flags with the whole days waited', () => {
    expect(DEFAULT_UNCONFIRMED_TRANSFER_DAYS).toBe(14);
    expect(unconfirmedTransfer(table, transfer, at('2026-03-15T00:00:00Z'))).toBeUndefined();
    const f = unconfirmedTransfer(table, transfer, at('2026-03-20T12:00:00Z'))!;
    expect(f.rule).toBe('UNCONFIRMED_TRANSFER');
    expect(f.severity).toBe('warning');
    expect(f.subject).toEqual({ kind: 'event', id: 't1' });
    expect(f.numbers).toEqual({
      sender: 'org-a',
      receiver: 'org-b',
      recordTime: '2026-03-01T00:00:00.000Z',
      unconfirmedDays: 19,
      limitDays: 14,
    });
    expect(f.message).toBe(
      'organisation org-b has not confirmed receipt 19 days after the transfer was recorded (limit 14)',
    );
    expect(unconfirmedTransfer(table, transfer, at('2026-03-04T00:00:00Z'), { days: 2 })).toBeDefined();
    expect(unconfirmedTransfer(table, transfer, at('2026-03-03T00:00:00Z'), { days: 2 })).toBeUndefined();
  });
});
