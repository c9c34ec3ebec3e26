// Small 3D captures generated for the viewer's browser test, one per format the scene draws: a
// `.splat` (antimatter15's 32-byte records), an `.spz` (Niantic's gzip-wrapped packed splats,
// version 2) and a binary glTF box. Each is a bright cluster, so that drawing it changes pixels.
import { gzipSync } from 'node:zlib';

/** Gaussians on a 12 × 12 × 12 lattice, 0.1 apart, warm colours (position, scale, colour per point). */
function lattice(): { x: number; y: number; z: number; r: number; g: number; b: number }[] {
  const points = [];
  for (let i = 0; i < 12; i++)
    for (let j = 0; j < 12; j++)
      for (let k = 0; k < 12; k++)
        points.push({
          x: i * 0.1 - 0.55,
          y: j * 0.1 - 0.55,
          z: k * 0.1 - 0.55,
          r: 255,
          g: 120 + 10 * j,
          b: 40,
        });
  return points;
}

/**
 * `.splat`: per gaussian, position float32 × 3, scale float32 × 3 (linear), RGBA uint8 × 4, and the
 * rotation quaternion (w, x, y, z) as uint8 × 4 mapping −1…1 to 0…255. `count` repeats the lattice
 * so that a large file can be made (32 bytes a gaussian).
 */
export function splatFile(count = 12 ** 3): Buffer {
  const points = lattice();
  const out = Buffer.alloc(count * 32);
  for (let n = 0; n < count; n++) {
    const p = points[n % points.length]!;
    const at = n * 32;
    out.writeFloatLE(p.x, at);
    out.writeFloatLE(p.y, at + 4);
    out.writeFloatLE(p.z, at + 8);
    for (let s = 0; s < 3; s++) out.writeFloatLE(0.06, at + 12 + s * 4);
    out.set([p.r, p.g, p.b, 255, 255, 128, 128, 128], at + 24);
  }
  return out;
}

/**
 * `.spz` version 2: a 16-byte header (magic "NGSP", version, point count, SH degree, fractional
 * bits, flags, reserved), then positions as 24-bit fixed point, alphas, colours, log-scales and
 * rotations (x, y, z) in separate arrays, the whole gzipped.
 */
export function spzFile(): Buffer {
  const points = lattice();
  const n = points.length;
  const fractionalBits = 12;
  const header = Buffer.alloc(16);
  header.writeUInt32LE(0x5053474e, 0);
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(n, 8);
  header.set([0, fractionalBits, 0, 0], 12);
  const positions = Buffer.alloc(n * 9);
  const alphas = Buffer.alloc(n, 255);
  const colours = Buffer.alloc(n * 3);
  const scales = Buffer.alloc(n * 3);
  const rotations = Buffer.alloc(n * 3, 128);
  // Colour bytes hold the SH DC term: byte = dc · (0.15 · 255) + 127.5, dc = (rgb − 0.5) / 0.28209.
  const dc = (c: number) =>
    Math.max(0, Math.min(255, Math.round(((c / 255 - 0.5) / 0.28209) * 38.25 + 127.5)));
  points.forEach((p, i) => {
    [p.x, p.y, p.z].forEach((v, axis) => {
      const fixed = Math.round(v * 2 ** fractionalBits) & 0xffffff;
      positions.writeUIntLE(fixed, i * 9 + axis * 3, 3);
    });
    colours.set([dc(p.r), dc(p.g), dc(p.b)], i * 3);
    // Scale bytes: (ln(scale) + 10) · 16.
    scales.fill(Math.round((Math.log(0.06) + 10) * 16), i * 3, i * 3 + 3);
  });
  return gzipSync(Buffer.concat([header, positions, alphas, colours, scales, rotations]));
}

/** A binary glTF 2.0 file: one orange unit box (8 vertices, 12 triangles), double-sided, not metallic. */
export function glbFile(): Buffer {
  const positions = new Float32Array([
    ...[-1, -1, -1, 1, -1, -1, 1, 1, -1, -1, 1, -1],
    ...[-1, -1, 1, 1, -1, 1, 1, 1, 1, -1, 1, 1],
  ]);
  const indices = new Uint16Array([
    ...[0, 1, 2, 0, 2, 3, 4, 6, 5, 4, 7, 6, 0, 4, 5, 0, 5, 1],
    ...[3, 2, 6, 3, 6, 7, 1, 5, 6, 1, 6, 2, 0, 3, 7, 0, 7, 4],
  ]);
  const bin = Buffer.concat([Buffer.from(positions.buffer), Buffer.from(indices.buffer)]);
  const json = {
    asset: { version: '2.0', generator: 'groundtruth viewer test' },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0 }],
    meshes: [{ primitives: [{ attributes: { POSITION: 0 }, indices: 1, material: 0 }] }],
    materials: [
      {
        doubleSided: true,
        pbrMetallicRoughness: { baseColorFactor: [1, 0.55, 0.1, 1], metallicFactor: 0, roughnessFactor: 1 },
      },
    ],
    buffers: [{ byteLength: bin.length }],
    bufferViews: [
      { buffer: 0, byteOffset: 0, byteLength: positions.byteLength, target: 34962 },
      { buffer: 0, byteOffset: positions.byteLength, byteLength: indices.byteLength, target: 34963 },
    ],
    accessors: [
      { bufferView: 0, componentType: 5126, count: 8, type: 'VEC3', min: [-1, -1, -1], max: [1, 1, 1] },
      { bufferView: 1, componentType: 5123, count: indices.length, type: 'SCALAR' },
    ],
  };
  let text = Buffer.from(JSON.stringify(json));
  text = Buffer.concat([text, Buffer.alloc((4 - (text.length % 4)) % 4, 0x20)]);
  const binPadded = Buffer.concat([bin, Buffer.alloc((4 - (bin.length % 4)) % 4)]);
  const chunk = (type: number, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32LE(body.length, 0);
    head.writeUInt32LE(type, 4);
    return Buffer.concat([head, body]);
  };
  const body = Buffer.concat([chunk(0x4e4f534a, text), chunk(0x004e4942, binPadded)]);
  const header = Buffer.alloc(12);
  header.write('glTF', 0, 'latin1');
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(12 + body.length, 8);
  return Buffer.concat([header, body]);
}
