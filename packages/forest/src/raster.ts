// Reading a forest-cover layer: GeoTIFF tiles in EPSG:4326 (the JRC GFC2020 distribution is 10°×10°
// tiles; a Hansen loss layer is tiled the same way) in a local directory or under an HTTP(S) prefix of
// an S3-compatible bucket. Only the windows a plot needs are read: geotiff.js fetches the internal
// tiles of a Cloud-Optimized GeoTIFF that a window touches, by file reads or HTTP range requests.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fromFile, fromUrl, type GeoTIFF, type GeoTIFFImage } from 'geotiff';
import type { Bounds, PixelGrid, RasterWindow } from './overlay.ts';

export type ForestErrorCode = 'unavailable' | 'invalid_raster' | 'too_large';

/** A layer that cannot be read, a tile that is not what the check needs, or a plot too large for it. */
export class ForestDataError extends Error {
  override name = 'ForestDataError';
  constructor(
    readonly code: ForestErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** One tile of a layer: where it is and the part of the world it covers. */
interface TileEntry {
  location: string;
  grid: PixelGrid;
  width: number;
  height: number;
  bounds: Bounds;
}

export interface LayerLocation {
  /**
   * A local directory, or an http(s):// URL of a path-style S3 prefix
   * (`https://endpoint/bucket/prefix/`), listed with S3 ListObjectsV2 and read with range requests.
   * The bucket must allow anonymous reads (or `headers` carry what lets them through).
   */
  source: string;
  /** Extra HTTP headers for a remote source. */
  headers?: Record<string, string>;
}

// GeoTIFF 1.1 (OGC 19-008r4) key values.
const MODEL_GEOGRAPHIC = 2;
const WGS84_GEOGRAPHIC = 4326;
const PIXEL_IS_POINT = 2;

const isRemote = (source: string) => /^https?:\/\//i.test(source);
const TILE_NAME = /\.tiff?$/i;

/** The grid of an image, refused unless it is north-up EPSG:4326. */
function gridOf(image: GeoTIFFImage, location: string): PixelGrid {
  const keys = image.getGeoKeys() ?? {};
  const model = keys.GTModelTypeGeoKey as number | undefined;
  const geographic = keys.GeographicTypeGeoKey as number | undefined;
  if (keys.ProjectedCSTypeGeoKey !== undefined || (model !== undefined && model !== MODEL_GEOGRAPHIC))
    throw new ForestDataError('invalid_raster', `${location}: not in geographic coordinates (EPSG:4326)`);
  if (geographic !== undefined && geographic !== WGS84_GEOGRAPHIC)
    throw new ForestDataError('invalid_raster', `${location}: geographic CRS ${geographic}, not EPSG:4326`);
  let origin: number[];
  let resolution: number[];
  try {
    origin = image.getOrigin();
    resolution = image.getResolution();
  } catch (cause) {
    throw new ForestDataError('invalid_raster', `${location}: no georeferencing`, { cause });
  }
  const pixelWidth = resolution[0]!;
  const pixelHeight = -resolution[1]!;
  if (!(pixelWidth > 0 && pixelHeight > 0))
    throw new ForestDataError('invalid_raster', `${location}: not a north-up raster`);
  // PixelIsPoint ties the first pixel's centre, not its corner, to the origin.
  const shift = keys.GTRasterTypeGeoKey === PIXEL_IS_POINT ? 0.5 : 0;
  return {
    west: origin[0]! - shift * pixelWidth,
    north: origin[1]! + shift * pixelHeight,
    pixelWidth,
    pixelHeight,
  };
}

const intersects = (a: Bounds, b: Bounds) =>
  a.west < b.east && b.west < a.east && a.south < b.north && b.south < a.north;

/** The keys of an S3 prefix, by ListObjectsV2 (paged by continuation token). */
async function listRemote(source: string, headers: Record<string, string>): Promise<string[]> {
  const url = new URL(source);
  const [bucket, ...rest] = url.pathname.replace(/^\/+/, '').split('/');
  if (!bucket) throw new ForestDataError('unavailable', `${source}: no bucket in the URL`);
  const prefix = rest.join('/');
  const keys: string[] = [];
  let token: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const list = new URL(`${url.origin}/${bucket}`);
    list.searchParams.set('list-type', '2');
    if (prefix) list.searchParams.set('prefix', prefix);
    if (token) list.searchParams.set('continuation-token', token);
    const response = await fetch(list, { headers });
    if (!response.ok)
      throw new ForestDataError('unavailable', `${source}: listing answered ${response.status}`);
    const xml = await response.text();
    for (const [, key] of xml.matchAll(/<Key>([^<]+)<\/Key>/g)) keys.push(decodeXml(key!));
    const next = /<NextContinuationToken>([^<]+)<\/NextContinuationToken>/.exec(xml)?.[1];
    if (!next) break;
    token = decodeXml(next);
  }
  return keys
    .filter((k) => TILE_NAME.test(k))
    .map((k) => `${url.origin}/${bucket}/${k.split('/').map(encodeURIComponent).join('/')}`);
}

const decodeXml = (text: string) =>
  text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');

/**
 * A layer of tiles. The tiles' extents are read once, from their headers, the first time they are
 * needed; a window read opens only the tiles a plot's bounds touch.
 */
export class RasterLayer {
  private index: Promise<TileEntry[]> | undefined;

  constructor(private readonly location: LayerLocation) {}

  private open(location: string): Promise<GeoTIFF> {
    return isRemote(location)
      ? fromUrl(location, { headers: this.location.headers ?? {}, allowFullFile: false })
      : fromFile(location);
  }

  private async build(): Promise<TileEntry[]> {
    const { source } = this.location;
    let locations: string[];
    try {
      locations = isRemote(source)
        ? await listRemote(source, this.location.headers ?? {})
        : (await readdir(source))
            .filter((f) => TILE_NAME.test(f))
            .sort()
            .map((f) => join(source, f));
    } catch (cause) {
      if (cause instanceof ForestDataError) throw cause;
      throw new ForestDataError('unavailable', `${source}: cannot list tiles`, { cause });
    }
    const tiles: TileEntry[] = [];
    for (const location of locations) {
      const tiff = await this.open(location).catch((cause) => {
        throw new ForestDataError('invalid_raster', `${location}: not a readable GeoTIFF`, { cause });
      });
      try {
        const image = await tiff.getImage(0);
        const grid = gridOf(image, location);
        const width = image.getWidth();
        const height = image.getHeight();
        tiles.push({
          location,
          grid,
          width,
          height,
          bounds: {
            west: grid.west,
            north: grid.north,
            east: grid.west + width * grid.pixelWidth,
            south: grid.north - height * grid.pixelHeight,
          },
        });
      } finally {
        await tiff.close();
      }
    }
    return tiles;
  }

  /** The tiles of the layer (listed and their headers read on first use). */
  tiles(): Promise<TileEntry[]> {
    this.index ??= this.build().catch((error) => {
      this.index = undefined; // a source that was down may be up at the next check
      throw error;
    });
    return this.index;
  }

  /**
   * The windows of every tile over `bounds`, at most `maxPixels` pixels in all (a plot larger than the
   * check is meant for is refused before anything is read).
   */
  async windows(bounds: Bounds, maxPixels: number): Promise<RasterWindow[]> {
    const wanted: { tile: TileEntry; window: [number, number, number, number] }[] = [];
    let pixels = 0;
    for (const tile of await this.tiles()) {
      if (!intersects(tile.bounds, bounds)) continue;
      const { grid } = tile;
      const x0 = Math.max(0, Math.floor((bounds.west - grid.west) / grid.pixelWidth));
      const x1 = Math.min(tile.width, Math.ceil((bounds.east - grid.west) / grid.pixelWidth));
      const y0 = Math.max(0, Math.floor((grid.north - bounds.north) / grid.pixelHeight));
      const y1 = Math.min(tile.height, Math.ceil((grid.north - bounds.south) / grid.pixelHeight));
      if (x1 <= x0 || y1 <= y0) continue;
      pixels += (x1 - x0) * (y1 - y0);
      wanted.push({ tile, window: [x0, y0, x1, y1] });
    }
    if (pixels > maxPixels)
      throw new ForestDataError(
        'too_large',
        `the plot spans ${pixels} pixels of the layer, more than the ${maxPixels} a check reads`,
      );
    const windows: RasterWindow[] = [];
    for (const { tile, window } of wanted) {
      const tiff = await this.open(tile.location).catch((cause) => {
        throw new ForestDataError('unavailable', `${tile.location}: cannot be opened`, { cause });
      });
      try {
        const image = await tiff.getImage(0);
        const values = (await image.readRasters({
          window,
          samples: [0],
          interleave: true,
        })) as ArrayLike<number>;
        windows.push({
          grid: tile.grid,
          column: window[0],
          row: window[1],
          width: window[2] - window[0],
          height: window[3] - window[1],
          values,
          noData: image.getGDALNoData(),
        });
      } catch (cause) {
        throw new ForestDataError('unavailable', `${tile.location}: window cannot be read`, { cause });
      } finally {
        await tiff.close();
      }
    }
    return windows;
  }
}
