// Ed25519 signature checks (RFC 8032) for checkpoints and EdDSA JWS. Web Crypto where the platform
// has Ed25519 (Node 20, Chromium 137+, Firefox 129+, Safari 17+): native, and on Node it runs off the
// event loop. @noble/curves otherwise, strict as Go's crypto/ed25519 (no ZIP-215 leniency).
import { toHex } from '@groundtruth/ledger';
import { ed25519 } from '@noble/curves/ed25519.js';

/** Imported keys by public key (hex): a log signs every checkpoint with one key. */
const imported = new Map<string, Promise<CryptoKey | undefined>>();
const MAX_CACHED_KEYS = 1024;

/** The Web Crypto key for `publicKey`, or undefined where Web Crypto lacks Ed25519. */
function webCryptoKey(publicKey: Uint8Array): Promise<CryptoKey | undefined> {
  const hex = toHex(publicKey);
  let key = imported.get(hex);
  if (!key) {
    const subtle = globalThis.crypto?.subtle;
    key = subtle
      ? subtle
          .importKey('raw', publicKey as Uint8Array<ArrayBuffer>, { name: 'Ed25519' }, false, ['verify'])
          .catch(() => undefined)
      : Promise.resolve(undefined);
    if (imported.size >= MAX_CACHED_KEYS) imported.clear();
    imported.set(hex, key);
  }
  return key;
}

/** Whether `signature` is `publicKey`'s Ed25519 signature of `message`; false for malformed input. */
export async function verifyEd25519(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  const key = await webCryptoKey(publicKey);
  try {
    if (key)
      return await globalThis.crypto.subtle.verify(
        'Ed25519',
        key,
        signature as Uint8Array<ArrayBuffer>,
        message as Uint8Array<ArrayBuffer>,
      );
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}
