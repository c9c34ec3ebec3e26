// C2SP tlog-tiles v0.1.0 (https://c2sp.org/tlog-tiles) path arithmetic.
// A tile at tile level L holds up to 256 hashes of tree level 8·L.

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;

/** Encodes a tile index as the spec's path segments: 1234067 → "x001/x234/067". */
export function encodeTileIndex(index: bigint): string {
  if (index < 0n) throw new RangeError('tile index must not be negative');
  const groups: string[] = [];
  let n = index;
  do {
    groups.unshift((n % 1000n).toString().padStart(3, '0'));
    n /= 1000n;
  } while (n > 0n);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

/** Parses the path segments of a tile index; undefined if they are not in canonical form. */
export function parseTileIndex(segments: string[]): bigint | undefined {
  if (segments.length === 0 || segments.length > 7) return undefined;
  let index = 0n;
  for (let i = 0; i < segments.length; i++) {
    const last = i === segments.length - 1;
    const match = (last ? /^(\d{3})$/ : /^x(\d{3})$/).exec(segments[i]!);
    if (!match) return undefined;
    index = index * 1000n + BigInt(match[1]!);
  }
  // Canonical: no leading "x000/" group.
  if (segments.length > 1 && segments[0] === 'x000') return undefined;
  return index;
}

/** The width of tile `index` at tile level `level` in a tree of `treeSize` leaves (0 if it does not exist). */
export function tileWidth(level: number, index: bigint, treeSize: bigint): number {
  const hashesAtLevel = treeSize >> BigInt(level * TILE_HEIGHT);
  const full = hashesAtLevel / BigInt(TILE_WIDTH);
  if (index < full) return TILE_WIDTH;
  if (index === full) return Number(hashesAtLevel % BigInt(TILE_WIDTH));
  return 0;
}
