// Plots as the EU Information System (EUDR IS) reads them: one RFC 7946 Feature per plot with the
// property names the IS expects, coordinates cut to six decimals, and what the IS will do to each
// geometry said before it does it (EC "EUDR IS Operator API Reference" V3 §9–10; Reg. (EU) 2023/1115
// Art. 2(28)). Pure: no I/O, so it runs where the viewer does.
import {
  type Position,
  polygonAreaHectares,
  ringAreaSquareMetres,
  ringSelfIntersection,
} from '@groundtruth/geo';

/** EUDR Art. 2(28) as corrected: a Point may stand for a plot of at most 4 ha (cattle aside). */
export const POINT_MAX_HECTARES = 4;
/** The IS counts a Point without `Area` as this many hectares (API V3 §10). */
export const POINT_DEFAULT_HECTARES = 4;
/** The IS keeps six decimals of each coordinate and drops the rest (it truncates; it does not round). */
export const IS_DECIMALS = 6;

/** A plot as our records hold it, with the names the IS asks for. */
export interface ExportPlot {
  id: string;
  /** Who produced on the plot: the organisation that mapped it (a farm or a cooperative). */
  producerName: string;
  /** ISO 3166-1 alpha-2 of the plot's country. */
  producerCountry: string;
  /** What the producer calls the place: the plot's name. */
  productionPlace: string;
  geometry: { type: string; coordinates: unknown };
  /** For a Point: the area the producer declared, in hectares (absent: the IS assumes 4 ha). */
  declaredAreaHectares?: number | null | undefined;
}

export type IsGeometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

/** The IS's property names, case as it reads them (API V3 §10). `Area` is for Points only. */
export interface IsProperties {
  ProducerName: string;
  ProducerCountry: string;
  ProductionPlace: string;
  Area?: number;
}

export interface IsFeature {
  type: 'Feature';
  /** The plot's id in our records (RFC 7946 §3.2 feature identifier). */
  id: string;
  properties: IsProperties;
  geometry: IsGeometry;
}

export type GeometryCheckCode =
  | 'DUPLICATE_VERTICES_AFTER_TRUNCATION'
  | 'RING_COLLAPSED_AFTER_TRUNCATION'
  | 'SELF_INTERSECTION_AFTER_TRUNCATION'
  | 'HOLES_IGNORED'
  | 'POINT_AREA_DEFAULTED'
  | 'POINT_AREA_ABOVE_LIMIT'
  | 'UNSUPPORTED_GEOMETRY';

/**
 * What the IS will do to a plot's geometry, or refuse about it. `error`: the IS rejects the feature
 * (or, for a collapsed ring, it cannot be written as RFC 7946 and is left out of the file);
 * `warning`: accepted, but not as our records say; `info`: accepted with an assumption.
 */
export interface GeometryCheck {
  plotId: string;
  code: GeometryCheckCode;
  severity: 'error' | 'warning' | 'info';
  detail: string;
  /** JSON Pointer into the plot's geometry as recorded. */
  pointer: string;
  numbers: Record<string, number>;
}

/**
 * A coordinate as the IS keeps it: its decimal text cut after six decimals, toward zero. Cut on the
 * shortest decimal text of the number, the digits a client wrote, not on its binary value
 * (4.35 × 10⁶ is 4349999.999… in binary, but 4.35 has no seventh decimal to cut).
 */
export function truncateCoordinate(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`not a coordinate: ${value}`);
  const text = String(value);
  // Exponent form appears for |value| < 1e-6 only (coordinates are within ±180): nothing survives the cut.
  if (/e/i.test(text)) return Math.abs(value) < 1e-6 ? 0 : value;
  const [whole, fraction = ''] = text.split('.');
  if (fraction.length <= IS_DECIMALS) return value;
  // Not zero (nor -0): text without an exponent is at least 1e-6 in size, a digit within six decimals.
  return Number(`${whole}.${fraction.slice(0, IS_DECIMALS)}`);
}

const truncatePosition = (p: Position): Position => [truncateCoordinate(p[0]!), truncateCoordinate(p[1]!)];
const samePosition = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

/** A ring cut to six decimals, with vertices the cut made equal to their predecessor removed. */
function truncateRing(ring: Position[]): { ring: Position[]; removed: number } {
  const out: Position[] = [];
  for (const position of ring) {
    const cut = truncatePosition(position);
    if (out.length > 0 && samePosition(out.at(-1)!, cut)) continue;
    out.push(cut);
  }
  return { ring: out, removed: ring.length - out.length };
}

/** Twice the ring's signed planar area in degrees² (shoelace): positive when it turns counterclockwise. */
function signedArea2(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++)
    sum += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return sum;
}

// Number.isFinite does not coerce: a string is not finite.
const isPosition = (v: unknown): v is Position =>
  Array.isArray(v) && v.length >= 2 && v.every((n) => Number.isFinite(n));
const isRing = (v: unknown): v is Position[] => Array.isArray(v) && v.length > 0 && v.every(isPosition);
const isPolygon = (v: unknown): v is Position[][] => Array.isArray(v) && v.length > 0 && v.every(isRing);

const hectares = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * One polygon as the IS will keep it: its outer ring only (the IS ignores holes), cut to six decimals,
 * counterclockwise.
 * Undefined when the cut leaves fewer than four positions (no longer a ring).
 */
function exportPolygon(
  plotId: string,
  rings: Position[][],
  base: string,
  checks: GeometryCheck[],
): Position[][] | undefined {
  const [outer, ...holes] = rings as [Position[], ...Position[][]];
  if (holes.length > 0) {
    const recorded = polygonAreaHectares(rings);
    const outerOnly = ringAreaSquareMetres(outer) / 10_000;
    checks.push({
      plotId,
      code: 'HOLES_IGNORED',
      severity: 'warning',
      detail: `the IS ignores holes: ${holes.length} hole(s) left out, so the plot counts as ${hectares(outerOnly)} ha instead of ${hectares(recorded)} ha`,
      pointer: `${base}/1`,
      numbers: {
        holes: holes.length,
        recordedHectares: hectares(recorded),
        outerRingHectares: hectares(outerOnly),
      },
    });
  }
  const { ring, removed } = truncateRing(outer);
  if (removed > 0)
    checks.push({
      plotId,
      code: 'DUPLICATE_VERTICES_AFTER_TRUNCATION',
      severity: 'warning',
      detail: `${removed} vertex(es) equal their neighbour once cut to six decimals; left out of the export`,
      pointer: `${base}/0`,
      numbers: { removed, positions: ring.length },
    });
  if (ring.length < 4) {
    checks.push({
      plotId,
      code: 'RING_COLLAPSED_AFTER_TRUNCATION',
      severity: 'error',
      detail: `cut to six decimals the outer ring keeps ${ring.length} distinct position(s) of the 4 a ring needs: the plot cannot be sent as a polygon`,
      pointer: `${base}/0`,
      numbers: { positions: ring.length },
    });
    return undefined;
  }
  // RFC 7946 §3.1.6: an exterior ring turns counterclockwise. Plots may be recorded either way.
  if (signedArea2(ring) < 0) ring.reverse();
  const crossing = ringSelfIntersection(ring);
  if (crossing)
    checks.push({
      plotId,
      code: 'SELF_INTERSECTION_AFTER_TRUNCATION',
      severity: 'error',
      detail: `cut to six decimals the outer ring touches or crosses itself (edges ${crossing[0]} and ${crossing[1]}): the IS refuses self-intersecting rings`,
      pointer: `${base}/0`,
      numbers: { edgeA: crossing[0], edgeB: crossing[1] },
    });
  return [ring];
}

/**
 * A plot as one IS feature, with the checks its geometry raises. `feature` is undefined when the plot
 * cannot be written as a valid RFC 7946 geometry the IS accepts in kind (an error check says why).
 * A Point stays a Point only because it was recorded as one; a polygon is never reduced to a Point.
 */
export function plotFeature(plot: ExportPlot): { feature: IsFeature | undefined; checks: GeometryCheck[] } {
  const checks: GeometryCheck[] = [];
  const properties: IsProperties = {
    ProducerName: plot.producerName,
    ProducerCountry: plot.producerCountry,
    ProductionPlace: plot.productionPlace,
  };
  const { geometry } = plot;
  const unsupported = (detail: string) => {
    checks.push({
      plotId: plot.id,
      code: 'UNSUPPORTED_GEOMETRY',
      severity: 'error',
      detail,
      pointer: '',
      numbers: {},
    });
    return { feature: undefined, checks };
  };
  let exported: IsGeometry | undefined;
  switch (geometry.type) {
    case 'Point': {
      if (!isPosition(geometry.coordinates)) return unsupported('a Point needs [longitude, latitude]');
      const area = plot.declaredAreaHectares ?? undefined;
      if (area === undefined)
        checks.push({
          plotId: plot.id,
          code: 'POINT_AREA_DEFAULTED',
          severity: 'info',
          detail: `no declared area: the IS counts a Point without Area as ${POINT_DEFAULT_HECTARES} ha`,
          pointer: '',
          numbers: { assumedHectares: POINT_DEFAULT_HECTARES },
        });
      else {
        if (area > POINT_MAX_HECTARES)
          checks.push({
            plotId: plot.id,
            code: 'POINT_AREA_ABOVE_LIMIT',
            severity: 'error',
            detail: `a Point may stand for at most ${POINT_MAX_HECTARES} ha (cattle aside); ${area} ha needs a polygon`,
            pointer: '',
            numbers: { declaredHectares: area, limitHectares: POINT_MAX_HECTARES },
          });
        properties.Area = area;
      }
      exported = { type: 'Point', coordinates: truncatePosition(geometry.coordinates) };
      break;
    }
    case 'Polygon': {
      if (!isPolygon(geometry.coordinates)) return unsupported('a Polygon needs rings of positions');
      const rings = exportPolygon(plot.id, geometry.coordinates, '/coordinates', checks);
      if (rings) exported = { type: 'Polygon', coordinates: rings };
      break;
    }
    case 'MultiPolygon': {
      const polygons = geometry.coordinates;
      if (!Array.isArray(polygons) || polygons.length === 0 || !polygons.every(isPolygon))
        return unsupported('a MultiPolygon needs polygons');
      const kept = polygons.map((rings, p) => exportPolygon(plot.id, rings, `/coordinates/${p}`, checks));
      // One collapsed part makes the plot's outline wrong: the whole plot waits for a better survey.
      if (kept.every((p) => p !== undefined)) exported = { type: 'MultiPolygon', coordinates: kept };
      break;
    }
    default:
      return unsupported(`the IS takes Points and polygons, not ${JSON.stringify(geometry.type)}`);
  }
  return { feature: exported && { type: 'Feature', id: plot.id, properties, geometry: exported }, checks };
}

/** A coordinate's text with exactly six decimals (values are already cut, so nothing rounds). */
const coordinateText = (value: number) => value.toFixed(IS_DECIMALS);
const positionText = (p: Position) => `[${coordinateText(p[0]!)},${coordinateText(p[1]!)}]`;
const ringText = (ring: Position[]) => `[${ring.map(positionText).join(',')}]`;
const polygonText = (rings: Position[][]) => `[${rings.map(ringText).join(',')}]`;

function geometryText(geometry: IsGeometry): string {
  const coordinates =
    geometry.type === 'Point'
      ? positionText(geometry.coordinates)
      : geometry.type === 'Polygon'
        ? polygonText(geometry.coordinates)
        : `[${geometry.coordinates.map(polygonText).join(',')}]`;
  return `{"type":"${geometry.type}","coordinates":${coordinates}}`;
}

/**
 * One feature as JSON text, every coordinate written with six decimals (JSON.stringify would drop
 * trailing zeros, and 6.5 would read as a one-decimal coordinate).
 */
export function featureText(feature: IsFeature): string {
  return `{"type":"Feature","id":${JSON.stringify(feature.id)},"properties":${JSON.stringify(feature.properties)},"geometry":${geometryText(feature.geometry)}}`;
}

const COLLECTION_HEAD = '{"type":"FeatureCollection","features":[';
const COLLECTION_TAIL = ']}';

/** A FeatureCollection's text from its features' texts. */
export function collectionText(featureTexts: readonly string[]): string {
  return `${COLLECTION_HEAD}${featureTexts.join(',')}${COLLECTION_TAIL}`;
}

/** Every plot as an IS feature collection (plots that cannot be written are left out, with an error check). */
export function plotsFeatureCollection(plots: readonly ExportPlot[]): {
  features: IsFeature[];
  text: string;
  checks: GeometryCheck[];
  excluded: string[];
} {
  const features: IsFeature[] = [];
  const checks: GeometryCheck[] = [];
  const excluded: string[] = [];
  for (const plot of plots) {
    const result = plotFeature(plot);
    checks.push(...result.checks);
    if (result.feature) features.push(result.feature);
    else excluded.push(plot.id);
  }
  return { features, text: collectionText(features.map(featureText)), checks, excluded };
}
