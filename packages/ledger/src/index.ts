// @groundtruth/ledger: the pure, isomorphic core of the verifiable ledger.
export { type AuditFailure, AuditStop, type StoredCheckpointInput, TreeAudit } from './audit.ts';
export { bytesEqual, concatBytes, fromBase64, fromHex, toBase64, toHex, utf8 } from './bytes.ts';
export { CanonicalJsonError, canonicalJson, canonicalJsonBytes, type JsonValue } from './canonical-json.ts';
export {
  type Checkpoint,
  CheckpointError,
  formatCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  type VerifiedCheckpoint,
} from './checkpoint.ts';
export {
  commitFields,
  cryptoRandomBytes,
  type DecodedDisclosure,
  type Disclosure,
  type DisclosureDigester,
  DisclosureError,
  decodeDisclosure,
  disclosureDigest,
  type FieldPath,
  fromBase64Url,
  portableBase64Url,
  type RandomBytes,
  type RevealedBody,
  revealBody,
  SALT_BYTES,
  SD_ALG,
  type Sha256Bytes,
  toBase64Url,
} from './disclosure.ts';
export { decodeEntry, type EntryEnvelope, EntryError, encodeEntry, MAX_ENTRY_BYTES } from './entry.ts';
export {
  type CommittedEntry,
  commitEntry,
  ENTRY_POLICIES,
  type EntryPolicies,
  type EntryPolicy,
  EntryPolicyError,
  entryOwner,
} from './entry-policy.ts';
export {
  consistencyProofRanges,
  createTreeHasher,
  decomposeRange,
  foldRange,
  HASH_SIZE,
  type Hash,
  hashRanges,
  inclusionProofRanges,
  type LeafRange,
  ProofError,
  rfc9162,
  type Sha256,
  type SubtreeId,
  splitPoint,
  type TreeHasher,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';
export {
  computeKeyId,
  createEd25519Signer,
  createEd25519Verifier,
  type Ed25519NoteKey,
  encodeSignerKey,
  encodeVerifierKey,
  isValidKeyName,
  NoteError,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  type OpenedNote,
  openNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
} from './note.ts';
export { encodeTileIndex, parseTileIndex, TILE_HEIGHT, TILE_WIDTH, tileWidth } from './tiles.ts';
export { CompactRange, MemoryTree } from './tree.ts';
