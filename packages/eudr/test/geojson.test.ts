// Plots as the EU Information System reads them: the cut to six decimals, what it does to rings,
// Points and their area, holes, winding, the file's text, and the split into statements. Every
// expected number is worked out here from the inputs, not read from the code under test.
import { checkPlotGeometry } from '@groundtruth/geo';
import { describe, expect, it } from 'vitest';
import {
  type ExportPlot,
  featureText,
  type IsFeature,
  plotFeature,
  plotsFeatureCollection,
  producersForStatements,
  truncateCoordinate,
} from '../src/index.ts';

const plot = (geometry: ExportPlot['geometry'], extra: Partial<ExportPlot> = {}): ExportPlot => ({
  id: 'plot-1',
  producerName: 'Ashanti Growers',
  producerCountry: 'GH',
  productionPlace: 'GH-001',
  geometry,
  ...extra,
});
const codes = (checks: { code: string }[]) => checks.map((c) => c.code);
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('truncateCoordinate', () => {
  it('cuts the decimal text after six decimals, toward zero, never rounding', () => {
    expect(truncateCoordinate(-1.2345678)).toBe(-1.234567); // rounding would give -1.234568
    expect(truncateCoordinate(6.9999999)).toBe(6.999999); // rounding would give 7
    expect(truncateCoordinate(1.1234565)).toBe(1.123456);
    expect(truncateCoordinate(-5.51073)).toBe(-5.51073); // five decimals: nothing to cut
  });

  it('cuts the digits as written, not the binary value (8.2 × 1e6 is 8199999.999… in binary)', () => {
    expect(Math.trunc(8.2 * 1e6) / 1e6).toBe(8.199999); // the naive cut is wrong
    expect(truncateCoordinate(8.2)).toBe(8.2);
    expect(truncateCoordinate(-4.1)).toBe(-4.1);
    expect(truncateCoordinate(179.9999999)).toBe(179.999999);
  });

  it('takes what is below a millionth to zero, never to -0', () => {
    expect(Object.is(truncateCoordinate(-0.0000009), 0)).toBe(true);
    expect(truncateCoordinate(0.0000005)).toBe(0);
    expect(truncateCoordinate(-0.0000012345)).toBe(-0.000001);
    expect(() => truncateCoordinate(Number.NaN)).toThrow(RangeError);
  });
});

describe('plotFeature', () => {
  describe('Points', () => {
    it('keeps a Point recorded as one, with its declared area as Area', () => {
      const { feature, checks } = plotFeature(
        plot({ type: 'Point', coordinates: [-1.5, 6.12345678] }, { declaredAreaHectares: 2.5 }),
      );
      expect(checks).toEqual([]);
      expect(feature).toEqual({
        type: 'Feature',
        id: 'plot-1',
        properties: {
          ProducerName: 'Ashanti Growers',
          ProducerCountry: 'GH',
          ProductionPlace: 'GH-001',
          Area: 2.5,
        },
        geometry: { type: 'Point', coordinates: [-1.5, 6.123456] },
      });
      // Six decimals in the text, trailing zeros kept.
      expect(featureText(feature!)).toContain('"coordinates":[-1.500000,6.123456]');
    });

    it('says that a Point without an area counts as 4 ha, and refuses one above 4 ha', () => {
      const bare = plotFeature(plot({ type: 'Point', coordinates: [-1.5, 6.5] }));
      expect(bare.checks).toMatchObject([
        { code: 'POINT_AREA_DEFAULTED', severity: 'info', numbers: { assumedHectares: 4 } },
      ]);
      expect(bare.feature!.properties).not.toHaveProperty('Area');
      const big = plotFeature(
        plot({ type: 'Point', coordinates: [-1.5, 6.5] }, { declaredAreaHectares: 4.01 }),
      );
      expect(big.checks).toMatchObject([{ code: 'POINT_AREA_ABOVE_LIMIT', severity: 'error' }]);
      const four = plotFeature(
        plot({ type: 'Point', coordinates: [-1.5, 6.5] }, { declaredAreaHectares: 4 }),
      );
      expect(four.checks).toEqual([]);
    });
  });

  describe('polygons', () => {
    const ccwSquare = [
      [0, 0],
      [0.001, 0],
      [0.001, 0.001],
      [0, 0.001],
      [0, 0],
    ];

    it('turns a clockwise outer ring counterclockwise (RFC 7946 §3.1.6), never into a Point', () => {
      const clockwise = [...ccwSquare].reverse();
      const { feature, checks } = plotFeature(plot({ type: 'Polygon', coordinates: [clockwise] }));
      expect(checks).toEqual([]);
      expect(feature!.geometry).toEqual({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [0.001, 0],
            [0.001, 0.001],
            [0, 0.001],
            [0, 0],
          ],
        ],
      });
      expect(feature!.properties).not.toHaveProperty('Area'); // Area is for Points only
    });

    it('drops vertices the cut makes equal to their neighbour, and says how many', () => {
      // 0.1234561 and 0.1234569 both become 0.123456: one vertex too many.
      const ring = [
        [0.1234561, 0],
        [0.1234569, 0],
        [0.125, 0.001],
        [0.12, 0.002],
        [0.1234561, 0],
      ];
      const { feature, checks } = plotFeature(plot({ type: 'Polygon', coordinates: [ring] }));
      expect(checks).toMatchObject([
        {
          code: 'DUPLICATE_VERTICES_AFTER_TRUNCATION',
          severity: 'warning',
          numbers: { removed: 1, positions: 4 },
        },
      ]);
      expect(feature!.geometry.coordinates).toEqual([
        [
          [0.123456, 0],
          [0.125, 0.001],
          [0.12, 0.002],
          [0.123456, 0],
        ],
      ]);
    });

    it('leaves out a ring the cut collapses below four positions', () => {
      // A sliver whose three corners lie within the same millionth of a degree.
      const ring = [
        [1.0000001, 1.0000001],
        [1.0000005, 1.0000002],
        [1.0000003, 1.0000009],
        [1.0000001, 1.0000001],
      ];
      const result = plotsFeatureCollection([plot({ type: 'Polygon', coordinates: [ring] })]);
      expect(result.features).toEqual([]);
      expect(result.excluded).toEqual(['plot-1']);
      expect(result.checks).toMatchObject([
        { code: 'DUPLICATE_VERTICES_AFTER_TRUNCATION', numbers: { removed: 3, positions: 1 } },
        { code: 'RING_COLLAPSED_AFTER_TRUNCATION', severity: 'error', numbers: { positions: 1 } },
      ]);
      expect(result.text).toBe('{"type":"FeatureCollection","features":[]}');
    });

    it('finds a ring that only touches itself once cut to six decimals', () => {
      // Two notches reach for the centre from the right (to x = 0.0005000009) and from the left (to
      // x = 0.0005000001): 0.8 nm apart as recorded, the same point once cut.
      const ring = [
        [0, 0],
        [0.001, 0],
        [0.0005000009, 0.0005],
        [0.001, 0.001],
        [0, 0.001],
        [0.0005000001, 0.0005],
        [0, 0],
      ];
      expect(checkPlotGeometry({ geometry: { type: 'Polygon', coordinates: [ring] } }).problems).toEqual([]);
      const { feature, checks } = plotFeature(plot({ type: 'Polygon', coordinates: [ring] }));
      expect(checks).toMatchObject([{ code: 'SELF_INTERSECTION_AFTER_TRUNCATION', severity: 'error' }]);
      expect(feature).toBeDefined(); // still valid RFC 7946; the IS would refuse it
    });

    it('leaves holes out, as the IS ignores them, with the area the plot then counts as', () => {
      // At the equator 0.001° of longitude is 111.319 m (6,378,137 m × π/180 × 0.001) and 0.001° of
      // latitude 110.574 m (the meridian's curvature radius there, 6,335,439 m): the 0.001° square is
      // 12,309 m² = 1.2309 ha, the 0.0005° hole a quarter of it, 0.3077 ha.
      const hole = [
        [0.00025, 0.00025],
        [0.00025, 0.00075],
        [0.00075, 0.00075],
        [0.00075, 0.00025],
        [0.00025, 0.00025],
      ];
      const { feature, checks } = plotFeature(plot({ type: 'Polygon', coordinates: [ccwSquare, hole] }));
      expect(checks).toHaveLength(1);
      expect(checks[0]!.code).toBe('HOLES_IGNORED');
      expect(checks[0]!.numbers.holes).toBe(1);
      expect(checks[0]!.numbers.outerRingHectares).toBeCloseTo(1.2309, 3);
      expect(checks[0]!.numbers.recordedHectares).toBeCloseTo(1.2309 * 0.75, 3);
      expect(feature!.geometry.coordinates).toEqual([ccwSquare]);
    });

    it('maps each part of a MultiPolygon, and leaves the plot out when one part collapses', () => {
      const shifted = ccwSquare.map(([x, y]) => [x! + 0.01, y!]);
      const ok = plotFeature(plot({ type: 'MultiPolygon', coordinates: [[ccwSquare], [shifted]] }));
      expect(ok.feature!.geometry).toEqual({ type: 'MultiPolygon', coordinates: [[ccwSquare], [shifted]] });
      const sliver = [
        [2.0000001, 2.0000001],
        [2.0000005, 2.0000002],
        [2.0000003, 2.0000009],
        [2.0000001, 2.0000001],
      ];
      const bad = plotFeature(plot({ type: 'MultiPolygon', coordinates: [[ccwSquare], [sliver]] }));
      expect(bad.feature).toBeUndefined();
      expect(codes(bad.checks)).toContain('RING_COLLAPSED_AFTER_TRUNCATION');
      expect(bad.checks.find((c) => c.code === 'RING_COLLAPSED_AFTER_TRUNCATION')!.pointer).toBe(
        '/coordinates/1/0',
      );
    });

    it('refuses what the IS does not take', () => {
      const line = plotFeature(
        plot({
          type: 'LineString',
          coordinates: [
            [0, 0],
            [1, 1],
          ],
        }),
      );
      expect(line.feature).toBeUndefined();
      expect(line.checks).toMatchObject([{ code: 'UNSUPPORTED_GEOMETRY', severity: 'error' }]);
    });
  });
});

describe('producersForStatements', () => {
  const point = (id: string, producer: string): IsFeature => ({
    type: 'Feature',
    id,
    properties: { ProducerName: producer, ProducerCountry: 'GH', ProductionPlace: id, Area: 1 },
    geometry: { type: 'Point', coordinates: [1, 2] },
  });
  // Written out by hand: each feature's text is 179 characters of ASCII.
  const text = (id: string, producer: string) =>
    `{"type":"Feature","id":"${id}","properties":{"ProducerName":"${producer}","ProducerCountry":"GH","ProductionPlace":"${id}","Area":1},"geometry":{"type":"Point","coordinates":[1.000000,2.000000]}}`;
  const FRAME = '{"type":"FeatureCollection","features":['.length + ']}'.length; // 42

  it('groups plots by producer into one base64 FeatureCollection each', () => {
    expect(text('p1', 'A').length).toBe(179);
    const features = [point('p1', 'A'), point('p2', 'B'), point('p3', 'A')];
    const [part, ...rest] = producersForStatements(features, b64);
    expect(rest).toEqual([]);
    expect(part!.producers.map((p) => [p.name, p.plotIds])).toEqual([
      ['A', ['p1', 'p3']],
      ['B', ['p2']],
    ]);
    const a = Buffer.from(part!.producers[0]!.geometryGeojson, 'base64').toString('utf8');
    expect(a).toBe(`{"type":"FeatureCollection","features":[${text('p1', 'A')},${text('p3', 'A')}]}`);
    // A: 42 + 2 × 179 + 1 comma = 401 bytes → 4 × ⌈401/3⌉ = 536; B: 42 + 179 = 221 → 296.
    expect(part!.producers.map((p) => p.bytes)).toEqual([536, 296]);
    expect(part!.bytes).toBe(832);
    expect(FRAME).toBe(42);
  });

  it('starts a new statement when the next producer would pass the byte budget', () => {
    const features = [point('p1', 'A'), point('p2', 'B'), point('p3', 'C')];
    // Each producer costs 296 bytes; a budget of 700 − 100 = 600 holds two (592), not three (888).
    const parts = producersForStatements(features, b64, {
      statementBytes: 700,
      envelopeBytes: 100,
      producersPerCommodity: 1000,
    });
    expect(parts.map((p) => p.producers.map((x) => x.name))).toEqual([['A', 'B'], ['C']]);
    expect(parts.map((p) => p.bytes)).toEqual([592, 296]);
  });

  it('cuts a producer too large for one statement into several producers of the same name', () => {
    const features = ['p1', 'p2', 'p3'].map((id) => point(id, 'A'));
    // Two features: 42 + 358 + 1 = 401 bytes → 536 of base64; three: 581 → 776. Budget 600.
    const parts = producersForStatements(features, b64, {
      statementBytes: 600,
      envelopeBytes: 0,
      producersPerCommodity: 1000,
    });
    expect(parts.map((p) => p.producers.map((x) => [x.name, x.plotIds]))).toEqual([
      [['A', ['p1', 'p2']]],
      [['A', ['p3']]],
    ]);
    expect(() =>
      producersForStatements(features, b64, {
        statementBytes: 295,
        envelopeBytes: 0,
        producersPerCommodity: 10,
      }),
    ).toThrow(/alone is larger/);
  });

  it('holds at most the producers one commodity may list', () => {
    const features = ['A', 'B', 'C', 'D', 'E'].map((name, i) => point(`p${i}`, name));
    const parts = producersForStatements(features, b64, {
      statementBytes: 1e6,
      envelopeBytes: 0,
      producersPerCommodity: 2,
    });
    expect(parts.map((p) => p.producers.length)).toEqual([2, 2, 1]);
  });
});
