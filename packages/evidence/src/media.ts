// What an uploaded file is, judged by its bytes, never by the client's MIME type, and what its header
// says about the capture: EXIF time and GPS for photos, the point count of a Gaussian splat.
import { gunzipSync, constants as zlib } from 'node:zlib';

export type MediaKind = 'image' | 'video' | 'splat' | 'gltf';

export interface MediaType {
  kind: MediaKind;
  /** IANA media type (or the de-facto one for splat formats). */
  mediaType: string;
  /** The format's usual file extension. */
  format: 'jpeg' | 'png' | 'heic' | 'mp4' | 'mov' | 'ply' | 'spz' | 'splat' | 'ksplat' | 'glb';
}

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));
const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** ISO BMFF brands (ftyp): HEIF stills versus MP4 and QuickTime video. */
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);
const MP4_BRANDS = new Set([
  'isom',
  'iso2',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'avc1',
  'M4V ',
  'dash',
  'MSNV',
]);

/**
 * The type of a file from its first bytes. Two splat formats carry no magic number: `.splat` (bare
 * 32-byte records) and `.ksplat` (a versioned header); they are accepted only when the client names
 * them and the bytes fit, so an arbitrary file cannot pass as one by accident.
 */
export function sniffMedia(
  head: Uint8Array,
  size: number,
  declared?: 'splat' | 'ksplat',
): MediaType | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: 'image', mediaType: 'image/jpeg', format: 'jpeg' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: 'image', mediaType: 'image/png', format: 'png' };
  if (head.length >= 12 && ascii(head, 4, 4) === 'ftyp') {
    const brand = ascii(head, 8, 4);
    if (HEIC_BRANDS.has(brand)) return { kind: 'image', mediaType: 'image/heic', format: 'heic' };
    if (brand === 'qt  ') return { kind: 'video', mediaType: 'video/quicktime', format: 'mov' };
    if (MP4_BRANDS.has(brand)) return { kind: 'video', mediaType: 'video/mp4', format: 'mp4' };
  }
  if (ascii(head, 0, 4) === 'ply\n' || ascii(head, 0, 5) === 'ply\r\n')
    return { kind: 'splat', mediaType: 'model/x-ply', format: 'ply' };
  if (ascii(head, 0, 4) === 'glTF' && new DataView(head.buffer, head.byteOffset).getUint32(4, true) === 2)
    return { kind: 'gltf', mediaType: 'model/gltf-binary', format: 'glb' };
  if (startsWith(head, [0x1f, 0x8b]) && spzHeader(head))
    return { kind: 'splat', mediaType: 'model/x-spz', format: 'spz' };
  if (declared === 'splat' && size > 0 && size % 32 === 0)
    return { kind: 'splat', mediaType: 'model/x-splat', format: 'splat' };
  // mkkellogg's .ksplat: a 4,096-byte header starting with major version 0, minor version ≥ 1.
  if (declared === 'ksplat' && size >= 4096 && head[0] === 0 && (head[1] ?? 0) >= 1)
    return { kind: 'splat', mediaType: 'model/x-ksplat', format: 'ksplat' };
  return undefined;
}

/** SPZ (Niantic): gzip around a header whose magic is "NGSP" (0x5053474e little-endian). */
function spzHeader(head: Uint8Array): { version: number; points: number; shDegree: number } | undefined {
  let inner: Buffer;
  try {
    // The head is a prefix of the gzip stream: inflate what is there without demanding the end.
    inner = gunzipSync(head, { finishFlush: zlib.Z_SYNC_FLUSH });
  } catch {
    return undefined;
  }
  if (inner.length < 16 || inner.readUInt32LE(0) !== 0x5053474e) return undefined;
  return { version: inner.readUInt32LE(4), points: inner.readUInt32LE(8), shDegree: inner[12]! };
}

export type CaptureMetadata = Record<string, string | number | boolean>;

/** Header facts of splat and glTF files, read from the first bytes alone. */
export function headerMetadata(type: MediaType, head: Uint8Array, size: number): CaptureMetadata {
  switch (type.format) {
    case 'ply':
      return plyHeader(head);
    case 'spz': {
      const h = spzHeader(head)!;
      return { spzVersion: h.version, pointCount: h.points, shDegree: h.shDegree };
    }
    case 'splat':
      return { pointCount: size / 32 };
    case 'glb':
      return { glbLength: new DataView(head.buffer, head.byteOffset).getUint32(8, true) };
    default:
      return {};
  }
}

/** A PLY header: format, vertex count, and whether its properties are those of a Gaussian splat. */
export function plyHeader(head: Uint8Array): CaptureMetadata {
  const text = Buffer.from(head).toString('latin1');
  const end = text.indexOf('end_header');
  if (end < 0) return { plyHeader: 'incomplete' };
  const lines = text.slice(0, end).split(/\r?\n/);
  const metadata: CaptureMetadata = {};
  const properties: string[] = [];
  let element = '';
  for (const line of lines) {
    const [keyword, ...rest] = line.trim().split(/\s+/);
    if (keyword === 'format') metadata.plyFormat = rest[0] ?? '';
    if (keyword === 'element') {
      element = rest[0] ?? '';
      if (element === 'vertex') metadata.vertexCount = Number(rest[1]);
    }
    if (keyword === 'property' && element === 'vertex') properties.push(rest.at(-1) ?? '');
  }
  metadata.gaussianSplat = ['f_dc_0', 'opacity', 'scale_0', 'rot_0'].every((p) => properties.includes(p));
  return metadata;
}
