// Capture metadata recorded with an upload: EXIF time and GPS of photos (read by exifr from the stored
// file, chunk by chunk, never the whole file), creation time, duration and location of videos, and
// the header facts of splat and glTF files.
import exifr from 'exifr';
import { type CaptureMetadata, headerMetadata, type MediaType } from './media.ts';
import { videoMetadata } from './video.ts';

export async function captureMetadata(
  type: MediaType,
  head: Uint8Array,
  size: number,
  path: string | undefined,
): Promise<CaptureMetadata> {
  const metadata = headerMetadata(type, head, size);
  if (type.kind === 'video' && path) {
    try {
      return { ...metadata, ...(await videoMetadata(path)) };
    } catch {
      return { ...metadata, video: 'unreadable' };
    }
  }
  if (type.kind !== 'image' || type.format === 'png' || !path) return metadata;
  try {
    const exif = (await exifr.parse(path, {
      gps: true,
      // The Ref tags carry the hemisphere: without them every longitude would be east.
      pick: [
        'DateTimeOriginal',
        'CreateDate',
        'Make',
        'Model',
        'GPSLatitude',
        'GPSLatitudeRef',
        'GPSLongitude',
        'GPSLongitudeRef',
        'GPSAltitude',
      ],
    })) as Record<string, unknown> | undefined;
    if (!exif) return metadata;
    const taken = exif.DateTimeOriginal ?? exif.CreateDate;
    // EXIF times carry no zone: recorded as written, with the note that they are camera-local.
    if (taken instanceof Date && !Number.isNaN(taken.getTime()))
      metadata.exifDateTimeOriginal = taken.toISOString();
    if (typeof exif.latitude === 'number' && typeof exif.longitude === 'number') {
      metadata.gpsLatitude = exif.latitude;
      metadata.gpsLongitude = exif.longitude;
    }
    if (typeof exif.GPSAltitude === 'number') metadata.gpsAltitude = exif.GPSAltitude;
    if (typeof exif.Make === 'string') metadata.cameraMake = exif.Make.slice(0, 100);
    if (typeof exif.Model === 'string') metadata.cameraModel = exif.Model.slice(0, 100);
  } catch {
    metadata.exif = 'unreadable';
  }
  return metadata;
}
