// How much of a plot falls on which raster pixels, in square metres on the WGS84 ellipsoid. Pure: no
// I/O, the windows of raster values are handed in.
//
// Rasters in EPSG:4326 have pixels of equal size in degrees, not in metres: a pixel's ground area
// shrinks with the cosine of its latitude (and a little more on the ellipsoid). So no pixel counts as
// "one pixel" here. The plane of longitude and latitude is cut along every pixel edge of every layer
// (the forest map's and the loss map's grids need not agree); each resulting cell lies inside exactly
// one pixel of each layer. The part of the plot inside a cell is found exactly in degrees (polygon
// clipping), and turned into square metres with the area of the ellipsoidal zone between the cell's
// two latitudes. Within one 10 m cell the density varies by less than one part in a million.

/** [longitude, latitude] in degrees (GeoJSON order). */
export type Position = readonly number[];
/** A GeoJSON Polygon's rings: the outer one first, then holes. */
export type PolygonRings = readonly (readonly Position[])[];

/** A north-up raster grid in EPSG:4326. */
export interface PixelGrid {
  /** Longitude of the west edge of column 0, degrees. */
  west: number;
  /** Latitude of the north edge of row 0, degrees. */
  north: number;
  /** Pixel width in degrees of longitude (positive). */
  pixelWidth: number;
  /** Pixel height in degrees of latitude (positive; rows run southwards). */
  pixelHeight: number;
}

/** A rectangle of a raster's values, row-major, read from the raster whose grid it names. */
export interface RasterWindow {
  grid: PixelGrid;
  /** The window's first column and row in the raster. */
  column: number;
  row: number;
  width: number;
  height: number;
  values: ArrayLike<number>;
  /** The value that means "no data here", if the raster has one. */
  noData: number | null;
}

export interface Bounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

// WGS84 (NIMA TR8350.2 §3.2).
const A = 6_378_137;
const FLATTENING = 1 / 298.257_223_563;
const E2 = FLATTENING * (2 - FLATTENING);
const E = Math.sqrt(E2);
const B2 = (A * (1 - FLATTENING)) ** 2;

/**
 * The area of the ellipsoid between the equator and latitude `latitude`, per radian of longitude, in
 * square metres (the authalic integral: b²·[sinφ / (2(1 − e²sin²φ)) + atanh(e·sinφ) / (2e)]).
 */
function zoneIntegral(latitude: number): number {
  const s = Math.sin((latitude * Math.PI) / 180);
  return B2 * (s / (2 * (1 - E2 * s * s)) + Math.atanh(E * s) / (2 * E));
}

/** Ground area of the quadrangle between two parallels and two meridians, in square metres. */
export function quadrangleSquareMetres(south: number, north: number, widthDegrees: number): number {
  return ((widthDegrees * Math.PI) / 180) * (zoneIntegral(north) - zoneIntegral(south));
}

/** The bounds of a window in degrees. */
export function windowBounds(w: RasterWindow): Bounds {
  const west = w.grid.west + w.column * w.grid.pixelWidth;
  const north = w.grid.north - w.row * w.grid.pixelHeight;
  return {
    west,
    north,
    east: west + w.width * w.grid.pixelWidth,
    south: north - w.height * w.grid.pixelHeight,
  };
}

/** The bounds of one or more polygons. */
export function boundsOf(polygons: readonly PolygonRings[]): Bounds {
  const b = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
  for (const rings of polygons)
    for (const ring of rings)
      for (const [lon, lat] of ring) {
        b.west = Math.min(b.west, lon!);
        b.east = Math.max(b.east, lon!);
        b.south = Math.min(b.south, lat!);
        b.north = Math.max(b.north, lat!);
      }
  return b;
}

/** The pixel of a window under a point: its index in `values`, or -1 outside the window. */
function pixelIndex(w: RasterWindow, bounds: Bounds, lon: number, lat: number): number {
  if (lon < bounds.west || lon >= bounds.east || lat > bounds.north || lat <= bounds.south) return -1;
  const column = Math.min(w.width - 1, Math.floor((lon - bounds.west) / w.grid.pixelWidth));
  const row = Math.min(w.height - 1, Math.floor((bounds.north - lat) / w.grid.pixelHeight));
  return row * w.width + column;
}

// Grid lines of two rasters that coincide are the same line once they are this close (degrees; about
// a micrometre on the ground): their computed positions differ only by rounding.
const SAME_LINE = 1e-11;

/** Every pixel edge of the windows strictly between `min` and `max`, with both ends, ascending. */
function cuts(
  windows: readonly { bounds: Bounds; w: RasterWindow }[],
  min: number,
  max: number,
  axis: 'lon' | 'lat',
): number[] {
  const lines = [min, max];
  for (const { bounds, w } of windows) {
    const step = axis === 'lon' ? w.grid.pixelWidth : w.grid.pixelHeight;
    const count = axis === 'lon' ? w.width : w.height;
    for (let k = 0; k <= count; k++) {
      const line = axis === 'lon' ? bounds.west + k * step : bounds.north - k * step;
      if (line > min && line < max) lines.push(line);
    }
  }
  lines.sort((a, b) => a - b);
  const kept = [lines[0]!];
  for (const line of lines) if (line - kept.at(-1)! > SAME_LINE) kept.push(line);
  if (max - kept.at(-1)! <= SAME_LINE) kept[kept.length - 1] = max;
  return kept;
}

type Ring = number[]; // flat [x0, y0, x1, y1, …], not closed

/** Sutherland–Hodgman against one half-plane: keep where sign·(coordinate − at) ≤ 0. */
function clip(ring: Ring, axis: 0 | 1, at: number, keepBelow: boolean): Ring {
  const out: Ring = [];
  const n = ring.length / 2;
  if (n === 0) return out;
  const inside = (k: number) => (keepBelow ? ring[2 * k + axis]! <= at : ring[2 * k + axis]! >= at);
  for (let k = 0; k < n; k++) {
    const j = (k + n - 1) % n;
    const kin = inside(k);
    const jin = inside(j);
    if (kin !== jin) {
      const xj = ring[2 * j]!;
      const yj = ring[2 * j + 1]!;
      const xk = ring[2 * k]!;
      const yk = ring[2 * k + 1]!;
      const t = (at - ring[2 * j + axis]!) / (ring[2 * k + axis]! - ring[2 * j + axis]!);
      out.push(axis === 0 ? at : xj + t * (xk - xj), axis === 1 ? at : yj + t * (yk - yj));
    }
    if (kin) out.push(ring[2 * k]!, ring[2 * k + 1]!);
  }
  return out;
}

/** Unsigned shoelace area of a ring, in square degrees. */
function ringArea(ring: Ring): number {
  let twice = 0;
  const n = ring.length / 2;
  for (let k = 0; k < n; k++) {
    const j = (k + 1) % n;
    twice += ring[2 * k]! * ring[2 * j + 1]! - ring[2 * j]! * ring[2 * k + 1]!;
  }
  return Math.abs(twice) / 2;
}

/** Rings as flat arrays with their sign (+1 outer, −1 hole), the closing position dropped. */
function flatten(polygons: readonly PolygonRings[]): { ring: Ring; sign: number }[] {
  const out: { ring: Ring; sign: number }[] = [];
  for (const rings of polygons)
    rings.forEach((positions, r) => {
      const ring: Ring = [];
      for (const [lon, lat] of positions) ring.push(lon!, lat!);
      const n = ring.length;
      if (n >= 4 && ring[0] === ring[n - 2] && ring[1] === ring[n - 1]) ring.length = n - 2;
      if (ring.length >= 6) out.push({ ring, sign: r === 0 ? 1 : -1 });
    });
  return out;
}

/** One cell of the overlay: the plot's area in it and the value of each layer there (null: no data). */
export interface OverlayCell {
  squareMetres: number;
  /** One value per layer, in the order given; null where that layer has no data. */
  values: (number | null)[];
  /** Per layer, a key of the pixel (window number and index), or null; for counting pixels. */
  pixels: (string | null)[];
}

/**
 * Cuts the plot along every pixel edge of the layers' windows and calls `visit` for each cell the plot
 * covers, with its ground area and each layer's value there. Cells outside every window are visited
 * too (their values null), so the areas visited add up to the plot's whole area. MultiPolygon parts
 * are assumed not to overlap (GeoJSON's rule, RFC 7946 §3.1.7, and the plot check's).
 */
export function overlay(
  polygons: readonly PolygonRings[],
  layers: readonly (readonly RasterWindow[])[],
  visit: (cell: OverlayCell) => void,
): void {
  const rings = flatten(polygons);
  if (rings.length === 0) return;
  const box = boundsOf(polygons);
  const placed = layers.map((windows) => windows.map((w) => ({ w, bounds: windowBounds(w) })));
  const all = placed.flat();
  const lons = cuts(all, box.west, box.east, 'lon');
  const lats = cuts(all, box.south, box.north, 'lat');

  for (let r = 0; r + 1 < lats.length; r++) {
    const south = lats[r]!;
    const north = lats[r + 1]!;
    const band = rings
      .map(({ ring, sign }) => {
        const part = clip(clip(ring, 1, south, false), 1, north, true);
        let minX = Infinity;
        let maxX = -Infinity;
        for (let k = 0; k < part.length; k += 2) {
          minX = Math.min(minX, part[k]!);
          maxX = Math.max(maxX, part[k]!);
        }
        return { ring: part, sign, minX, maxX, whole: ringArea(part) };
      })
      .filter(({ ring }) => ring.length >= 6);
    if (band.length === 0) continue;
    // Square metres per square degree in this band.
    const density = quadrangleSquareMetres(south, north, 1) / (north - south);
    const lat = (south + north) / 2;
    // The plot's area west of each cut (square degrees), from which each cell's is a difference.
    let westOf = 0;
    for (let c = 0; c + 1 < lons.length; c++) {
      const east = lons[c + 1]!;
      let area = 0;
      for (const { ring, sign, minX, maxX, whole } of band) {
        if (east <= minX) continue;
        area += sign * (east >= maxX ? whole : ringArea(clip(ring, 0, east, true)));
      }
      const inCell = area - westOf;
      westOf = area;
      if (!(inCell > 0)) continue;
      const lon = (lons[c]! + east) / 2;
      const values: (number | null)[] = [];
      const pixels: (string | null)[] = [];
      for (const windows of placed) {
        let value: number | null = null;
        let pixel: string | null = null;
        for (let k = 0; k < windows.length; k++) {
          const { w, bounds } = windows[k]!;
          const index = pixelIndex(w, bounds, lon, lat);
          if (index < 0) continue;
          const v = w.values[index]!;
          const missing =
            w.noData !== null && (v === w.noData || (Number.isNaN(w.noData) && Number.isNaN(v)));
          if (!missing) {
            value = v;
            pixel = `${k}:${index}`;
          }
          break;
        }
        values.push(value);
        pixels.push(pixel);
      }
      visit({ squareMetres: inCell * density, values, pixels });
    }
  }
}
