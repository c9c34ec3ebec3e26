// The content-addressed store (streaming hash, dedup, nothing left by a failed upload), media
// identification by magic bytes, and capture metadata from file headers.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BlobTooLargeError,
  captureMetadata,
  FsBlobStore,
  parseIso6709,
  plyHeader,
  sniffMedia,
} from '../src/index.ts';
import { mp4, plySplat } from './fixtures.ts';

const dirs: string[] = [];
async function store() {
  const dir = await mkdtemp(join(tmpdir(), 'gt-evidence-'));
  dirs.push(dir);
  return new FsBlobStore(dir);
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function filesUnder(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((d) => d.isFile())
      .map((d) => d.name);
  } catch {
    return [];
  }
}

const chunks = (bytes: Buffer, size = 7_000) =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
      bytes.subarray(i * size, (i + 1) * size),
    ),
  );

describe('content-addressed store', () => {
  it('stores bytes under their SHA-256, once however often they are uploaded', async () => {
    const s = await store();
    const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 31) % 251));
    const first = await s.put(chunks(bytes), { maxBytes: 1 << 20 });
    expect(first).toMatchObject({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: 200_000,
      created: true,
    });
    expect(first.head).toHaveLength(64 * 1024);
    expect(Buffer.from(first.head).equals(bytes.subarray(0, 64 * 1024))).toBe(true);
    const again = await s.put(chunks(bytes, 1_000), { maxBytes: 1 << 20 });
    expect(again).toMatchObject({ sha256: first.sha256, created: false });
    expect(await filesUnder(join(s.root, 'sha256'))).toEqual([first.sha256]);
    expect(await filesUnder(join(s.root, 'tmp'))).toEqual([]);
    const back: Buffer[] = [];
    for await (const chunk of (await s.open(first.sha256))!) back.push(chunk as Buffer);
    expect(Buffer.concat(back).equals(bytes)).toBe(true);
    expect(await s.has('0'.repeat(64))).toBe(false);
    expect(await s.has('../etc/passwd')).toBe(false);
  });

  it('refuses an upload over the limit and keeps nothing of it', async () => {
    const s = await store();
    await expect(s.put(chunks(Buffer.alloc(100_001)), { maxBytes: 100_000 })).rejects.toBeInstanceOf(
      BlobTooLargeError,
    );
    expect(await filesUnder(s.root)).toEqual([]);
    expect((await s.put(chunks(Buffer.alloc(100_000)), { maxBytes: 100_000 })).size).toBe(100_000);
  });

  it('keeps nothing of an upload that breaks off half-way', async () => {
    const s = await store();
    async function* brokenOff() {
      yield Buffer.alloc(50_000, 1);
      yield Buffer.alloc(50_000, 2);
      throw new Error('connection reset');
    }
    await expect(s.put(brokenOff(), { maxBytes: 1 << 20 })).rejects.toThrow(/connection reset/);
    expect(await filesUnder(s.root)).toEqual([]);
  });
});

/** A minimal JPEG whose EXIF says when and where: 2026-10-01 08:30:00, 6°30'48" N 1°54'30.3" W. */
function jpegWithExif(): Buffer {
  const tiff = Buffer.alloc(200);
  let at = 0;
  const u16 = (v: number) => {
    tiff.writeUInt16LE(v, at);
    at += 2;
  };
  const u32 = (v: number) => {
    tiff.writeUInt32LE(v, at);
    at += 4;
  };
  const entry = (tag: number, type: number, count: number, value: number) => {
    u16(tag);
    u16(type);
    u32(count);
    u32(value);
  };
  // Header, IFD0 at 8 with pointers to the Exif IFD (at 38) and the GPS IFD (at 56).
  tiff.write('II', 0, 'latin1');
  at = 2;
  u16(42);
  u32(8);
  u16(2);
  entry(0x8769, 4, 1, 38);
  entry(0x8825, 4, 1, 56);
  u32(0);
  // Exif IFD at 38: DateTimeOriginal → 20 bytes at 110.
  at = 38;
  u16(1);
  entry(0x9003, 2, 20, 110);
  u32(0);
  // GPS IFD at 56: refs inline, latitude and longitude as three rationals each at 130 and 154.
  at = 56;
  u16(4);
  entry(0x0001, 2, 2, 0x4e); // "N"
  entry(0x0002, 5, 3, 130);
  entry(0x0003, 2, 2, 0x57); // "W"
  entry(0x0004, 5, 3, 154);
  u32(0);
  tiff.write('2026:10:01 08:30:00\0', 110, 'latin1');
  at = 130;
  for (const [n, d] of [
    [6, 1],
    [30, 1],
    [48, 1],
    [1, 1],
    [54, 1],
    [303, 10],
  ]) {
    u32(n!);
    u32(d!);
  }
  const app1Body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(app1Body.length + 2);
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1]), length, app1Body, Buffer.from([0xff, 0xd9])]);
}

function spz(points: number): Buffer {
  const header = Buffer.alloc(16 + points * 9);
  header.writeUInt32LE(0x5053474e, 0);
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(points, 8);
  header[12] = 3;
  return gzipSync(header);
}

const ftyp = (brand: string) =>
  Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from(`ftyp${brand}`, 'latin1'), Buffer.alloc(64)]);

describe('media identification', () => {
  it('knows each supported format by its bytes', () => {
    const glb = Buffer.alloc(64);
    glb.write('glTF', 0, 'latin1');
    glb.writeUInt32LE(2, 4);
    glb.writeUInt32LE(64, 8);
    const cases: [Buffer, string | undefined][] = [
      [jpegWithExif(), 'jpeg'],
      [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'png'],
      [ftyp('heic'), 'heic'],
      [ftyp('isom'), 'mp4'],
      [ftyp('qt  '), 'mov'],
      [plySplat(3), 'ply'],
      [spz(10), 'spz'],
      [glb, 'glb'],
      [Buffer.from('just some text, not a photo'), undefined],
      [gzipSync(Buffer.from('a gzip that is not spz at all')), undefined],
      [ftyp('avif'), undefined],
    ];
    for (const [bytes, format] of cases) expect(sniffMedia(bytes, bytes.length)?.format, format).toBe(format);
  });

  it('accepts magic-less splat formats only when declared and when the bytes fit', () => {
    expect(sniffMedia(Buffer.alloc(320, 7), 320, 'splat')?.format).toBe('splat');
    expect(sniffMedia(Buffer.alloc(321, 7), 321, 'splat')).toBeUndefined();
    expect(sniffMedia(Buffer.alloc(320, 7), 320)).toBeUndefined();
    const ksplat = Buffer.alloc(8192);
    ksplat[1] = 1;
    expect(sniffMedia(ksplat, ksplat.length, 'ksplat')?.format).toBe('ksplat');
    expect(sniffMedia(Buffer.alloc(8192, 9), 8192, 'ksplat')).toBeUndefined();
  });

  it('reads the point count of splats and says whether a PLY is a Gaussian splat', () => {
    expect(plyHeader(plySplat(1234))).toEqual({
      plyFormat: 'binary_little_endian',
      vertexCount: 1234,
      gaussianSplat: true,
    });
    expect(
      plyHeader(Buffer.from('ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nend_header\n')),
    ).toMatchObject({
      vertexCount: 3,
      gaussianSplat: false,
    });
  });

  it('records a video’s creation time, duration and location from its movie header, wherever it sits', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gt-video-'));
    dirs.push(dir);
    const createdAt = new Date('2026-11-20T09:15:07Z');
    const cases = [
      { version: 0 as const, moovFirst: false },
      { version: 1 as const, moovFirst: true },
    ];
    for (const [n, c] of cases.entries()) {
      const bytes = mp4({ createdAt, seconds: 12.5, location: '+06.5139-001.9078+210.000/', ...c });
      const path = join(dir, `clip${n}.mp4`);
      await writeFile(path, bytes);
      const type = sniffMedia(bytes, bytes.length)!;
      expect(type).toMatchObject({ kind: 'video', format: 'mp4' });
      expect(await captureMetadata(type, bytes.subarray(0, 64), bytes.length, path)).toEqual({
        videoCreationTime: '2026-11-20T09:15:07.000Z',
        durationSeconds: 12.5,
        gpsLatitude: 6.5139,
        gpsLongitude: -1.9078,
        gpsAltitude: 210,
      });
    }
    // An iPhone's QuickTime movie keeps location, make and model as metadata items.
    const mov = mp4({
      createdAt,
      seconds: 4,
      quickTime: {
        'com.apple.quicktime.make': 'Apple',
        'com.apple.quicktime.location.ISO6709': '+06.5139-001.9078+210.000/',
        'com.apple.quicktime.model': 'iPhone 16 Pro',
      },
    });
    await writeFile(join(dir, 'clip.mov'), mov);
    const movType = sniffMedia(mov, mov.length)!;
    expect(movType).toMatchObject({ kind: 'video', format: 'mov' });
    expect(await captureMetadata(movType, mov, mov.length, join(dir, 'clip.mov'))).toEqual({
      videoCreationTime: '2026-11-20T09:15:07.000Z',
      durationSeconds: 4,
      gpsLatitude: 6.5139,
      gpsLongitude: -1.9078,
      gpsAltitude: 210,
      cameraMake: 'Apple',
      cameraModel: 'iPhone 16 Pro',
    });
    // No creation time set (0), no location: nothing invented.
    const bare = mp4({ seconds: 3 });
    await writeFile(join(dir, 'bare.mp4'), bare);
    expect(
      await captureMetadata(sniffMedia(bare, bare.length)!, bare, bare.length, join(dir, 'bare.mp4')),
    ).toEqual({
      durationSeconds: 3,
    });
    // Cut off before the movie header: said so, not guessed.
    const cut = mp4({ createdAt, seconds: 1 }).subarray(0, 1024);
    await writeFile(join(dir, 'cut.mp4'), cut);
    expect(
      await captureMetadata(sniffMedia(cut, cut.length)!, cut, cut.length, join(dir, 'cut.mp4')),
    ).toEqual({
      video: 'no movie header',
    });
    expect(parseIso6709('+37.7858-122.4064/')).toEqual({ gpsLatitude: 37.7858, gpsLongitude: -122.4064 });
    expect(parseIso6709('+97.0000+000.0000/')).toBeUndefined();
    expect(parseIso6709('somewhere')).toBeUndefined();
  });

  it('records EXIF capture time and GPS of a photo, and the header facts of splats', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gt-exif-'));
    dirs.push(dir);
    const jpeg = jpegWithExif();
    await writeFile(join(dir, 'photo.jpg'), jpeg);
    const metadata = await captureMetadata(
      sniffMedia(jpeg, jpeg.length)!,
      jpeg,
      jpeg.length,
      join(dir, 'photo.jpg'),
    );
    expect(metadata.gpsLatitude).toBeCloseTo(6 + 30 / 60 + 48 / 3600, 6);
    expect(metadata.gpsLongitude).toBeCloseTo(-(1 + 54 / 60 + 30.3 / 3600), 6);
    expect(String(metadata.exifDateTimeOriginal)).toMatch(/^2026-10-01T/);
    const s = spz(4321);
    expect(await captureMetadata(sniffMedia(s, s.length)!, s, s.length, undefined)).toMatchObject({
      pointCount: 4321,
      shDegree: 3,
    });
  });
});
