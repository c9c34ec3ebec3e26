// C2SP tlog-checkpoint v1.0.0 (https://c2sp.org/tlog-checkpoint): the signed statement of a log's
// size and root hash, carried as the text of a signed note.
import { fromBase64, toBase64 } from './bytes.ts';
import { HASH_SIZE, type Hash } from './merkle.ts';
import {
  type NoteError,
  type NoteSigner,
  type NoteVerifier,
  type OpenedNote,
  openNote,
  signNote,
} from './note.ts';

export interface Checkpoint {
  origin: string;
  size: bigint;
  rootHash: Hash;
  /** Optional extension lines after the root hash (the spec does not recommend them). */
  extensions: string[];
}

export interface VerifiedCheckpoint extends Checkpoint {
  /** The whole signed note, byte for byte as received. */
  note: string;
  opened: OpenedNote;
}

export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

/** The checkpoint body: origin, decimal size, base64 root hash, extension lines; each ends in a newline. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  if (checkpoint.origin.length === 0 || checkpoint.origin.includes('\n')) {
    throw new CheckpointError('origin must be one non-empty line');
  }
  if (checkpoint.size < 0n) throw new CheckpointError('size must not be negative');
  if (checkpoint.rootHash.length !== HASH_SIZE) throw new CheckpointError('root hash must be 32 bytes');
  const lines = [checkpoint.origin, checkpoint.size.toString(10), toBase64(checkpoint.rootHash)];
  for (const extension of checkpoint.extensions) {
    if (extension.length === 0 || extension.includes('\n')) throw new CheckpointError('bad extension line');
    lines.push(extension);
  }
  return `${lines.join('\n')}\n`;
}

export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new CheckpointError('checkpoint text must end in a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new CheckpointError('checkpoint needs origin, size and root hash lines');
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) throw new CheckpointError('empty origin line');
  // Decimal, no sign, no leading zeros (except "0" itself).
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || sizeText.length > 20) {
    throw new CheckpointError(`invalid tree size ${JSON.stringify(sizeText)}`);
  }
  const size = BigInt(sizeText);
  if (size >= 1n << 64n) throw new CheckpointError('tree size exceeds 64 bits');
  const rootHash = fromBase64(rootText);
  if (!rootHash || rootHash.length !== HASH_SIZE)
    throw new CheckpointError('root hash must be base64 of 32 bytes');
  if (extensions.some((e) => e.length === 0)) throw new CheckpointError('empty extension line');
  return { origin, size, rootHash, extensions };
}

export function signCheckpoint(checkpoint: Checkpoint, signer: NoteSigner): string {
  if (signer.name !== checkpoint.origin) {
    throw new CheckpointError('the signing key name must equal the checkpoint origin');
  }
  return signNote(formatCheckpoint(checkpoint), [signer]);
}

/**
 * Opens a checkpoint note and checks it is signed by the log's key, whose name must be the origin.
 * Signatures by other keys (witness cosignatures, say) are kept in opened.unverified.
 */
export function openCheckpoint(note: string, logVerifier: NoteVerifier): VerifiedCheckpoint {
  let opened: OpenedNote;
  try {
    opened = openNote(note, [logVerifier]);
  } catch (error) {
    throw new CheckpointError(`checkpoint signature: ${(error as NoteError).message}`);
  }
  const checkpoint = parseCheckpoint(opened.text);
  if (checkpoint.origin !== logVerifier.name) {
    throw new CheckpointError(
      `checkpoint origin ${checkpoint.origin} is not the key name ${logVerifier.name}`,
    );
  }
  return { ...checkpoint, note, opened };
}
