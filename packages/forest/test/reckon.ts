// The independent reckoning the forest tests compare the package with: the plot sampled on a fine
// lattice, each point tested against the polygons by ray casting (even–odd, so holes fall out) and
// weighted by the cosine of its latitude (the ground area of a lattice cell on the sphere), with the
// raster values taken from the functions that wrote the test rasters. None of the package's code.

export type Ring = [number, number][];

export function insideRings(rings: Ring[], lon: number, lat: number): boolean {
  let inside = false;
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
  return inside;
}

export interface Reckoned {
  /** Share of the plot where the forest map has data. */
  coveredShare: number;
  /** Shares of the covered part. */
  forestShare: number;
  lostShare: number;
}

/**
 * Shares over `polygons` (each a list of rings) sampled every `step` degrees. `forestAt` gives the
 * forest map's value at a point (null: no data); `lostAfter2020At` whether the loss layer shows loss
 * in 2021 or later there.
 */
export function reckon(
  polygons: Ring[][],
  step: number,
  forestAt: (lon: number, lat: number) => number | null,
  lostAfter2020At: (lon: number, lat: number) => boolean = () => false,
): Reckoned {
  const all = polygons.flat(2);
  const lons = all.map((p) => p[0]);
  const lats = all.map((p) => p[1]);
  let total = 0;
  let covered = 0;
  let forest = 0;
  let lost = 0;
  for (let lat = Math.min(...lats) + step / 2; lat < Math.max(...lats); lat += step) {
    const weight = Math.cos((lat * Math.PI) / 180);
    for (let lon = Math.min(...lons) + step / 2; lon < Math.max(...lons); lon += step) {
      if (!polygons.some((rings) => insideRings(rings, lon, lat))) continue;
      total += weight;
      const value = forestAt(lon, lat);
      if (value === null) continue;
      covered += weight;
      if (value !== 1) continue;
      forest += weight;
      if (lostAfter2020At(lon, lat)) lost += weight;
    }
  }
  return { coveredShare: covered / total, forestShare: forest / covered, lostShare: lost / covered };
}

/** The pixel of a north-up grid under a point, or null outside it. */
export function pixelAt(
  grid: { west: number; north: number; pixel: number; width: number; height: number },
  lon: number,
  lat: number,
): { column: number; row: number } | null {
  const column = Math.floor((lon - grid.west) / grid.pixel);
  const row = Math.floor((grid.north - lat) / grid.pixel);
  return column >= 0 && column < grid.width && row >= 0 && row < grid.height ? { column, row } : null;
}
