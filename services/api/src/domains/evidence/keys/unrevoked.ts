// A signature is checked before its write is queued, against the keys as they stand then; a revocation
// of its key may be sequenced before it all the same (both wait for the writer, the revocation first).
// The log would then hold, after a key's revocation, something signed with that key. So a write that
// records a signature checks its key once more where revocations are sequenced: in the writer's
// transaction, under its lock, after the entries before it were projected. A live check, not a
// projector's: a rebuild replays what the log holds and must not refuse it.
import type { Transaction } from '@groundtruth/db';
import { AppError } from '../../../errors.ts';

export interface SigningKeyRef {
  organisationId: string;
  kid: string;
}

/** A key was revoked between the check of a signature and the write that records it. */
export class KeyRevokedMeanwhile extends AppError {
  constructor(kid: string) {
    super('conflict', `key ${kid} was revoked before this could be recorded`);
  }
}

/** Refuses (409) if any of these keys is revoked as of this point of the writer's transaction. */
export async function requireKeysUnrevoked(tx: Transaction, keys: readonly SigningKeyRef[]): Promise<void> {
  if (keys.length === 0) return;
  const [revoked] = await tx.query<{ kid: string }>(
    `SELECT k.kid FROM organisation_keys k
       JOIN unnest($1::uuid[], $2::text[]) AS u(organisation_id, kid)
         ON k.organisation_id = u.organisation_id AND k.kid = u.kid
      WHERE k.revoked_entry IS NOT NULL
      LIMIT 1`,
    [keys.map((k) => k.organisationId), keys.map((k) => k.kid)],
  );
  if (revoked) throw new KeyRevokedMeanwhile(revoked.kid);
}
