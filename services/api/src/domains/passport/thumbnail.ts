// Thumbnails of the photos a brand publishes on a passport (docs/decisions/0022): small JPEGs a
// phone loads at once, made from the attested photo itself so that what the consumer sees is that
// photo, reduced. Pure JavaScript (jpeg-js), so no native image library is needed.
import jpeg from 'jpeg-js';

export const THUMBNAIL_WIDTH = 320;
/** Photos larger than this are not decoded for a thumbnail (memory, and a hostile upload's cost). */
const MAX_MEGAPIXELS = 50;

export interface Thumbnail {
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** A JPEG thumbnail of a JPEG photo, at most THUMBNAIL_WIDTH wide; undefined if it cannot be decoded. */
export function makeThumbnail(photo: Uint8Array, maxWidth = THUMBNAIL_WIDTH): Thumbnail | undefined {
  let image: { width: number; height: number; data: Uint8Array };
  try {
    image = jpeg.decode(photo, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: MAX_MEGAPIXELS,
      maxMemoryUsageInMB: 512,
    });
  } catch {
    return undefined;
  }
  if (image.width === 0 || image.height === 0) return undefined;
  const scale = Math.min(1, maxWidth / image.width);
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  // Area average: every source pixel counts towards the thumbnail pixel it falls in, so detail is
  // averaged rather than skipped (nearest-neighbour would alias a photo of leaves into noise).
  const sums = new Float64Array(width * height * 3);
  const counts = new Uint32Array(width * height);
  for (let y = 0; y < image.height; y++) {
    const ty = Math.min(height - 1, Math.floor((y * height) / image.height));
    for (let x = 0; x < image.width; x++) {
      const tx = Math.min(width - 1, Math.floor((x * width) / image.width));
      const t = ty * width + tx;
      const s = (y * image.width + x) * 4;
      sums[t * 3] = sums[t * 3]! + image.data[s]!;
      sums[t * 3 + 1] = sums[t * 3 + 1]! + image.data[s + 1]!;
      sums[t * 3 + 2] = sums[t * 3 + 2]! + image.data[s + 2]!;
      counts[t] = counts[t]! + 1;
    }
  }
  const data = new Uint8Array(width * height * 4);
  for (let t = 0; t < width * height; t++) {
    const n = counts[t]! || 1;
    data[t * 4] = Math.round(sums[t * 3]! / n);
    data[t * 4 + 1] = Math.round(sums[t * 3 + 1]! / n);
    data[t * 4 + 2] = Math.round(sums[t * 3 + 2]! / n);
    data[t * 4 + 3] = 255;
  }
  const encoded = jpeg.encode({ data, width, height }, 75);
  return { bytes: new Uint8Array(encoded.data), width, height };
}
