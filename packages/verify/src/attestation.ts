// Checking an attestation without trusting the server: the log's signature on the checkpoint, the
// entry's inclusion under it, the entry's exact bytes and disclosures, the supplier's signature on
// the manifest, the key's thumbprint, and the media's digests. Each failure is one line naming what
// failed; facts that are not failures (a withdrawal, a revoked key, auditors' verdicts) are notes.
import { bytesEqual, canonicalJsonBytes, fromBase64, type JsonValue } from '@groundtruth/ledger';
import { verifyCheckpoint } from './checkpoint.ts';
import { sha256Hex } from './digest.ts';
import { openEntry } from './entry.ts';
import { inclusionFailures } from './inclusion.ts';
import { verifyCompactJws } from './jws.ts';
import { jwkThumbprint } from './thumbprint.ts';

export interface AttestationEvidence {
  attestationId: string;
  subject: { kind: string; id: string };
  organisationId: string;
  /** Given by servers since issue 13; older bundles lack it. */
  organisationName?: string;
  kid: string;
  jwk: Record<string, unknown>;
  keyRevoked: boolean;
  jws: string;
  manifest: { media: { sha256: string; size: number; kind: string }[]; [key: string]: unknown };
  entry: { index: number; data: string; disclosures?: string[] };
  inclusionProof: { treeSize: number; proof: string[] };
  withdrawn: { reason: string; entryIndex: number } | null;
  statements: {
    organisationId: string;
    organisationName?: string;
    kid: string;
    verdict: string;
    note: string;
    jws: string;
    entryIndex: number;
  }[];
}

export interface AttestationVerdict {
  attestationId: string;
  ok: boolean;
  /** What failed, one line each; empty when everything checks. */
  failures: string[];
  /** Facts a reader should weigh that are not failures: a withdrawal, a revoked key, auditors' verdicts. */
  notes: string[];
}

/** The log key the caller trusts (pinned, or from its own earlier checks) and a checkpoint it signed. */
export interface TrustedCheckpoint {
  logKey: string;
  checkpoint: string;
}

/** The JWS is a confidential field: it must be in the revealed body of an `attestation.recorded` entry. */
async function entryFailures(evidence: AttestationEvidence, trusted: TrustedCheckpoint): Promise<string[]> {
  const failures: string[] = [];
  let tree: { size: bigint; rootHash: Uint8Array } | undefined;
  try {
    tree = await verifyCheckpoint(trusted.checkpoint, trusted.logKey);
  } catch (error) {
    failures.push(`checkpoint: ${(error as Error).message}`);
  }
  const data = fromBase64(evidence.entry.data);
  if (!data) return [...failures, 'entry: the entry bytes are not base64'];
  // Entries logged before selective disclosure hold the JWS in the clear, with no disclosure.
  const opened = openEntry(data, evidence.entry.disclosures ?? []);
  failures.push(...opened.failures);
  if (
    opened.entry &&
    opened.body &&
    (opened.entry.type !== 'attestation.recorded' || opened.body.jws !== evidence.jws)
  )
    failures.push('entry: the ledger entry does not record this JWS');
  if (tree) failures.push(...inclusionFailures(evidence.entry.index, data, evidence.inclusionProof, tree));
  return failures;
}

async function signatureFailures(evidence: AttestationEvidence): Promise<string[]> {
  const failures: string[] = [];
  try {
    if (jwkThumbprint(evidence.jwk) !== evidence.kid)
      failures.push('key: the JWK does not match its kid (RFC 7638 thumbprint)');
    const { header, payload } = await verifyCompactJws(evidence.jws, evidence.jwk);
    if (header.kid !== evidence.kid) failures.push('signature: the JWS names another key');
    if (
      !bytesEqual(
        canonicalJsonBytes(payload as JsonValue),
        canonicalJsonBytes(evidence.manifest as JsonValue),
      )
    )
      failures.push('manifest: the manifest shown is not the one signed');
  } catch (error) {
    failures.push(`signature: the JWS does not verify with the supplier's key (${(error as Error).message})`);
  }
  return failures;
}

/**
 * Checks one attestation against a checkpoint signed by a log key the caller trusts. `media` maps
 * digests to the bytes the caller holds (a file, a bundle's media), or to the digest it computed of
 * them (a file hashed as it streamed); each must hash to its digest and be listed by the manifest.
 */
export async function checkAttestation(
  evidence: AttestationEvidence,
  trusted: TrustedCheckpoint,
  media: ReadonlyMap<string, Uint8Array | string> = new Map(),
): Promise<AttestationVerdict> {
  const failures = [...(await entryFailures(evidence, trusted)), ...(await signatureFailures(evidence))];
  for (const [digest, bytes] of media) {
    const actual = typeof bytes === 'string' ? bytes : await sha256Hex(bytes);
    if (actual !== digest)
      failures.push(`media ${digest.slice(0, 12)}…: the bytes hash to ${actual.slice(0, 12)}…`);
    else if (!evidence.manifest.media.some((m) => m.sha256 === digest))
      failures.push(`manifest: does not list media ${digest.slice(0, 12)}…`);
  }

  const notes: string[] = [];
  if (evidence.withdrawn)
    notes.push(
      `withdrawn by the supplier (entry ${evidence.withdrawn.entryIndex}): ${evidence.withdrawn.reason}`,
    );
  if (evidence.keyRevoked) notes.push('the signing key has since been revoked');
  for (const s of evidence.statements)
    notes.push(
      `auditor ${nameOf(s.organisationName, s.organisationId)}: ${s.verdict} (entry ${s.entryIndex}): ${s.note}`,
    );
  return { attestationId: evidence.attestationId, ok: failures.length === 0, failures, notes };
}

/** "Name (id)" where the server gave a name, else the id. */
export const nameOf = (name: string | undefined, id: string): string => (name ? `${name} (${id})` : id);

/**
 * Whether an attestation that verifies should still stop a script: withdrawn by its supplier, or
 * disputed (or called fake) by an auditor. A signature proves who said it, not that it still stands.
 */
export function standingOf(evidence: AttestationEvidence): 'WITHDRAWN' | 'DISPUTED' | undefined {
  if (evidence.withdrawn) return 'WITHDRAWN';
  if (evidence.statements.some((s) => s.verdict === 'disputed' || s.verdict === 'fake')) return 'DISPUTED';
  return undefined;
}
