// Evidence checked by this browser, not taken from the server's word: for each attestation the
// viewer downloads the media, hashes them, and has @groundtruth/verify check the supplier's JWS,
// the entry's inclusion under the checkpoint, and the checkpoint's signature against the log key
// the viewer was configured with (pinned in the URL fragment, else fetched once from this site).
import { type AttestationEvidence, checkAttestation } from '@groundtruth/verify';
import type { Api } from './api.ts';

export interface EvidenceFinding {
  id: string;
  rule: string;
  severity: string;
  message: string;
  numbers: Record<string, unknown>;
}
export type Attestation = AttestationEvidence & {
  manifest: AttestationEvidence['manifest'] & {
    capturedAt?: string;
    location?: { type: string; coordinates: number[] };
    statement?: string;
    device?: string;
  };
  findings?: EvidenceFinding[];
};
export interface EvidenceReport {
  logKey: string;
  checkpoint: string;
  attestations: Attestation[];
}

export type BadgeState =
  | { state: 'unchecked' }
  | { state: 'checking' }
  | { state: 'verified'; treeSize: number }
  | { state: 'failed'; failures: string[] };

/** Plain words for the verifier's failure lines: which check failed comes first. */
export function describeFailure(line: string): string {
  if (/^media .*hash to/.test(line)) return `the media's hash does not match the signed manifest (${line})`;
  if (line.startsWith('checkpoint:'))
    return `the checkpoint's signature does not hold for the log key (${line})`;
  if (line.startsWith('inclusion') || line.includes('root'))
    return `the entry is not included under the checkpoint (${line})`;
  if (line.startsWith('signature:') || line.startsWith('key:'))
    return `the supplier's signature does not verify (${line})`;
  return line;
}

export interface LogKeySource {
  key: string;
  pinned: boolean;
}

export async function logKeyOf(api: Api, pinned: string | null): Promise<LogKeySource> {
  if (pinned) return { key: pinned, pinned: true };
  return { key: (await api.text('/v1/ledger/key')).trim(), pinned: false };
}

/** Downloads every medium the manifest lists (into `media`) and checks the attestation with them. */
export async function verifyInBrowser(
  api: Api,
  attestation: Attestation,
  checkpoint: string,
  logKey: string,
  media = new Map<string, Uint8Array>(),
): Promise<BadgeState> {
  const failures: string[] = [];
  for (const m of attestation.manifest.media) {
    try {
      media.set(m.sha256, await api.bytes(`/v1/evidence/${m.sha256}/content`));
    } catch (error) {
      failures.push(`media ${m.sha256.slice(0, 12)}…: could not be downloaded (${(error as Error).message})`);
    }
  }
  const verdict = await checkAttestation(attestation, { logKey, checkpoint }, media);
  failures.push(...verdict.failures);
  if (failures.length > 0) return { state: 'failed', failures };
  return { state: 'verified', treeSize: Number(checkpoint.split('\n')[1]) };
}
