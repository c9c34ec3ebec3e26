// The forest check against synthetic Cloud-Optimized GeoTIFFs written by the test (cog.ts) with known
// forest and loss pixels. Every expected share is computed independently of the package (reckon.ts): the plot
// is sampled on a fine lattice (16 × 16 points per forest pixel), each point tested against the
// polygons by ray casting (even–odd, so holes fall out) and weighted by the cosine of its latitude (a
// pixel's ground area on the sphere); the raster values are read from the same functions that wrote the
// files. The package instead clips polygons exactly and weights by the ellipsoid's zone areas, so the
// two agree only if both are right; the acceptance bound is 1 percentage point.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { polygonAreaHectares } from '@groundtruth/geo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assessPlot,
  DEFAULT_TOLERANCE,
  deforestationFinding,
  ForestCover,
  ForestDataError,
  type PlotGeometry,
  plotPolygons,
  quadrangleSquareMetres,
  RasterLayer,
} from '../src/index.ts';
import { type SyntheticRaster, writeCog } from './cog.ts';
import { pixelAt, type Ring, reckon as reckonShares } from './reckon.ts';

// --- the synthetic world -------------------------------------------------------------------------
// Forest map: 96 × 64 pixels of 0.0009° (about 100 m) west of Abidjan, in two files split at column 48
// (as the JRC map is split into tiles). A deterministic pattern: blobs of forest with ragged edges.
const F = { west: -4.2, north: 5.6, pixel: 0.0009, width: 96, height: 64 };
const forestValue = (column: number, row: number): number => {
  const blob = (column - 30) ** 2 / 300 + (row - 20) ** 2 / 150 < 1;
  const strip = column >= 55 && column < 70;
  const noise = ((column * 7919 + row * 104_729) % 13) / 13;
  return (blob || strip) !== noise < 0.15 ? 1 : 0;
};
// Loss layer: a coarser, shifted grid (0.0027°, starting half a forest pixel off), Hansen `lossyear`
// coding (0 none, 5 = 2005, 21 = 2021, 23 = 2023).
const L = { west: F.west - 0.00045, north: F.north + 0.00045, pixel: 0.0027, width: 34, height: 24 };
const lossValue = (column: number, row: number): number => {
  const k = (column * 31 + row * 17) % 7;
  return k === 0 ? 21 : k === 1 ? 23 : k === 2 ? 5 : 0;
};

const mapPixel = (lon: number, lat: number) => {
  const p = pixelAt(F, lon, lat);
  return p ? forestValue(p.column, p.row) : null;
};
const lostAfter2020 = (lon: number, lat: number) => {
  const l = pixelAt(L, lon, lat);
  return l !== null && lossValue(l.column, l.row) >= 21;
};
/** The independent shares (reckon.ts), 16 × 16 samples per forest pixel. */
const reckon = (polygons: Ring[][], forestAt: typeof mapPixel) =>
  reckonShares(polygons, F.pixel / 16, forestAt, lostAfter2020);

// --- plots -----------------------------------------------------------------------------------------
const lonOf = (column: number) => F.west + column * F.pixel;
const latOf = (row: number) => F.north - row * F.pixel;
// A concave plot over the blob's edge, at no pixel-aligned vertex.
const concave: Ring = [
  [lonOf(12.3), latOf(30.7)],
  [lonOf(41.6), latOf(33.2)],
  [lonOf(44.1), latOf(9.4)],
  [lonOf(30.2), latOf(21.5)],
  [lonOf(15.8), latOf(6.3)],
  [lonOf(12.3), latOf(30.7)],
];
// A plot with a hole, across the two files' seam and over the strip.
const outer: Ring = [
  [lonOf(40.5), latOf(50.2)],
  [lonOf(75.3), latOf(52.9)],
  [lonOf(72.2), latOf(35.1)],
  [lonOf(43.7), latOf(37.6)],
  [lonOf(40.5), latOf(50.2)],
];
const hole: Ring = [
  [lonOf(58.1), latOf(47.3)],
  [lonOf(63.9), latOf(40.2)],
  [lonOf(56.4), latOf(41.8)],
  [lonOf(58.1), latOf(47.3)],
];
// Half of it east of the map's edge.
const straddling: Ring = [
  [lonOf(88.2), latOf(10.1)],
  [lonOf(104.7), latOf(10.6)],
  [lonOf(103.9), latOf(20.4)],
  [lonOf(88.6), latOf(19.8)],
  [lonOf(88.2), latOf(10.1)],
];
// Far away (no tile covers it).
const elsewhere: Ring = [
  [-3.5, 5.0],
  [-3.49, 5.0],
  [-3.49, 5.01],
  [-3.5, 5.0],
];

let dir: string;
let cover: ForestCover;
let coverWithLoss: ForestCover;
const GFC = { name: 'JRC GFC2020', version: 'synthetic-1' };
const HANSEN = { name: 'Hansen GFC lossyear', version: 'synthetic-1' };

async function write(path: string, raster: SyntheticRaster) {
  await writeFile(path, writeCog(raster));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'forest-'));
  const half = F.width / 2;
  await mkdir(join(dir, 'gfc'));
  await mkdir(join(dir, 'loss'));
  for (const [name, first] of [
    ['GFC2020_west.tif', 0],
    ['GFC2020_east.tif', half],
  ] as const)
    await write(join(dir, 'gfc', name), {
      west: lonOf(first),
      north: F.north,
      pixelWidth: F.pixel,
      pixelHeight: F.pixel,
      width: half,
      height: F.height,
      value: (c, r) => forestValue(first + c, r),
    });
  await write(join(dir, 'loss', 'lossyear.tif'), {
    west: L.west,
    north: L.north,
    pixelWidth: L.pixel,
    pixelHeight: L.pixel,
    width: L.width,
    height: L.height,
    value: lossValue,
  });
  cover = new ForestCover({ forest: { source: join(dir, 'gfc'), dataset: GFC } });
  coverWithLoss = new ForestCover({
    forest: { source: join(dir, 'gfc'), dataset: GFC },
    loss: { source: join(dir, 'loss'), dataset: HANSEN },
  });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const polygon = (...rings: Ring[]): PlotGeometry => ({ type: 'Polygon', coordinates: rings });

describe('ForestCover', () => {
  describe('#check', () => {
    it('gives the forest share of a concave plot within 1 point of the sampled share', async () => {
      const result = await cover.check(polygon(concave), 0);
      const expected = reckon([[concave]], mapPixel);
      expect(result.coverage).toBe('full');
      expect(result.coveredShare).toBe(1);
      expect(Math.abs(result.forestShare! - expected.forestShare)).toBeLessThan(0.01);
      // Not a trivial share: part forest, part not.
      expect(expected.forestShare).toBeGreaterThan(0.2);
      expect(expected.forestShare).toBeLessThan(0.8);
    });

    it('leaves holes out, reads across two tiles, and overlays a loss layer on another grid', async () => {
      const result = await coverWithLoss.check(polygon(outer, hole), 0);
      const expected = reckon([[outer, hole]], mapPixel);
      expect(result.coverage).toBe('full');
      expect(Math.abs(result.forestShare! - expected.forestShare)).toBeLessThan(0.01);
      expect(Math.abs(result.loss!.lostShare! - expected.lostShare)).toBeLessThan(0.01);
      expect(expected.lostShare).toBeGreaterThan(0.05);
      expect(result.loss!.coveredShare).toBe(1);
      // Only years after the cut-off count: 2005 loss is in the map (value 5) but not in byYear.
      expect(Object.keys(result.loss!.byYear).sort()).toEqual(['2021', '2023']);
      const byYear = Object.values(result.loss!.byYear).reduce((a, b) => a + b, 0);
      expect(byYear).toBeCloseTo(result.loss!.lostHectares, 9);
      expect(result.verdict).toBe('loss_after_2020');
    });

    it('measures a MultiPolygon as the sum of its parts', async () => {
      const result = await cover.check({ type: 'MultiPolygon', coordinates: [[concave], [outer, hole]] }, 0);
      const expected = reckon([[concave], [outer, hole]], mapPixel);
      expect(Math.abs(result.forestShare! - expected.forestShare)).toBeLessThan(0.01);
      const parts =
        (await cover.check(polygon(concave), 0)).areaHectares +
        (await cover.check(polygon(outer, hole), 0)).areaHectares;
      expect(Math.abs(result.areaHectares - parts) / parts).toBeLessThan(1e-9);
    });

    it('measures the plot as the geodesic area does (Karney, @groundtruth/geo)', async () => {
      for (const rings of [[concave], [outer, hole], [straddling]]) {
        const result = await cover.check(polygon(...rings), 0);
        const karney = polygonAreaHectares(rings);
        expect(Math.abs(result.areaHectares - karney) / karney).toBeLessThan(1e-5);
      }
    });

    it('reports a plot outside the map as not covered, never as free of deforestation', async () => {
      const result = await coverWithLoss.check(polygon(elsewhere), 0);
      expect(result.verdict).toBe('not_covered');
      expect(result.coverage).toBe('none');
      expect(result.coveredShare).toBe(0);
      expect(result.forestShare).toBeNull();
      expect(result.loss!.lostShare).toBeNull();
      const finding = deforestationFinding(result);
      expect(finding).toMatchObject({ rule: 'DEFORESTATION_RISK', severity: 'warning' });
      expect(finding!.message).toMatch(/^not covered/);
      expect(finding!.numbers).toMatchObject({
        verdict: 'not_covered',
        coveredShare: 0,
        dataset: 'JRC GFC2020',
      });
    });

    it('says how much of a plot partly outside the map is covered', async () => {
      const result = await cover.check(polygon(straddling), 0);
      const expected = reckon([[straddling]], mapPixel);
      expect(result.coverage).toBe('partial');
      expect(Math.abs(result.coveredShare - expected.coveredShare)).toBeLessThan(0.01);
      expect(expected.coveredShare).toBeGreaterThan(0.3);
      expect(expected.coveredShare).toBeLessThan(0.7);
      expect(Math.abs(result.forestShare! - expected.forestShare)).toBeLessThan(0.01);
      expect(result.verdict).not.toBe('no_forest_2020');
      expect(deforestationFinding(result)).not.toBeNull();
    });

    it('counts no-data pixels inside the map as not covered', async () => {
      const nodata = join(dir, 'nodata');
      await mkdir(nodata);
      // Rows 0–31 no data (255), the rest non-forest.
      await write(join(nodata, 'tile.tif'), {
        west: F.west,
        north: F.north,
        pixelWidth: F.pixel,
        pixelHeight: F.pixel,
        width: 64,
        height: 64,
        noData: 255,
        value: (_c, r) => (r < 32 ? 255 : 0),
      });
      const plot: Ring = [
        [lonOf(10), latOf(40)],
        [lonOf(30), latOf(40)],
        [lonOf(30), latOf(20)],
        [lonOf(10), latOf(20)],
        [lonOf(10), latOf(40)],
      ];
      const result = await new ForestCover({ forest: { source: nodata, dataset: GFC } }).check(
        polygon(plot),
        0,
      );
      expect(result.coverage).toBe('partial');
      // Rows 32–40 of 20–40 have data: 8 of 20 rows, within 0.01° of latitude of each other.
      expect(result.coveredShare).toBeCloseTo(0.4, 3);
      expect(result.forestShare).toBe(0);
      expect(result.verdict).toBe('partially_covered');
    });

    it('checks a Point plot as a circle of its declared area', async () => {
      const centre = [lonOf(30), latOf(20)];
      const result = await cover.check({ type: 'Point', coordinates: centre }, 3.2);
      expect(result.geometry).toBe('point-circle');
      expect(Math.abs(result.areaHectares - 3.2) / 3.2).toBeLessThan(0.005);
      const { polygons } = plotPolygons({ type: 'Point', coordinates: centre }, 3.2);
      const expected = reckon(polygons as Ring[][], mapPixel);
      expect(Math.abs(result.forestShare! - expected.forestShare)).toBeLessThan(0.01);
    });

    it('refuses a plot spanning more pixels than a check reads, before reading any', async () => {
      const small = new ForestCover({ forest: { source: join(dir, 'gfc'), dataset: GFC }, maxPixels: 100 });
      await expect(small.check(polygon(concave), 0)).rejects.toMatchObject({ code: 'too_large' });
    });

    it('refuses tiles that are not in EPSG:4326 and sources that cannot be listed', async () => {
      const projected = join(dir, 'projected');
      await mkdir(projected);
      const bytes = writeCog({
        west: 0,
        north: 0,
        pixelWidth: 10,
        pixelHeight: 10,
        width: 16,
        height: 16,
        value: () => 1,
      });
      // Swap GeographicTypeGeoKey (2048 = 4326) for ProjectedCSTypeGeoKey (3072 = 3857, Web Mercator).
      const keys = bytes.indexOf(Buffer.from([0x00, 0x08, 0x00, 0x00, 0x01, 0x00, 0xe6, 0x10]));
      expect(keys).toBeGreaterThan(0);
      bytes.writeUInt16LE(3072, keys);
      bytes.writeUInt16LE(3857, keys + 6);
      await writeFile(join(projected, 'mercator.tif'), bytes);
      const layer = new RasterLayer({ source: projected });
      await expect(layer.tiles()).rejects.toMatchObject({ code: 'invalid_raster' });
      await expect(new RasterLayer({ source: join(dir, 'missing') }).tiles()).rejects.toBeInstanceOf(
        ForestDataError,
      );
    });
  });
});

describe('quadrangleSquareMetres', () => {
  it('gives the ellipsoid’s whole surface and its zones by latitude', () => {
    // WGS84 surface area 510,065,621.7 km² (NIMA TR8350.2, Table 3.5).
    expect(quadrangleSquareMetres(-90, 90, 360) / 1e6).toBeCloseTo(510_065_621.7, 0);
    // The surface element is M·N·cos φ dφ dλ with M·N = a²(1 − e²) / (1 − e² sin² φ)²: a 1° cell at 60°
    // is cos 60° / (1 − e² sin² 60°)² of one at the equator (to the cell's own curvature, 1e-5).
    const e2 = (1 / 298.257223563) * (2 - 1 / 298.257223563);
    const expected = 0.5 / (1 - e2 * 0.75) ** 2;
    const ratio = quadrangleSquareMetres(59.5, 60.5, 1) / quadrangleSquareMetres(-0.5, 0.5, 1);
    expect(ratio).toBeCloseTo(expected, 4);
    expect(ratio).not.toBeCloseTo(0.5, 3);
  });
});

describe('assessPlot', () => {
  // A raster 10° tall of 0.5° pixels, forest in its northern half: equal pixel counts, unequal areas.
  const grid = { west: 10, north: 60, pixelWidth: 0.5, pixelHeight: 0.5 };
  const window = {
    grid,
    column: 0,
    row: 0,
    width: 4,
    height: 20,
    values: Array.from({ length: 80 }, (_, k) => (Math.floor(k / 4) < 10 ? 1 : 0)),
    noData: null,
  };
  const rect: Ring = [
    [10, 50],
    [12, 50],
    [12, 60],
    [10, 60],
    [10, 50],
  ];

  it('weights pixels by their ground area, not by count', () => {
    const result = assessPlot([[rect]], [window], undefined, { dataset: GFC });
    // On the sphere the forest half's share is (sin 60° − sin 55°) / (sin 60° − sin 50°) ≈ 0.468.
    const s = (d: number) => Math.sin((d * Math.PI) / 180);
    const spherical = (s(60) - s(55)) / (s(60) - s(50));
    expect(Math.abs(result.forestShare! - spherical)).toBeLessThan(0.002);
    expect(Math.abs(result.forestShare! - 0.5)).toBeGreaterThan(0.02);
    expect(result.pixels).toBe(80);
  });

  it('raises a finding above either tolerance and none below both', () => {
    // One forest pixel row of 20 at the southern edge: 5 % by count, a little more by area.
    const thin = {
      ...window,
      values: Array.from({ length: 80 }, (_, k) => (Math.floor(k / 4) === 19 ? 1 : 0)),
    };
    const huge = { share: 0.5, hectares: 1e12 };
    const below = assessPlot([[rect]], [thin], undefined, { dataset: GFC, tolerance: huge });
    expect(below.verdict).toBe('no_forest_2020');
    expect(deforestationFinding(below)).toBeNull();
    const byShare = assessPlot([[rect]], [thin], undefined, {
      dataset: GFC,
      tolerance: { share: 0.05, hectares: 1e12 },
    });
    expect(byShare.forestShare).toBeGreaterThan(0.05);
    expect(byShare.verdict).toBe('forest_2020');
    const byArea = assessPlot([[rect]], [thin], undefined, {
      dataset: GFC,
      tolerance: { share: 0.9, hectares: 0.5 },
    });
    expect(byArea.verdict).toBe('forest_2020');
    const finding = deforestationFinding(byArea)!;
    expect(finding.severity).toBe('warning');
    expect(finding.numbers).toMatchObject({
      verdict: 'forest_2020',
      dataset: 'JRC GFC2020',
      datasetVersion: 'synthetic-1',
      toleranceShare: 0.9,
    });
    expect(DEFAULT_TOLERANCE).toEqual({ share: 0.05, hectares: 0.5 });
  });

  it('makes loss of 2020 forest after the cut-off an error, and loss before it nothing', () => {
    const lossBefore = { ...window, values: window.values.map(() => 20) }; // 2020: not after the cut-off
    const lossAfter = { ...window, values: window.values.map(() => 21) };
    const before = assessPlot([[rect]], [window], [lossBefore], { dataset: GFC, lossDataset: HANSEN });
    expect(before.verdict).toBe('forest_2020');
    expect(before.loss!.lostShare).toBe(0);
    expect(deforestationFinding(before)!.message).toMatch(/Hansen GFC lossyear synthetic-1 shows no loss/);
    // A loss layer with no tile over the plot says so, rather than "no loss".
    const unseen = assessPlot([[rect]], [window], [], { dataset: GFC, lossDataset: HANSEN });
    expect(unseen.loss!.coveredShare).toBe(0);
    expect(deforestationFinding(unseen)!.message).toMatch(/covers 0 % of it/);
    const after = assessPlot([[rect]], [window], [lossAfter], { dataset: GFC, lossDataset: HANSEN });
    expect(after.verdict).toBe('loss_after_2020');
    expect(after.loss!.lostShare).toBeCloseTo(after.forestShare!, 12);
    expect(deforestationFinding(after)).toMatchObject({
      severity: 'error',
      numbers: { lossDataset: HANSEN.name },
    });
  });
});
