import { describe, expect, it } from 'vitest';
import { encodeTileIndex, parseTileIndex, TILE_HEIGHT, TILE_WIDTH, tileWidth } from '../src/index.ts';

// C2SP tlog-tiles v0.1.0 (https://c2sp.org/tlog-tiles), "Tiles" and "Full and partial tiles".
describe('tlog-tiles paths', () => {
  it('has the spec geometry: tiles of 256 hashes spanning 8 tree levels', () => {
    expect(TILE_WIDTH).toBe(256);
    expect(TILE_HEIGHT).toBe(8);
    expect(2 ** TILE_HEIGHT).toBe(TILE_WIDTH);
  });

  describe('#encodeTileIndex', () => {
    it("writes the spec's example and zero-pads every group to three digits", () => {
      expect(encodeTileIndex(1234067n)).toBe('x001/x234/067');
      expect(encodeTileIndex(0n)).toBe('000');
      expect(encodeTileIndex(7n)).toBe('007');
      expect(encodeTileIndex(999n)).toBe('999');
      expect(encodeTileIndex(1000n)).toBe('x001/000');
      expect(encodeTileIndex(1_000_000n)).toBe('x001/x000/000');
      expect(encodeTileIndex(40_050n)).toBe('x040/050');
    });

    it('encodes indexes beyond 2^53 exactly', () => {
      expect(encodeTileIndex((1n << 64n) - 1n)).toBe('x018/x446/x744/x073/x709/x551/615');
    });

    it('refuses a negative index', () => {
      expect(() => encodeTileIndex(-1n)).toThrow(RangeError);
      expect(() => encodeTileIndex(-1n)).toThrow('tile index must not be negative');
    });
  });

  describe('#parseTileIndex', () => {
    it('reads back every encoding', () => {
      for (const index of [0n, 1n, 999n, 1000n, 1001n, 1234067n, 999_999n, 1_000_000n, (1n << 64n) - 1n]) {
        expect(parseTileIndex(encodeTileIndex(index).split('/')), `${index}`).toBe(index);
      }
    });

    it('refuses paths that are not the canonical encoding', () => {
      for (const bad of [
        [],
        ['7'],
        ['07'],
        ['0007'],
        ['x007'],
        ['001', '234'],
        ['x001', 'x234'],
        ['x1', '234'],
        ['y001', '234'],
        ['x001', '23a'],
        ['x001/', '234'],
        ['x001', '234 '],
        [' 001'],
        ['x000', '001'],
        ['x000', 'x001', '234'],
      ]) {
        expect(parseTileIndex(bad), JSON.stringify(bad)).toBeUndefined();
      }
    });

    it('accepts x000 only after the first group', () => {
      expect(parseTileIndex(['x001', 'x000', '000'])).toBe(1_000_000n);
      expect(parseTileIndex(['000'])).toBe(0n);
    });

    // Seven groups cover 10^21 > 2^64 tiles; anything longer is an attacker's path, not a tile.
    it('refuses more than seven groups', () => {
      const seven = ['x001', 'x000', 'x000', 'x000', 'x000', 'x000', '000'];
      expect(parseTileIndex(seven)).toBe(10n ** 18n);
      expect(parseTileIndex(['x001', ...seven.slice(1, -1), 'x000', '000'])).toBeUndefined();
    });
  });

  describe('#tileWidth', () => {
    it('gives full tiles 256 hashes, the last tile the remainder, and tiles past the end none', () => {
      // A tree of 70,000 leaves: 273 full level-0 tiles and one of 112 hashes.
      expect(tileWidth(0, 0n, 70_000n)).toBe(256);
      expect(tileWidth(0, 272n, 70_000n)).toBe(256);
      expect(tileWidth(0, 273n, 70_000n)).toBe(112);
      expect(tileWidth(0, 274n, 70_000n)).toBe(0);
      // Level 1 holds hashes of tree level 8: 70,000 >> 8 = 273 of them, one partial tile of 17.
      expect(tileWidth(1, 0n, 70_000n)).toBe(256);
      expect(tileWidth(1, 1n, 70_000n)).toBe(17);
      expect(tileWidth(1, 2n, 70_000n)).toBe(0);
      // Level 2: 70,000 >> 16 = 1 hash.
      expect(tileWidth(2, 0n, 70_000n)).toBe(1);
      expect(tileWidth(3, 0n, 70_000n)).toBe(0);
    });

    it('has no partial tile when the size is a multiple of 256', () => {
      expect(tileWidth(0, 1n, 512n)).toBe(256);
      expect(tileWidth(0, 2n, 512n)).toBe(0);
      expect(tileWidth(1, 0n, 512n)).toBe(2);
      expect(tileWidth(0, 0n, 0n)).toBe(0);
    });

    it('works past 2^32 leaves, where a 32-bit shift would wrap', () => {
      const size = (1n << 40n) + 5n;
      expect(tileWidth(0, 1n << 32n, size)).toBe(5);
      expect(tileWidth(4, 0n, size)).toBe(256);
      expect(tileWidth(5, 0n, size)).toBe(1);
    });
  });
});
