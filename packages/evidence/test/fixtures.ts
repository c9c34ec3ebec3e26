// Media for tests, built in code rather than kept as binary files: a Gaussian-splat PLY and a
// minimal JPEG, each different for a different `variant` or caption.

const SPLAT_PROPERTIES = [
  'x',
  'y',
  'z',
  'f_dc_0',
  'f_dc_1',
  'f_dc_2',
  'opacity',
  'scale_0',
  'scale_1',
  'scale_2',
  'rot_0',
  'rot_1',
  'rot_2',
  'rot_3',
];

/** A binary PLY with the vertex properties of a 3D Gaussian splat. */
export function plySplat(vertices: number, variant = 0): Buffer {
  const header = `ply\nformat binary_little_endian 1.0\nelement vertex ${vertices}\n${SPLAT_PROPERTIES.map((p) => `property float ${p}`).join('\n')}\nend_header\n`;
  const body = Buffer.alloc(vertices * SPLAT_PROPERTIES.length * 4);
  for (let i = 0; i < body.length; i += 4) body.writeFloatLE(Math.sin(i / 7 + variant), i);
  return Buffer.concat([Buffer.from(header, 'latin1'), body]);
}

/** The smallest thing that is a JPEG by its bytes: SOI, a JFIF APP0 carrying the caption, EOI. */
export function jpeg(caption: string): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]),
    Buffer.from(`JFIF\0 ${caption}`),
    Buffer.from([0xff, 0xd9]),
  ]);
}
