// The S3-compatible backend (AWS S3, MinIO, Ceph RGW…). S3 has no rename, and the digest is known only
// once the last byte is in, so an upload first lands, hashed and checked, in a local filesystem store
// (the cache), and only a complete, accepted object is sent to the bucket under its digest. A
// broken-off or refused upload therefore never reaches the bucket; an object already there is not
// sent again. Reads come from the cache when it has the object, from the bucket otherwise.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { type BlobStore, FsBlobStore, type PutOptions, type StoredBlob } from './blob-store.ts';

export interface S3StoreOptions {
  bucket: string;
  /** Key prefix inside the bucket, e.g. "groundtruth/". */
  prefix?: string;
  /** Endpoint of a non-AWS service (MinIO, Ceph, s3rver); unset for AWS. */
  endpoint?: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Where uploads are spooled and kept as a read cache. */
  cacheDir: string;
}

export class S3BlobStore implements BlobStore {
  readonly cache: FsBlobStore;
  readonly client: S3Client;

  constructor(private readonly options: S3StoreOptions) {
    this.cache = new FsBlobStore(options.cacheDir);
    this.client = new S3Client({
      region: options.region ?? 'us-east-1',
      // Checksums only where the API requires them: the SDK's default streams bodies with aws-chunked
      // trailers, which some S3-compatible servers store verbatim (s3rver does). The object is
      // content-addressed and its digest checked by us anyway.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
  }

  keyOf(sha256: string): string {
    this.cache.pathOf(sha256); // validates the digest
    return `${this.options.prefix ?? ''}sha256/${sha256.slice(0, 2)}/${sha256}`;
  }

  private async inBucket(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(sha256) }));
      return true;
    } catch (error) {
      if (error instanceof NotFound || (error as { name?: string }).name === 'NotFound') return false;
      throw error;
    }
  }

  async put(source: Readable | AsyncIterable<Uint8Array>, options: PutOptions): Promise<StoredBlob> {
    const local = await this.cache.put(source, options);
    if (await this.inBucket(local.sha256)) return { ...local, created: false };
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: this.keyOf(local.sha256),
        Body: createReadStream(this.cache.pathOf(local.sha256)),
        ContentLength: local.size,
        ContentType: 'application/octet-stream',
      }),
    );
    return { ...local, created: true };
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.cache.has(sha256)) || (await this.inBucket(sha256));
  }

  async open(sha256: string): Promise<Readable | undefined> {
    const cached = await this.cache.open(sha256);
    if (cached) return cached;
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(sha256) }),
      );
      return object.Body as Readable;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  localPath(sha256: string): string | undefined {
    return this.cache.localPath(sha256);
  }
}
