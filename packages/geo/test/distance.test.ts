// Point-to-plot distances against the spherical haversine formula worked out here (R. W. Sinnott,
// "Virtues of the Haversine", Sky and Telescope 68(2):159, 1984), with the IUGG mean radius. The module
// measures on the WGS84 ellipsoid; near the equator the sphere is up to about 0.7 % off north-south
// (the meridian's radius of curvature there is 6,335 km, not 6,371), the tolerance used. A distance
// along a meridian is also checked exactly, with the meridional radius of curvature
// M = a(1 − e²) / (1 − e² sin²φ)^(3/2) at the mid latitude (WGS84 a = 6,378,137 m, f = 1/298.257223563).
import { describe, expect, it } from 'vitest';
import { distanceToPlotMetres, type PlotShape } from '../src/index.ts';

const R = 6_371_008.8;
const rad = (degrees: number) => (degrees * Math.PI) / 180;
function haversineMetres([lon1, lat1]: number[], [lon2, lat2]: number[]): number {
  const a =
    Math.sin(rad(lat2! - lat1!) / 2) ** 2 +
    Math.cos(rad(lat1!)) * Math.cos(rad(lat2!)) * Math.sin(rad(lon2! - lon1!) / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(a));
}
const TOLERANCE = 0.007;
function meridianArcMetres(lat1: number, lat2: number): number {
  const a = 6_378_137;
  const f = 1 / 298.257223563;
  const e2 = f * (2 - f);
  const mid = rad((lat1 + lat2) / 2);
  const M = (a * (1 - e2)) / (1 - e2 * Math.sin(mid) ** 2) ** 1.5;
  return M * Math.abs(rad(lat2 - lat1));
}

// A 0.01° square plot in Ghana, with a square hole in its middle.
const west = -1.91;
const east = -1.9;
const south = 6.5;
const north = 6.51;
const plot: PlotShape = {
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
    [
      [-1.906, 6.504],
      [-1.904, 6.504],
      [-1.904, 6.506],
      [-1.906, 6.506],
      [-1.906, 6.504],
    ],
  ],
};

describe('distanceToPlotMetres', () => {
  it('is 0 inside the plot, and more than 0 in its hole', () => {
    expect(distanceToPlotMetres([-1.908, 6.502], plot)).toBe(0);
    const inHole = distanceToPlotMetres([-1.905, 6.505], plot);
    // The hole's edges are 0.001° away: about 111 m north-south.
    expect(inHole).toBeGreaterThan(0);
    expect(inHole).toBeCloseTo(haversineMetres([-1.905, 6.505], [-1.905, 6.504]), -1);
  });

  it('measures due north of the plot to its northern edge', () => {
    const point = [-1.905, 6.56];
    const expected = haversineMetres(point, [-1.905, north]); // the foot of the perpendicular
    const got = distanceToPlotMetres(point, plot);
    expect(Math.abs(got - expected) / expected).toBeLessThan(TOLERANCE);
    // Along the meridian on the ellipsoid: to a part in ten thousand.
    const arc = meridianArcMetres(north, 6.56);
    expect(Math.abs(got - arc) / arc).toBeLessThan(1e-4);
  });

  it('measures beyond a corner to the corner', () => {
    const point = [-1.8, 6.4];
    const expected = haversineMetres(point, [east, south]);
    expect(Math.abs(distanceToPlotMetres(point, plot) - expected) / expected).toBeLessThan(TOLERANCE);
  });

  it('measures 590 km, as the issue’s misplaced attestation was', () => {
    // Due east along the parallel of 6.505°N, from the eastern edge: 590 km is about 5.3° of longitude.
    const point = [east + 5.3, 6.505];
    const expected = haversineMetres(point, [east, 6.505]);
    expect(expected).toBeGreaterThan(580_000);
    expect(Math.abs(distanceToPlotMetres(point, plot) - expected) / expected).toBeLessThan(TOLERANCE);
  });

  it('takes the nearest polygon of a MultiPolygon, and a Point as a point', () => {
    const far: PlotShape = {
      type: 'MultiPolygon',
      coordinates: [
        [plot.coordinates[0] as number[][]],
        [
          [
            [10, 10],
            [10.01, 10],
            [10.01, 10.01],
            [10, 10],
          ],
        ],
      ],
    };
    expect(distanceToPlotMetres([-1.908, 6.502], far)).toBe(0);
    const point = [-1.9, 6.6];
    const expected = haversineMetres(point, [-1.905, 6.505]);
    const got = distanceToPlotMetres(point, { type: 'Point', coordinates: [-1.905, 6.505] });
    expect(Math.abs(got - expected) / expected).toBeLessThan(TOLERANCE);
  });

  it('measures nothing (NaN) to a polygon without edges', () => {
    expect(distanceToPlotMetres([-1.9, 6.5], { type: 'Polygon', coordinates: [] })).toBeNaN();
  });
});
