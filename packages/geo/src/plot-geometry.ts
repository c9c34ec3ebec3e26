// EUDR geolocation rules for a production plot (Regulation (EU) 2023/1115 Art. 2(28) as corrected;
// RFC 7946 GeoJSON in WGS84 [lon, lat]). Pure: returns what is wrong, with JSON Pointers to it.
import { type Position, polygonAreaHectares } from './area.ts';

/** EUDR: plots above 4 ha need a polygon; a Point may stand for a plot of at most 4 ha. */
export const POINT_MAX_HECTARES = 4;
/** EUDR: coordinates with at least six decimal digits. */
export const MIN_DECIMALS = 6;
/** Default tolerance between declared and computed area before it is a finding (GPS boundary bias alone is 10–21%). */
export const DEFAULT_AREA_TOLERANCE = 0.2;
export const MAX_VERTICES = 10_000;

export interface GeometryProblem {
  /** JSON Pointer into the geometry, e.g. `/coordinates/0/3`. */
  pointer: string;
  detail: string;
}

export interface AreaFinding {
  code: 'AREA_MISMATCH';
  declaredHectares: number;
  computedHectares: number;
  /** (declared − computed) / computed. */
  relativeDifference: number;
  tolerance: number;
}

export interface PlotGeometryResult {
  problems: GeometryProblem[];
  /** Computed geodesic area for a Polygon or MultiPolygon; the declared area for a Point. */
  areaHectares: number | undefined;
  areaSource: 'geodesic' | 'declared' | undefined;
  findings: AreaFinding[];
}

export interface PlotGeometryInput {
  geometry: { type: string; coordinates: unknown };
  declaredAreaHectares?: number | undefined;
  areaTolerance?: number;
  /**
   * Decimal digits a coordinate had in the submitted JSON text (see sourceDecimals): parsing loses
   * trailing zeros, so 6.500000 would otherwise read as one decimal. Either way precision is judged
   * over the whole geometry: some coordinate must show six decimals (checkPrecision).
   */
  sourceDecimals?: (value: number) => number | undefined;
}

/**
 * From raw JSON text: for each numeric value, the most decimal digits any token of that value had.
 * (The same value written twice with different precision is counted at its most precise.)
 */
export function sourceDecimals(jsonText: string): (value: number) => number | undefined {
  const best = new Map<number, number>();
  for (const match of jsonText.matchAll(/-?\d+(?:\.(\d+))?(?:[eE][+-]?\d+)?/g)) {
    const value = Number(match[0]);
    const digits =
      match[0].includes('e') || match[0].includes('E') ? decimals(value) : (match[1]?.length ?? 0);
    if (digits > (best.get(value) ?? -1)) best.set(value, digits);
  }
  return (value) => best.get(value);
}

/** Decimal digits of a coordinate as JavaScript writes it (6.123450 reads as 6.12345). */
function decimals(value: number): number {
  const text = String(value);
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) return Number(exponent[1]) + (text.split('e')[0]!.split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}

function isPosition(value: unknown): value is number[] {
  return (
    Array.isArray(value) &&
    (value.length === 2 || value.length === 3) &&
    value.every((n) => typeof n === 'number' && Number.isFinite(n))
  );
}

function checkPosition(
  position: unknown,
  pointer: string,
  problems: GeometryProblem[],
): position is number[] {
  if (!isPosition(position)) {
    problems.push({ pointer, detail: 'a position is [longitude, latitude] in decimal degrees' });
    return false;
  }
  const [lon, lat] = position as [number, number];
  if (lon < -180 || lon > 180)
    problems.push({
      pointer: `${pointer}/0`,
      detail: `longitude ${lon} is outside −180…180 (GeoJSON order is [lon, lat])`,
    });
  if (lat < -90 || lat > 90)
    problems.push({
      pointer: `${pointer}/1`,
      detail: `latitude ${lat} is outside −90…90 (GeoJSON order is [lon, lat])`,
    });
  return true;
}

/** Proper intersection or touching of segments p1p2 and p3p4 (orientation tests). */
function segmentsIntersect(p1: number[], p2: number[], p3: number[], p4: number[]): boolean {
  const orient = (a: number[], b: number[], c: number[]) =>
    Math.sign((b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!));
  const onSegment = (a: number[], b: number[], c: number[]) =>
    Math.min(a[0]!, b[0]!) <= c[0]! &&
    c[0]! <= Math.max(a[0]!, b[0]!) &&
    Math.min(a[1]!, b[1]!) <= c[1]! &&
    c[1]! <= Math.max(a[1]!, b[1]!);
  const d1 = orient(p3, p4, p1);
  const d2 = orient(p3, p4, p2);
  const d3 = orient(p1, p2, p3);
  const d4 = orient(p1, p2, p4);
  if (d1 !== d2 && d3 !== d4) return true;
  return (
    (d1 === 0 && onSegment(p3, p4, p1)) ||
    (d2 === 0 && onSegment(p3, p4, p2)) ||
    (d3 === 0 && onSegment(p1, p2, p3)) ||
    (d4 === 0 && onSegment(p1, p2, p4))
  );
}

/** First pair of non-adjacent edges that cross or touch, if any. Plots are small: planar tests in degrees suffice. */
export function ringSelfIntersection(ring: number[][]): [number, number] | undefined {
  const edges = ring.length - 1;
  for (let i = 0; i < edges; i++) {
    for (let j = i + 1; j < edges; j++) {
      const adjacent = j === i + 1 || (i === 0 && j === edges - 1);
      if (adjacent) continue;
      if (segmentsIntersect(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return [i, j];
    }
  }
  return undefined;
}

function checkRing(ring: unknown, pointer: string, problems: GeometryProblem[]): ring is number[][] {
  if (!Array.isArray(ring) || ring.length < 4) {
    problems.push({
      pointer,
      detail: 'a linear ring needs at least four positions, the last equal to the first',
    });
    return false;
  }
  if (ring.length > MAX_VERTICES) {
    problems.push({ pointer, detail: `a ring may have at most ${MAX_VERTICES} positions` });
    return false;
  }
  let ok = true;
  ring.forEach((position, i) => {
    ok = checkPosition(position, `${pointer}/${i}`, problems) && ok;
  });
  if (!ok) return false;
  const positions = ring as number[][];
  const first = positions[0]!;
  const last = positions.at(-1)!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    problems.push({
      pointer: `${pointer}/${positions.length - 1}`,
      detail: 'the ring is not closed: its last position must equal its first',
    });
    return false;
  }
  const crossing = ringSelfIntersection(positions);
  if (crossing) {
    problems.push({
      pointer,
      detail: `the ring intersects itself: edges ${crossing[0]} and ${crossing[1]} cross`,
    });
    return false;
  }
  return true;
}

/**
 * EUDR asks for six decimal places. A JSON number cannot carry trailing zeros and standard serialisers
 * (JSON.stringify, spreadsheets) drop them, so -5.510730 arrives as -5.51073: judging each coordinate
 * would refuse most honest polygons. Precision is therefore judged on the whole geometry: it is
 * insufficient only when no coordinate shows six decimals (as written in the source text when there
 * is one, else as parsed). A surveyed geometry whose every coordinate ends in zero is vanishingly
 * unlikely; one rounded to five decimals (about 1 m) has none at six (docs/decisions/0010-api-contract-and-imports.md).
 */
function checkPrecision(
  positions: number[][],
  problems: GeometryProblem[],
  source?: (value: number) => number | undefined,
): void {
  let best = 0;
  for (const position of positions) {
    for (const value of [position[0]!, position[1]!]) {
      best = Math.max(best, source?.(value) ?? 0, decimals(value));
      if (best >= MIN_DECIMALS) return;
    }
  }
  problems.push({
    pointer: '/coordinates',
    detail: `coordinates need at least ${MIN_DECIMALS} decimal places (EUDR Art. 2(28)); no coordinate of this geometry has more than ${best}`,
  });
}

/** Validates a plot geometry against RFC 7946 and the EUDR rules, and computes its geodesic area. */
export function checkPlotGeometry(input: PlotGeometryInput): PlotGeometryResult {
  const { geometry, declaredAreaHectares } = input;
  const tolerance = input.areaTolerance ?? DEFAULT_AREA_TOLERANCE;
  const problems: GeometryProblem[] = [];
  const findings: AreaFinding[] = [];
  let areaHectares: number | undefined;
  let areaSource: PlotGeometryResult['areaSource'];

  if (declaredAreaHectares !== undefined && !(declaredAreaHectares > 0)) {
    problems.push({ pointer: '/declaredAreaHectares', detail: 'a declared area must be positive' });
  }

  switch (geometry.type) {
    case 'Point': {
      if (!checkPosition(geometry.coordinates, '/coordinates', problems)) break;
      checkPrecision([geometry.coordinates as number[]], problems, input.sourceDecimals);
      if (declaredAreaHectares === undefined) {
        problems.push({
          pointer: '/declaredAreaHectares',
          detail: 'a Point plot must declare its area (at most 4 ha)',
        });
      } else if (declaredAreaHectares > POINT_MAX_HECTARES) {
        problems.push({
          pointer: '/declaredAreaHectares',
          detail: `a plot of ${declaredAreaHectares} ha needs a Polygon: a Point may stand only for a plot of at most ${POINT_MAX_HECTARES} ha`,
        });
      } else {
        areaHectares = declaredAreaHectares;
        areaSource = 'declared';
      }
      break;
    }
    case 'Polygon':
    case 'MultiPolygon': {
      const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
      if (!Array.isArray(polygons) || polygons.length === 0) {
        problems.push({
          pointer: '/coordinates',
          detail: `${geometry.type} coordinates must be a non-empty array`,
        });
        break;
      }
      const valid: number[][][][] = [];
      polygons.forEach((rings: unknown, p: number) => {
        const base = geometry.type === 'Polygon' ? '/coordinates' : `/coordinates/${p}`;
        if (!Array.isArray(rings) || rings.length === 0) {
          problems.push({ pointer: base, detail: 'a polygon needs an outer ring' });
          return;
        }
        if (rings.every((ring, r) => checkRing(ring, `${base}/${r}`, problems)))
          valid.push(rings as number[][][]);
      });
      if (problems.length > 0) break;
      checkPrecision(valid.flat(2), problems, input.sourceDecimals);
      areaHectares = valid.reduce((sum, rings) => sum + polygonAreaHectares(rings as Position[][]), 0);
      areaSource = 'geodesic';
      if (declaredAreaHectares !== undefined && declaredAreaHectares > 0 && areaHectares > 0) {
        const relativeDifference = (declaredAreaHectares - areaHectares) / areaHectares;
        if (Math.abs(relativeDifference) > tolerance) {
          findings.push({
            code: 'AREA_MISMATCH',
            declaredHectares: declaredAreaHectares,
            computedHectares: areaHectares,
            relativeDifference,
            tolerance,
          });
        }
      }
      break;
    }
    default:
      problems.push({
        pointer: '/type',
        detail: `a plot is a Point, Polygon or MultiPolygon, not ${JSON.stringify(geometry.type)}`,
      });
  }
  return {
    problems,
    areaHectares: problems.length === 0 ? areaHectares : undefined,
    areaSource: problems.length === 0 ? areaSource : undefined,
    findings,
  };
}
