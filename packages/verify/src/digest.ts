// SHA-256 of media bytes, as lowercase hex (the manifest's form). Web Crypto's digest is native in
// browsers and in Node and hashes a large video far faster than a JavaScript SHA-256; a page served
// outside a secure context has no `crypto.subtle`, so @noble/hashes stands in there.
import { toHex } from '@groundtruth/ledger';
import { sha256 } from '@noble/hashes/sha2.js';

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle) return toHex(new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
  return toHex(sha256(bytes));
}
