// @groundtruth/verify: the one verifier of Groundtruth's evidence, for the server, the `gt` CLI and
// the browser alike. No Node built-ins: Web Crypto for signatures and media digests, @noble where
// Web Crypto lacks something (synchronous SHA-256, Ed25519 on older browsers), @groundtruth/ledger
// for Merkle proofs, notes and disclosures. Every function is pure apart from awaiting Web Crypto.
export {
  type AttestationEvidence,
  type AttestationVerdict,
  checkAttestation,
  nameOf,
  standingOf,
  type TrustedCheckpoint,
} from './attestation.ts';
export {
  BUNDLE_FORMAT,
  type BundleVerdict,
  type EvidenceBundle,
  type EvidenceReport,
  verifyEvidenceBundle,
} from './bundle.ts';
export { PreverifiedNoteVerifier, verifyCheckpoint } from './checkpoint.ts';
export {
  type CheckpointRelation,
  compareTreeHeads,
  needsConsistencyProof,
  type TreeHead,
} from './consistency.ts';
export { sha256Hex } from './digest.ts';
export { verifyEd25519 } from './ed25519.ts';
export { type OpenedEntry, openEntry } from './entry.ts';
export { type InclusionProof, inclusionFailures } from './inclusion.ts';
export {
  type CompactJws,
  importJwsKey,
  JWS_ALGORITHMS,
  type JwsAlgorithm,
  JwsError,
  type JwsHeader,
  type JwsKey,
  jwsPayloadJson,
  jwsSignatureHolds,
  parseCompactJws,
  verifyCompactJws,
} from './jws.ts';
export { LogAudit, splitEntryBundle, TileError } from './log-audit.ts';
export { type AttestationReceipt, type HeldFile, type ReceiptVerdict, verifyReceipt } from './receipt.ts';
export { jwkThumbprint } from './thumbprint.ts';
