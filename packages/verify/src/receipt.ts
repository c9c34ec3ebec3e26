// An attestation receipt (what POST /v1/attestations answers and `gt attest` saves) checked with no
// network: everything comes from the receipt, the digests of files the caller holds, and (better) a
// log key the caller pinned. Each check that fails is named.
import { bytesEqual, fromBase64, rfc9162, toBase64 } from '@groundtruth/ledger';
import { type AttestationEvidence, checkAttestation } from './attestation.ts';

export interface AttestationReceipt {
  attestationId: string;
  entryIndex: number;
  leafHash: string;
  checkpoint: string;
  inclusionProof: { index: number; treeSize: number; proof: string[] };
  kid: string;
  manifest: AttestationEvidence['manifest'] & { subject: { kind: string; id: string } };
  jws: string;
  jwk: Record<string, unknown>;
  entry: { index: number; data: string; disclosures?: string[] };
  logKey: string;
}

export interface ReceiptVerdict {
  ok: boolean;
  /** One line per check that failed, naming it. */
  failures: string[];
  /** What was checked and what the reader should know (e.g. that the log key was not pinned). */
  notes: string[];
}

/** A file the caller holds, by the name to show and its SHA-256 (hex). */
export interface HeldFile {
  name: string;
  sha256: string;
}

const REQUIRED = ['attestationId', 'leafHash', 'checkpoint', 'inclusionProof', 'kid', 'manifest'] as const;

/**
 * Checks a receipt: the JWS against the key it names (and the key against its kid), the manifest
 * shown against the one signed, each file's digest against the manifest, the leaf hash against the
 * entry bytes, the entry against the JWS, the inclusion proof against the checkpoint's root, and the
 * checkpoint's signature against `trustedLogKey` (or the key the receipt carries, said in a note).
 */
export async function verifyReceipt(
  receipt: Partial<AttestationReceipt>,
  files: readonly HeldFile[] = [],
  trustedLogKey?: string,
): Promise<ReceiptVerdict> {
  const failures: string[] = [];
  const notes: string[] = [];
  const missing = REQUIRED.filter((name) => receipt[name] === undefined);
  if (missing.length > 0) return { ok: false, failures: [`receipt: lacks ${missing.join(', ')}`], notes };
  if (!receipt.entry || !receipt.jws || !receipt.jwk)
    return {
      ok: false,
      failures: [
        'receipt: carries no entry bytes, JWS or key (made by an older server): export a bundle with `gt bundle export` instead',
      ],
      notes,
    };
  const logKey = trustedLogKey ?? receipt.logKey;
  if (!logKey) return { ok: false, failures: ['checkpoint: no log key: pass --key <verifier key>'], notes };
  if (!trustedLogKey)
    notes.push(`log key ${logKey} (as the receipt carries it; pin it with --key to rely on it)`);
  else if (receipt.logKey && receipt.logKey !== trustedLogKey)
    notes.push('the receipt names another log key than the pinned one: checked against the pinned key');

  // The leaf hash (RFC 9162 §2.1.1) is computed from the entry bytes, never taken from the receipt.
  const data = fromBase64(receipt.entry.data);
  if (data) {
    const leafHash = fromBase64(receipt.leafHash!);
    if (!leafHash || !bytesEqual(rfc9162.hashLeaf(data), leafHash))
      failures.push(
        `leaf hash: the entry bytes hash to ${toBase64(rfc9162.hashLeaf(data))}, the receipt says ${receipt.leafHash}`,
      );
  }
  if (
    receipt.entry.index !== receipt.inclusionProof!.index ||
    (receipt.entryIndex !== undefined && receipt.entryIndex !== receipt.entry.index)
  )
    failures.push('receipt: the entry index and the inclusion proof’s index differ');

  const evidence: AttestationEvidence = {
    attestationId: receipt.attestationId!,
    subject: receipt.manifest!.subject,
    organisationId: '',
    kid: receipt.kid!,
    jwk: receipt.jwk,
    keyRevoked: false,
    jws: receipt.jws,
    manifest: receipt.manifest!,
    entry: receipt.entry,
    inclusionProof: { treeSize: receipt.inclusionProof!.treeSize, proof: receipt.inclusionProof!.proof },
    withdrawn: null,
    statements: [],
  };
  const verdict = await checkAttestation(evidence, { logKey, checkpoint: receipt.checkpoint! });
  failures.push(...verdict.failures);

  for (const file of files) {
    if (!receipt.manifest!.media.some((m) => m.sha256 === file.sha256))
      failures.push(
        `file: ${file.name} (sha256 ${file.sha256}) is not among the media the signed manifest lists`,
      );
    else notes.push(`file ${file.name}: sha256 ${file.sha256} is in the signed manifest`);
  }
  if (files.length === 0) notes.push('no --file given: the media themselves were not checked');
  return { ok: failures.length === 0, failures, notes };
}
