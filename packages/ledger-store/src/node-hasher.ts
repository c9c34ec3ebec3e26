import { createHash } from 'node:crypto';
import { createTreeHasher } from '@groundtruth/ledger';

/** RFC 9162 hashing with node:crypto (OpenSSL, SHA-NI): several times faster than the portable one. */
export const nodeTreeHasher = createTreeHasher((data) => {
  const digest = createHash('sha256').update(data).digest();
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
});
