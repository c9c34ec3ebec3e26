// The S3-compatible backend against a real S3 API server running locally (s3rver, started here): the
// same guarantees as the filesystem store — one object per content, nothing from a refused or
// broken-off upload — and reads from the bucket when the local cache does not have the object.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { CreateBucketCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobRefusedError, BlobTooLargeError, S3BlobStore } from '../src/index.ts';

let server: S3rver;
let endpoint: string;
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gt-s3-'));
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(root, 's3rver') });
  const address = await server.run();
  endpoint = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

let storeCount = 0;
async function store(cacheMaxBytes?: number) {
  const bucket = `evidence-${++storeCount}`;
  const s = new S3BlobStore({
    bucket,
    prefix: 'groundtruth/',
    endpoint,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    cacheDir: join(root, `cache-${storeCount}`),
    ...(cacheMaxBytes !== undefined ? { cacheMaxBytes } : {}),
  });
  await s.client.send(new CreateBucketCommand({ Bucket: bucket }));
  const objects = async () =>
    ((await s.client.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key);
  return { s, objects };
}
const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256));
const chunks = (b: Buffer) => Readable.from([b.subarray(0, 100_000), b.subarray(100_000)]);

describe('S3-compatible blob store', () => {
  it('puts an object under its digest once, and reads it back from the bucket', async () => {
    const { s, objects } = await store();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(await s.put(chunks(bytes), { maxBytes: 1 << 20 })).toMatchObject({
      sha256,
      size: bytes.length,
      created: true,
    });
    expect(await s.put(chunks(bytes), { maxBytes: 1 << 20 })).toMatchObject({ sha256, created: false });
    expect(await objects()).toEqual([`groundtruth/sha256/${sha256.slice(0, 2)}/${sha256}`]);
    // A fresh node with an empty cache reads from the bucket.
    const other = new S3BlobStore({
      bucket: 'evidence-1',
      prefix: 'groundtruth/',
      endpoint,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      cacheDir: join(root, 'cache-empty'),
    });
    expect(await other.has(sha256)).toBe(true);
    const back: Buffer[] = [];
    for await (const chunk of (await other.open(sha256))!) back.push(Buffer.from(chunk as Uint8Array));
    expect(Buffer.concat(back).equals(bytes)).toBe(true);
    expect(await other.open('0'.repeat(64))).toBeUndefined();
  });

  it('sends nothing to the bucket for an upload that is refused, too large, or broken off', async () => {
    const { s, objects } = await store();
    await expect(s.put(chunks(bytes), { maxBytes: 1 << 20, accept: () => false })).rejects.toBeInstanceOf(
      BlobRefusedError,
    );
    await expect(s.put(chunks(bytes), { maxBytes: 1000 })).rejects.toBeInstanceOf(BlobTooLargeError);
    async function* brokenOff() {
      yield bytes.subarray(0, 1000);
      throw new Error('connection reset');
    }
    await expect(s.put(brokenOff(), { maxBytes: 1 << 20 })).rejects.toThrow(/connection reset/);
    expect(await objects()).toEqual([]);
  });

  it('keeps its local cache under the limit, least recently used first, never the last copy', async () => {
    const { s } = await store(700_000);
    const variant = (n: number) => Buffer.from(bytes.map((b) => (b + n) % 256));
    const digests: string[] = [];
    for (const n of [1, 2, 3]) digests.push((await s.put(chunks(variant(n)), { maxBytes: 1 << 20 })).sha256);
    // An object only in the cache (as if its upload to the bucket had not happened): never pruned.
    const orphan = createHash('sha256').update('orphan').digest('hex');
    await mkdir(dirname(s.cache.pathOf(orphan)), { recursive: true });
    await copyFile(s.cache.pathOf(digests[0]!), s.cache.pathOf(orphan));
    // Everything was used just now: within the grace minute nothing goes, whatever the size.
    expect(await s.prune()).toMatchObject({ removed: 0, cachedBytes: 4 * bytes.length });
    // Age them: 1 used longest ago, then the orphan, 3, and 2 (read most recently).
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    for (const [sha256, minutes] of [
      [digests[0]!, 50],
      [orphan, 40],
      [digests[2]!, 30],
      [digests[1]!, 20],
    ] as const)
      await utimes(s.cache.pathOf(sha256), ago(minutes), ago(minutes));
    expect(await s.prune()).toEqual({
      removed: 2,
      freedBytes: 2 * bytes.length,
      cachedBytes: 2 * bytes.length,
    });
    expect(await s.cache.has(digests[0]!)).toBe(false);
    expect(await s.cache.has(orphan)).toBe(true);
    expect(await s.cache.has(digests[2]!)).toBe(false);
    expect(await s.cache.has(digests[1]!)).toBe(true);
    // What left the cache is still served, from the bucket.
    const back: Buffer[] = [];
    for await (const chunk of (await s.open(digests[0]!))!) back.push(Buffer.from(chunk as Uint8Array));
    expect(Buffer.concat(back).equals(variant(1))).toBe(true);
  });
});
