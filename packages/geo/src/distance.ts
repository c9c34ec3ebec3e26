// How far a point lies from a plot: geodesic distance on the WGS84 ellipsoid (Karney's inverse
// solution, through GeographicLib), 0 inside the plot. Used to judge where evidence was captured.
import geodesic from 'geographiclib-geodesic';
import type { Position } from './area.ts';

const WGS84 = geodesic.Geodesic.WGS84;

export type PlotShape =
  | { type: 'Point'; coordinates: Position }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

/** Geodesic distance between two [lon, lat] positions, in metres. */
export function geodesicDistanceMetres(a: Position, b: Position): number {
  return WGS84.Inverse(a[1]!, a[0]!, b[1]!, b[0]!).s12 ?? Number.NaN;
}

/** Whether [lon, lat] lies inside a ring (even-odd rule over longitude and latitude). */
function insideRing(point: Position, ring: Position[]): boolean {
  const [x, y] = point as [number, number];
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and in none of the holes. */
function insidePolygon(point: Position, rings: Position[][]): boolean {
  const [outer, ...holes] = rings;
  return !!outer && insideRing(point, outer) && !holes.some((hole) => insideRing(point, hole));
}

/**
 * Distance from a point to the edge a→b. The nearest point of the edge is located in a plane tangent
 * at the point (longitude scaled by the cosine of its latitude), and the distance to it is then
 * measured geodesically. Plot edges are metres to a few kilometres long, so the plane places the
 * nearest point well within a metre; the distance itself is exact to GeographicLib's precision.
 */
function distanceToEdgeMetres(point: Position, a: Position, b: Position): number {
  const [px, py] = point as [number, number];
  const scale = Math.cos((py * Math.PI) / 180);
  const ax = (a[0]! - px) * scale;
  const ay = a[1]! - py;
  const bx = (b[0]! - px) * scale;
  const by = b[1]! - py;
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.min(1, Math.max(0, -(ax * dx + ay * dy) / length2));
  const nearest = [a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!)];
  return geodesicDistanceMetres(point, nearest);
}

function distanceToRingsMetres(point: Position, rings: Position[][]): number {
  if (insidePolygon(point, rings)) return 0;
  let best = Number.POSITIVE_INFINITY;
  for (const ring of rings)
    for (let i = 1; i < ring.length; i++)
      best = Math.min(best, distanceToEdgeMetres(point, ring[i - 1]!, ring[i]!));
  return best === Number.POSITIVE_INFINITY ? Number.NaN : best;
}

/** Distance in metres from a [lon, lat] point to a plot's geometry: 0 inside a polygon; NaN without edges. */
export function distanceToPlotMetres(point: Position, shape: PlotShape): number {
  switch (shape.type) {
    case 'Point':
      return geodesicDistanceMetres(point, shape.coordinates);
    case 'Polygon':
      return distanceToRingsMetres(point, shape.coordinates);
    case 'MultiPolygon':
      return Math.min(...shape.coordinates.map((rings) => distanceToRingsMetres(point, rings)));
  }
}
