// Custody signals about time and place: a harvest recorded long after it supposedly happened, or
// dated before its plot existed in our records (backdating defeats the new-plot-burst screen), and a
// plot that lies outside the country it claims. Warnings that point an auditor somewhere.
import { COUNTRY_BOX_MARGIN_DEGREES, COUNTRY_BOXES, COUNTRY_BOXES_VERSION } from './countries.ts';
import type { Finding } from './findings.ts';
import type { ReferenceTable } from './reference.ts';

export const DEFAULT_BACKDATED_DAYS = 90;
const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
/** Days between two instants, to two decimals. */
export const daysBetween = (from: number, to: number) => Math.round(((to - from) / DAY_MS) * 100) / 100;

/**
 * BACKDATED: a harvest dated before its plot was registered, or recorded more than `days` after its
 * eventTime. Times are epoch milliseconds; recordTime and plotRegisteredAt are our clock.
 */
export function backdated(
  table: ReferenceTable,
  harvest: {
    eventId: string;
    eventTime: number;
    recordTime: number;
    plotId: string;
    plotRegisteredAt: number;
  },
  options: { days?: number } = {},
): Finding | undefined {
  const days = options.days ?? DEFAULT_BACKDATED_DAYS;
  const beforePlot = harvest.eventTime < harvest.plotRegisteredAt;
  const late = harvest.recordTime - harvest.eventTime > days * DAY_MS;
  if (!beforePlot && !late) return undefined;
  const recordedAfterDays = daysBetween(harvest.eventTime, harvest.recordTime);
  const reasons = [
    ...(beforePlot
      ? [
          `dated ${daysBetween(harvest.eventTime, harvest.plotRegisteredAt)} days before plot ${harvest.plotId} was registered`,
        ]
      : []),
    ...(late ? [`recorded ${recordedAfterDays} days after it (more than ${days})`] : []),
  ];
  return {
    rule: 'BACKDATED',
    severity: 'warning',
    subject: { kind: 'event', id: harvest.eventId },
    message: `a harvest dated ${iso(harvest.eventTime).slice(0, 10)}: ${reasons.join('; ')}`,
    numbers: {
      eventTime: iso(harvest.eventTime),
      recordTime: iso(harvest.recordTime),
      plotRegisteredAt: iso(harvest.plotRegisteredAt),
      recordedAfterDays,
      limitDays: days,
      ...(beforePlot
        ? { beforePlotRegisteredDays: daysBetween(harvest.eventTime, harvest.plotRegisteredAt) }
        : {}),
    },
    referenceVersion: table.version,
  };
}

/**
 * OUTSIDE_COUNTRY: the plot (a point of it) lies outside the approximate box of the country it claims,
 * by more than the boxes' margin. Countries without a box are not judged.
 */
export function outsideCountry(
  table: ReferenceTable,
  plot: { plotId: string; country: string; longitude: number; latitude: number },
): Finding | undefined {
  const box = COUNTRY_BOXES[plot.country];
  if (!box || !Number.isFinite(plot.longitude) || !Number.isFinite(plot.latitude)) return undefined;
  const [west, south, east, north] = box;
  const outside = Math.max(
    west - plot.longitude,
    plot.longitude - east,
    south - plot.latitude,
    plot.latitude - north,
  );
  if (outside <= COUNTRY_BOX_MARGIN_DEGREES) return undefined;
  const outsideByDegrees = Math.round(outside * 1e6) / 1e6;
  return {
    rule: 'OUTSIDE_COUNTRY',
    severity: 'warning',
    subject: { kind: 'plot', id: plot.plotId },
    message: `plot at ${plot.latitude}, ${plot.longitude} lies ${outsideByDegrees}° outside ${plot.country} (approximate box ${box.join(', ')})`,
    numbers: {
      country: plot.country,
      longitude: plot.longitude,
      latitude: plot.latitude,
      west,
      south,
      east,
      north,
      outsideByDegrees,
      marginDegrees: COUNTRY_BOX_MARGIN_DEGREES,
      boxes: COUNTRY_BOXES_VERSION,
    },
    referenceVersion: table.version,
  };
}

export const DEFAULT_UNCONFIRMED_TRANSFER_DAYS = 14;

/**
 * UNCONFIRMED_TRANSFER: a transfer its receiver has not confirmed `days` after it was recorded (our
 * clock on both sides: the record time, and `now`, when the check runs).
 */
export function unconfirmedTransfer(
  table: ReferenceTable,
  transfer: { eventId: string; sender: string; receiver: string; recordTime: number },
  now: number,
  options: { days?: number } = {},
): Finding | undefined {
  const days = options.days ?? DEFAULT_UNCONFIRMED_TRANSFER_DAYS;
  if (now - transfer.recordTime <= days * DAY_MS) return undefined;
  const unconfirmedDays = Math.floor((now - transfer.recordTime) / DAY_MS);
  return {
    rule: 'UNCONFIRMED_TRANSFER',
    severity: 'warning',
    subject: { kind: 'event', id: transfer.eventId },
    message: `organisation ${transfer.receiver} has not confirmed receipt ${unconfirmedDays} days after the transfer was recorded (limit ${days})`,
    numbers: {
      sender: transfer.sender,
      receiver: transfer.receiver,
      recordTime: iso(transfer.recordTime),
      unconfirmedDays,
      limitDays: days,
    },
    referenceVersion: table.version,
  };
}
