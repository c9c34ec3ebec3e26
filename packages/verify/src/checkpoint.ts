// Signed checkpoints (C2SP tlog-checkpoint over signed-note) checked with Web Crypto's Ed25519.
// @groundtruth/ledger parses notes and checkpoints with a synchronous verifier; Web Crypto is
// asynchronous. So the note is opened once with a verifier that only records the one signature by the
// log's key that openNote checks, and that signature is then checked for real: the verdict is the
// same as a synchronous verifier's, including the error text.
import {
  CheckpointError,
  type Ed25519NoteKey,
  type NoteVerifier,
  openCheckpoint,
  parseVerifierKey,
  toBase64,
  toHex,
  type VerifiedCheckpoint,
} from '@groundtruth/ledger';
import { verifyEd25519 } from './ed25519.ts';

const keyLabel = (key: Ed25519NoteKey) => `${key.name}+${key.keyId.toString(16).padStart(8, '0')}`;

/** Opens `note` with a verifier that accepts any signature by `key` and records it. */
function openRecording(
  note: string,
  key: Ed25519NoteKey,
): { checkpoint: VerifiedCheckpoint; signed?: { message: Uint8Array; signature: Uint8Array } } {
  let signed: { message: Uint8Array; signature: Uint8Array } | undefined;
  const recorder: NoteVerifier = {
    name: key.name,
    keyId: key.keyId,
    verify: (message, signature) => {
      signed = { message, signature };
      return true;
    },
  };
  const checkpoint = openCheckpoint(note, recorder);
  return signed ? { checkpoint, signed } : { checkpoint };
}

/**
 * Opens a checkpoint note signed by the log whose verifier key is given (`name+hash+key`); throws
 * CheckpointError (or NoteError for a malformed key) naming what is wrong.
 */
export async function verifyCheckpoint(note: string, verifierKey: string): Promise<VerifiedCheckpoint> {
  const key = parseVerifierKey(verifierKey);
  const { checkpoint, signed } = openRecording(note, key);
  if (!signed || !(await verifyEd25519(key.publicKey, signed.message, signed.signature)))
    throw new CheckpointError(`checkpoint signature: invalid signature for key ${keyLabel(key)}`);
  return checkpoint;
}

/**
 * A synchronous note verifier for code that takes one (the ledger's TreeAudit), answering only for
 * signatures checked beforehand with Web Crypto: `admit(note)` checks the note's signature by the
 * key, and `verify` then accepts exactly that message and signature, once. Anything not admitted is
 * refused, so a note that was never admitted fails as a bad signature would.
 */
export class PreverifiedNoteVerifier implements NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  private readonly key: Ed25519NoteKey;
  /** Admitted signatures (base64) → the message they sign. */
  private readonly admitted = new Map<string, Uint8Array>();

  constructor(verifierKey: string) {
    this.key = parseVerifierKey(verifierKey);
    this.name = this.key.name;
    this.keyId = this.key.keyId;
  }

  /** Checks the note's signature by this key; a malformed or badly signed note is left out. */
  async admit(note: string): Promise<void> {
    let signed: { message: Uint8Array; signature: Uint8Array } | undefined;
    try {
      signed = openRecording(note, this.key).signed;
    } catch {
      return; // malformed: whoever opens it reports why
    }
    if (signed && (await verifyEd25519(this.key.publicKey, signed.message, signed.signature)))
      this.admitted.set(toBase64(signed.signature), signed.message);
  }

  verify(message: Uint8Array, signature: Uint8Array): boolean {
    const id = toBase64(signature);
    const expected = this.admitted.get(id);
    if (!expected) return false;
    this.admitted.delete(id);
    return toHex(expected) === toHex(message);
  }
}
