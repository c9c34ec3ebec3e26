import { hash } from 'node:crypto';
import { type Hash, MAX_ENTRY_BYTES, type TreeHasher } from '@groundtruth/ledger';

/**
 * One scratch buffer for `prefix ‖ data`: node:crypto's one-shot hash() over it costs about half
 * of a createHash() object fed twice (measured 6.3 µs against 12.6 µs for 500 bytes on this loaded
 * machine). Entries are at most MAX_ENTRY_BYTES; anything longer falls back to a fresh buffer.
 */
const scratch = Buffer.alloc(1 + MAX_ENTRY_BYTES);
const view = (digest: Buffer): Hash => new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);

function prefixed(prefix: number, ...parts: Uint8Array[]): Buffer {
  const length = parts.reduce((n, p) => n + p.length, 1);
  const buffer = length <= scratch.length ? scratch.subarray(0, length) : Buffer.alloc(length);
  buffer[0] = prefix;
  let at = 1;
  for (const part of parts) {
    buffer.set(part, at);
    at += part.length;
  }
  return buffer;
}

/** RFC 9162 hashing with node:crypto (OpenSSL, SHA-NI): several times faster than the portable one. */
export const nodeTreeHasher: TreeHasher = {
  hashLeaf: (data) => view(hash('sha256', prefixed(0x00, data), 'buffer')),
  hashChildren: (left, right) => view(hash('sha256', prefixed(0x01, left, right), 'buffer')),
  emptyRoot: () => view(hash('sha256', Buffer.alloc(0), 'buffer')),
};

/**
 * A disclosure's digest by node:crypto, string to base64url in one call (a disclosure is ASCII, so
 * the UTF-8 that hash() encodes is its Latin-1): what the writer commits each confidential field with.
 */
export const nodeDisclosureDigest = (disclosure: string): string => hash('sha256', disclosure, 'base64url');
