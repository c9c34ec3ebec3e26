// The S3-compatible backend (AWS S3, MinIO, Ceph RGW…). S3 has no rename, and the digest is known only
// once the last byte is in, so an upload first lands, hashed and checked, in a local filesystem store
// (the cache), and only a complete, accepted object is sent to the bucket under its digest. A
// broken-off or refused upload therefore never reaches the bucket; an object already there is not
// sent again. Reads come from the cache when it has the object, from the bucket otherwise.
import { createReadStream } from 'node:fs';
import { readdir, stat, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
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
  /**
   * The most the cache may hold, in bytes; unset keeps everything. Past it, objects already in the
   * bucket are dropped from the cache, least recently used first (see prune).
   */
  cacheMaxBytes?: number;
}

/** Objects written or read this recently are never pruned: their caller may still be reading them. */
const PRUNE_GRACE_MS = 60_000;

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
    this.schedulePrune();
    return { ...local, created: true };
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.cache.has(sha256)) || (await this.inBucket(sha256));
  }

  async open(sha256: string): Promise<Readable | undefined> {
    const cached = await this.cache.open(sha256);
    if (cached) {
      // A read counts as use: the modification time is the cache's "last used" (atime is often off).
      const now = new Date();
      await utimes(this.cache.pathOf(sha256), now, now).catch(() => {});
      return cached;
    }
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

  private pruning: Promise<unknown> | undefined;
  /** Prunes after an upload, one pass at a time, without holding up the upload's answer. */
  private schedulePrune() {
    if (this.options.cacheMaxBytes === undefined || this.pruning) return;
    this.pruning = this.prune()
      .catch(() => {}) // a failed pass leaves files behind; the next upload tries again
      .finally(() => {
        this.pruning = undefined;
      });
  }

  /**
   * Brings the cache under cacheMaxBytes: least recently used first, only objects the bucket holds,
   * never one used in the last minute. Returns what it removed and what the cache holds after.
   */
  async prune(): Promise<{ removed: number; freedBytes: number; cachedBytes: number }> {
    const limit = this.options.cacheMaxBytes ?? Number.POSITIVE_INFINITY;
    const root = join(this.options.cacheDir, 'sha256');
    const files: { sha256: string; path: string; size: number; used: number }[] = [];
    for (const entry of await readdir(root, { recursive: true, withFileTypes: true }).catch(() => [])) {
      if (!entry.isFile() || !/^[0-9a-f]{64}$/.test(entry.name)) continue; // spool files are not objects
      const path = join(entry.parentPath, entry.name);
      const info = await stat(path).catch(() => undefined);
      if (info) files.push({ sha256: entry.name, path, size: info.size, used: info.mtimeMs });
    }
    let cachedBytes = files.reduce((sum, f) => sum + f.size, 0);
    let removed = 0;
    let freedBytes = 0;
    const cutoff = Date.now() - PRUNE_GRACE_MS;
    for (const file of files.sort((a, b) => a.used - b.used)) {
      if (cachedBytes <= limit) break;
      if (file.used > cutoff) continue;
      // Only what the bucket holds may go: the cache must never be the last copy.
      if (!(await this.inBucket(file.sha256))) continue;
      await unlink(file.path).catch(() => {});
      cachedBytes -= file.size;
      freedBytes += file.size;
      removed++;
    }
    return { removed, freedBytes, cachedBytes };
  }
}
