// C2SP signed-note v1.0.0 (https://c2sp.org/signed-note) with Ed25519 keys (type 0x01).
// Also reads and writes Go's golang.org/x/mod/sumdb/note key strings, which share the format.
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, fromBase64, toBase64, utf8 } from './bytes.ts';

export const ED25519_KEY_TYPE = 0x01;
const EM_DASH_PREFIX = '\u2014 ';
/** Go's sumdb/note refuses notes with more than 100 signatures; C2SP requires at least 16 be accepted. */
export const MAX_NOTE_SIGNATURES = 100;

export class NoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoteError';
  }
}

export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(message: Uint8Array): Uint8Array;
}

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

export interface NoteSignature {
  name: string;
  keyId: number;
  /** base64(keyId ‖ signature), as written on the signature line. */
  base64: string;
}

export interface OpenedNote {
  text: string;
  verified: NoteSignature[];
  unverified: NoteSignature[];
}

/** A key name: non-empty, no Unicode spaces and no '+' (signed-note §Signatures). */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name) && isValidText(name);
}

/** Valid UTF-8 (a JS string from a fatal decoder) with no control characters but newline. */
function isValidText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x0a) || c === 0x7f) return false;
    // Lone surrogates cannot come from valid UTF-8.
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

/** keyID = SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4], as a big-endian uint32. */
export function computeKeyId(name: string, typeAndPublicKey: Uint8Array): number {
  const digest = sha256(concatBytes(utf8.encode(name), new Uint8Array([0x0a]), typeAndPublicKey));
  return ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
}

function keyIdBytes(keyId: number): Uint8Array {
  return new Uint8Array([keyId >>> 24, (keyId >>> 16) & 0xff, (keyId >>> 8) & 0xff, keyId & 0xff]);
}

function keyIdHex(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

export interface Ed25519NoteKey {
  name: string;
  keyId: number;
  publicKey: Uint8Array;
}

/** The verifier key string `name+hex(keyID)+base64(0x01 ‖ public key)`. */
export function encodeVerifierKey(name: string, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw new NoteError(`invalid key name ${JSON.stringify(name)}`);
  if (publicKey.length !== 32) throw new NoteError('an Ed25519 public key is 32 bytes');
  const typed = concatBytes(new Uint8Array([ED25519_KEY_TYPE]), publicKey);
  return `${name}+${keyIdHex(computeKeyId(name, typed))}+${toBase64(typed)}`;
}

/** Splits `name+hash+base64…` at the first two '+' (the base64 part may itself contain '+'). */
function splitKeyString(key: string): [string, string, string] | undefined {
  const first = key.indexOf('+');
  if (first < 0) return undefined;
  const second = key.indexOf('+', first + 1);
  if (second < 0) return undefined;
  return [key.slice(0, first), key.slice(first + 1, second), key.slice(second + 1)];
}

function parseKeyParts(key: string, what: string): { name: string; keyId: number; typed: Uint8Array } {
  // Each refusal says what is wrong, so a test can tell which check caught it.
  const parts = splitKeyString(key);
  if (!parts) throw new NoteError(`malformed ${what}: expected name+keyhash+key`);
  const [name, hashHex, material] = parts;
  if (!isValidKeyName(name)) throw new NoteError(`malformed ${what}: invalid key name`);
  if (!/^[0-9a-fA-F]{8}$/.test(hashHex))
    throw new NoteError(`malformed ${what}: key hash is not 8 hex digits`);
  const typed = fromBase64(material);
  if (!typed) throw new NoteError(`malformed ${what}: key is not base64`);
  if (typed[0] !== ED25519_KEY_TYPE) {
    throw new NoteError(`malformed ${what}: only Ed25519 (type 0x01) keys are supported`);
  }
  if (typed.length !== 33) throw new NoteError(`malformed ${what}: an Ed25519 key is 32 bytes`);
  return { name, keyId: Number.parseInt(hashHex, 16), typed };
}

export function parseVerifierKey(vkey: string): Ed25519NoteKey {
  const { name, keyId, typed } = parseKeyParts(vkey, 'verifier key');
  const publicKey = typed.slice(1);
  if (computeKeyId(name, typed) !== keyId) throw new NoteError('verifier key: key ID does not match the key');
  return { name, keyId, publicKey };
}

/** Go's signer key string `PRIVATE+KEY+name+hex(keyID)+base64(0x01 ‖ seed)`. */
export function encodeSignerKey(name: string, seed: Uint8Array): string {
  const publicKey = ed25519.getPublicKey(seed);
  const vkey = parseVerifierKey(encodeVerifierKey(name, publicKey));
  return `PRIVATE+KEY+${name}+${keyIdHex(vkey.keyId)}+${toBase64(concatBytes(new Uint8Array([ED25519_KEY_TYPE]), seed))}`;
}

export function parseSignerKey(skey: string): NoteSigner {
  if (!skey.startsWith('PRIVATE+KEY+')) throw new NoteError('malformed signer key');
  const { name, keyId, typed } = parseKeyParts(skey.slice('PRIVATE+KEY+'.length), 'signer key');
  const signer = createEd25519Signer(name, typed.slice(1));
  if (signer.keyId !== keyId) throw new NoteError('signer key: key ID does not match the key');
  return signer;
}

export function createEd25519Signer(name: string, seed: Uint8Array): NoteSigner & { publicKey: Uint8Array } {
  if (!isValidKeyName(name)) throw new NoteError(`invalid key name ${JSON.stringify(name)}`);
  if (seed.length !== 32) throw new NoteError('an Ed25519 seed is 32 bytes');
  const publicKey = ed25519.getPublicKey(seed);
  const keyId = computeKeyId(name, concatBytes(new Uint8Array([ED25519_KEY_TYPE]), publicKey));
  return { name, keyId, publicKey, sign: (message) => ed25519.sign(message, seed) };
}

export function createEd25519Verifier(key: Ed25519NoteKey | string): NoteVerifier {
  const { name, keyId, publicKey } = typeof key === 'string' ? parseVerifierKey(key) : key;
  return {
    name,
    keyId,
    verify: (message, signature) => {
      if (signature.length !== 64) return false;
      try {
        // Strict RFC 8032 verification, as Go's crypto/ed25519 does.
        return ed25519.verify(signature, message, publicKey, { zip215: false });
      } catch {
        return false;
      }
    },
  };
}

/** Signs note text (which must end in a newline) with each signer; returns the whole note. */
export function signNote(text: string, signers: NoteSigner[]): string {
  if (!text.endsWith('\n')) throw new NoteError('malformed note text: it must end in a newline');
  if (!isValidText(text)) throw new NoteError('malformed note text: control characters');
  const message = utf8.encode(text);
  const lines = signers.map((s) => {
    if (!isValidKeyName(s.name)) throw new NoteError('invalid signer name');
    const signature = s.sign(message);
    return `${EM_DASH_PREFIX}${s.name} ${toBase64(concatBytes(keyIdBytes(s.keyId), signature))}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

/**
 * Opens a signed note: splits the text at the last blank line, checks each signature by a known key,
 * ignores signatures by unknown keys, and fails if a known key's signature is bad or no known key signed.
 */
export function openNote(note: string | Uint8Array, verifiers: NoteVerifier[]): OpenedNote {
  let message: string;
  try {
    message = typeof note === 'string' ? note : utf8.decode(note);
  } catch {
    throw new NoteError('malformed note: not valid UTF-8');
  }
  if (!isValidText(message)) throw new NoteError('malformed note: control characters');
  const split = message.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('malformed note: no signature block');
  const text = message.slice(0, split + 1);
  const block = message.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) throw new NoteError('malformed note: signature block');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw new NoteError('malformed note: too many signatures');

  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seenVerified = new Set<string>();
  const seenUnverified = new Set<string>();
  const textBytes = utf8.encode(text);
  for (const line of lines) {
    if (!line.startsWith(EM_DASH_PREFIX))
      throw new NoteError('malformed note: signature line does not start with "— "');
    const rest = line.slice(EM_DASH_PREFIX.length);
    const space = rest.indexOf(' ');
    if (space < 0) throw new NoteError('malformed note: signature line has no space after the key name');
    const name = rest.slice(0, space);
    const b64 = rest.slice(space + 1);
    if (!isValidKeyName(name)) throw new NoteError('malformed note: invalid key name in signature line');
    const raw = fromBase64(b64);
    if (!raw) throw new NoteError('malformed note: signature is not base64');
    // Four bytes of key hash and at least one of signature (Go's sumdb/note).
    if (raw.length < 5) throw new NoteError('malformed note: signature too short');
    const keyId = ((raw[0]! << 24) | (raw[1]! << 16) | (raw[2]! << 8) | raw[3]!) >>> 0;
    const signature: NoteSignature = { name, keyId, base64: b64 };
    const keyLabel = `${name}+${keyIdHex(keyId)}`;
    const matches = verifiers.filter((v) => v.name === name && v.keyId === keyId);
    if (matches.length > 1) throw new NoteError(`ambiguous key ${keyLabel}`);
    const verifier = matches[0];
    if (!verifier) {
      if (!seenUnverified.has(line)) unverified.push(signature);
      seenUnverified.add(line);
      continue;
    }
    if (seenVerified.has(keyLabel)) continue;
    if (!verifier.verify(textBytes, raw.subarray(4)))
      throw new NoteError(`invalid signature for key ${keyLabel}`);
    seenVerified.add(keyLabel);
    verified.push(signature);
  }
  if (verified.length === 0) throw new NoteError('note has no verifiable signatures');
  return { text, verified, unverified };
}
