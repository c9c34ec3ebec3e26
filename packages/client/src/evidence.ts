// Evidence bundles on disk: `gt bundle export` writes one, `gt bundle verify` reads one and checks it
// with @groundtruth/verify (the checks `gt verify-receipt`, `gt verify-file` and a browser use too).
// Only the file handling lives here.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  BUNDLE_FORMAT,
  type BundleVerdict,
  type EvidenceBundle,
  type EvidenceReport,
  verifyEvidenceBundle,
} from '@groundtruth/verify';

export {
  type AttestationEvidence,
  type AttestationVerdict,
  BUNDLE_FORMAT,
  checkAttestation,
  type EvidenceReport,
  nameOf,
  standingOf,
} from '@groundtruth/verify';

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
): Promise<BundleVerdict> {
  const bundle = JSON.parse(await readFile(join(dir, 'bundle.json'), 'utf8')) as EvidenceBundle;
  return verifyEvidenceBundle(
    bundle,
    (sha256) =>
      // A digest is 64 hex digits (the manifest's schema); anything else is not a file name to open.
      /^[0-9a-f]{64}$/.test(sha256) ? readFile(join(dir, 'media', sha256)).catch(() => undefined) : undefined,
    options,
  );
}
