import { createHash } from 'node:crypto';
import { createTreeHasher } from '@groundtruth/ledger';

/** SHA-256 by node:crypto (OpenSSL, SHA-NI): several times faster than the portable one. */
export const nodeSha256 = (data: Uint8Array): Uint8Array => {
  const digest = createHash('sha256').update(data).digest();
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
};

/** RFC 9162 hashing with node:crypto. */
export const nodeTreeHasher = createTreeHasher(nodeSha256);
