// @groundtruth/ledger-store: the ledger on a database — sequencing writer, reader for proofs and tiles, keys.
export { auditStoredLedger, type LedgerAuditOptions, type LedgerAuditReport } from './audit.ts';
export { type Ed25519KeyFile, fileMode, loadEd25519Key, nodeNoteSigner, nodeNoteVerifier } from './keys.ts';
export { nodeDisclosureDigest, nodeTreeHasher } from './node-hasher.ts';
export { LedgerRangeError, LedgerReader, type StoredCheckpoint, type StoredEntry } from './reader.ts';
export {
  type AppendedEntry,
  type AppendReceipt,
  type AppendRequest,
  INSERT_ENTRIES,
  LEDGER_SEQUENCE_LOCK,
  LedgerWriter,
  type LedgerWriterOptions,
  WriterClosedError,
} from './writer.ts';
