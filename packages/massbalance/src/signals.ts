// Statistical signals: warnings that point an auditor somewhere, never blocks. A plot's yield far above
// its cooperative's (robust z on median and MAD), deliveries outside the harvest window, and a burst of
// newly registered member plots just before a large sale.
import type { Finding } from './findings.ts';
import type { ReferenceTable } from './reference.ts';

export const OUTLIER_Z = 3.5;
/** 1.4826 × MAD estimates the standard deviation of normal data. */
const MAD_SCALE = 1.4826;

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Plots whose kg/ha has a robust z-score above 3.5 within their group (cooperative × season). */
export function yieldOutliers(
  table: ReferenceTable,
  group: string,
  plots: { plotId: string; kgPerHectare: number }[],
): Finding[] {
  if (plots.length < 5) return []; // too few to say what is normal
  const values = plots.map((p) => p.kgPerHectare);
  const m = median(values);
  const mad = median(values.map((v) => Math.abs(v - m)));
  if (mad === 0) return [];
  return plots.flatMap((p) => {
    const z = (p.kgPerHectare - m) / (MAD_SCALE * mad);
    if (z <= OUTLIER_Z) return [];
    return [
      {
        rule: 'YIELD_OUTLIER' as const,
        severity: 'warning' as const,
        subject: { kind: 'plot' as const, id: p.plotId },
        message: `${Math.round(p.kgPerHectare)} kg/ha against a median of ${Math.round(m)} kg/ha in ${group} (robust z ${z.toFixed(1)})`,
        numbers: { kgPerHectare: p.kgPerHectare, groupMedian: m, mad, robustZ: z, group },
        referenceVersion: table.version,
      },
    ];
  });
}

/** West African cocoa: main crop October-February, mid crop April-June (months, 1-12). */
export const HARVEST_MONTHS: Record<string, readonly number[]> = {
  cocoa: [10, 11, 12, 1, 2, 4, 5, 6],
};

export function outsideHarvestWindow(
  table: ReferenceTable,
  harvest: { eventId: string; commodity: string; at: string | number },
): Finding | undefined {
  const months = HARVEST_MONTHS[harvest.commodity];
  if (!months) return undefined;
  const month = new Date(harvest.at).getUTCMonth() + 1;
  if (months.includes(month)) return undefined;
  const at = typeof harvest.at === 'number' ? new Date(harvest.at).toISOString() : harvest.at;
  return {
    rule: 'OUTSIDE_HARVEST_WINDOW',
    severity: 'warning',
    subject: { kind: 'event', id: harvest.eventId },
    message: `a ${harvest.commodity} harvest dated ${at.slice(0, 10)} falls outside the main and mid crop`,
    numbers: { month, at },
    referenceVersion: table.version,
  };
}

/**
 * A cooperative that registers many new plots shortly before a large sale may be laundering volume
 * through paper farms. Flags when more than `share` of its plots were registered within `days` before.
 */
export function newPlotBurst(
  table: ReferenceTable,
  cooperative: { id: string; plotRegisteredAt: (string | number)[] },
  sale: { eventId: string; at: string | number },
  options: { days?: number; share?: number } = {},
): Finding | undefined {
  const days = options.days ?? 90;
  const share = options.share ?? 0.3; // RA caps cocoa group growth at 10-30 % a year
  const ms = (t: string | number) => (typeof t === 'number' ? t : Date.parse(t));
  const saleAt = ms(sale.at);
  const before = cooperative.plotRegisteredAt.map(ms).filter((t) => t <= saleAt);
  if (before.length === 0) return undefined;
  const recent = before.filter((t) => saleAt - t <= days * 86_400_000).length;
  if (recent / before.length <= share) return undefined;
  return {
    rule: 'NEW_PLOT_BURST',
    severity: 'warning',
    subject: { kind: 'site', id: cooperative.id },
    message: `${recent} of ${before.length} member plots were registered in the ${days} days before sale ${sale.eventId}`,
    numbers: {
      recentPlots: recent,
      plots: before.length,
      days,
      share: recent / before.length,
      sale: sale.eventId,
    },
    referenceVersion: table.version,
  };
}
