// Capture facts of MP4 and QuickTime video (ISO/IEC 14496-12 boxes): when the movie was made and how
// long it runs (moov/mvhd), and where, when the camera wrote an ISO 6709 location (moov/udta/©xyz,
// as phones do). Read with positional reads of box headers, never the whole file: the moov box may
// come after gigabytes of media data.
import { open } from 'node:fs/promises';
import type { CaptureMetadata } from './media.ts';

/** Seconds from 1904-01-01T00:00:00Z (the ISO BMFF epoch) to the Unix epoch. */
const EPOCH_1904 = 2_082_844_800;
/** Boxes visited at most, so a file of tiny boxes cannot keep us reading. */
const MAX_BOXES = 10_000;

interface Box {
  type: string;
  /** Offset of the box's content (after its header) and the content's length. */
  start: number;
  length: number;
}

export async function videoMetadata(path: string): Promise<CaptureMetadata> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    let visited = 0;
    const read = async (at: number, length: number) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, at);
      return buffer.subarray(0, bytesRead);
    };
    /** The child boxes of the range [from, to). */
    async function* boxes(from: number, to: number): AsyncGenerator<Box> {
      let at = from;
      while (at + 8 <= to && visited++ < MAX_BOXES) {
        const header = await read(at, 16);
        if (header.length < 8) return;
        let boxSize = header.readUInt32BE(0);
        const type = header.toString('latin1', 4, 8);
        let headerSize = 8;
        if (boxSize === 1) {
          if (header.length < 16) return;
          boxSize = Number(header.readBigUInt64BE(8));
          headerSize = 16;
        } else if (boxSize === 0) {
          boxSize = to - at; // to the end of the enclosing range
        }
        if (boxSize < headerSize || at + boxSize > to) return; // malformed: stop rather than guess
        yield { type, start: at + headerSize, length: boxSize - headerSize };
        at += boxSize;
      }
    }
    const find = async (from: number, to: number, type: string) => {
      for await (const box of boxes(from, to)) if (box.type === type) return box;
      return undefined;
    };

    const metadata: CaptureMetadata = {};
    const moov = await find(0, size, 'moov');
    if (!moov) return { video: 'no movie header' };
    const mvhd = await find(moov.start, moov.start + moov.length, 'mvhd');
    if (mvhd && mvhd.length >= 20) {
      const body = await read(mvhd.start, Math.min(mvhd.length, 32));
      const version = body[0];
      const created = version === 1 ? Number(body.readBigUInt64BE(4)) : body.readUInt32BE(4);
      const timescale = version === 1 ? body.readUInt32BE(20) : body.readUInt32BE(12);
      const duration = version === 1 ? Number(body.readBigUInt64BE(24)) : body.readUInt32BE(16);
      // 0 means the writer did not set it; a time before 1970 is no phone capture either.
      if (created > EPOCH_1904)
        metadata.videoCreationTime = new Date((created - EPOCH_1904) * 1000).toISOString();
      if (timescale > 0) metadata.durationSeconds = Math.round((duration / timescale) * 1000) / 1000;
    }
    const udta = await find(moov.start, moov.start + moov.length, 'udta');
    const xyz = udta && (await find(udta.start, udta.start + udta.length, '\u00a9xyz'));
    if (xyz && xyz.length > 4 && xyz.length < 256) {
      const body = await read(xyz.start, xyz.length);
      const location = parseIso6709(body.toString('utf8', 4, 4 + body.readUInt16BE(0)));
      if (location) Object.assign(metadata, location);
    }
    // QuickTime (iPhone) writes its location as a metadata item instead: moov/meta with an mdta
    // `keys` list and an `ilst` whose items are numbered by key.
    const meta = await find(moov.start, moov.start + moov.length, 'meta');
    if (meta && meta.length < 64 * 1024 && !('gpsLatitude' in metadata)) {
      const items = quickTimeMetadata(await read(meta.start, meta.length));
      const location = parseIso6709(items.get('com.apple.quicktime.location.ISO6709') ?? '');
      if (location) Object.assign(metadata, location);
      const model = items.get('com.apple.quicktime.model');
      if (model) metadata.cameraModel = model.slice(0, 100);
      const make = items.get('com.apple.quicktime.make');
      if (make) metadata.cameraMake = make.slice(0, 100);
    }
    return metadata;
  } finally {
    await file.close();
  }
}

/** An ISO 6709 point as phones write it: "+37.7858-122.4064+010.000/" (latitude, longitude, altitude). */
export function parseIso6709(
  text: string,
): { gpsLatitude: number; gpsLongitude: number; gpsAltitude?: number } | undefined {
  const m = /^([+-]\d{1,2}(?:\.\d+)?)([+-]\d{1,3}(?:\.\d+)?)([+-]\d+(?:\.\d+)?)?\/?$/.exec(text.trim());
  if (!m) return undefined;
  const latitude = Number(m[1]);
  const longitude = Number(m[2]);
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  return {
    gpsLatitude: latitude,
    gpsLongitude: longitude,
    ...(m[3] !== undefined ? { gpsAltitude: Number(m[3]) } : {}),
  };
}

/** The UTF-8 values of a QuickTime metadata box (`meta` content: hdlr, keys, ilst), by key name. */
function quickTimeMetadata(meta: Buffer): Map<string, string> {
  const children = (from: number, to: number) => {
    const out: { type: string; start: number; end: number }[] = [];
    for (let at = from; at + 8 <= to && out.length < 1000; ) {
      const size = meta.readUInt32BE(at);
      if (size < 8 || at + size > to) break;
      out.push({ type: meta.toString('latin1', at + 4, at + 8), start: at + 8, end: at + size });
      at += size;
    }
    return out;
  };
  const top = children(0, meta.length);
  const keys: string[] = [];
  const keysBox = top.find((b) => b.type === 'keys');
  if (keysBox && keysBox.end - keysBox.start >= 8) {
    // Full box: version and flags, then the count, then (size, namespace, name) per key.
    for (let at = keysBox.start + 8; at + 8 <= keysBox.end; ) {
      const size = meta.readUInt32BE(at);
      if (size < 8 || at + size > keysBox.end) break;
      keys.push(meta.toString('utf8', at + 8, at + size));
      at += size;
    }
  }
  const values = new Map<string, string>();
  const ilst = top.find((b) => b.type === 'ilst');
  if (!ilst) return values;
  for (const item of children(ilst.start, ilst.end)) {
    const key = keys[meta.readUInt32BE(item.start - 4) - 1]; // the item's type is its 1-based key index
    const data = children(item.start, item.end).find((b) => b.type === 'data');
    // data: type indicator (1 = UTF-8) and locale, then the value.
    if (key && data && data.end - data.start > 8 && meta.readUInt32BE(data.start) === 1)
      values.set(key, meta.toString('utf8', data.start + 8, data.end));
  }
  return values;
}
