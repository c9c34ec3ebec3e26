// Rule: a plot cannot deliver more than its land grows. Per plot and crop year, the harvests attributed
// to it are compared with area × reference yield, widened by the GPS-area tolerance: above the
// plausible maximum is a warning (OVER_YIELD), above the hard ceiling an error (IMPOSSIBLE_YIELD).
// The volume above the plausible maximum has no credible origin: it counts as untraced downstream.
import {
  add,
  compare,
  type Decimal,
  formatDecimal,
  multiply,
  parseDecimal,
  round,
} from '@groundtruth/quantity';
import type { Finding } from './findings.ts';
import { decimalToNumber, subtract } from './materials.ts';
import { type Commodity, type ReferenceTable, yieldFor } from './reference.ts';

/** EUDR: a plot given as a Point stands for at most 4 ha. */
export const POINT_MAX_HECTARES = '4';
/** A 3-5 m outward GPS bias adds 10-21 % to the area of a 1-4 ha plot (research notes §5). */
export const DEFAULT_GPS_TOLERANCE = '0.15';

export interface PlotHarvests {
  plotId: string;
  commodity: Commodity;
  country: string;
  geometryType: 'Point' | 'Polygon' | 'MultiPolygon';
  /** Geodesic area for polygons, declared area for points; hectares, exact decimal. */
  areaHectares: string;
  /** The accounting period (crop year), e.g. "2025/26". */
  period: string;
  /** Base-material grams harvested in the period, exact decimal. */
  harvestedGrams: string;
}

export interface PlotCapacity {
  /** The hectares the rule counts (a Point's capped at 4). */
  countedHectares: Decimal;
  plausibleGrams: Decimal;
  ceilingGrams: Decimal;
  /** Share of the harvest with a credible origin: min(1, plausible capacity / harvested). */
  tracedFraction: number;
  /** Harvested grams above the plausible capacity (0 when within it). */
  excessGrams: Decimal;
  finding?: Finding;
}

const KG = parseDecimal('1000');

export function checkPlotCapacity(
  table: ReferenceTable,
  plot: PlotHarvests,
  options: { gpsTolerance?: string } = {},
): PlotCapacity {
  const reference = yieldFor(table, plot.commodity, plot.country, plot.plotId);
  const area = parseDecimal(plot.areaHectares);
  const pointCap = parseDecimal(POINT_MAX_HECTARES);
  const countedHectares = plot.geometryType === 'Point' && compare(area, pointCap) > 0 ? pointCap : area;
  const widen = add(parseDecimal('1'), parseDecimal(options.gpsTolerance ?? DEFAULT_GPS_TOLERANCE));
  const capacity = (kgPerHa: string) =>
    round(multiply(multiply(multiply(countedHectares, parseDecimal(kgPerHa)), KG), widen), 3);
  const plausibleGrams = capacity(reference.plausibleMax);
  const ceilingGrams = capacity(reference.hardCeiling);
  const harvested = parseDecimal(plot.harvestedGrams);
  const over = compare(harvested, plausibleGrams) > 0;
  const excessGrams = over ? subtract(harvested, plausibleGrams) : parseDecimal('0');
  const tracedFraction = over ? decimalToNumber(plausibleGrams) / decimalToNumber(harvested) : 1;
  const result: PlotCapacity = { countedHectares, plausibleGrams, ceilingGrams, tracedFraction, excessGrams };
  if (!over) return result;
  const impossible = compare(harvested, ceilingGrams) > 0;
  const kgPerHa = decimalToNumber(harvested) / 1000 / decimalToNumber(countedHectares);
  result.finding = {
    rule: impossible ? 'IMPOSSIBLE_YIELD' : 'OVER_YIELD',
    severity: impossible ? 'error' : 'warning',
    subject: { kind: 'plot', id: plot.plotId },
    message:
      `${plot.period}: ${formatKg(harvested)} kg from ${formatDecimal(countedHectares)} ha is ${Math.round(kgPerHa)} kg/ha, ` +
      `above the ${impossible ? 'hard ceiling' : 'plausible maximum'} of ${impossible ? reference.hardCeiling : reference.plausibleMax} kg/ha ` +
      `for ${plot.commodity} in ${plot.country} (GPS tolerance ${options.gpsTolerance ?? DEFAULT_GPS_TOLERANCE})`,
    numbers: {
      period: plot.period,
      harvestedGrams: formatDecimal(harvested),
      countedHectares: formatDecimal(countedHectares),
      kgPerHectare: kgPerHa.toFixed(1),
      plausibleMaxKgPerHa: reference.plausibleMax,
      hardCeilingKgPerHa: reference.hardCeiling,
      plausibleCapacityGrams: formatDecimal(plausibleGrams),
      ceilingCapacityGrams: formatDecimal(ceilingGrams),
      excessGrams: formatDecimal(excessGrams),
      untracedShare: 1 - tracedFraction,
      gpsTolerance: options.gpsTolerance ?? DEFAULT_GPS_TOLERANCE,
      ...(reference.overriddenBy !== undefined ? { overrideEntry: reference.overriddenBy } : {}),
    },
    referenceVersion: table.version,
  };
  return result;
}

/**
 * The plausible capacity of a plot in grams, as a float: enough to screen a million harvests. A total
 * below it × (1 − 10⁻⁹) is within capacity whatever the rounding; only the rest need checkPlotCapacity.
 */
export function approximateCapacityGrams(
  table: ReferenceTable,
  plot: Pick<PlotHarvests, 'plotId' | 'commodity' | 'country' | 'geometryType' | 'areaHectares'>,
  options: { gpsTolerance?: string } = {},
): number {
  const reference = yieldFor(table, plot.commodity, plot.country, plot.plotId);
  const area = Number(plot.areaHectares);
  const hectares = plot.geometryType === 'Point' ? Math.min(area, Number(POINT_MAX_HECTARES)) : area;
  return (
    hectares *
    Number(reference.plausibleMax) *
    1000 *
    (1 + Number(options.gpsTolerance ?? DEFAULT_GPS_TOLERANCE))
  );
}

const formatKg = (grams: Decimal) => (decimalToNumber(grams) / 1000).toFixed(1);

/**
 * Crop years start in October for cocoa and coffee (ICCO and ICO years) and in January otherwise. The
 * one definition: the API builds its SQL for crop-year totals from this table (cropYearStartSql).
 */
export const CROP_YEAR_START_MONTH: Partial<Record<Commodity, number>> = { cocoa: 10, coffee: 10 };

/**
 * The crop year a harvest at `time` (ISO text, a Date or epoch milliseconds) belongs to: "2025/26" for
 * split years, "2026" for calendar ones.
 */
export function cropYear(commodity: Commodity, time: string | Date | number): string {
  const first = cropYearStart(commodity, time);
  return CROP_YEAR_START_MONTH[commodity]
    ? `${first}/${String((first + 1) % 100).padStart(2, '0')}`
    : String(first);
}

/** The calendar year in which the crop year of `time` starts. */
export function cropYearStart(commodity: Commodity, time: string | Date | number): number {
  // A UTC ISO string is read by its digits (fast, and called once per harvest); anything else parsed.
  const utc = typeof time === 'string' && /^\d{4}-\d{2}-.*Z$/.test(time);
  const date = utc ? undefined : new Date(time);
  const year = utc ? Number((time as string).slice(0, 4)) : date!.getUTCFullYear();
  const month = utc ? Number((time as string).slice(5, 7)) : date!.getUTCMonth() + 1;
  const start = CROP_YEAR_START_MONTH[commodity];
  return start && month < start ? year - 1 : year;
}
