// An offline evidence bundle (`gt bundle export`): bundle.json with every attestation of a subject,
// a checkpoint and the log key, and the media by digest. Checked here from the parsed bundle and
// the media bytes the caller read (from a folder, a zip, a page's file input).
import { type AttestationEvidence, checkAttestation, nameOf, standingOf } from './attestation.ts';

export const BUNDLE_FORMAT = 'groundtruth-evidence-bundle/1';

export interface EvidenceReport {
  logKey: string;
  checkpoint: string;
  attestations: AttestationEvidence[];
}

export interface EvidenceBundle extends EvidenceReport {
  format: string;
  subject: string;
}

export interface BundleVerdict {
  /** Every attestation verifies and every medium is present. */
  ok: boolean;
  /** No attestation is withdrawn or disputed (whether or not it verifies: read `ok` first). */
  stands: boolean;
  /** One line per attestation, then its failures (✗) and notes (·). */
  lines: string[];
}

/**
 * Checks every attestation of a bundle against the log key it carries, or fails when `trustedKey`
 * is given and differs. `media` returns the bytes of a digest, or undefined when the bundle lacks it.
 */
export async function verifyEvidenceBundle(
  bundle: EvidenceBundle,
  media: (sha256: string) => Uint8Array | undefined | Promise<Uint8Array | undefined>,
  options: { trustedKey?: string | undefined } = {},
): Promise<BundleVerdict> {
  if (bundle.format !== BUNDLE_FORMAT)
    return { ok: false, stands: false, lines: [`bundle: unknown format ${bundle.format}`] };
  if (options.trustedKey && options.trustedKey !== bundle.logKey)
    return { ok: false, stands: false, lines: ['bundle: signed by another log key than the one pinned'] };
  const lines: string[] = [];
  let ok = true;
  let stands = true;
  for (const attestation of bundle.attestations) {
    const held = new Map<string, Uint8Array>();
    for (const m of attestation.manifest.media) {
      const bytes = await media(m.sha256);
      if (bytes) held.set(m.sha256, bytes);
      else {
        lines.push(
          `attestation ${attestation.attestationId}: media ${m.sha256.slice(0, 12)}… is missing from the bundle`,
        );
        ok = false;
      }
    }
    const verdict = await checkAttestation(attestation, bundle, held);
    const standing = standingOf(attestation);
    ok &&= verdict.ok;
    stands &&= standing === undefined;
    lines.push(
      `attestation ${attestation.attestationId} by ${nameOf(attestation.organisationName, attestation.organisationId)}: ${verdict.ok ? (standing ?? 'OK') : 'FAILED'}`,
      ...verdict.failures.map((f) => `  ✗ ${f}`),
      ...verdict.notes.map((n) => `  · ${n}`),
    );
  }
  if (bundle.attestations.length === 0) lines.push(`no attestations for ${bundle.subject}`);
  return { ok, stands, lines };
}
