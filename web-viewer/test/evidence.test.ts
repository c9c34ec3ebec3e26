// Which parser a verified capture goes to: read from the bytes where the format has a signature,
// from the media type stored at upload where it has none, and nothing for anything else.
import { describe, expect, it } from 'vitest';
import { captureFormat, describeFailure } from '../src/evidence.ts';

const bytes = (text: string, extra = 0) =>
  new Uint8Array([...new TextEncoder().encode(text), ...new Array(extra).fill(0)]);

describe('captureFormat', () => {
  it('knows PLY, glTF and SPZ by their bytes, whatever the media type says', () => {
    expect(captureFormat(bytes('ply\nformat binary_little_endian 1.0\n'), 'application/octet-stream')).toBe(
      'ply',
    );
    expect(captureFormat(bytes('ply\r\nformat ascii 1.0\r\n'), '')).toBe('ply');
    expect(captureFormat(bytes('glTF\x02\0\0\0', 8), 'model/x-splat')).toBe('glb');
    expect(captureFormat(new Uint8Array([0x1f, 0x8b, 8, 0]), '')).toBe('spz');
  });

  it('takes .splat and .ksplat from the stored media type, a .splat only in whole 32-byte records', () => {
    expect(captureFormat(new Uint8Array(64), 'model/x-splat')).toBe('splat');
    expect(captureFormat(new Uint8Array(64), 'Model/X-Splat; charset=binary')).toBe('splat');
    expect(captureFormat(new Uint8Array(65), 'model/x-splat')).toBeUndefined();
    expect(captureFormat(new Uint8Array(0), 'model/x-splat')).toBeUndefined();
    expect(captureFormat(new Uint8Array(4096), 'model/x-ksplat')).toBe('ksplat');
  });

  it('draws nothing it cannot name: a photo, a video, unknown bytes', () => {
    expect(captureFormat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg')).toBeUndefined();
    expect(captureFormat(bytes('\0\0\0\x18ftypisom'), 'video/mp4')).toBeUndefined();
    expect(captureFormat(new Uint8Array(64), 'application/octet-stream')).toBeUndefined();
  });
});

describe('describeFailure', () => {
  it('puts the failed check in words first', () => {
    expect(describeFailure('media abc: bytes hash to def')).toMatch(/^the media's hash does not match/);
    expect(describeFailure('checkpoint: signature invalid')).toMatch(/^the checkpoint's signature/);
  });
});
