// Public verification of evidence: which attestations cover some bytes (by digest, or the file itself,
// hashed as it streams in and never stored), each with everything needed to check it offline.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Database } from '@groundtruth/db';
import { AppError } from '../../../errors.ts';
import { createAttestationStore } from '../attestations/store.ts';
import type { EvidencePackages } from './packages.ts';

export function createVerificationService(deps: {
  db: Database;
  packages: EvidencePackages;
  maxBytes: number;
}) {
  const { packages, maxBytes } = deps;
  const attestations = createAttestationStore(deps.db);

  /** Public: which attestations cover these bytes (by digest), with everything needed to check them. */
  async function verifyDigest(sha256: string) {
    return { sha256, ...(await packages(await attestations.covering(sha256))) };
  }

  /** Public: the same for a file, hashed as it streams in and never stored. */
  async function verifyStream(body: Readable) {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes)
        throw new AppError('payload_too_large', `the file exceeds the limit of ${maxBytes} bytes`);
      hash.update(chunk as Buffer);
    }
    return verifyDigest(hash.digest('hex'));
  }

  return { verifyDigest, verifyStream };
}

export type VerificationService = ReturnType<typeof createVerificationService>;
