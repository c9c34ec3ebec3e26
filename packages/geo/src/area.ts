// Geodesic area on the WGS84 ellipsoid by Karney's method (J. Geodesy 87:43–55, 2013), through
// GeographicLib's own JavaScript port. Spherical formulas are off by 0.2–0.7% (shared/reference/massbalance.md §5).
import geodesic from 'geographiclib-geodesic';

export type Position = number[];

const WGS84 = geodesic.Geodesic.WGS84;

/** Area enclosed by one ring of [lon, lat] positions, in square metres, whichever way it turns. */
export function ringAreaSquareMetres(ring: Position[]): number {
  const polygon = WGS84.Polygon(false);
  // The closing position repeats the first; GeographicLib closes the ring itself.
  const open =
    ring.length > 1 && ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1]
      ? ring.slice(0, -1)
      : ring;
  for (const position of open) polygon.AddPoint(position[1]!, position[0]!);
  // sign=true: a clockwise ring gives a negative area, not the rest of the Earth.
  return Math.abs(polygon.Compute(false, true).area ?? 0);
}

/** Area of a GeoJSON Polygon's coordinates (outer ring minus holes), in hectares. */
export function polygonAreaHectares(rings: Position[][]): number {
  const [outer, ...holes] = rings;
  if (!outer) return 0;
  const squareMetres = holes.reduce(
    (area, hole) => area - ringAreaSquareMetres(hole),
    ringAreaSquareMetres(outer),
  );
  return Math.max(0, squareMetres) / 10_000;
}
