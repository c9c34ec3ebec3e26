// Ed25519 keys kept as PKCS#8 PEM files: the log's signing key and the API's token key.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  createEd25519Signer,
  type NoteSigner,
  type NoteVerifier,
  parseVerifierKey,
} from '@groundtruth/ledger';

export interface Ed25519KeyFile {
  path: string;
  privateKey: KeyObject;
  /** The 32-byte RFC 8032 seed, for signers that take raw keys (C2SP notes). */
  seed: Uint8Array;
  publicKey: Uint8Array;
  /** True when this call created the file. */
  created: boolean;
}

function fromPem(path: string, pem: string, created: boolean): Ed25519KeyFile {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${path} is not an Ed25519 private key`);
  const jwk = privateKey.export({ format: 'jwk' });
  return {
    path,
    privateKey,
    seed: new Uint8Array(Buffer.from(jwk.d!, 'base64url')),
    publicKey: new Uint8Array(Buffer.from(jwk.x!, 'base64url')),
    created,
  };
}

/**
 * Reads an Ed25519 key, or creates it (mode 0600) when `create` is set and the file does not exist.
 * Creation uses O_EXCL, so two processes starting at once end up with the same key.
 */
export function loadEd25519Key(path: string, options: { create: boolean }): Ed25519KeyFile {
  try {
    return fromPem(path, readFileSync(path, 'utf8'), false);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !options.create) throw error;
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  try {
    writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return fromPem(path, readFileSync(path, 'utf8'), false);
    throw error;
  }
  chmodSync(path, 0o600);
  return fromPem(path, pem, true);
}

/** File mode bits, for checking that a key is not readable by others. */
export const fileMode = (path: string): number => statSync(path).mode & 0o777;

/**
 * The C2SP note signer for a key file, signing with node:crypto: the same deterministic RFC 8032
 * signature as the browser-safe signer, in about a twentieth of the time (the pure-JS one derives
 * the public key again on every call, and a checkpoint is signed with every append).
 */
export function nodeNoteSigner(name: string, key: Ed25519KeyFile): NoteSigner & { publicKey: Uint8Array } {
  const signer = createEd25519Signer(name, key.seed);
  return { ...signer, sign: (message) => new Uint8Array(sign(null, message, key.privateKey)) };
}

/**
 * A C2SP note verifier for a verifier key string, checking Ed25519 with node:crypto (OpenSSL):
 * the full audit opens every checkpoint the log ever signed, and the portable verifier is slower.
 */
export function nodeNoteVerifier(verifierKey: string): NoteVerifier {
  const { name, keyId, publicKey } = parseVerifierKey(verifierKey);
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
    format: 'jwk',
  });
  return {
    name,
    keyId,
    verify: (message, signature) => {
      if (signature.length !== 64) return false;
      try {
        return verify(null, message, key, signature);
      } catch {
        return false;
      }
    },
  };
}
