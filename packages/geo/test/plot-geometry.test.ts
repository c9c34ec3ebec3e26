import { describe, expect, it } from 'vitest';
import {
  checkPlotGeometry,
  polygonAreaHectares,
  ringAreaSquareMetres,
  sourceDecimals,
} from '../src/index.ts';

// Independent reference: the exact area of an ellipsoidal quadrangle bounded by two meridians and two
// parallels, A = (b²/2)·Δλ·[q(φ2) − q(φ1)] with the authalic function q (Snyder, Map Projections — A
// Working Manual, USGS PP 1395, eq. 3-12). For plots of a few hundred metres the geodesic edges of a
// polygon through the same corners differ from the parallels by far less than 0.01%.
const A = 6_378_137;
const F = 1 / 298.257223563;
const B = A * (1 - F);
const E = Math.sqrt(F * (2 - F));
function q(phi: number): number {
  const s = Math.sin(phi);
  return s / (1 - E * E * s * s) - (1 / (2 * E)) * Math.log((1 - E * s) / (1 + E * s));
}
function quadrangleHectares(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  return (((B * B) / 2) * (lon2 - lon1) * rad * (q(lat2 * rad) - q(lat1 * rad))) / 10_000;
}

const square = (lon: number, lat: number, dLon: number, dLat: number) => [
  [
    [lon, lat],
    [lon + dLon, lat],
    [lon + dLon, lat + dLat],
    [lon, lat + dLat],
    [lon, lat],
  ],
];

describe('geodesic area', () => {
  const plots: [string, number, number, number, number][] = [
    ['Ashanti, Ghana, ~2 ha', -1.908421, 6.513262, 0.001271, 0.001265],
    ['Soubré, Côte d’Ivoire, ~4.8 ha', -6.592183, 5.785311, 0.002011, 0.002163],
    ['Western North, Ghana, ~0.6 ha', -2.491041, 6.203551, 0.000701, 0.000793],
    ['Minas Gerais, Brazil (coffee), ~30 ha', -45.436512, -21.129837, 0.005021, 0.005011],
    ['Riau, Indonesia (oil palm), ~120 ha', 101.447911, 0.507068, 0.009871, 0.009911],
    ['Mato Grosso, Brazil (soy), ~1,000 ha', -55.724112, -12.643221, 0.029813, 0.029701],
  ];
  for (const [name, lon, lat, dLon, dLat] of plots) {
    it(`agrees with the exact ellipsoidal quadrangle to 0.01%: ${name}`, () => {
      const computed = polygonAreaHectares(square(lon, lat, dLon, dLat));
      const reference = quadrangleHectares(lon, lat, lon + dLon, lat + dLat);
      expect(Math.abs(computed - reference) / reference).toBeLessThan(1e-4);
    });
  }

  it('gives the same area clockwise and anticlockwise, and subtracts holes', () => {
    const ring = square(-1.9, 6.5, 0.002, 0.002)[0]!;
    expect(ringAreaSquareMetres([...ring].reverse())).toBeCloseTo(ringAreaSquareMetres(ring), 6);
    const hole = square(-1.8995, 6.5005, 0.0005, 0.0005)[0]!;
    const withHole = polygonAreaHectares([ring, hole]);
    expect(withHole).toBeCloseTo(polygonAreaHectares([ring]) - polygonAreaHectares([hole]), 9);
  });
});

describe('checkPlotGeometry (EUDR)', () => {
  const polygon = (rings: number[][][]) => ({ type: 'Polygon', coordinates: rings });

  it('accepts a closed, simple polygon with six decimals and computes its area', () => {
    const result = checkPlotGeometry({ geometry: polygon(square(-1.908421, 6.513262, 0.001271, 0.001265)) });
    expect(result.problems).toEqual([]);
    expect(result.areaSource).toBe('geodesic');
    expect(result.areaHectares).toBeGreaterThan(1.9);
    expect(result.areaHectares).toBeLessThan(2);
  });

  it('refuses an open ring, naming the position', () => {
    const ring = square(-1.908421, 6.513262, 0.001271, 0.001265)[0]!;
    ring[4] = [-1.908422, 6.513262];
    const { problems } = checkPlotGeometry({ geometry: polygon([ring]) });
    expect(problems).toEqual([{ pointer: '/coordinates/0/4', detail: expect.stringMatching(/not closed/) }]);
  });

  it('refuses a self-intersecting ring (a bow tie)', () => {
    const bowTie = [
      [-1.908421, 6.513262],
      [-1.907151, 6.514527],
      [-1.907151, 6.513262],
      [-1.908421, 6.514527],
      [-1.908421, 6.513262],
    ];
    const { problems } = checkPlotGeometry({ geometry: polygon([bowTie]) });
    expect(problems[0]!.detail).toMatch(/intersects itself/);
  });

  it('refuses coordinates rounded to fewer than six decimals', () => {
    const { problems } = checkPlotGeometry({ geometry: polygon(square(-1.9084, 6.5132, 0.0013, 0.0012)) });
    expect(problems[0]!.detail).toMatch(/at least 6 decimal places/);
  });

  it('accepts six-decimal coordinates even where some lost trailing zeros in JSON', () => {
    const ring = [
      [-1.90842, 6.51326],
      [-1.907151, 6.51326],
      [-1.907151, 6.514527],
      [-1.90842, 6.514527],
      [-1.90842, 6.51326],
    ];
    expect(checkPlotGeometry({ geometry: polygon([ring]) }).problems).toEqual([]);
  });

  it('refuses [lat, lon] order that puts latitude out of range, and non-numbers', () => {
    const swapped = checkPlotGeometry({
      geometry: { type: 'Point', coordinates: [6.513262, -100.908421] },
      declaredAreaHectares: 1,
    });
    expect(swapped.problems[0]).toMatchObject({
      pointer: '/coordinates/1',
      detail: expect.stringMatching(/latitude/),
    });
    const text = checkPlotGeometry({
      geometry: { type: 'Point', coordinates: ['1', '2'] },
      declaredAreaHectares: 1,
    });
    expect(text.problems[0]!.pointer).toBe('/coordinates');
  });

  it('lets a Point stand for at most 4 ha, with a declared area', () => {
    const point = { type: 'Point', coordinates: [-1.908421, 6.513262] };
    expect(checkPlotGeometry({ geometry: point, declaredAreaHectares: 4 })).toMatchObject({
      problems: [],
      areaHectares: 4,
      areaSource: 'declared',
    });
    expect(checkPlotGeometry({ geometry: point, declaredAreaHectares: 4.01 }).problems[0]!.detail).toMatch(
      /needs a Polygon/,
    );
    expect(checkPlotGeometry({ geometry: point }).problems[0]!.detail).toMatch(/must declare its area/);
  });

  it('records a declared area far from the computed one as a finding, not a rejection', () => {
    const geometry = polygon(square(-1.908421, 6.513262, 0.001271, 0.001265));
    const close = checkPlotGeometry({ geometry, declaredAreaHectares: 2.1 });
    expect(close.findings).toEqual([]);
    const far = checkPlotGeometry({ geometry, declaredAreaHectares: 6 });
    expect(far.problems).toEqual([]);
    expect(far.findings).toEqual([expect.objectContaining({ code: 'AREA_MISMATCH', declaredHectares: 6 })]);
    expect(far.findings[0]!.relativeDifference).toBeGreaterThan(2);
  });

  it('refuses other geometry types', () => {
    expect(
      checkPlotGeometry({ geometry: { type: 'LineString', coordinates: [] } }).problems[0]!.pointer,
    ).toBe('/type');
  });

  it('reads decimals from the source text when it is given: 6.500000 has six, though it parses as 6.5', () => {
    const precise = '{"type":"Point","coordinates":[-1.908420,6.500000]}';
    const parsed = JSON.parse(precise);
    expect(
      checkPlotGeometry({
        geometry: parsed,
        declaredAreaHectares: 1,
        sourceDecimals: sourceDecimals(precise),
      }).problems,
    ).toEqual([]);
    // Without the source the same Point shows at most five decimals.
    expect(checkPlotGeometry({ geometry: parsed, declaredAreaHectares: 1 }).problems).toHaveLength(1);
    const coarse = '{"type":"Point","coordinates":[-1.90842,6.5]}';
    const result = checkPlotGeometry({
      geometry: JSON.parse(coarse),
      declaredAreaHectares: 1,
      sourceDecimals: sourceDecimals(coarse),
    });
    expect(result.problems).toEqual([
      {
        pointer: '/coordinates',
        detail: expect.stringMatching(
          /at least 6 decimal places.*no coordinate of this geometry has more than 5/,
        ),
      },
    ]);
  });

  it('judges precision on the whole geometry, so a polygon written by JSON.stringify passes', () => {
    // Surveyed at six decimals; JSON.stringify drops the trailing zeros of -5.510730 and 7.683920.
    const surveyed = [
      [-5.51073, 7.68392],
      [-5.509412, 7.68392],
      [-5.509412, 7.685107],
      [-5.51073, 7.685107],
      [-5.51073, 7.68392],
    ];
    const text = JSON.stringify({ type: 'Polygon', coordinates: [surveyed] });
    expect(text).toContain('-5.51073,');
    const result = checkPlotGeometry({ geometry: JSON.parse(text), sourceDecimals: sourceDecimals(text) });
    expect(result.problems).toEqual([]);
    expect(result.areaHectares).toBeGreaterThan(1);
    // The same polygon rounded to five decimals everywhere is refused, with or without the source.
    const rounded = surveyed.map(([lon, lat]) => [
      Math.round(lon! * 1e5) / 1e5,
      Math.round(lat! * 1e5) / 1e5,
    ]);
    const roundedText = JSON.stringify({ type: 'Polygon', coordinates: [rounded] });
    for (const input of [{}, { sourceDecimals: sourceDecimals(roundedText) }])
      expect(
        checkPlotGeometry({ geometry: JSON.parse(roundedText), ...input }).problems.map((p) => p.pointer),
      ).toEqual(['/coordinates']);
  });
});
