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
  | { state: 'failed'; failures: string[] }
  | { state: 'cancelled' };

/** The formats the scene can draw: Gaussian splats (Spark) and binary glTF (three's GLTFLoader). */
export type CaptureFormat = 'ply' | 'spz' | 'splat' | 'ksplat' | 'glb';

/**
 * A 3D capture's format, from its bytes where the format has a signature (PLY, SPZ's gzip, glTF's
 * magic) and otherwise from the media type it was stored under at upload (`.splat` and `.ksplat`
 * carry no magic number, and the uploader had to name them). Which parser reads the bytes is all
 * this decides: what the bytes are worth is the hash's business, checked before any parser sees them.
 */
export function captureFormat(bytes: Uint8Array, mediaType: string): CaptureFormat | undefined {
  const ascii = (start: number, length: number) =>
    String.fromCharCode(...bytes.subarray(start, start + length));
  if (ascii(0, 4) === 'ply\n' || ascii(0, 5) === 'ply\r\n') return 'ply';
  if (ascii(0, 4) === 'glTF') return 'glb';
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'spz';
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  if (type === 'model/x-splat' && bytes.length > 0 && bytes.length % 32 === 0) return 'splat';
  if (type === 'model/x-ksplat') return 'ksplat';
  return undefined;
}

/** A medium as downloaded: its bytes (hashed before use) and the media type it was served with. */
export interface DownloadedMedium {
  bytes: Uint8Array;
  mediaType: string;
}

export function isAbort(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'AbortError';
}

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

/**
 * Downloads every medium the manifest lists (into `downloaded`), reporting bytes as they arrive, and
 * checks the attestation with the complete bytes. An aborted download rejects with an AbortError
 * (cancelled, not failed); nothing is checked from a partial file.
 */
export async function verifyInBrowser(
  api: Api,
  attestation: Attestation,
  checkpoint: string,
  logKey: string,
  downloaded = new Map<string, DownloadedMedium>(),
  options: {
    signal?: AbortSignal;
    onProgress?: (sha256: string, received: number, total: number | undefined) => void;
  } = {},
): Promise<BadgeState> {
  const failures: string[] = [];
  const media = new Map<string, Uint8Array>();
  for (const m of attestation.manifest.media) {
    try {
      const { bytes, contentType } = await api.download(`/v1/evidence/${m.sha256}/content`, {
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: (received, total) => options.onProgress?.(m.sha256, received, total),
      });
      media.set(m.sha256, bytes);
      downloaded.set(m.sha256, { bytes, mediaType: contentType });
    } catch (error) {
      if (isAbort(error)) throw error;
      failures.push(`media ${m.sha256.slice(0, 12)}…: could not be downloaded (${(error as Error).message})`);
    }
  }
  options.signal?.throwIfAborted();
  const verdict = await checkAttestation(attestation, { logKey, checkpoint }, media);
  failures.push(...verdict.failures);
  if (failures.length > 0) return { state: 'failed', failures };
  return { state: 'verified', treeSize: Number(checkpoint.split('\n')[1]) };
}
