// Whether a log's newer checkpoint extends an older one (RFC 9162 §2.1.4): what a monitor checks
// each time it looks, so that a log which rewrites or forks its history is caught.
import { bytesEqual, type Hash, verifyConsistency } from '@groundtruth/ledger';

export interface TreeHead {
  size: bigint;
  rootHash: Hash;
}

export type CheckpointRelation =
  | { ok: true; relation: 'unchanged' | 'grew from empty' | 'consistent' }
  | { ok: false; problem: 'shrank' | 'forked' | 'inconsistent' };

/** Whether going from `older` to `newer` needs a consistency proof (both non-empty, newer larger). */
export const needsConsistencyProof = (older: TreeHead, newer: TreeHead): boolean =>
  older.size > 0n && newer.size > older.size;

/**
 * Relates two tree heads of one log: the same size must have the same root; a larger one must
 * prove that it extends the smaller with `proof` (required when needsConsistencyProof says so).
 */
export function compareTreeHeads(older: TreeHead, newer: TreeHead, proof: Hash[] = []): CheckpointRelation {
  if (newer.size < older.size) return { ok: false, problem: 'shrank' };
  if (newer.size === older.size)
    return bytesEqual(older.rootHash, newer.rootHash)
      ? { ok: true, relation: 'unchanged' }
      : { ok: false, problem: 'forked' };
  if (older.size === 0n) return { ok: true, relation: 'grew from empty' };
  return verifyConsistency(older.size, newer.size, proof, older.rootHash, newer.rootHash)
    ? { ok: true, relation: 'consistent' }
    : { ok: false, problem: 'inconsistent' };
}
