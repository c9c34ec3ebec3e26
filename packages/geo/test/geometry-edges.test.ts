// EUDR plot geometry at its edges: ranges, ring sizes, pointers to every bad position, touching edges,
// precision from the source text, the area tolerance, and holes.
import { describe, expect, it } from 'vitest';
import {
  checkPlotGeometry,
  DEFAULT_AREA_TOLERANCE,
  MAX_VERTICES,
  MIN_DECIMALS,
  POINT_MAX_HECTARES,
  polygonAreaHectares,
  ringAreaSquareMetres,
  sourceDecimals,
} from '../src/index.ts';

const square = (lon: number, lat: number, d: number) => [
  [lon, lat],
  [lon + d, lat],
  [lon + d, lat + d],
  [lon, lat + d],
  [lon, lat],
];
const RING = square(-1.908421, 6.513262, 0.001271);
const point = (coordinates: unknown, declaredAreaHectares: number | undefined = 1) =>
  checkPlotGeometry({ geometry: { type: 'Point', coordinates }, declaredAreaHectares });
const polygon = (coordinates: unknown, declaredAreaHectares?: number) =>
  checkPlotGeometry({ geometry: { type: 'Polygon', coordinates }, declaredAreaHectares });

describe('plot geometry edges', () => {
  it('has the EUDR constants', () => {
    expect([POINT_MAX_HECTARES, MIN_DECIMALS, DEFAULT_AREA_TOLERANCE, MAX_VERTICES]).toEqual([
      4, 6, 0.2, 10_000,
    ]);
  });

  describe('positions', () => {
    it('accepts longitudes and latitudes at their limits, and an altitude', () => {
      expect(point([180, 89.123456]).problems).toEqual([]);
      expect(point([-179.123456, -90]).problems).toEqual([]);
      expect(point([-180, -89.123456]).problems).toEqual([]);
      expect(point([-1.908421, 90]).problems).toEqual([]);
      expect(point([-1.908421, 6.513262, 250.5]).problems).toEqual([]);
    });

    it('names the coordinate that is out of range', () => {
      expect(point([180.000001, 6.513262]).problems).toEqual([
        {
          pointer: '/coordinates/0',
          detail: 'longitude 180.000001 is outside −180…180 (GeoJSON order is [lon, lat])',
        },
      ]);
      expect(point([-180.000001, 6.513262]).problems.map((p) => p.pointer)).toEqual(['/coordinates/0']);
      expect(point([-1.908421, -90.000001]).problems).toEqual([
        {
          pointer: '/coordinates/1',
          detail: 'latitude -90.000001 is outside −90…90 (GeoJSON order is [lon, lat])',
        },
      ]);
      expect(point([-1.908421, 90.000001]).problems.map((p) => p.pointer)).toEqual(['/coordinates/1']);
      expect(point([200.000001, 95.000001]).problems.map((p) => p.pointer)).toEqual([
        '/coordinates/0',
        '/coordinates/1',
      ]);
    });

    it('refuses what is not a position of two or three finite numbers', () => {
      for (const bad of [
        [1.123456],
        [1.123456, 2.123456, 3, 4],
        [1.123456, Number.NaN],
        [Number.POSITIVE_INFINITY, 1.123456],
        'x',
        null,
      ]) {
        expect(point(bad).problems, JSON.stringify(bad)).toEqual([
          { pointer: '/coordinates', detail: 'a position is [longitude, latitude] in decimal degrees' },
        ]);
      }
    });
  });

  describe('declared area', () => {
    it('must be positive, whatever the geometry', () => {
      for (const area of [0, -1, Number.NaN]) {
        const result = point([-1.908421, 6.513262], area);
        expect(result.problems[0], String(area)).toEqual({
          pointer: '/declaredAreaHectares',
          detail: 'a declared area must be positive',
        });
        expect(result.areaHectares).toBeUndefined();
        expect(result.areaSource).toBeUndefined();
      }
      const withPolygon = polygon([RING], -2);
      expect(withPolygon.problems.map((p) => p.pointer)).toEqual(['/declaredAreaHectares']);
      expect(withPolygon.areaHectares).toBeUndefined();
      expect(withPolygon.findings).toEqual([]);
    });

    it('says how large a Point plot may be', () => {
      expect(point([-1.908421, 6.513262], 5).problems).toEqual([
        {
          pointer: '/declaredAreaHectares',
          detail: 'a plot of 5 ha needs a Polygon: a Point may stand only for a plot of at most 4 ha',
        },
      ]);
      expect(
        checkPlotGeometry({ geometry: { type: 'Point', coordinates: [-1.908421, 6.513262] } }).problems,
      ).toEqual([
        { pointer: '/declaredAreaHectares', detail: 'a Point plot must declare its area (at most 4 ha)' },
      ]);
    });
  });

  describe('polygons', () => {
    it('refuses empty coordinates and polygons without rings, with pointers', () => {
      expect(polygon([]).problems).toEqual([
        { pointer: '/coordinates', detail: 'a polygon needs an outer ring' },
      ]);
      expect(polygon('x').problems).toEqual([
        { pointer: '/coordinates', detail: 'a polygon needs an outer ring' },
      ]);
      const multi = (coordinates: unknown) =>
        checkPlotGeometry({ geometry: { type: 'MultiPolygon', coordinates } }).problems;
      expect(multi([])).toEqual([
        { pointer: '/coordinates', detail: 'MultiPolygon coordinates must be a non-empty array' },
      ]);
      expect(multi({})).toEqual([
        { pointer: '/coordinates', detail: 'MultiPolygon coordinates must be a non-empty array' },
      ]);
      expect(multi([[RING], []])).toEqual([
        { pointer: '/coordinates/1', detail: 'a polygon needs an outer ring' },
      ]);
      expect(multi([[RING], 7])).toEqual([
        { pointer: '/coordinates/1', detail: 'a polygon needs an outer ring' },
      ]);
    });

    it('refuses rings of fewer than four positions and more than 10,000', () => {
      const short = {
        pointer: '/coordinates/0',
        detail: 'a linear ring needs at least four positions, the last equal to the first',
      };
      expect(polygon([[RING[0], RING[1], RING[0]]]).problems).toEqual([short]);
      expect(polygon([[RING[0], RING[1], RING[2], RING[0]]]).problems).toEqual([]); // a triangle
      expect(polygon(['ring']).problems).toEqual([short]);
      // Exactly 10,000 positions pass the size check (this ring then fails as not closed, cheaply).
      const open = Array.from({ length: MAX_VERTICES }, (_, i) => [-1.9 + i * 1e-6, 6.5 + (i % 2) * 1e-6]);
      expect(polygon([open]).problems.map((p) => p.detail)).toEqual([
        'the ring is not closed: its last position must equal its first',
      ]);
      const tooMany = [...open, open[0]!];
      expect(polygon([tooMany]).problems).toEqual([
        { pointer: '/coordinates/0', detail: 'a ring may have at most 10000 positions' },
      ]);
    });

    it('names every bad position of a ring, and checks holes too', () => {
      const ring: unknown[][] = RING.map((p) => [...p]);
      ring[1] = [190.000001, 6.513262];
      ring[2] = ['x', 1];
      expect(polygon([ring]).problems.map((p) => p.pointer)).toEqual([
        '/coordinates/0/1/0',
        '/coordinates/0/2',
      ]);
      const hole = square(-1.9082, 6.5134, 0.0002);
      hole[4] = [-1.9082, 6.513401];
      expect(polygon([RING, hole]).problems).toEqual([
        {
          pointer: '/coordinates/1/4',
          detail: 'the ring is not closed: its last position must equal its first',
        },
      ]);
      const lonOnly = RING.map((p) => [...p]);
      lonOnly[4] = [RING[0]![0]!, RING[0]![1]! + 0.000001];
      expect(polygon([lonOnly]).problems[0]!.pointer).toBe('/coordinates/0/4');
    });

    it('refuses rings whose edges touch or overlap, naming the edges', () => {
      const [a, b, c, d] = [
        [-1.9, 6.5],
        [-1.898, 6.5],
        [-1.898, 6.502],
        [-1.9, 6.502],
      ].map((p) => p.map((v) => Number((v + 0.0000001).toFixed(7))));
      const mid = [(a![0]! + b![0]!) / 2, a![1]!];
      // A vertex on a non-adjacent edge: the ring a → b → c → mid → d → a touches edge a-b at mid.
      expect(polygon([[a, b, c, mid, d, a]]).problems[0]!.detail).toBe(
        'the ring intersects itself: edges 2 and 0 cross'.replace('2 and 0', '0 and 2'),
      );
      // An edge folded back along another: a → b → c → b' (on a-b) → a.
      const onAB = [a![0]! + (b![0]! - a![0]!) / 4, a![1]!];
      expect(polygon([[a, b, c, onAB, a]]).problems[0]!.detail).toMatch(
        /^the ring intersects itself: edges 0 and 2 cross$/,
      );
      // A bow tie crosses properly.
      expect(polygon([[a, c, b, d, a]]).problems[0]!.detail).toBe(
        'the ring intersects itself: edges 0 and 2 cross',
      );
      expect(polygon([[a, b, c, d, a]]).problems).toEqual([]);
    });
  });

  describe('precision', () => {
    // Judged on the whole geometry (docs/decisions/0007): insufficient only when no coordinate shows six.
    it('says how many decimals the best coordinate has', () => {
      const coarse = square(-1.9084, 6.5132, 0.0013).map((p) => p.map((v) => Number(v.toFixed(4))));
      expect(polygon([coarse]).problems).toEqual([
        {
          pointer: '/coordinates',
          detail:
            'coordinates need at least 6 decimal places (EUDR Art. 2(28)); no coordinate of this geometry has more than 4',
        },
      ]);
      expect(point([-1.90842, 6.51326]).problems[0]!.detail).toMatch(/has more than 5$/);
      expect(point([-1.908421, 6.51326]).problems).toEqual([]);
      expect(point([-1.90842, 6.513261]).problems).toEqual([]);
    });

    it('counts the digits of the source text where it has more than the parsed number', () => {
      const text = '{"type":"Point","coordinates":[-1.908420,6.500000]}';
      const judged = (source: string | undefined) =>
        checkPlotGeometry({
          geometry: JSON.parse(text),
          declaredAreaHectares: 1,
          ...(source === undefined ? {} : { sourceDecimals: sourceDecimals(source) }),
        }).problems;
      expect(judged(text)).toEqual([]);
      expect(judged(undefined)[0]!.detail).toMatch(/has more than 5$/);
      // A source that knows nothing of the values leaves them to their own digits.
      expect(judged('{}')[0]!.detail).toMatch(/has more than 5$/);
    });

    it('reads decimals from the source text, exponents included, keeping the most precise spelling', () => {
      const decimalsOf = sourceDecimals('[6.5, 6.500000, 1.25e-7, 3E-7, 2e3, -7, 0.100]');
      expect(decimalsOf(6.5)).toBe(6);
      expect(decimalsOf(1.25e-7)).toBe(9);
      expect(decimalsOf(3e-7)).toBe(7);
      expect(decimalsOf(2000)).toBe(0);
      expect(decimalsOf(-7)).toBe(0);
      expect(decimalsOf(0.1)).toBe(3);
      expect(decimalsOf(42)).toBeUndefined();
      expect(sourceDecimals('[0.100, 0.1]')(0.1)).toBe(3);
    });
  });

  describe('area', () => {
    const computed = polygonAreaHectares([RING]);

    it('finds a declared area outside the tolerance either way, with the numbers', () => {
      const small = polygon([RING], computed * 0.7);
      expect(small.findings).toEqual([
        {
          code: 'AREA_MISMATCH',
          declaredHectares: computed * 0.7,
          computedHectares: computed,
          relativeDifference: expect.closeTo(-0.3, 9),
          tolerance: 0.2,
        },
      ]);
      expect(polygon([RING], computed * 1.19).findings).toEqual([]);
      expect(polygon([RING], computed * 0.81).findings).toEqual([]);
      expect(polygon([RING], computed * 1.21).findings).toHaveLength(1);
    });

    it('takes another tolerance', () => {
      const geometry = { type: 'Polygon', coordinates: [RING] };
      expect(
        checkPlotGeometry({ geometry, declaredAreaHectares: computed * 1.1, areaTolerance: 0.05 })
          .findings[0],
      ).toMatchObject({
        tolerance: 0.05,
      });
      expect(
        checkPlotGeometry({ geometry, declaredAreaHectares: computed * 1.4, areaTolerance: 0.5 }).findings,
      ).toEqual([]);
    });

    it('sums the polygons of a MultiPolygon and subtracts holes', () => {
      const other = square(-1.9, 6.5, 0.001);
      const hole = square(-1.9082, 6.5134, 0.0002);
      const result = checkPlotGeometry({
        geometry: { type: 'MultiPolygon', coordinates: [[RING, hole], [other]] },
      });
      expect(result.problems).toEqual([]);
      expect(result.areaSource).toBe('geodesic');
      expect(result.areaHectares).toBeCloseTo(
        polygonAreaHectares([RING]) - polygonAreaHectares([hole]) + polygonAreaHectares([other]),
        9,
      );
    });

    it('closes an open ring itself, and never goes below zero', () => {
      expect(ringAreaSquareMetres(RING.slice(0, -1))).toBeCloseTo(ringAreaSquareMetres(RING), 6);
      expect(ringAreaSquareMetres([])).toBe(0);
      expect(polygonAreaHectares([])).toBe(0);
      const big = square(-1.9, 6.5, 0.01);
      expect(polygonAreaHectares([RING, big])).toBe(0);
      // A last position that shares only the longitude, or only the latitude, with the first does not close
      // the ring: it is a vertex of its own.
      const [lon, lat] = [-1.9, 6.5];
      const d = 0.001;
      const triangle = [
        [lon, lat],
        [lon + d, lat + 0.2 * d],
        [lon + 0.3 * d, lat + d],
      ];
      const closed = ringAreaSquareMetres(triangle);
      expect(ringAreaSquareMetres([...triangle, [lon, lat]])).toBeCloseTo(closed, 6);
      expect(Math.abs(ringAreaSquareMetres([...triangle, [lon, lat - 0.5 * d]]) - closed)).toBeGreaterThan(
        100,
      );
      expect(Math.abs(ringAreaSquareMetres([...triangle, [lon - 0.5 * d, lat]]) - closed)).toBeGreaterThan(
        100,
      );
    });
  });

  it('names the geometry type it refuses', () => {
    expect(checkPlotGeometry({ geometry: { type: 'LineString', coordinates: [] } }).problems).toEqual([
      { pointer: '/type', detail: 'a plot is a Point, Polygon or MultiPolygon, not "LineString"' },
    ]);
  });
});
