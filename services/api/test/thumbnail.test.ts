// Passport thumbnails (decision 0022): a photo reduced by area averaging, checked on images whose
// every pixel is known.
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { makeThumbnail, THUMBNAIL_WIDTH } from '../src/domains/passport/thumbnail.ts';

/** A JPEG whose pixels left of `split` are one colour and the rest another. */
function halves(
  width: number,
  height: number,
  left: number[],
  right: number[],
  split = width / 2,
): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [r, g, b] = x < split ? left : right;
      data.set([r!, g!, b!, 255], (y * width + x) * 4);
    }
  return new Uint8Array(jpeg.encode({ data, width, height }, 95).data);
}

const pixel = (image: { width: number; data: Uint8Array }, x: number, y: number) => [
  ...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 3),
];

describe('makeThumbnail', () => {
  it('reduces a photo to the thumbnail width, keeping its aspect ratio and its colours where they are', () => {
    // The split at 502 falls inside thumbnail pixel 160 (source pixels 500–503).
    const thumbnail = makeThumbnail(halves(1000, 500, [200, 30, 30], [30, 60, 200], 502))!;
    expect([thumbnail.width, thumbnail.height]).toEqual([THUMBNAIL_WIDTH, 160]);
    const decoded = jpeg.decode(thumbnail.bytes, { useTArray: true, formatAsRGBA: true });
    expect([decoded.width, decoded.height]).toEqual([320, 160]);
    // Away from the seam, each side is its own colour (JPEG at quality 75 moves values a little).
    for (const [x, colour] of [
      [40, [200, 30, 30]],
      [280, [30, 60, 200]],
    ] as const)
      for (const [i, v] of pixel(decoded, x, 80).entries())
        expect(Math.abs(v - colour[i]!)).toBeLessThanOrEqual(12);
    // On the seam, the area average mixes both halves: a pixel there is neither colour.
    const seam = pixel(decoded, 160, 80);
    expect(seam[0]).toBeGreaterThan(60);
    expect(seam[2]).toBeGreaterThan(60);
  });

  it('keeps a photo smaller than the thumbnail at its size, and refuses what is not a JPEG', () => {
    const small = makeThumbnail(halves(100, 50, [0, 0, 0], [255, 255, 255]))!;
    expect([small.width, small.height]).toEqual([100, 50]);
    expect(makeThumbnail(new TextEncoder().encode('not a picture'))).toBeUndefined();
    expect(makeThumbnail(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]))).toBeUndefined();
  });
});
