// An entry's inclusion in a signed tree (RFC 9162 §2.1.3): the leaf hash is computed from the
// entry bytes the verifier holds, never taken from whoever sent them.
import { fromBase64, type Hash, rfc9162, verifyInclusion } from '@groundtruth/ledger';

export interface InclusionProof {
  treeSize: number;
  /** The proof's hashes, standard base64. */
  proof: string[];
}

/** What is wrong with the proof that entry `index` with bytes `data` is in `tree`; empty when it holds. */
export function inclusionFailures(
  index: number,
  data: Uint8Array,
  proof: InclusionProof,
  tree: { size: bigint; rootHash: Hash },
): string[] {
  if (BigInt(proof.treeSize) !== tree.size)
    return [`inclusion proof: made for tree size ${proof.treeSize}, the checkpoint is ${tree.size}`];
  const hashes = proof.proof.map((p) => fromBase64(p) ?? new Uint8Array());
  if (!verifyInclusion(BigInt(index), tree.size, rfc9162.hashLeaf(data), hashes, tree.rootHash))
    return [`inclusion proof: entry ${index} does not lead to the checkpoint's root`];
  return [];
}
