// Checking attestations without trusting the server: the log's signature on the checkpoint, the
// entry's inclusion under it, the entry's exact bytes, the supplier's signature on the manifest, the
// key's thumbprint, and the media's digests. Each failure is one line naming what failed.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  bytesEqual,
  canonicalJsonBytes,
  createEd25519Verifier,
  fromBase64,
  type JsonValue,
  openCheckpoint,
  revealBody,
  rfc9162,
  verifyInclusion,
} from '@groundtruth/ledger';
import { calculateJwkThumbprint, compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';

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

export interface EvidenceReport {
  logKey: string;
  checkpoint: string;
  attestations: AttestationEvidence[];
}

export interface AttestationVerdict {
  attestationId: string;
  ok: boolean;
  /** What failed, one line each; empty when everything checks. */
  failures: string[];
  /** Facts a reader should weigh that are not failures: a withdrawal, a revoked key, auditors' verdicts. */
  notes: string[];
}

/**
 * Checks one attestation against a log key the caller trusts (pinned, or from its own earlier
 * checks). `media` maps digests to bytes the caller holds (a file, or a bundle's media), each of which
 * must hash to its digest and be listed by the manifest.
 */
export async function checkAttestation(
  evidence: AttestationEvidence,
  trusted: { logKey: string; checkpoint: string },
  /** Digest → the bytes the caller holds, or the digest it computed of them (a file hashed as it streamed). */
  media: Map<string, Uint8Array | string> = new Map(),
): Promise<AttestationVerdict> {
  const failures: string[] = [];
  const notes: string[] = [];
  let root: Uint8Array | undefined;
  let size: bigint | undefined;
  try {
    const checkpoint = openCheckpoint(trusted.checkpoint, createEd25519Verifier(trusted.logKey));
    root = checkpoint.rootHash;
    size = checkpoint.size;
  } catch (error) {
    failures.push(`checkpoint: ${(error as Error).message}`);
  }

  const data = fromBase64(evidence.entry.data);
  if (!data) failures.push('entry: the entry bytes are not base64');
  else {
    let entry: { type?: string; body?: { [key: string]: JsonValue } } | undefined;
    try {
      entry = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
      if (!bytesEqual(canonicalJsonBytes(entry as never), data))
        failures.push('entry: the bytes are not canonical JSON');
    } catch {
      failures.push('entry: the bytes are not JSON');
    }
    // The JWS is a confidential field: its disclosure must hash to a digest in the entry's `_sd`
    // (entries logged before selective disclosure hold it in the clear, with no disclosure).
    let body: { [key: string]: JsonValue } | undefined;
    if (entry?.body) {
      try {
        body = revealBody(entry.body, evidence.entry.disclosures ?? []).body;
      } catch (error) {
        failures.push(`entry: a disclosure does not match the entry: ${(error as Error).message}`);
      }
    }
    if (entry && body && (entry.type !== 'attestation.recorded' || body.jws !== evidence.jws))
      failures.push('entry: the ledger entry does not record this JWS');
    if (root && size !== undefined) {
      const proof = evidence.inclusionProof.proof.map((p) => fromBase64(p) ?? new Uint8Array());
      if (BigInt(evidence.inclusionProof.treeSize) !== size)
        failures.push(
          `inclusion proof: made for tree size ${evidence.inclusionProof.treeSize}, the checkpoint is ${size}`,
        );
      else if (!verifyInclusion(BigInt(evidence.entry.index), size, rfc9162.hashLeaf(data), proof, root))
        failures.push(
          `inclusion proof: entry ${evidence.entry.index} does not lead to the checkpoint's root`,
        );
    }
  }

  try {
    const thumbprint = await calculateJwkThumbprint(evidence.jwk as JWK, 'sha256');
    if (thumbprint !== evidence.kid)
      failures.push('key: the JWK does not match its kid (RFC 7638 thumbprint)');
    const header = decodeProtectedHeader(evidence.jws);
    if (header.kid !== evidence.kid) failures.push('signature: the JWS names another key');
    const { payload } = await compactVerify(evidence.jws, await importJWK(evidence.jwk as JWK, header.alg));
    const signed = JSON.parse(new TextDecoder().decode(payload));
    if (!bytesEqual(canonicalJsonBytes(signed), canonicalJsonBytes(evidence.manifest as never)))
      failures.push('manifest: the manifest shown is not the one signed');
  } catch (error) {
    failures.push(`signature: the JWS does not verify with the supplier's key (${(error as Error).message})`);
  }

  for (const [digest, bytes] of media) {
    const actual = typeof bytes === 'string' ? bytes : createHash('sha256').update(bytes).digest('hex');
    if (actual !== digest)
      failures.push(`media ${digest.slice(0, 12)}…: the bytes hash to ${actual.slice(0, 12)}…`);
    else if (!evidence.manifest.media.some((m) => m.sha256 === digest))
      failures.push(`manifest: does not list media ${digest.slice(0, 12)}…`);
  }

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
export const nameOf = (name: string | undefined, id: string) => (name ? `${name} (${id})` : id);

/**
 * Whether an attestation that verifies should still stop a script: withdrawn by its supplier, or
 * disputed (or called fake) by an auditor. A signature proves who said it, not that it still stands.
 */
export function standingOf(evidence: AttestationEvidence): 'WITHDRAWN' | 'DISPUTED' | undefined {
  if (evidence.withdrawn) return 'WITHDRAWN';
  if (evidence.statements.some((s) => s.verdict === 'disputed' || s.verdict === 'fake')) return 'DISPUTED';
  return undefined;
}

export const BUNDLE_FORMAT = 'groundtruth-evidence-bundle/1';

/** Writes an offline bundle: bundle.json (evidence, checkpoint, log key) and media/<sha256>. */
export async function writeBundle(
  dir: string,
  report: EvidenceReport,
  subject: string,
  fetchMedia: (sha256: string) => Promise<Uint8Array>,
): Promise<number> {
  await mkdir(join(dir, 'media'), { recursive: true });
  await writeFile(
    join(dir, 'bundle.json'),
    `${JSON.stringify({ format: BUNDLE_FORMAT, subject, ...report }, null, 2)}\n`,
  );
  const digests = new Set(report.attestations.flatMap((a) => a.manifest.media.map((m) => m.sha256)));
  for (const digest of digests) await writeFile(join(dir, 'media', digest), await fetchMedia(digest));
  return digests.size;
}

/** Checks a bundle with no network: every attestation, against the log key it carries or a pinned one. */
export async function verifyBundle(
  dir: string,
  options: { trustedKey?: string } = {},
): Promise<{ ok: boolean; stands: boolean; lines: string[] }> {
  const bundle = JSON.parse(await readFile(join(dir, 'bundle.json'), 'utf8')) as EvidenceReport & {
    format: string;
    subject: string;
  };
  const lines: string[] = [];
  if (bundle.format !== BUNDLE_FORMAT)
    return { ok: false, stands: false, lines: [`bundle: unknown format ${bundle.format}`] };
  if (options.trustedKey && options.trustedKey !== bundle.logKey)
    return { ok: false, stands: false, lines: ['bundle: signed by another log key than the one pinned'] };
  let ok = true;
  /** False once an attestation that verifies is withdrawn or disputed. */
  let standsAll = true;
  for (const attestation of bundle.attestations) {
    const media = new Map<string, Uint8Array | string>();
    for (const m of attestation.manifest.media) {
      try {
        media.set(m.sha256, await readFile(join(dir, 'media', m.sha256)));
      } catch {
        lines.push(
          `attestation ${attestation.attestationId}: media ${m.sha256.slice(0, 12)}… is missing from the bundle`,
        );
        ok = false;
      }
    }
    const verdict = await checkAttestation(attestation, bundle, media);
    const standing = standingOf(attestation);
    ok &&= verdict.ok;
    standsAll &&= standing === undefined;
    lines.push(
      `attestation ${attestation.attestationId} by ${nameOf(attestation.organisationName, attestation.organisationId)}: ${verdict.ok ? (standing ?? 'OK') : 'FAILED'}`,
      ...verdict.failures.map((f) => `  ✗ ${f}`),
      ...verdict.notes.map((n) => `  · ${n}`),
    );
  }
  if (bundle.attestations.length === 0) lines.push(`no attestations for ${bundle.subject}`);
  return { ok, stands: standsAll, lines };
}
