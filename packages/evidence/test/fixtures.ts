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

/** An ISO BMFF box: 32-bit size, type, content (a 64-bit size when `large`). */
function box(type: string, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}
function largeBox(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(1, 0);
  header.write(type, 4, 'latin1');
  header.writeBigUInt64BE(BigInt(16 + body.length), 8);
  return Buffer.concat([header, body]);
}

/**
 * A minimal MP4 as phones write it: ftyp, media data, and a movie header with creation time and
 * duration (mvhd version 0 or 1), optionally a location (udta/©xyz, ISO 6709). The movie box comes
 * after the media data, as it does in a recording, unless `moovFirst`.
 */
export function mp4(options: {
  createdAt?: Date;
  seconds?: number;
  location?: string;
  version?: 0 | 1;
  moovFirst?: boolean;
  mediaBytes?: number;
  /** QuickTime, as an iPhone writes it: location, make and model as `mdta` metadata items. */
  quickTime?: Record<string, string>;
}): Buffer {
  const created = options.createdAt ? Math.floor(options.createdAt.getTime() / 1000) + 2_082_844_800 : 0;
  const timescale = 600;
  const duration = Math.round((options.seconds ?? 0) * timescale);
  let mvhd: Buffer;
  if (options.version === 1) {
    mvhd = Buffer.alloc(4 + 8 + 8 + 4 + 8 + 80);
    mvhd[0] = 1;
    mvhd.writeBigUInt64BE(BigInt(created), 4);
    mvhd.writeBigUInt64BE(BigInt(created), 12);
    mvhd.writeUInt32BE(timescale, 20);
    mvhd.writeBigUInt64BE(BigInt(duration), 24);
  } else {
    mvhd = Buffer.alloc(4 + 4 + 4 + 4 + 4 + 80);
    mvhd.writeUInt32BE(created, 4);
    mvhd.writeUInt32BE(created, 8);
    mvhd.writeUInt32BE(timescale, 12);
    mvhd.writeUInt32BE(duration, 16);
  }
  const udta = options.location
    ? [
        box(
          'udta',
          box(
            '\u00a9xyz',
            Buffer.concat([
              Buffer.from([0, Buffer.byteLength(options.location), 0x15, 0xc7]),
              Buffer.from(options.location),
            ]),
          ),
        ),
      ]
    : [];
  const meta = options.quickTime ? [quickTimeMeta(options.quickTime)] : [];
  const moov = box('moov', box('mvhd', mvhd), ...udta, ...meta);
  const ftyp = options.quickTime
    ? box('ftyp', Buffer.from('qt  \0\0\0\0qt  ', 'latin1'))
    : box('ftyp', Buffer.from('isom\0\0\x02\0isomiso2mp41', 'latin1'));
  const mdat = largeBox('mdat', Buffer.alloc(options.mediaBytes ?? 1024, 7));
  return Buffer.concat(options.moovFirst ? [ftyp, moov, mdat] : [ftyp, mdat, moov]);
}

/** moov/meta of a QuickTime movie: hdlr (mdta), the keys, and one UTF-8 data item per key. */
function quickTimeMeta(items: Record<string, string>): Buffer {
  const names = Object.keys(items);
  const count = Buffer.alloc(8);
  count.writeUInt32BE(names.length, 4);
  const keys = box(
    'keys',
    count,
    ...names.map((name) => {
      const entry = Buffer.alloc(8);
      entry.writeUInt32BE(8 + Buffer.byteLength(name), 0);
      entry.write('mdta', 4, 'latin1');
      return Buffer.concat([entry, Buffer.from(name)]);
    }),
  );
  const ilst = box(
    'ilst',
    ...names.map((name, i) => {
      const index = Buffer.alloc(4);
      index.writeUInt32BE(i + 1, 0);
      const data = box('data', Buffer.from([0, 0, 0, 1, 0, 0, 0, 0]), Buffer.from(items[name]!));
      // The item's type is its 1-based key index, written as four bytes.
      return box(index.toString('latin1'), data);
    }),
  );
  const hdlr = box('hdlr', Buffer.alloc(8), Buffer.from('mdta', 'latin1'), Buffer.alloc(13));
  return box('meta', hdlr, keys, ilst);
}
