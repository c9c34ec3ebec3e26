// A minimal writer of tiled, deflate-compressed, single-band 8-bit GeoTIFFs in EPSG:4326, laid out as
// a Cloud-Optimized GeoTIFF is (header, then the one IFD and its values, then the tiles), so the tests
// read through the same windowed path as a real JRC GFC2020 tile. TIFF 6.0 (tags 256–339), GeoTIFF 1.1
// (OGC 19-008r4: ModelPixelScale 33550, ModelTiepoint 33922, GeoKeyDirectory 34735) and GDAL's
// GDAL_NODATA tag (42113). Test code: written from those specifications for these tests only.
import { deflateSync } from 'node:zlib';

export interface SyntheticRaster {
  west: number;
  north: number;
  pixelWidth: number;
  pixelHeight: number;
  width: number;
  height: number;
  /** The value of the pixel in `column`, `row` (0–255). */
  value: (column: number, row: number) => number;
  noData?: number;
  /** Internal tile size (a multiple of 16). */
  tileSize?: number;
}

const SHORT = 3;
const LONG = 4;
const DOUBLE = 12;
const ASCII = 2;
const SIZE: Record<number, number> = { [SHORT]: 2, [LONG]: 4, [DOUBLE]: 8, [ASCII]: 1 };

export function writeCog(r: SyntheticRaster): Buffer {
  const tile = r.tileSize ?? 16;
  const across = Math.ceil(r.width / tile);
  const down = Math.ceil(r.height / tile);
  const tiles: Buffer[] = [];
  for (let ty = 0; ty < down; ty++)
    for (let tx = 0; tx < across; tx++) {
      const raw = Buffer.alloc(tile * tile, r.noData ?? 0);
      for (let y = 0; y < tile; y++)
        for (let x = 0; x < tile; x++) {
          const column = tx * tile + x;
          const row = ty * tile + y;
          if (column < r.width && row < r.height) raw[y * tile + x] = r.value(column, row);
        }
      tiles.push(deflateSync(raw));
    }

  const entries: { tag: number; type: number; values: number[] | string }[] = [
    { tag: 256, type: LONG, values: [r.width] },
    { tag: 257, type: LONG, values: [r.height] },
    { tag: 258, type: SHORT, values: [8] },
    { tag: 259, type: SHORT, values: [8] }, // Deflate
    { tag: 262, type: SHORT, values: [1] }, // BlackIsZero
    { tag: 277, type: SHORT, values: [1] },
    { tag: 284, type: SHORT, values: [1] },
    { tag: 322, type: SHORT, values: [tile] },
    { tag: 323, type: SHORT, values: [tile] },
    { tag: 324, type: LONG, values: tiles.map(() => 0) }, // filled in below
    { tag: 325, type: LONG, values: tiles.map((t) => t.length) },
    { tag: 339, type: SHORT, values: [1] }, // unsigned integer
    { tag: 33550, type: DOUBLE, values: [r.pixelWidth, r.pixelHeight, 0] },
    { tag: 33922, type: DOUBLE, values: [0, 0, 0, r.west, r.north, 0] },
    // Version 1.1.0, three keys: model geographic, raster PixelIsArea, EPSG:4326.
    { tag: 34735, type: SHORT, values: [1, 1, 0, 3, 1024, 0, 1, 2, 1025, 0, 1, 1, 2048, 0, 1, 4326] },
  ];
  if (r.noData !== undefined) entries.push({ tag: 42113, type: ASCII, values: `${r.noData}\0` });

  const ifdSize = 2 + entries.length * 12 + 4;
  const count = (e: (typeof entries)[number]) =>
    typeof e.values === 'string' ? e.values.length : e.values.length;
  let overflow = 8 + ifdSize;
  const placed = entries.map((e) => {
    const bytes = count(e) * SIZE[e.type]!;
    if (bytes <= 4) return { e, at: -1 };
    const at = overflow;
    overflow += bytes + (bytes % 2);
    return { e, at };
  });
  let offset = overflow;
  const offsets = entries.find((e) => e.tag === 324)!.values as number[];
  tiles.forEach((t, k) => {
    offsets[k] = offset;
    offset += t.length;
  });

  const out = Buffer.alloc(offset);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  out.writeUInt16LE(entries.length, 8);
  const put = (e: (typeof entries)[number], at: number) => {
    if (typeof e.values === 'string') out.write(e.values, at, 'latin1');
    else
      e.values.forEach((v, k) => {
        if (e.type === SHORT) out.writeUInt16LE(v, at + 2 * k);
        else if (e.type === LONG) out.writeUInt32LE(v, at + 4 * k);
        else out.writeDoubleLE(v, at + 8 * k);
      });
  };
  placed.forEach(({ e, at }, k) => {
    const entry = 10 + 12 * k;
    out.writeUInt16LE(e.tag, entry);
    out.writeUInt16LE(e.type, entry + 2);
    out.writeUInt32LE(count(e), entry + 4);
    if (at < 0) put(e, entry + 8);
    else {
      out.writeUInt32LE(at, entry + 8);
      put(e, at);
    }
  });
  out.writeUInt32LE(0, 10 + 12 * entries.length);
  offset = overflow;
  for (const t of tiles) {
    t.copy(out, offset);
    offset += t.length;
  }
  return out;
}
