// @groundtruth/evidence: reality-snapshot media. Content-addressed storage with streaming SHA-256,
// media identification by magic bytes, and capture metadata from file headers.
export {
  BlobRefusedError,
  type BlobStore,
  BlobTooLargeError,
  FsBlobStore,
  HEAD_BYTES,
  type PutOptions,
  type StoredBlob,
} from './blob-store.ts';
export {
  type CaptureMetadata,
  headerMetadata,
  type MediaKind,
  type MediaType,
  plyHeader,
  sniffMedia,
} from './media.ts';
export { captureMetadata } from './metadata.ts';
export { S3BlobStore, type S3StoreOptions } from './s3-store.ts';
export { parseIso6709, videoMetadata } from './video.ts';
