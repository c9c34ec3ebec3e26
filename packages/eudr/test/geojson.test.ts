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
    expect(() => truncateCoordinate(Number.NaN)).toThrow('not a coordinate: NaN');
    expect(truncateCoordinate(1e21)).toBe(1e21); // exponent form above a millionth: no decimals to cut
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
      expect(bare.checks).toEqual([
        {
          plotId: 'plot-1',
          code: 'POINT_AREA_DEFAULTED',
          severity: 'info',
          detail: 'no declared area: the IS counts a Point without Area as 4 ha',
          pointer: '',
          numbers: { assumedHectares: 4 },
        },
      ]);
      expect(bare.feature!.properties).not.toHaveProperty('Area');
      const big = plotFeature(
        plot({ type: 'Point', coordinates: [-1.5, 6.5] }, { declaredAreaHectares: 4.01 }),
      );
      expect(big.checks).toEqual([
        {
          plotId: 'plot-1',
          code: 'POINT_AREA_ABOVE_LIMIT',
          severity: 'error',
          detail: 'a Point may stand for at most 4 ha (cattle aside); 4.01 ha needs a polygon',
          pointer: '',
          numbers: { declaredHectares: 4.01, limitHectares: 4 },
        },
      ]);
      expect(big.feature!.properties.Area).toBe(4.01); // kept, as declared: the IS will refuse it
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
      expect(checks).toEqual([
        {
          plotId: 'plot-1',
          code: 'DUPLICATE_VERTICES_AFTER_TRUNCATION',
          severity: 'warning',
          detail: '1 vertex(es) equal their neighbour once cut to six decimals; left out of the export',
          pointer: '/coordinates/0',
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
        {
          plotId: 'plot-1',
          code: 'RING_COLLAPSED_AFTER_TRUNCATION',
          severity: 'error',
          detail:
            'cut to six decimals the outer ring keeps 1 distinct position(s) of the 4 a ring needs: the plot cannot be sent as a polygon',
          pointer: '/coordinates/0',
          numbers: { positions: 1 },
        },
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
      // Edges 1 (B→C) and 4 (E→F), apart as recorded, now meet at (0.0005, 0.0005): C and F are one point.
      expect(checks).toEqual([
        {
          plotId: 'plot-1',
          code: 'SELF_INTERSECTION_AFTER_TRUNCATION',
          severity: 'error',
          detail:
            'cut to six decimals the outer ring touches or crosses itself (edges 1 and 4): the IS refuses self-intersecting rings',
          pointer: '/coordinates/0',
          numbers: { edgeA: 1, edgeB: 4 },
        },
      ]);
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
      expect(checks[0]).toMatchObject({
        code: 'HOLES_IGNORED',
        severity: 'warning',
        pointer: '/coordinates/1',
      });
      expect(checks[0]!.detail).toMatch(
        /^the IS ignores holes: 1 hole\(s\) left out, so the plot counts as 1\.230\d+ ha instead of 0\.923\d+ ha$/,
      );
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

    it('refuses what the IS does not take, and malformed coordinates, saying which', () => {
      const cases: [ExportPlot['geometry'], string][] = [
        [
          {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [1, 1],
            ],
          },
          'the IS takes Points and polygons, not "LineString"',
        ],
        [{ type: 'Point', coordinates: ['a', 1] }, 'a Point needs [longitude, latitude]'],
        [{ type: 'Point', coordinates: [1] }, 'a Point needs [longitude, latitude]'],
        [
          { type: 'Point', coordinates: [1, Number.POSITIVE_INFINITY] },
          'a Point needs [longitude, latitude]',
        ],
        [{ type: 'Polygon', coordinates: [] }, 'a Polygon needs rings of positions'],
        [{ type: 'Polygon', coordinates: [[]] }, 'a Polygon needs rings of positions'],
        [{ type: 'Polygon', coordinates: 'x' }, 'a Polygon needs rings of positions'],
        [{ type: 'Polygon', coordinates: [[[0, 0], [1]]] }, 'a Polygon needs rings of positions'],
        [{ type: 'Polygon', coordinates: [[[0, 0]], 'x'] }, 'a Polygon needs rings of positions'],
        [{ type: 'MultiPolygon', coordinates: [] }, 'a MultiPolygon needs polygons'],
        [{ type: 'MultiPolygon', coordinates: 'x' }, 'a MultiPolygon needs polygons'],
        [{ type: 'MultiPolygon', coordinates: [[[[0, 0]]], []] }, 'a MultiPolygon needs polygons'],
      ];
      for (const [geometry, detail] of cases) {
        const { feature, checks } = plotFeature(plot(geometry));
        expect(feature, detail).toBeUndefined();
        expect(checks, JSON.stringify(geometry)).toEqual([
          {
            plotId: 'plot-1',
            code: 'UNSUPPORTED_GEOMETRY',
            severity: 'error',
            detail,
            pointer: '',
            numbers: {},
          },
        ]);
      }
    });

    it('drops an altitude: the IS reads [lon, lat]', () => {
      const { feature } = plotFeature(
        plot({ type: 'Point', coordinates: [1.5, 2.5, 120] }, { declaredAreaHectares: 1 }),
      );
      expect(feature!.geometry.coordinates).toEqual([1.5, 2.5]);
    });
  });

  it('writes polygons and multipolygons with six decimals on every coordinate', () => {
    const ring = [
      [-1.5, 6.25],
      [-1.4, 6.25],
      [-1.4, 6.3],
      [-1.5, 6.25],
    ];
    const polygon = plotFeature(plot({ type: 'Polygon', coordinates: [ring] })).feature!;
    expect(featureText(polygon)).toBe(
      '{"type":"Feature","id":"plot-1","properties":{"ProducerName":"Ashanti Growers","ProducerCountry":"GH","ProductionPlace":"GH-001"},' +
        '"geometry":{"type":"Polygon","coordinates":[[[-1.500000,6.250000],[-1.400000,6.250000],[-1.400000,6.300000],[-1.500000,6.250000]]]}}',
    );
    const multi = plotFeature(plot({ type: 'MultiPolygon', coordinates: [[ring], [ring]] })).feature!;
    const ringText = '[[-1.500000,6.250000],[-1.400000,6.250000],[-1.400000,6.300000],[-1.500000,6.250000]]';
    expect(featureText(multi)).toContain(
      `"geometry":{"type":"MultiPolygon","coordinates":[[${ringText}],[${ringText}]]}}`,
    );
    expect(JSON.parse(featureText(multi))).toEqual(multi);
  });

  it('leaves a ring without area as it was recorded (neither way round is counterclockwise)', () => {
    const flat = [
      [0, 0],
      [0.001, 0],
      [0.002, 0],
      [0, 0],
    ];
    const { feature } = plotFeature(plot({ type: 'Polygon', coordinates: [flat] }));
    expect(feature!.geometry.coordinates).toEqual([flat]);
  });

  describe('plotsFeatureCollection', () => {
    it('writes the features in order as one collection, and names the plots left out', () => {
      const a = plot({ type: 'Point', coordinates: [1, 2] }, { id: 'a', declaredAreaHectares: 1 });
      const b = plot({ type: 'LineString', coordinates: [] }, { id: 'b' });
      const c = plot({ type: 'Point', coordinates: [3, 4] }, { id: 'c', declaredAreaHectares: 2 });
      const result = plotsFeatureCollection([a, b, c]);
      expect(result.features.map((f) => f.id)).toEqual(['a', 'c']);
      expect(result.excluded).toEqual(['b']);
      expect(result.checks.map((x) => [x.plotId, x.code])).toEqual([['b', 'UNSUPPORTED_GEOMETRY']]);
      expect(result.text).toBe(
        `{"type":"FeatureCollection","features":[${featureText(result.features[0]!)},${featureText(result.features[1]!)}]}`,
      );
      expect(JSON.parse(result.text).features).toEqual(result.features);
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

  it('counts the comma between two features: 42 + 179 + 1 + 181 = 403 bytes → 540 of base64', () => {
    // An id one character longer writes it twice (id and ProductionPlace): 181 characters.
    expect(text('p10', 'A').length).toBe(181);
    const features = [point('p1', 'A'), point('p10', 'A')];
    const limits = (statementBytes: number) => ({
      statementBytes,
      envelopeBytes: 0,
      producersPerCommodity: 1000,
    });
    expect(producersForStatements(features, b64, limits(540)).map((p) => p.producers.length)).toEqual([1]);
    expect(producersForStatements(features, b64, limits(540))[0]!.bytes).toBe(540);
    // One byte less (without the comma the collection would still fit: 402 → 536).
    const split = producersForStatements(features, b64, limits(539));
    expect(split.map((p) => p.producers.map((x) => x.plotIds))).toEqual([[['p1']], [['p10']]]);
    expect(Buffer.from(split[1]!.producers[0]!.geometryGeojson, 'base64').toString('utf8')).toBe(
      `{"type":"FeatureCollection","features":[${text('p10', 'A')}]}`,
    );
    // And the comma only between two: 42 + 179 + 1 + 180 = 402 bytes → 536 fits a budget of 536;
    // a comma counted before the first feature too would make it 403 → 540.
    const area12 = { ...point('p2', 'A'), properties: { ...point('p2', 'A').properties, Area: 12 } };
    expect(featureText(area12).length).toBe(180);
    expect(producersForStatements([point('p1', 'A'), area12], b64, limits(536)).map((p) => p.bytes)).toEqual([
      536,
    ]);
    // Alone it is 42 + 180 = 222 bytes → 296: it fits 296 (no comma before a first feature, 223 → 300).
    expect(producersForStatements([area12], b64, limits(296)).map((p) => p.bytes)).toEqual([296]);
    // Three: 42 + 179 + 180 + 180 + 2 commas = 583 bytes → 780, over 776; the third starts another element.
    const area12b = { ...area12, id: 'p3', properties: { ...area12.properties, ProductionPlace: 'p3' } };
    expect(
      producersForStatements([point('p1', 'A'), area12, area12b], b64, limits(776)).map((p) =>
        p.producers.map((x) => x.plotIds),
      ),
    ).toEqual([[['p1', 'p2']], [['p3']]]);
  });

  it('fills a statement exactly to its budget, less the envelope, and not a byte more', () => {
    const features = [point('p1', 'A'), point('p2', 'B'), point('p3', 'C')];
    const names = (statementBytes: number, envelopeBytes: number) =>
      producersForStatements(features, b64, {
        statementBytes,
        envelopeBytes,
        producersPerCommodity: 1000,
      }).map((p) => p.producers.map((x) => x.name));
    expect(names(592, 0)).toEqual([['A', 'B'], ['C']]); // 2 × 296 = 592
    expect(names(591, 0)).toEqual([['A'], ['B'], ['C']]);
    expect(names(900, 308)).toEqual([['A', 'B'], ['C']]); // 900 − 308 = 592
    expect(names(900, 309)).toEqual([['A'], ['B'], ['C']]);
    // A feature that alone needs exactly the budget fits; one byte less and it cannot be sent.
    expect(names(296, 0)).toEqual([['A'], ['B'], ['C']]);
    expect(producersForStatements([], b64)).toEqual([]);
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
